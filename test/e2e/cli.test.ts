// The built CLI (dist/cli.js) with the real kubectl against the API double, whose
// network obeys the NetworkPolicies stored in it (policy-network.ts).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { policyNetwork, readManifestObjects, seedCluster } from '../cluster/policy-network.ts';
import { startCluster, type Cluster } from '../cluster/server.ts';
import { OPTIONAL_RESULT_FIELDS, RESULT_FIELDS, leftovers, mutationsOf, pathWithKubectl } from './helpers.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'dist/cli.js');

interface Done {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts the CLI; `done` settles when it exits. */
function start(
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): { done: Promise<Done>; signal: (s: NodeJS.Signals) => void } {
  if (!existsSync(CLI))
    throw new Error('dist/cli.js is missing: run `npm run build` before the end-to-end tests');
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd,
    // a local run identity, and kubectl from the test machine
    env: { ...process.env, PATH: pathWithKubectl(), GITHUB_RUN_ID: '', NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<Done>((res) => child.on('close', (code) => res({ code, stdout, stderr })));
  return { done, signal: (s) => child.kill(s) };
}

const MANIFESTS = `
apiVersion: v1
kind: Namespace
metadata: { name: shop, labels: { team: shop } }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  replicas: 1
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: web
          image: nginx:1.27-alpine
          ports: [{ name: http, containerPort: 8080 }]
---
apiVersion: v1
kind: Service
metadata: { name: web, namespace: shop }
spec:
  selector: { app: web }
  ports: [{ port: 80, targetPort: http }]
---
apiVersion: v1
kind: Service
metadata:
  name: teapot
  namespace: shop
  annotations: { double.netpol-canary.io/http-status: '404' }
spec:
  selector: { app: web }
  ports: [{ port: 8080 }]
---
apiVersion: v1
kind: Service
metadata: { name: empty, namespace: shop }
spec:
  selector: { app: nothing }
  ports: [{ port: 80 }]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: web-from-clients, namespace: shop }
spec:
  podSelector: { matchLabels: { app: web } }
  policyTypes: [Ingress]
  ingress:
    - from: [{ podSelector: { matchLabels: { role: client } } }]
      ports: [{ port: http }]
`;

const PASSING = `
tests:
  - name: clients reach the web
    from: shop
    labels: { role: client }
    to: http://web.shop.svc.cluster.local/
    expect: allow
  - from: canary-test-cli
    to: tcp://web.shop.svc.cluster.local:80
    expect: deny
`;

const FAILING = `
tests:
  - name: outsiders reach the web (wrong)
    from: canary-test-cli
    to: http://web.shop.svc.cluster.local/
    expect: allow
  - name: nothing serves empty
    from: shop
    labels: { role: client }
    to: http://empty.shop.svc.cluster.local/
    expect: deny
  - name: no such Service
    from: shop
    labels: { role: client }
    to: http://nosuch.shop.svc.cluster.local/
    expect: deny
  - name: the teapot answers 404
    from: shop
    labels: { role: client }
    to: http://teapot.shop.svc.cluster.local:8080/
    expect: allow
`;

let cluster: Cluster;
let dir: string;
let kubeconfig: string[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'netpol-cli-'));
  mkdirSync(join(dir, 'manifests'));
  writeFileSync(join(dir, 'manifests/shop.yaml'), MANIFESTS);
  writeFileSync(join(dir, 'passing.yaml'), PASSING);
  writeFileSync(join(dir, 'failing.yaml'), FAILING);
  cluster = await startCluster({ podStartDelayMs: 20 });
  cluster.setNetwork(policyNetwork(cluster));
  seedCluster(cluster, readManifestObjects(join(dir, 'manifests')));
  await cluster.waitFor(() => cluster.pods('shop').every((p) => p.status?.phase === 'Running'));
  kubeconfig = ['--kubeconfig', cluster.kubeconfigPath];
});

