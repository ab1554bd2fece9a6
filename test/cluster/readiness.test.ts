// The double's kubelet readiness (readiness gates, readiness probes), owner references
// kept as given, and the workload kinds a canary's labels may collide with, through
// the real kubectl.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from './server.ts';
import { kubectlFor, type Kubectl } from './kubectl.ts';
import type { Obj } from './store.ts';
import { SELECTING_KINDS } from '../../src/cluster/label-collisions.ts';

const pod = (name: string, spec: Obj = {}, metadata: Obj = {}): Obj => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', labels: { app: name }, ...metadata },
  spec: { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'] }], ...spec },
});

const cond = (p: Obj | undefined, type: string): Obj | undefined =>
  (p?.status?.conditions ?? []).find((c: Obj) => c.type === type);

describe('readiness as the kubelet computes it', () => {
  let cluster: Cluster;
  let k: Kubectl;
  beforeAll(async () => {
    cluster = await startCluster({ podStartDelayMs: 10 });
    k = kubectlFor(cluster);
  });
  afterAll(() => cluster.close());

  it('a readiness gate nobody sets: containers ready, the pod not Ready, in the kubelet words', async () => {
    const gate = 'netpol-canary.io/never-ready';
    const r = await k(['create', '-f', '-'], {
      stdin: JSON.stringify(pod('gated', { readinessGates: [{ conditionType: gate }] })),
    });
    expect(r.stderr).toBe('');
    const p = await cluster.waitFor(() => {
      const x = cluster.pod('default', 'gated');
      return x?.status.phase === 'Running' ? x : undefined;
    });
    expect(p.spec.readinessGates).toEqual([{ conditionType: gate }]);
    expect(p.status.containerStatuses[0].ready).toBe(true);
    expect(cond(p, 'ContainersReady')?.status).toBe('True');
    expect(cond(p, 'Ready')).toMatchObject({
      status: 'False',
      reason: 'ReadinessGatesNotReady',
      message: `corresponding condition of pod readiness gate "${gate}" does not exist.`,
    });
    // kubectl shows it as 1/1 containers ready but counts the gate as not ready
    const wide = await k(['get', 'pod', 'gated', '-o', 'wide']);
    expect(wide.stdout).toMatch(/gated\s+1\/1\s+Running.*\s0\/1\s*$/m);

    // a controller that sets the gate's condition makes the pod Ready
    const patch = JSON.stringify({ status: { conditions: [{ type: gate, status: 'True' }] } });
    const set = await k(['patch', 'pod', 'gated', '--subresource=status', '--type=strategic', '-p', patch]);
    expect(set.stderr).toBe('');
    await cluster.waitFor(() => cond(cluster.pod('default', 'gated'), 'Ready')?.status === 'True');
    // and False again takes it out
    const unset = JSON.stringify({ status: { conditions: [{ type: gate, status: 'False' }] } });
    await k(['patch', 'pod', 'gated', '--subresource=status', '--type=strategic', '-p', unset]);
    const back = await cluster.waitFor(() => {
      const c = cond(cluster.pod('default', 'gated'), 'Ready');
      return c?.status === 'False' ? c : undefined;
    });
    expect(back.message).toBe(`the status of pod readiness gate "${gate}" is not "True", but False`);
  });

  it('EndpointSlices list a never-Ready pod as not ready, unless the Service publishes not-ready addresses', async () => {
    const gate = 'netpol-canary.io/never-ready';
    cluster.createPod(pod('shy', { readinessGates: [{ conditionType: gate }] }, { labels: { app: 'shop' } }));
    cluster.createPod(pod('plain', {}, { labels: { app: 'shop' } }));
    const svc = (name: string, spec: Obj = {}): Obj => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace: 'default' },
      spec: { selector: { app: 'shop' }, ports: [{ port: 80, targetPort: 8080 }], ...spec },
    });
    cluster.create('services', svc('shop'));
    cluster.create('services', svc('shop-peers', { clusterIP: 'None', publishNotReadyAddresses: true }));
    const conditionsIn = async (service: string): Promise<Record<string, Obj>> => {
      const r = await k([
        'get',
        'endpointslices',
        '-l',
        `kubernetes.io/service-name=${service}`,
        '-o',
        'json',
      ]);
      expect(r.stderr).toBe('');
      const items = (JSON.parse(r.stdout) as Obj).items as Obj[];
      expect(items).toHaveLength(1);
      expect(items[0]?.ports).toEqual([{ name: '', port: 8080, protocol: 'TCP' }]);
      return Object.fromEntries((items[0]?.endpoints as Obj[]).map((e) => [e.targetRef.name, e.conditions]));
    };
    await cluster.waitFor(
      () =>
        cluster.list('endpointslices', 'default').filter((s) => (s.endpoints ?? []).length === 2).length ===
        2,
    );
    expect(await conditionsIn('shop')).toEqual({
      shy: { ready: false, serving: false, terminating: false },
      plain: { ready: true, serving: true, terminating: false },
    });
    expect(await conditionsIn('shop-peers')).toEqual({
      shy: { ready: true, serving: false, terminating: false },
      plain: { ready: true, serving: true, terminating: false },
    });
    // a Service that goes takes its slice with it
    cluster.delete('services', 'default', 'shop-peers');
    await cluster.waitFor(() => cluster.list('endpointslices', 'default').length === 1);
    expect(cluster.list('endpointslices', 'default')[0]?.metadata.ownerReferences[0]).toMatchObject({
      kind: 'Service',
      name: 'shop',
      controller: true,
    });
  });

  it('a ReplicaSet adopts the orphans its selector matches, never a pod another controls, and trims the unready first', async () => {
    const ns = cluster.namespace('default')!;
    const byNamespace = [
      { apiVersion: 'v1', kind: 'Namespace', name: 'default', uid: ns.metadata.uid, controller: true },
    ];
    cluster.createPod(pod('web-a', {}, { labels: { app: 'web' } }));
    await cluster.waitFor(() => cluster.pod('default', 'web-a')?.status.phase === 'Running');
    cluster.createPod(
      pod(
        'canaryish',
        { readinessGates: [{ conditionType: 'netpol-canary.io/never-ready' }] },
        {
          labels: { app: 'web' },
          ownerReferences: byNamespace,
        },
      ),
    );
    const rs = cluster.create('replicasets', {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } } },
      },
    });
    const adopted = await cluster.waitFor(() => {
      const p = cluster.pod('default', 'web-a');
      return p?.metadata.ownerReferences ? p : undefined;
    });
    expect(adopted.metadata.ownerReferences).toEqual([
      {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        name: 'web',
        uid: rs.metadata.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    // an orphan that is never Ready joins, and as the one too many it goes first
    cluster.createPod(
      pod(
        'web-b',
        { readinessGates: [{ conditionType: 'netpol-canary.io/never-ready' }] },
        { labels: { app: 'web' } },
      ),
    );
    await cluster.waitFor(() => !cluster.pod('default', 'web-b'));
    expect(cluster.pod('default', 'web-a')).toBeDefined();
    // the pod that names its namespace as controller was neither adopted nor counted
    await new Promise((r) => setTimeout(r, 100));
    expect(cluster.pod('default', 'canaryish')?.metadata.ownerReferences).toEqual(byNamespace);
    cluster.delete('replicasets', 'default', 'web');
  });

  it('a readiness probe: not ready until it passes, then Ready', async () => {
    let passing = false;
    cluster.options.readinessProbe = (p, container) =>
      p.metadata.name !== 'probed' || container !== 'c' || passing;
    const probed = pod('probed', {
      containers: [
        {
          name: 'c',
          image: 'busybox:1.36',
          command: ['sleep', '3600'],
          readinessProbe: { exec: { command: ['true'] }, initialDelaySeconds: 0, periodSeconds: 1 },
        },
      ],
    });
    cluster.createPod(probed);
    const running = await cluster.waitFor(() => {
      const x = cluster.pod('default', 'probed');
      return x?.status.phase === 'Running' ? x : undefined;
    });
    expect(running.status.containerStatuses[0].ready).toBe(false);
    expect(cond(running, 'ContainersReady')).toMatchObject({
      status: 'False',
      reason: 'ContainersNotReady',
      message: 'containers with unready status: [c]',
    });
    expect(cond(running, 'Ready')?.status).toBe('False');
    passing = true;
    const ready = await cluster.waitFor(() => {
      const x = cluster.pod('default', 'probed');
      return cond(x, 'Ready')?.status === 'True' ? x : undefined;
    }, 4000);
    expect(ready.status.containerStatuses[0].ready).toBe(true);
    expect(cond(ready, 'ContainersReady')?.status).toBe('True');
    cluster.options.readinessProbe = () => true;
  });

  it('keeps ownerReferences as given, collects what they leave ownerless, and serves the workload kinds', async () => {
    const ns = cluster.namespace('default')!;
    const owner = {
      apiVersion: 'v1',
      kind: 'Namespace',
      name: 'default',
      uid: ns.metadata.uid,
      controller: true,
    };
    const r = await k(['create', '-f', '-'], {
      stdin: JSON.stringify(pod('owned', {}, { ownerReferences: [owner] })),
    });
    expect(r.stderr).toBe('');
    expect(cluster.pod('default', 'owned')?.metadata.ownerReferences).toEqual([owner]);

    // the garbage collector: an owner by the right name but another uid is absent, and so
    // is the dependent soon after; an owner of a kind the double does not know is left alone
    const wrong = { ...owner, uid: '00000000-0000-4000-8000-00000000dead' };
    const widget = { apiVersion: 'example.com/v1', kind: 'Widget', name: 'w', uid: wrong.uid };
    cluster.createPod(pod('orphaned', {}, { ownerReferences: [wrong] }));
    cluster.createPod(pod('widgets', {}, { ownerReferences: [widget] }));
    await cluster.waitFor(() => !cluster.pod('default', 'orphaned'));
    await new Promise((r) => setTimeout(r, 100));
    expect(cluster.pod('default', 'owned')).toBeDefined();
    expect(cluster.pod('default', 'widgets')).toBeDefined();

    cluster.create('deployments', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } } } },
    });
    cluster.create('poddisruptionbudgets', {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'web', namespace: 'default' },
      spec: { maxUnavailable: 1, selector: { matchLabels: { app: 'web' } } },
    });
    // what the run asks for in one call (label-collisions.ts)
    const all = SELECTING_KINDS.join(',');
    const got = await k(['get', all, '-n', 'default', '-o', 'json']);
    expect(got.stderr).toBe('');
    const kinds = (JSON.parse(got.stdout) as Obj).items.map((i: Obj) => `${i.kind}/${i.metadata.name}`);
    expect(kinds).toEqual(expect.arrayContaining(['Deployment/web', 'PodDisruptionBudget/web']));

    // a read the identity lacks: kubectl names it and still prints what it could read
    const remove = cluster.denyRbac({ verb: 'list', resource: 'deployments', group: 'apps' });
    const partial = await k(['get', all, '-n', 'default', '-o', 'json']);
    remove();
    expect(partial.code).toBe(1);
    expect(partial.stderr).toContain('deployments.apps is forbidden');
    const left = (JSON.parse(partial.stdout) as Obj).items.map((i: Obj) => i.kind);
    expect(left).toContain('PodDisruptionBudget');
    expect(left).not.toContain('Deployment');
  });
});
