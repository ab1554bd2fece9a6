// explainResults against the Kubernetes API double with the real kubectl: which
// policy decided each failure, read with a handful of read-only kubectl calls.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { explainResults } from '../../src/cluster/explain-run.ts';
import { createKubectl, type Kubectl } from '../../src/cluster/kubectl.ts';
import { ownershipLabels } from '../../src/core/ownership.ts';
import { parseTarget } from '../../src/matrix/target.ts';
import type { Labels, TestCase, TestResult } from '../../src/core/types.ts';
import { kubectlPath } from '../cluster/kubectl.ts';
import { startCluster, type Cluster } from '../cluster/server.ts';

const RUN = 'e2e-explain-1';

let cluster: Cluster;
let cacheDir: string;
const savedCacheDir = process.env.KUBECACHEDIR;

function pod(namespace: string, name: string, labels: Labels, ports: object[] = []): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels },
    spec: { containers: [{ name: 'main', image: 'busybox:1.36', ...(ports.length ? { ports } : {}) }] },
  };
}

function policy(namespace: string, name: string, spec: Record<string, unknown>): Record<string, unknown> {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec };
}

async function running(namespace: string, name: string): Promise<void> {
  while (cluster.pod(namespace, name)?.status?.phase !== 'Running')
    await new Promise((r) => setTimeout(r, 10));
}

beforeAll(async () => {
  cacheDir = mkdtempSync(join(tmpdir(), 'netpol-explain-cache-'));
  process.env.KUBECACHEDIR = cacheDir;
  cluster = await startCluster({ podStartDelayMs: 0 });
  cluster.createNamespace('dark-tower', { team: 'mordor' });
  cluster.createNamespace('village');
  cluster.createNamespace('canary-test-outsider');
  cluster.createPod(
    pod('dark-tower', 'backend', { app: 'backend' }, [{ name: 'http', containerPort: 8080 }]),
  );
  cluster.create('services', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'backend', namespace: 'dark-tower' },
    spec: { selector: { app: 'backend' }, ports: [{ name: 'web', port: 80, targetPort: 'http' }] },
  });
  cluster.create(
    'networkpolicies',
    policy('dark-tower', 'default-deny', { podSelector: {}, policyTypes: ['Ingress'] }),
  );
  cluster.create(
    'networkpolicies',
    policy('dark-tower', 'allow-frontend', {
      podSelector: { matchLabels: { app: 'backend' } },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [
            {
              namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'village' } },
              podSelector: { matchLabels: { app: 'frontend' } },
            },
          ],
          ports: [{ port: 8080 }],
        },
      ],
    }),
  );
  cluster.create(
    'networkpolicies',
    policy('canary-test-outsider', 'default-deny', { podSelector: {}, policyTypes: ['Egress'] }),
  );
  // this run's canary: a source, never a destination, even though app=backend selects it
  cluster.createPod(pod('village', 'canary-1a2b3c4d', { app: 'backend', ...ownershipLabels(RUN) }));
  await running('dark-tower', 'backend');
  await running('village', 'canary-1a2b3c4d');
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
afterEach(() => {
  cluster.clearRbac();
  cluster.clearFaults();
});

type Row = Pick<TestResult, 'name' | 'from' | 'labels' | 'to' | 'expect' | 'actual' | 'verdict'>;

function matrix(rows: Row[]): { tests: TestCase[]; results: TestResult[] } {
  const tests = rows.map((r, index): TestCase => {
    const target = parseTarget(r.to);
    if (!target.ok) throw new Error(target.errors.join('; '));
    return {
      index,
      name: r.name,
      from: r.from,
      labels: r.labels,
      to: r.to,
      target: target.value,
      expect: r.expect,
    };
  });
  const results = rows.map((r): TestResult => ({
    name: r.name,
    from: r.from,
    labels: r.labels,
    to: r.to,
    expect: r.expect,
    actual: r.actual,
    verdict: r.verdict,
    detail: `probe said ${r.actual}`,
    attempts: 1,
    durationMs: 5,
  }));
  return { tests, results };
}

