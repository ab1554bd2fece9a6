// The reachability diff on two versions of the demo's policies: exactly the
// connections that changed, each with the reasons and the policies responsible.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  diffFails,
  diffReachability,
  parseManifests,
  renderDiffMarkdown,
  renderDiffText,
  sourceText,
  type ReachChange,
} from '../../src/predict/index.ts';
import type { Snapshot } from '../../src/policy/index.ts';

const DEMO = join(import.meta.dirname, '..', '..', 'examples', 'demo', 'manifests');
const HEAD_POLICIES = join(import.meta.dirname, 'fixtures', 'demo-head', '30-policies.yaml');

function tree(replace: Record<string, string> = {}): Snapshot {
  const files = readdirSync(DEMO)
    .sort()
    .map((name) => ({ path: name, text: readFileSync(replace[name] ?? join(DEMO, name), 'utf8') }));
  const loaded = parseManifests(files);
  expect(loaded.errors).toEqual([]);
  return loaded.snapshot;
}

const row = (c: ReachChange): string =>
  `${sourceText(c.source)} -> ${c.target.display}: ${c.before} -> ${c.after}`;

describe('diffReachability on the demo', () => {
  const base = tree();
  const head = tree({ '30-policies.yaml': HEAD_POLICIES });
  const diff = diffReachability(base, head);

  it('lists exactly the connections that changed', () => {
    // 3 workloads x (3 Service ports, DNS, one outside address)
    expect(diff.compared).toBe(15);
    expect(diff.opens.map(row)).toEqual([
      'dark-tower/backend (app=backend,serving=true) -> an address outside the cluster (203.0.113.10 port 443): denied -> allowed',
    ]);
    expect(diff.closes.map(row)).toEqual([
      'dark-tower/frontend (app=frontend,serving=true) -> Service dark-tower/backend port 8080: allowed -> denied',
      'data/postgres (app=postgres,serving=true) -> DNS (kube-dns, UDP port 53): allowed -> denied',
    ]);
    expect(diff.uncertain).toEqual([]);
  });

  it('names the changed policies responsible for each, and why on each side', () => {
    const [opened] = diff.opens;
    expect(opened?.policies).toEqual([
      { name: 'NetworkPolicy dark-tower/backend-egress-to-internet', change: 'added' },
    ]);
    expect(opened?.now).toContain('allowed by dark-tower/backend-egress-to-internet egress rule #1');
    expect(opened?.was).toBe(
      'egress from dark-tower/backend is isolated by default-deny, allow-dns, backend-egress-to-postgres (no egress rule allows 203.0.113.10 (no pod or Service in the manifests has this IP))',
    );
    const [frontend, postgres] = diff.closes;
    expect(frontend?.policies).toEqual([
      { name: 'NetworkPolicy dark-tower/frontend-egress-to-backend', change: 'removed' },
    ]);
    expect(postgres?.policies).toEqual([{ name: 'NetworkPolicy data/allow-dns', change: 'removed' }]);
    expect(diff.policies.map((p) => `${p.name} ${p.change}`)).toEqual([
      'NetworkPolicy dark-tower/backend-egress-to-internet added',
      'NetworkPolicy dark-tower/frontend-egress-to-backend removed',
      'NetworkPolicy data/allow-dns removed',
    ]);
  });

  it('finds nothing between a tree and itself, and gates as asked', () => {
    const same = diffReachability(base, tree());
    expect([same.opens, same.closes, same.uncertain, same.policies]).toEqual([[], [], [], []]);
    expect(renderDiffText(same)).toMatch(
      /^no connection changes\n\n0 connections open, 0 close \(15 compared\)$/,
    );
    expect(['opens', 'closes', 'changes', 'never'].map((f) => diffFails(diff, f as never))).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(diffFails(same, 'changes')).toBe(false);
  });

  it('reads as a job summary with one table per kind of change', () => {
    const md = renderDiffMarkdown(diff);
    expect(md).toContain('**1 connection opens, 2 close (15 compared)**');
    expect(md).toContain('### Opens (1)');
    expect(md).toContain('### Closes (2)');
    expect(md).toContain('| NetworkPolicy data/allow-dns (removed) |');
  });

  it('counts a workload only one side has instead of comparing it', () => {
    const extra = parseManifests([
      {
        path: 'extra.yaml',
        text: `apiVersion: v1
kind: Pod
metadata: { name: debug, namespace: data, labels: { app: debug } }
spec: { containers: [{ name: d, image: busybox:1.36 }] }`,
      },
    ]).snapshot;
    const grown = { ...head, pods: [...head.pods, ...extra.pods] };
    const d = diffReachability(base, grown);
    expect(d.onlyHead).toEqual({ sources: 1, targets: 0 });
    expect(d.compared).toBe(15);
    expect(renderDiffText(d)).toContain('only in the head: 1 workload(s) and 0 target(s), not compared');
  });

  it('names the policies of kinds it does not model instead of diffing them', () => {
    const cilium = parseManifests([
      {
        path: 'cilium.yaml',
        text: `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: { name: l7, namespace: data }
spec: { endpointSelector: {} }`,
      },
    ]).snapshot;
    const d = diffReachability(base, { ...base, unmodelled: cilium.unmodelled ?? [] });
    expect([d.opens, d.closes]).toEqual([[], []]);
    expect(d.policies).toEqual([{ name: 'CiliumNetworkPolicy data/l7 (not modelled)', change: 'added' }]);
    expect(d.notModelled).toEqual(['1 CiliumNetworkPolicy in data']);
    expect(renderDiffText(d)).toContain('not modelled, so not in this diff: 1 CiliumNetworkPolicy in data');
  });
});