afterAll(async () => {
  await cluster?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('netpol-canary CLI', () => {
  it('explains itself and refuses what it does not know, with exit code 2', async () => {
    const help = await start(['--help'], dir).done;
    expect(help.code).toBe(0);
    for (const command of ['run', 'predict', 'diff', 'generate', 'cleanup', 'sweep'])
      expect(help.stdout).toContain(`  ${command} `);
    const runHelp = await start(['run', '-h'], dir).done;
    expect(runHelp.code).toBe(0);
    expect(runHelp.stdout).toMatch(/^usage: netpol-canary run MATRIX_FILE/);
    expect(runHelp.stdout).toContain('--refused-means-denied');

    const unknown = await start(['frobnicate'], dir).done;
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      'unknown command "frobnicate"; the commands are run, predict, diff, generate, cleanup, sweep',
    );
    const badFlag = await start(['run', 'passing.yaml', '--timout', '1s'], dir).done;
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toContain('unknown option --timout');
    expect(badFlag.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('prints the version of its package, and says so when there is no kube context', async () => {
    const version = await start(['--version'], dir).done;
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(version).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });

    // no KUBECONFIG and no ~/.kube/config: kubectl would try localhost:8080
    const home = join(dir, 'empty-home');
    mkdirSync(home, { recursive: true });
    const env = { HOME: home, KUBECONFIG: '', KUBERNETES_SERVICE_HOST: '' };
    cluster.resetAudit();
    for (const args of [
      ['run', 'passing.yaml'],
      ['cleanup', '--run', 'local-0123456789', 'passing.yaml'],
      ['sweep'],
    ]) {
      const r = await start(args, dir, env).done;
      expect(r.code, args[0]).toBe(2);
      expect(r.stderr, args[0]).toContain('no kube context: set KUBECONFIG or pass --context');
      expect(r.stderr, args[0]).toContain(`there is no ${join(home, '.kube/config')}`);
      expect(r.stderr, args[0]).not.toContain('localhost:8080');
    }
    // a context the kubeconfig does not have
    const typo = await start(['run', 'passing.yaml', '--context', 'doubel', ...kubeconfig], dir).done;
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain(
      `no kube context "doubel" in ${cluster.kubeconfigPath} (did you mean "double"?)`,
    );
    expect(mutationsOf(cluster)).toEqual([]);
  });

  it('runs a passing matrix: exit 0, a plain table, and nothing left in the cluster', async () => {
    // --matrix FILE is the positional argument's alias
    const r = await start(['run', '--matrix', 'passing.yaml', '--timeout', '1s', ...kubeconfig], dir).done;
    expect(r.stderr).not.toContain('netpol-canary run:');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^netpol-canary run local-[0-9a-f]+: 2 test\(s\) from 2 canaries, probe timeout 1s, the kubeconfig's current context\n/,
    );
    expect(r.stdout).toMatch(/\nVERDICT +FROM \[LABELS\] +TO +EXPECT +ACTUAL +DETAIL\n/);
    expect(r.stdout).toMatch(
      /\n✓ pass +shop \[role=client\] +http:\/\/web\.shop\.svc\.cluster\.local\/ +allow +allowed /,
    );
    expect(r.stdout).toMatch(
      /\n✓ pass +canary-test-cli +tcp:\/\/web\.shop\.svc\.cluster\.local:80 +deny +blocked /,
    );
    expect(r.stdout).toContain('\n2 tests: 2 passed, 0 failed, 0 inconclusive (run local-');
    // the canary in the created namespace goes with the namespace
    expect(r.stdout).toContain(
      'Clean-up: 1 canary pod(s) deleted, and namespace(s) canary-test-cli with the canaries in them.',
    );
    // not a terminal: plain lines, no colours or status line
    expect(r.stdout).not.toContain('\x1b[');
    expect(leftovers(cluster)).toEqual([]);
  });

  it('reports a failing matrix as JSON and JUnit (exit 1); cleanup removes what --keep kept', async () => {
    const junit = join(dir, 'out/report.xml');
    const r = await start(
      [
        'run',
        'failing.yaml',
        '--timeout',
        '1s',
        '--attempts',
        '1',
        '--json',
        '--junit',
        junit,
        '--keep',
        ...kubeconfig,
      ],
      dir,
    ).done;
    expect(r.code).toBe(1);
    const results = JSON.parse(r.stdout) as Record<string, unknown>[];
    for (const result of results) {
      expect(Object.keys(result).filter((k) => !OPTIONAL_RESULT_FIELDS.includes(k))).toEqual(RESULT_FIELDS);
    }
    expect(results.map((x) => [x.name, x.actual, x.verdict, x.attempts])).toEqual([
      ['outsiders reach the web (wrong)', 'blocked', 'fail', 1],
      ['nothing serves empty', 'refused', 'inconclusive', 1],
      ['no such Service', 'dns-error', 'inconclusive', 1],
      ['the teapot answers 404', 'allowed', 'pass', 1],
    ]);
    expect(results[3]?.detail).toContain('404');
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toContain('tests="4" failures="1" errors="2"');
    expect(xml).toContain('name="outsiders reach the web (wrong)"');

    // --keep: the canaries stay, and the run said how to remove them
    expect(leftovers(cluster).length).toBeGreaterThan(0);
    const hint = /netpol-canary cleanup --run (local-[0-9a-f]+) failing\.yaml --kubeconfig \S+/.exec(
      r.stderr,
    );
    expect(hint).not.toBeNull();
    const cleanup = await start(['cleanup', '--run', hint?.[1] ?? '', 'failing.yaml', ...kubeconfig], dir)
      .done;
    expect(cleanup.code).toBe(0);
    expect(cleanup.stdout).toContain('deleted namespace canary-test-cli');
    expect(leftovers(cluster)).toEqual([]);
    // again, or for a run that never was: it says it found nothing, not "0 deleted"
    const again = await start(['cleanup', '--run', hint?.[1] ?? '', 'failing.yaml', ...kubeconfig], dir).done;
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(
      /^Clean-up: nothing of run local-[0-9a-f]+ was found in namespace\(s\) [a-z-, ]+: it was cleaned up already, or that is not the run's id or matrix/m,
    );
  });

  it('refuses an invalid matrix, invalid options or an impossible plan with exit 2, changing nothing', async () => {
    writeFileSync(
      join(dir, 'bad.yaml'),
      'tests:\n  - name: web\n    from: shop\n    to: http://web.shop.svc.cluster.local/\n    expect: alow\n',
    );
    writeFileSync(
      join(dir, 'nowhere.yaml'),
      'tests:\n  - from: nowhere\n    to: http://web.shop.svc.cluster.local/\n    expect: allow\n',
    );
    cluster.resetAudit();

    const bad = await start(['run', 'bad.yaml', ...kubeconfig], dir).done;
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      'bad.yaml, line 5: test #1 ("web"), field "expect": must be "allow" or "deny", got "alow"',
    );
    const options = await start(
      ['run', 'passing.yaml', '--timeout', '5x', '--attempts', '0', ...kubeconfig],
      dir,
    ).done;
    expect(options.code).toBe(2);
    expect(options.stderr).toContain('--timeout: "5x" is not a duration');
    expect(options.stderr).toContain('--attempts: must be a whole number from 1 to 10, got "0"');
    // --kubectl: a folder is not a kubectl; a bare name is looked up on PATH, as a shell would
    const folder = await start(['run', 'passing.yaml', '--kubectl', dir, ...kubeconfig], dir).done;
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain(`--kubectl: ${dir} is not an executable file`);
    const bare = await start(['run', 'passing.yaml', '--kubectl', 'no-such-kubectl', ...kubeconfig], dir)
      .done;
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('--kubectl: no-such-kubectl was not found on PATH');
    // --junit that could never be written: said before the run, not after it
    const asFolder = await start(['run', 'passing.yaml', '--junit', dir, ...kubeconfig], dir).done;
    expect(asFolder.code).toBe(2);
    expect(asFolder.stderr).toContain(`--junit ${dir}: that is a folder; give a file name`);
    const underFile = await start(
      ['run', 'passing.yaml', '--junit', join(dir, 'bad.yaml', 'report.xml'), ...kubeconfig],
      dir,
    ).done;
    expect(underFile.code).toBe(2);
    expect(underFile.stderr).toContain(`${join(dir, 'bad.yaml')} is a file, not a folder`);
    const nowhere = await start(['run', 'nowhere.yaml', ...kubeconfig], dir).done;
    expect(nowhere.code).toBe(2);
    expect(nowhere.stderr).toContain('"nowhere"');
    expect(nowhere.stderr).toContain('Nothing was created.');

    expect(mutationsOf(cluster)).toEqual([]);
  });

  it('cleans up and exits 130 when interrupted while the canaries start', async () => {
    cluster.options.podStartDelayMs = 5000;
    try {
      const run = start(['run', 'passing.yaml', '--timeout', '1s', ...kubeconfig], dir);
      await cluster.waitFor(() => cluster.pods('canary-test-cli').length > 0, 20_000);
      run.signal('SIGINT');
      const r = await run.done;
      expect(r.code).toBe(130);
      expect(r.stderr).toContain('SIGINT: run local-');
      expect(r.stdout).toContain('Clean-up: ');
      expect(leftovers(cluster)).toEqual([]);
    } finally {
      cluster.options.podStartDelayMs = 20;
    }
  });

  it('predicts from manifests alone, as the run found, and the demo with its deliberate failure', async () => {
    const shop = await start(['predict', 'passing.yaml', '--manifests', 'manifests'], dir).done;
    expect(shop.code).toBe(0);
    // --matrix is the positional argument's alias
    const alias = await start(['predict', '--manifests', 'manifests', '--matrix', 'passing.yaml'], dir).done;
    expect(alias).toEqual(shop);
    expect(shop.stdout).toMatch(
      /\n✓ pass +shop \[role=client\] +http:\/\/web\.shop\.svc\.cluster\.local\/ +allow +allowed /,
    );
    expect(shop.stdout).toMatch(
      /\n✓ pass +canary-test-cli +tcp:\/\/web\.shop\.svc\.cluster\.local:80 +deny +blocked /,
    );
    expect(shop.stdout).toContain('web-from-clients');
    expect(shop.stdout).toContain(
      '2 tests: 2 passed, 0 failed, 0 inconclusive (predicted from the manifests',
    );

    const demo = await start(
      [
        'predict',
        '--manifests',
        'examples/demo/manifests',
        '--matrix',
        'examples/demo/matrix.yaml',
        '--json',
      ],
      ROOT,
    ).done;
    expect(demo.code).toBe(1);
    const results = JSON.parse(demo.stdout) as { name: string; verdict: string; explanation?: string }[];
    const deliberate = results.filter((x) => x.name.startsWith('DELIBERATE FAILURE'));
    expect(deliberate.map((x) => x.verdict)).toEqual(['fail']);
    expect(deliberate[0]?.explanation).toContain('default-deny');
    expect(results.filter((x) => x.verdict !== 'pass')).toEqual(deliberate);

    const missing = await start(['predict', 'passing.yaml'], dir).done;
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--manifests DIR (the folder of manifests) is required');
    const twice = await start(
      ['predict', 'passing.yaml', '--matrix', 'failing.yaml', '--manifests', 'manifests'],
      dir,
    ).done;
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain(
      'give the matrix once, as MATRIX_FILE ("passing.yaml") or as --matrix ("failing.yaml"), not both',
    );
  });

  it('sweep --dry-run names what a dead run left, and deletes nothing', async () => {
    const managed = { 'app.kubernetes.io/managed-by': 'netpol-canary' };
    cluster.createNamespace('canary-test-stale', managed);
    cluster.createPod({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'canary-0badf00d',
        namespace: 'canary-test-stale',
        labels: { ...managed, 'netpol-canary.io/run': 'local-dead' },
      },
      spec: { containers: [{ name: 'canary', image: 'busybox:1.36' }] },
    });
    cluster.resetAudit();
    const r = await start(['sweep', '--dry-run', '--older-than', '1ms', ...kubeconfig], dir).done;
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('would delete pod canary-test-stale/canary-0badf00d');
    expect(r.stdout).toContain('would delete namespace canary-test-stale');
    expect(mutationsOf(cluster)).toEqual([]);
    cluster.delete('namespaces', undefined, 'canary-test-stale');
  });
});