const BACKEND = 'http://backend.dark-tower.svc.cluster.local';
const rows: Row[] = [
  {
    name: 'frontend reaches backend',
    from: 'village',
    labels: { app: 'frontend' },
    to: BACKEND,
    expect: 'allow',
    actual: 'allowed',
    verdict: 'pass',
  },
  {
    name: 'intruder is kept out',
    from: 'village',
    labels: { app: 'intruder' },
    to: BACKEND,
    expect: 'deny',
    actual: 'allowed',
    verdict: 'fail',
  },
  {
    name: 'frontend is kept out',
    from: 'village',
    labels: { app: 'frontend' },
    to: 'tcp://backend.dark-tower.svc:80',
    expect: 'deny',
    actual: 'allowed',
    verdict: 'fail',
  },
  {
    name: 'admin reaches backend',
    from: 'village',
    labels: { app: 'admin' },
    to: 'tcp://backend.dark-tower.svc:80',
    expect: 'allow',
    actual: 'blocked',
    verdict: 'fail',
  },
  {
    name: 'frontend reaches backend, the second time',
    from: 'village',
    labels: { app: 'frontend' },
    to: BACKEND,
    expect: 'allow',
    actual: 'blocked',
    verdict: 'fail',
  },
  {
    name: 'outsider reaches backend',
    from: 'canary-test-outsider',
    labels: {},
    to: BACKEND,
    expect: 'allow',
    actual: 'blocked',
    verdict: 'fail',
  },
  {
    name: 'never probed',
    from: 'village',
    labels: { app: 'frontend' },
    to: 'http://backend.dark-tower',
    expect: 'allow',
    actual: 'error',
    verdict: 'inconclusive',
  },
  {
    name: 'admin reaches the internet',
    from: 'village',
    labels: { app: 'admin' },
    to: 'https://example.com',
    expect: 'allow',
    actual: 'blocked',
    verdict: 'fail',
  },
];

