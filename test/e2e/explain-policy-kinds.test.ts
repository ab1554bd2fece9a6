// explainResults in a cluster that layers its policies: an admin-tier
// ClusterNetworkPolicy the model walks, and CiliumNetworkPolicies it only names.
// Real kubectl against the API double, which serves those CRDs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { explainResults } from '../../src/cluster/explain-run.ts';
import { createKubectl, type Kubectl } from '../../src/cluster/kubectl.ts';
import { parseTarget } from '../../src/matrix/target.ts';
import type { Expect, Actual, TestCase, TestResult } from '../../src/core/types.ts';
import { kubectlPath } from '../cluster/kubectl.ts';
import { startCluster, type Cluster } from '../cluster/server.ts';

const RUN = 'e2e-kinds-1';
let cluster: Cluster;
let cacheDir: string;
const savedCacheDir = process.env.KUBECACHEDIR;

beforeAll(async () => {
  cacheDir = mkdtempSync(join(tmpdir(), 'netpol-kinds-cache-'));
  process.env.KUBECACHEDIR = cacheDir;
  cluster = await startCluster({ podStartDelayMs: 0 });
  cluster.createNamespace('dark-tower');
  cluster.createNamespace('village');
  cluster.createNamespace('data');
  cluster.createPod({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'backend', namespace: 'dark-tower', labels: { app: 'backend' } },
    spec: { containers: [{ name: 'main', image: 'busybox:1.36', ports: [{ containerPort: 8080 }] }] },
  });
  cluster.create('services', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'backend', namespace: 'dark-tower' },
    spec: { selector: { app: 'backend' }, ports: [{ port: 80, targetPort: 8080 }] },
  });
  cluster.create('clusternetworkpolicies', {
    apiVersion: 'policy.networking.k8s.io/v1alpha2',
    kind: 'ClusterNetworkPolicy',
    metadata: { name: 'deny-all-egress' },
    spec: {
      tier: 'Admin',
      priority: 10,
      subject: { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'data' } } },
      egress: [{ name: 'everything', action: 'Deny', to: [{ networks: ['0.0.0.0/0', '::/0'] }] }],
    },
  });
  for (const name of ['l7-rules', 'dns-visibility']) {
    cluster.create('ciliumnetworkpolicies', {
      apiVersion: 'cilium.io/v2',
      kind: 'CiliumNetworkPolicy',
      metadata: { name, namespace: 'dark-tower' },
      spec: { endpointSelector: {}, ingress: [{ fromEndpoints: [{}] }] },
    });
  }
  // a namespace whose egress to the nodes an admin policy denies
  cluster.createNamespace('edge');
  cluster.create('clusternetworkpolicies', {
    apiVersion: 'policy.networking.k8s.io/v1alpha2',
    kind: 'ClusterNetworkPolicy',
    metadata: { name: 'no-kubelet' },
    spec: {
      tier: 'Admin',
      priority: 5,
      subject: { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'edge' } } },
      egress: [{ name: 'nodes', action: 'Deny', to: [{ nodes: {} }] }],
    },
  });
  while (cluster.pod('dark-tower', 'backend')?.status?.phase !== 'Running') {
    await new Promise((r) => setTimeout(r, 10));
  }
});

afterAll(async () => {
  await cluster?.close();
  if (savedCacheDir === undefined) delete process.env.KUBECACHEDIR;
  else process.env.KUBECACHEDIR = savedCacheDir;
  if (cacheDir) rmSync(cacheDir, { recursive: true, force: true });
});

let k: Kubectl;
beforeEach(() => {
  cluster.resetAudit();
  k = createKubectl({ binary: kubectlPath(), kubeconfig: cluster.kubeconfigPath, concurrency: 4 });
});
afterEach(() => cluster.clearRbac());

function failed(
  from: string,
  expect: Expect,
  actual: Actual,
  to = 'tcp://backend.dark-tower.svc:80',
): { tests: TestCase[]; results: TestResult[] } {
  const target = parseTarget(to);
  if (!target.ok) throw new Error(target.errors.join('; '));
  const labels = { app: 'reports' };
  return {
    tests: [{ index: 0, name: `${from} to backend`, from, labels, to, target: target.value, expect }],
    results: [
      {
        name: `${from} to backend`,
        from,
        labels,
        to,
        expect,
        actual,
        verdict: 'fail',
        detail: `probe said ${actual}`,
        attempts: 1,
        durationMs: 5,
      },
    ],
  };
}

