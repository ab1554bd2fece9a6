// Which objects select a canary, as the API server and the controllers match selectors,
// and what the warning says: pure, on objects as `kubectl get … -o json` prints them.
import { describe, expect, it } from 'vitest';
import { collisionWarnings, type NamespaceRead } from '../../src/cluster/label-collisions.ts';
import type { CanaryGroup, TestCase } from '../../src/core/types.ts';

const test = (name: string): TestCase => ({ name }) as TestCase;

const group = (labels: Record<string, string>, names: string[], node?: string): CanaryGroup => ({
  key: `${JSON.stringify(labels)}${node ?? ''}`,
  namespace: 'shop',
  labels,
  tests: names.map(test),
  ...(node ? { node } : {}),
});

const read = (items: object[], extra: Partial<NamespaceRead> = {}): NamespaceRead => ({
  namespace: 'shop',
  items,
  forbidden: [],
  ...extra,
});

const svc = (name: string, selector: object | undefined, spec: object = {}): object => ({
  kind: 'Service',
  metadata: { name, namespace: 'shop' },
  spec: { ...(selector ? { selector } : {}), ...spec },
});

const workload = (kind: string, name: string, selector: object | null, spec: object = {}): object => ({
  kind,
  metadata: { name, namespace: 'shop' },
  spec: { selector, ...spec },
});

describe('label collisions', () => {
  const web = group({ app: 'web', tier: 'front' }, ['web to db']);

  it('a Service selects by a plain map, a subset of the canary labels; an empty selector selects nothing', () => {
    const out = collisionWarnings(
      [
        read([
          svc('web', { app: 'web' }),
          svc('both', { app: 'web', tier: 'front' }),
          svc('other', { app: 'api' }),
          svc('manual', undefined),
          svc('empty', {}),
        ]),
      ],
      [web],
      'r1',
    );
    expect(out.map((w) => w.split(' selects')[0])).toEqual(['Service shop/web', 'Service shop/both']);
    expect(out[0]).toContain('the canary of test "web to db" (labels app=web,tier=front) with app=web');
  });

  it('controllers match matchLabels and matchExpressions; the ownership labels count too', () => {
    const out = collisionWarnings(
      [
        read([
          workload('ReplicaSet', 'bare', { matchLabels: { app: 'web' } }),
          workload('DaemonSet', 'agents', {
            matchExpressions: [{ key: 'tier', operator: 'In', values: ['front', 'back'] }],
          }),
          workload('StatefulSet', 'db', {
            matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }],
          }),
          workload('Job', 'managed', {
            matchLabels: { 'app.kubernetes.io/managed-by': 'netpol-canary' },
          }),
          workload('Deployment', 'other', { matchLabels: { app: 'api' } }),
        ]),
      ],
      [web],
      'r1',
    );
    expect(out.map((w) => w.split(' has a selector')[0])).toEqual([
      'ReplicaSet shop/bare',
      'DaemonSet shop/agents',
      'Job shop/managed',
    ]);
    expect(out[1]).toContain('(tier in (front, back))');
    expect(out[0]).toMatch(/is not adopted \(its controller is its namespace\)/);
  });

  it('a budget warns only when it needs its pods’ controllers (maxUnavailable or a percentage)', () => {
    const out = collisionWarnings(
      [
        read([
          workload('PodDisruptionBudget', 'max', { matchLabels: { app: 'web' } }, { maxUnavailable: 1 }),
          workload('PodDisruptionBudget', 'pct', { matchLabels: { app: 'web' } }, { minAvailable: '50%' }),
          workload('PodDisruptionBudget', 'int', { matchLabels: { app: 'web' } }, { minAvailable: 2 }),
          // policy/v1: an empty selector selects every pod of the namespace
          workload('PodDisruptionBudget', 'all', {}, { maxUnavailable: '10%' }),
          workload('PodDisruptionBudget', 'none', null, { maxUnavailable: 1 }),
        ]),
      ],
      [web],
      'r1',
    );
    expect(out.map((w) => w.split(' selects')[0])).toEqual([
      'PodDisruptionBudget shop/max',
      'PodDisruptionBudget shop/pct',
      'PodDisruptionBudget shop/all',
    ]);
    expect(out[2]).toContain('with {}');
  });

  it('one warning per object and labels, naming every test of those labels (canaries split by node)', () => {
    const groups = [group({ app: 'web' }, ['a', 'b'], 'node-1'), group({ app: 'web' }, ['c'], 'node-2')];
    const out = collisionWarnings([read([svc('web', { app: 'web' })])], groups, 'r1');
    expect(out).toHaveLength(1);
    expect(out[0]).toContain('the canary of tests "a", "b", "c" (labels app=web)');
  });

  it('a Service that publishes not-ready addresses says the canary can be reached', () => {
    const out = collisionWarnings(
      [read([svc('peers', { app: 'web' }, { clusterIP: 'None', publishNotReadyAddresses: true })])],
      [web],
      'r1',
    );
    expect(out[0]).toMatch(/publishes not-ready addresses: while the canary runs, the Service's clients/);
  });

  it('what could not be read is one warning for all namespaces, and what was read is still checked', () => {
    const out = collisionWarnings(
      [
        read([svc('web', { app: 'web' })], { forbidden: ['deployments.apps', 'jobs.batch'] }),
        { namespace: 'data', items: [], forbidden: [], error: 'Reading …: did not finish in time' },
      ],
      [web],
      'r1',
    );
    expect(out).toHaveLength(2);
    expect(out[0]).toMatch(/^Service shop\/web selects/);
    expect(out[1]).toBe(
      "Could not check whether a canary's labels match the selector of a Service, a workload or a PodDisruptionBudget in shop (may not list deployments.apps, jobs.batch); data (Reading …: did not finish in time). Grant list on services, deployments.apps, replicasets.apps, statefulsets.apps, daemonsets.apps, jobs.batch, poddisruptionbudgets.policy there (examples/rbac.yaml) to have the run check; the run went on.",
    );
    expect(out.join('\n')).not.toMatch(/undefined|\[object Object\]/);
  });
});