describe('explainResults against a cluster', () => {
  it('explains every failure with the policy that decides it, reading only, one kubectl per namespace', async () => {
    const { tests, results } = matrix(rows);
    const explained = await explainResults(k, tests, results, { run: RUN });

    expect(explained[0]).toEqual(results[0]);
    // the policies deny it, the probe got through: the policies are not what failed
    expect(explained[1]?.explanation).toMatch(
      /^the policies in the cluster deny this \(ingress to dark-tower\/backend is isolated by allow-frontend, default-deny .*app=intruder.*is the CNI enforcing NetworkPolicy\?$/,
    );
    // through the Service's named targetPort "http" to the pod's 8080, which allow-frontend opens
    expect(explained[2]?.explanation).toBe(
      'deny expected but allowed: allowed by dark-tower/allow-frontend ingress rule #1 ' +
        '(from namespaceSelector kubernetes.io/metadata.name=village and podSelector app=frontend, 8080/TCP)',
    );
    expect(explained[3]?.explanation).toBe(
      'allow expected but blocked: ingress to dark-tower/backend is isolated by allow-frontend, default-deny ' +
        '(no ingress rule allows a pod in village with app=admin)',
    );
    expect(explained[4]?.explanation).toMatch(
      /^the policies in the cluster allow this, yet the connection timed out: /,
    );
    expect(explained[5]?.explanation).toBe(
      'allow expected but blocked: egress from a pod in canary-test-outsider is isolated by default-deny (no egress rule)',
    );
    // backend.dark-tower is read as a Service once namespace dark-tower is known to exist
    expect(explained[6]?.explanation).toMatch(
      /^the policies in the cluster allow this, yet the probe failed/,
    );
    // example.com is a name outside the cluster, not Service "example" in a namespace "com"
    expect(explained[7]?.explanation).toMatch(
      /^the policies in the cluster allow this, yet the connection timed out/,
    );
    // verdicts, and everything else a result says, are left alone
    expect(explained.map(({ explanation: _, ...r }) => r)).toEqual(results);

    expect(cluster.mutations()).toEqual([]);
    const verbs = new Set(cluster.audit.filter((e) => e.verb !== 'discovery').map((e) => e.verb));
    expect([...verbs].sort()).toEqual(['get', 'list']);
    // village, dark-tower, canary-test-outsider (not "com"), and the namespaces; then which
    // policy kinds the cluster serves (it has ClusterNetworkPolicy and Cilium's CRDs) and one
    // read of their objects across all namespaces
    expect(k.stats().spawned).toBe(1 + 3 + 2);
    expect(cluster.audit.filter((e) => e.namespace === 'com' && e.resource !== 'namespaces')).toEqual([]);
  });

  it('says which permission is missing, only for the tests that need it, and explains the rest', async () => {
    cluster.denyRbac({ verb: 'list', resource: 'networkpolicies', namespace: 'canary-test-outsider' });
    const { tests, results } = matrix(rows);
    const explained = await explainResults(k, tests, results, { run: RUN });
    expect(explained[5]?.explanation).toBe(
      'explanation unavailable: cannot list networkpolicies in canary-test-outsider ' +
        '(grant get/list on networkpolicies, pods and services to explain failures)',
    );
    for (const i of [1, 2, 3, 4, 6, 7]) expect(explained[i]?.explanation).not.toMatch(/unavailable/);
    expect(explained[3]?.explanation).toMatch(/^allow expected but blocked: .*allow-frontend, default-deny/);
  });

  it('says namespaces cannot be read when that permission is missing', async () => {
    cluster.denyRbac({ verb: 'get', resource: 'namespaces' });
    const { tests, results } = matrix(rows);
    const explained = await explainResults(k, tests, results, { run: RUN });
    for (const i of [1, 2, 3, 4, 5, 6, 7]) {
      expect(explained[i]?.explanation).toBe(
        'explanation unavailable: cannot get namespaces (grant get on namespaces to explain failures)',
      );
    }
  });

  it('turns a server error into a sentence instead of an exception', async () => {
    cluster.addFault({ match: { resource: 'services', namespace: 'dark-tower' }, status: 500 });
    // one try, no backoff: the fault never clears
    k = createKubectl({
      binary: kubectlPath(),
      kubeconfig: cluster.kubeconfigPath,
      concurrency: 4,
      backoffMs: [],
    });
    const { tests, results } = matrix(rows);
    const explained = await explainResults(k, tests, results, { run: RUN });
    for (const i of [1, 2, 3, 4, 5, 6]) {
      expect(explained[i]?.explanation).toMatch(
        /^explanation unavailable: Reading networkpolicies, pods and services in dark-tower: .*[Ii]nternal/,
      );
      expect(explained[i]?.explanation).not.toMatch(/undefined|\[object Object\]|\n\s+at /);
    }
    expect(explained.map((r) => r.verdict)).toEqual(results.map((r) => r.verdict));
  });

  it('reads the namespace of <service>.<namespace> once it is known to exist', async () => {
    const { tests, results } = matrix(rows.filter((r) => r.name === 'never probed'));
    const explained = await explainResults(k, tests, results, { run: RUN });
    expect(explained[0]?.explanation).toMatch(
      /^the policies in the cluster allow this, yet the probe failed/,
    );
    // village, namespaces and api-resources at once, then dark-tower and the policy kinds
    expect(k.stats().spawned).toBe(5);
  });

  it('makes no kubectl call at all when nothing failed', async () => {
    const { tests, results } = matrix(rows.filter((r) => r.verdict === 'pass'));
    const explained = await explainResults(k, tests, results, { run: RUN });
    expect(explained).toEqual(results);
    expect(k.stats().spawned).toBe(0);
    expect(cluster.audit).toEqual([]);
  });
});
