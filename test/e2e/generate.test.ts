// `netpol-canary generate` on examples/demo: the matrix it writes is one that
// predict passes and that the demo cluster (the API double seeded with the demo,
// its network obeying the demo's policies) passes, probed by the real kubectl.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMatrix } from '../../src/matrix/parse-matrix.ts';
import { policyNetwork, readManifestObjects, seedCluster } from '../cluster/policy-network.ts';
import { startCluster, type Cluster } from '../cluster/server.ts';
import { leftovers, pathWithKubectl } from './helpers.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const DEMO = join(ROOT, 'examples/demo/manifests');

// what every cluster has and the demo's manifests do not describe: CoreDNS behind kube-dns
const KUBE_DNS = [
  {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'coredns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
    spec: {
      containers: [
        {
          name: 'coredns',
          image: 'registry.k8s.io/coredns/coredns:v1.11.3',
          ports: [
            { name: 'dns', containerPort: 53, protocol: 'UDP' },
            { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
          ],
        },
      ],
    },
  },
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kube-dns', namespace: 'kube-system' },
    spec: {
      selector: { 'k8s-app': 'kube-dns' },
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP' },
        { name: 'dns-tcp', port: 53, protocol: 'TCP' },
      ],
    },
  },
];

let dir: string;
let cluster: Cluster;

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [join(ROOT, 'dist/cli.js'), ...args], {
    cwd: ROOT,
    env: { ...process.env, PATH: pathWithKubectl(), GITHUB_RUN_ID: '', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((res) => child.on('close', (code) => res({ code, stdout, stderr })));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'netpol-generate-'));
  cluster = await startCluster({ podStartDelayMs: 20 });
  cluster.setNetwork(policyNetwork(cluster));
  const seeded = seedCluster(cluster, [...readManifestObjects(DEMO), ...KUBE_DNS]);
  await cluster.waitFor(
    () =>
      seeded.pods.every((ref) => {
        const [ns = '', name = ''] = ref.split('/');
        return cluster.pod(ns, name)?.status?.phase === 'Running';
      }),
    30_000,
  );
});

afterAll(async () => {
  await cluster?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('netpol-canary generate on examples/demo', () => {
  it('writes a matrix that predict passes and the demo cluster passes', async () => {
    const out = join(dir, 'generated.yaml');
    const gen = await cli(['generate', '--manifests', DEMO, '--out', out]);
    expect(gen).toMatchObject({ code: 0 });
    expect(gen.stderr).toContain(`wrote 20 tests to ${out}`);

    const text = readFileSync(out, 'utf8');
    const matrix = parseMatrix(text, 'generated.yaml');
    if (!matrix.ok) throw new Error(matrix.errors.join('\n'));
    const tests = matrix.value.tests;
    // 3 workloads and the outsider, each to kube-dns, example.com and the 3 Service ports
    expect(tests).toHaveLength(4 * 5);
    expect(new Set(tests.map((t) => t.expect))).toEqual(new Set(['allow', 'deny']));
    // a canary borrows the labels policies read, not the serving label that makes a Service select it
    expect(tests.find((t) => t.name.startsWith('dark-tower/frontend'))?.labels).toEqual({ app: 'frontend' });
    // each test is commented with the policy that decides it
    expect(text).toContain(
      '  # allowed by dark-tower/frontend-egress-to-backend egress rule #1 (to podSelector app=backend, 8080/TCP) ' +
        'and dark-tower/allow-frontend-to-backend ingress rule #1 (from podSelector app=frontend, 8080/TCP)\n' +
        '  - name: "dark-tower/frontend -> Service dark-tower/backend port 8080"',
    );

    const predicted = await cli(['predict', '--manifests', DEMO, '--matrix', out]);
    expect(predicted.stdout).toContain(
      '20 tests: 20 passed, 0 failed, 0 inconclusive (predicted from the manifests',
    );
    expect(predicted.code).toBe(0);

    const run = await cli(['run', out, '--timeout', '1s', '--kubeconfig', cluster.kubeconfigPath]);
    expect({ code: run.code, stderr: run.code === 0 ? '' : `${run.stdout}\n${run.stderr}` }).toEqual({
      code: 0,
      stderr: '',
    });
    expect(run.stdout).toMatch(/20 tests: 20 passed, 0 failed, 0 inconclusive \(run /);
    expect(leftovers(cluster)).toEqual([]);
  }, 120_000);

  it('is bounded by namespaces and a number of tests, and says what it left out', async () => {
    const gen = await cli([
      'generate',
      '--manifests',
      DEMO,
      '--namespaces',
      'dark-tower',
      '--outsider',
      'none',
      '--max-tests',
      '5',
    ]);
    expect(gen.code).toBe(0);
    const matrix = parseMatrix(gen.stdout, 'stdout');
    if (!matrix.ok) throw new Error(matrix.errors.join('\n'));
    expect(matrix.value.tests).toHaveLength(5);
    expect(new Set(matrix.value.tests.map((t) => t.from))).toEqual(new Set(['dark-tower']));
    expect(gen.stdout).toContain('# 3 more tests were left out by --max-tests.');
    const bad = await cli(['generate', '--manifests', DEMO, '--max-tests', 'many']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--max-tests must be a whole number from 1, got "many"');
  });

  it('reads the live cluster instead, read-only, and its matrix passes there too', async () => {
    cluster.resetAudit();
    const out = join(dir, 'from-cluster.yaml');
    const gen = await cli([
      'generate',
      '--from-cluster',
      '--kubeconfig',
      cluster.kubeconfigPath,
      '--out',
      out,
    ]);
    expect(gen).toMatchObject({ code: 0 });
    expect(cluster.mutations()).toEqual([]);
    const text = readFileSync(out, 'utf8');
    expect(text).toMatch(/^# Generated by netpol-canary generate from the cluster: 20 tests/);
    // kube-system's CoreDNS is a target (kube-dns), never a source
    expect(text).not.toMatch(/from: "kube-system"/);
    const run = await cli(['run', out, '--timeout', '1s', '--kubeconfig', cluster.kubeconfigPath]);
    expect({ code: run.code, out: run.code === 0 ? '' : `${run.stdout}\n${run.stderr}` }).toEqual({
      code: 0,
      out: '',
    });
    expect(run.stdout).toMatch(/20 tests: 20 passed, 0 failed, 0 inconclusive \(run /);
  }, 120_000);
});