let used: { namespace: string; name: string; kind?: string }[] = [];

async function explanation(from: string, expect: Expect, actual: Actual, to?: string): Promise<string> {
  const { tests, results } = failed(from, expect, actual, to);
  used = [];
  const [r] = await explainResults(k, tests, results, { run: RUN, onPolicies: (_, p) => (used = p) });
  return r?.explanation ?? '';
}

describe('explanations in a cluster with admin-tier and Cilium policies', () => {
  it('walks the admin tier, and names the Cilium policies it does not model', async () => {
    expect(await explanation('data', 'allow', 'blocked')).toBe(
      'allow expected but blocked: admin tier: ClusterNetworkPolicy deny-all-egress (priority 10) egress rule #1 ' +
        '"everything" (to networks 0.0.0.0/0, ::/0) denies egress from a pod in data with app=reports; ' +
        'NetworkPolicy tier not reached; 2 CiliumNetworkPolicies in dark-tower are not modelled: ' +
        'this explanation may be incomplete',
    );
    // the report's evidence: the admin-tier policy that decided, cluster-scoped
    expect(used).toEqual([{ namespace: '', name: 'deny-all-egress', kind: 'ClusterNetworkPolicy' }]);
    expect(cluster.mutations()).toEqual([]);
    const verbs = new Set(cluster.audit.filter((e) => e.verb !== 'discovery').map((e) => e.verb));
    expect([...verbs].sort()).toEqual(['get', 'list']);
  });

  it('when the model and the probe disagree, suspects the unmodelled policies, not the CNI', async () => {
    const text = await explanation('village', 'allow', 'blocked');
    expect(text).toBe(
      'the policies in the cluster allow this, yet the connection timed out: the model and the probe disagree, ' +
        'and 2 CiliumNetworkPolicies in dark-tower are not modelled: they may be what decides this; ' +
        'is DNS egress allowed?',
    );
    expect(text).not.toMatch(/CNI/);
  });

  it('names a kind it may not list, per namespace, instead of guessing', async () => {
    cluster.denyRbac({ verb: 'list', resource: 'ciliumnetworkpolicies' });
    const text = await explanation('village', 'allow', 'blocked');
    expect(text).toBe(
      'the policies in the cluster allow this, yet the connection timed out: the model and the probe disagree, ' +
        'and CiliumNetworkPolicies in village (this run may not list them) and CiliumNetworkPolicies in ' +
        'dark-tower (this run may not list them) are not modelled: they may be what decides this; ' +
        'is DNS egress allowed?',
    );
  });

  it('says the admin tier could not be read when ClusterNetworkPolicies may not be listed', async () => {
    cluster.denyRbac({ verb: 'list', resource: 'clusternetworkpolicies' });
    const text = await explanation('data', 'allow', 'blocked');
    expect(text).toMatch(
      /^the policies in the cluster allow this, yet the connection timed out: the model and the probe disagree, and 2 CiliumNetworkPolicies in dark-tower and ClusterNetworkPolicies \(this run may not list them\) are not modelled/,
    );
    expect(text).not.toMatch(/CNI/);
  });

  it('reads the nodes for a nodes peer, and cannot tell when it may not list them', async () => {
    const kubelet = 'tcp://172.18.0.2:10250';
    expect(await explanation('edge', 'deny', 'allowed', kubelet)).toBe(
      'the policies in the cluster deny this (admin tier: ClusterNetworkPolicy no-kubelet (priority 5) egress rule #1 ' +
        '"nodes" (to nodes {} (all)) denies egress from a pod in edge with app=reports; NetworkPolicy tier not reached), ' +
        'yet the connection succeeded: does the CNI implement ClusterNetworkPolicy / AdminNetworkPolicy (policy.networking.k8s.io)?',
    );
    expect(cluster.audit.some((e) => e.resource === 'nodes' && e.verb === 'list')).toBe(true);
    cluster.denyRbac({ verb: 'list', resource: 'nodes' });
    expect(await explanation('edge', 'deny', 'allowed', kubelet)).toMatch(
      /^the policies in the cluster cannot decide this: admin tier: cannot tell whether it applies to egress from a pod in edge with app=reports: .*which nodes have the labels \{\} is not known from the cluster$/,
    );
  });
});
