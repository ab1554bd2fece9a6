// The model against the network-policy-api project's own conformance tests for
// ClusterNetworkPolicy (Admin and Baseline tiers): every probe of every step, with
// the policies read from YAML through parseManifests, as predict reads them.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/policy/index.ts';
import type { ContainerPort, NodeInfo, Protocol, Snapshot } from '../../src/policy/index.ts';
import { parseManifests } from '../../src/predict/index.ts';
import type { Labels } from '../../src/core/types.ts';

const DIR = join(import.meta.dirname, 'admin-conformance');

interface World {
  namespaces: { name: string; labels: Labels }[];
  nodes: NodeInfo[];
  pods: {
    namespace: string;
    name: string;
    labels: Labels;
    ip: string;
    hostNetwork?: boolean;
    ports: ContainerPort[];
  }[];
}

type Obj = Record<string, unknown>;

/** What the suite changes between two checks; the changes stay for the later steps, as in the suite. */
type Change =
  | { swap: { object: string; list: string; items: [number, number] } }
  | { set: { object: string; path: string; value: unknown } }
  | { prepend: { object: string; list: string; value: unknown } }
  | { delete: { object: string } }
  | { namespaceLabels: { namespace: string; labels: Labels } };

interface Probe {
  from: string;
  to: string;
  port: number;
  protocol: Protocol;
  connected: boolean;
}

interface Case {
  case: string;
  source: string;
  policies: Obj[];
  steps: { name: string; changes?: Change[]; probes: Probe[] }[];
}

const world = parse(readFileSync(join(DIR, 'world.yaml'), 'utf8')) as World;
const cases = readdirSync(join(DIR, 'cases'))
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((file) => ({ file, data: parse(readFileSync(join(DIR, 'cases', file), 'utf8')) as Case }));

/** "ClusterNetworkPolicy/name" or "NetworkPolicy/namespace/name" */
function find(objects: Obj[], ref: string): Obj {
  const [kind, ...rest] = ref.split('/');
  const name = rest[rest.length - 1];
  const namespace = rest.length > 1 ? rest[0] : undefined;
  const found = objects.find((o) => {
    const meta = o.metadata as { name?: string; namespace?: string };
    return o.kind === kind && meta.name === name && (namespace === undefined || meta.namespace === namespace);
  });
  if (!found) throw new Error(`the case changes ${ref}, which it does not define`);
  return found;
}

function at(obj: Obj, path: string): { parent: Obj | unknown[]; key: string | number } {
  const keys = path.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k));
  let cur: unknown = obj;
  for (const key of keys.slice(0, -1)) cur = (cur as Record<string | number, unknown>)[key];
  return { parent: cur as Obj, key: keys[keys.length - 1] as string | number };
}

function apply(change: Change, objects: Obj[], nsLabels: Map<string, Labels>): Obj[] {
  if ('swap' in change) {
    const list = at(find(objects, change.swap.object), change.swap.list);
    const items = (list.parent as Record<string | number, unknown[]>)[list.key] as unknown[];
    const [i, j] = change.swap.items;
    [items[i], items[j]] = [items[j], items[i]];
  } else if ('set' in change) {
    const { parent, key } = at(find(objects, change.set.object), change.set.path);
    (parent as Record<string | number, unknown>)[key] = change.set.value;
  } else if ('prepend' in change) {
    const list = at(find(objects, change.prepend.object), change.prepend.list);
    const items = (list.parent as Record<string | number, unknown[]>)[list.key] as unknown[];
    items.unshift(change.prepend.value);
  } else if ('delete' in change) {
    const gone = find(objects, change.delete.object);
    return objects.filter((o) => o !== gone);
  } else {
    nsLabels.set(change.namespaceLabels.namespace, change.namespaceLabels.labels);
  }
  return objects;
}

function snapshotOf(file: string, objects: Obj[], nsLabels: Map<string, Labels>): Snapshot {
  const loaded = parseManifests([{ path: file, text: JSON.stringify({ kind: 'List', items: objects }) }]);
  expect(loaded.errors).toEqual([]);
  expect(loaded.warnings).toEqual([]);
  return {
    ...loaded.snapshot,
    namespaces: world.namespaces.map((n) => ({ name: n.name, labels: nsLabels.get(n.name) ?? n.labels })),
    pods: world.pods.map((p) => ({ ...p })),
    nodes: world.nodes,
    where: 'the conformance world',
  };
}

describe('network-policy-api conformance (ClusterNetworkPolicy, Admin and Baseline tiers)', () => {
  it('has every conformance test of the suite, with probes both ways', () => {
    expect(cases).toHaveLength(48);
    const kinds = new Set(cases.flatMap((c) => c.data.policies.map((p) => p.kind)));
    expect(kinds).toEqual(
      new Set(['ClusterNetworkPolicy', 'AdminNetworkPolicy', 'BaselineAdminNetworkPolicy', 'NetworkPolicy']),
    );
    const probes = cases.flatMap((c) => c.data.steps.flatMap((s) => s.probes));
    expect(probes).toHaveLength(590);
    expect(new Set(probes.map((p) => p.connected))).toEqual(new Set([true, false]));
    expect(new Set(probes.map((p) => p.protocol))).toEqual(new Set(['TCP', 'UDP', 'SCTP']));
  });

  it.each(cases)('$file', ({ file, data }) => {
    let objects = structuredClone(data.policies);
    const nsLabels = new Map(world.namespaces.map((n) => [n.name, n.labels]));
    const wrong: string[] = [];
    for (const step of data.steps) {
      for (const change of step.changes ?? []) objects = apply(change, objects, nsLabels);
      const snapshot = snapshotOf(file, objects, nsLabels);
      for (const probe of step.probes) {
        const src = world.pods.find((p) => p.name === probe.from);
        const dst = world.pods.find((p) => p.name === probe.to);
        if (!src || !dst) throw new Error(`${file}: no pod ${src ? probe.to : probe.from} in world.yaml`);
        const e = evaluate(
          snapshot,
          { namespace: src.namespace, name: src.name, labels: src.labels, ip: src.ip },
          {
            kind: 'pod',
            namespace: dst.namespace,
            name: dst.name,
            port: probe.port,
            protocol: probe.protocol,
          },
        );
        const want = probe.connected ? 'allowed' : 'denied';
        if (e.decision !== want) {
          wrong.push(
            `${step.name}: ${probe.from} -> ${probe.to} ${probe.port}/${probe.protocol}: ` +
              `expected ${want}, the model says ${e.decision}: ${e.reason}`,
          );
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});
