// The model against the truth tables of the Kubernetes NetworkPolicy e2e suite
// (and our own cases): every cell of every table, from pod to pod.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/policy/index.ts';
import type { ContainerPort, NetworkPolicy, Protocol, Snapshot } from '../../src/policy/index.ts';
import type { Labels } from '../../src/core/types.ts';

const DIR = join(import.meta.dirname, 'conformance');

interface World {
  namespaces: { name: string; labels: Labels }[];
  pods: {
    namespace: string;
    name: string;
    labels: Labels;
    ipv4: string;
    ipv6: string;
    ports: ContainerPort[];
  }[];
}

interface Case {
  case: string;
  source: string;
  ipFamily?: 'IPv4' | 'IPv6' | 'none';
  namespaceLabels?: Record<string, Labels>;
  podLabels?: Record<string, Labels>;
  policies: NetworkPolicy[];
  probes: { port: number; protocol: Protocol; expected: string }[];
}

const world = parse(readFileSync(join(DIR, 'world.yaml'), 'utf8')) as World;
const files = readdirSync(join(DIR, 'cases'))
  .filter((f) => f.endsWith('.yaml'))
  .sort();
const cases = files.map((file) => ({
  file,
  data: parse(readFileSync(join(DIR, 'cases', file), 'utf8')) as Case,
}));
const PODS = world.pods.map((p) => `${p.namespace}/${p.name}`);

function snapshotFor(c: Case): Snapshot {
  return {
    namespaces: world.namespaces.map((n) => ({
      name: n.name,
      labels: { ...n.labels, ...c.namespaceLabels?.[n.name] },
    })),
    pods: world.pods.map((p) => ({
      namespace: p.namespace,
      name: p.name,
      labels: { ...p.labels, ...c.podLabels?.[`${p.namespace}/${p.name}`] },
      ip: c.ipFamily === 'none' ? undefined : c.ipFamily === 'IPv6' ? p.ipv6 : p.ipv4,
      ports: p.ports,
    })),
    services: [],
    policies: c.policies,
  };
}

/** rows are sources, columns destinations: `.` connected, `X` not, `?` cannot tell */
function parseTable(text: string): string[][] {
  const rows = text
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/));
  const header = rows[0]?.slice(1) ?? [];
  expect(header).toEqual(PODS);
  return rows.slice(1).map((r, i) => {
    expect(r[0]).toBe(PODS[i]);
    return r.slice(1);
  });
}

function formatTable(cells: string[][]): string {
  const line = (items: string[]): string =>
    items
      .map((c) => c.padEnd(4))
      .join(' ')
      .trimEnd();
  return [line(['-', ...PODS]), ...cells.map((row, i) => line([PODS[i] as string, ...row]))].join('\n');
}

const MARK = { allowed: '.', denied: 'X', unknown: '?' } as const;

describe('conformance truth tables', () => {
  it('has the cases the README promises', () => {
    const e2e = cases.filter((c) => c.data.source.startsWith('kubernetes/kubernetes'));
    expect(e2e.length).toBeGreaterThanOrEqual(30);
    expect(cases.length - e2e.length).toBeGreaterThanOrEqual(10);
  });

  it.each(cases)('$file', ({ data }) => {
    const snapshot = snapshotFor(data);
    for (const probe of data.probes) {
      const expected = parseTable(probe.expected);
      const actual = PODS.map((from) => {
        const src = snapshot.pods.find((p) => `${p.namespace}/${p.name}` === from);
        if (!src) throw new Error(`no pod ${from}`);
        return PODS.map((to) => {
          const [namespace, name] = to.split('/') as [string, string];
          const e = evaluate(
            snapshot,
            { namespace: src.namespace, name: src.name, labels: src.labels, ip: src.ip },
            { kind: 'pod', namespace, name, port: probe.port, protocol: probe.protocol },
          );
          return MARK[e.decision];
        });
      });
      const want = formatTable(expected);
      const got = formatTable(actual);
      // both tables in full, whatever the diff shows
      expect(
        got,
        `${data.case}, port ${probe.port}/${probe.protocol}\nexpected:\n${want}\nactual:\n${got}\n`,
      ).toBe(want);
    }
  });
});
