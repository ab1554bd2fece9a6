// The canary's own probe script (no exec in the product), run by the double's busybox
// stand-ins through a real kubectl exec: attempts timed from the script's start, retries
// of what disagrees, the termination message, and the action's reading of it.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCanaryScript,
  canaryProbes,
  MAX_SCRIPT_BYTES,
  MESSAGE_LIMIT,
  parseCanaryOutput,
  readCanaryResults,
  scriptMaxMs,
  splitForScript,
  type CanaryProbe,
} from '../../src/probe/canary-script.ts';
import { decideTest } from '../../src/probe/canary-verdicts.ts';
import { parseTarget } from '../../src/matrix/target.ts';
import type { Expect, TestCase } from '../../src/core/types.ts';
import { kubectlPath } from '../cluster/kubectl.ts';
import { byPodAge, rules } from '../cluster/network.ts';
import { startCluster, type Cluster } from '../cluster/server.ts';

const NS = 'shop';
let cluster: Cluster;
let dir: string;

function test(index: number, raw: string, expect: Expect): TestCase {
  const t = parseTarget(raw);
  if (!t.ok) throw new Error(t.errors.join('; '));
  return { index, name: `t${index}`, from: NS, labels: {}, to: raw, target: t.value, expect };
}

const policy = rules(
  [
    { to: 'web.shop.svc.cluster.local:80', outcome: 'allowed' },
    { to: 'db.data.svc.cluster.local:5432', outcome: 'timeout' },
    { to: '10.0.0.9:5432', outcome: 'timeout' },
    { to: 'closed.shop.svc.cluster.local:81', outcome: 'refused' },
  ],
  'allowed',
);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'netpol-canary-script-'));
  const ref: { c?: Cluster } = {};
  // 10.0.0.9 is reachable for the pod's first 1.5 s: the policy is programmed late
  const network = byPodAge(
    [
      {
        untilMs: 1500,
        network: (src, host, port, scheme) =>
          host === '10.0.0.9' ? { kind: 'allowed' } : policy(src, host, port, scheme),
      },
    ],
    policy,
    (src) => ref.c?.podStartedAtMs(src.namespace, src.pod),
  );
  cluster = await startCluster({ network, podStartDelayMs: 10 });
  ref.c = cluster;
  cluster.createNamespace(NS);
});

afterAll(async () => {
  await cluster?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function runIn(
  pod: string,
  script: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  cluster.createPod({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: pod, namespace: NS },
    spec: { containers: [{ name: 'canary', image: 'busybox:1.36', command: ['sleep', '3600'] }] },
  });
  await cluster.waitFor(() => cluster.pod(NS, pod)?.status?.phase === 'Running', 10_000);
  const child = spawn(
    kubectlPath(),
    // on stdin: an exec's command travels in its URL, too short for a large script (the
    // product puts the script in the pod spec, where this does not apply)
    ['--kubeconfig', cluster.kubeconfigPath, 'exec', '-i', '-n', NS, pod, '--', 'sh', '-s'],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  child.stdin.end(script);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((ok) => child.on('close', (code) => ok({ code, stdout, stderr })));
}

describe('the canary script', () => {
  it('probes at once, retries what disagrees, times the attempts, and leaves it all in its termination message', async () => {
    const tests = [
      test(0, 'http://web.shop.svc.cluster.local/', 'allow'),
      test(1, 'tcp://db.data.svc.cluster.local:5432', 'deny'),
      test(2, 'tcp://10.0.0.9:5432', 'deny'),
      test(3, 'tcp://closed.shop.svc.cluster.local:81', 'deny'),
    ];
    const message = join(dir, 'm1');
    const probes: CanaryProbe[] = tests.map((t) => ({ id: t.index, target: t.target, expect: t.expect }));
    const r = await runIn(
      'c1',
      buildCanaryScript(probes, { timeoutMs: 1000, attempts: 3, messagePath: message }),
    );
    expect(r.code).toBe(0);
    const text = readFileSync(message, 'utf8');
    // the log and the message say the same
    expect(text.trim()).toBe(r.stdout.trim());
    const read = readCanaryResults(tests, text, 1000);
    expect(read.doneMs).toBeGreaterThanOrEqual(0);
    expect(read.inLog).toBe(false);
    expect(read.provenAt).toBe(1);
    // agreeing results were probed once; the late-enforced deny again, after the backoff
    expect(read.tries.get(0)?.map((t) => t.observation.actual)).toEqual(['allowed']);
    expect(read.tries.get(1)?.map((t) => t.observation.actual)).toEqual(['blocked']);
    // a refusal is not a drop: without refused-means-denied it is tried again, up to attempts
    expect(read.tries.get(3)?.map((t) => t.observation.actual)).toEqual(['refused', 'refused', 'refused']);
    const lag = read.tries.get(2) ?? [];
    expect(lag.map((t) => t.observation.actual)).toEqual(['allowed', 'blocked']);
    expect(lag[1]!.atMs).toBeGreaterThanOrEqual(1000);
    const v = decideTest(tests[2]!, lag, read.provenAt, { refusedMeansDenied: false });
    expect(v).toMatchObject({ verdict: 'pass', enforcedAfterMs: lag[1]!.atMs });
    expect(
      decideTest(tests[1]!, read.tries.get(1) ?? [], read.provenAt, { refusedMeansDenied: false }).verdict,
    ).toBe('pass');
  });

  it('says "read the log" when its results do not fit a termination message', async () => {
    // 40 names of 50 characters: each result line is over 100 bytes
    const tests = Array.from({ length: 40 }, (_, i) =>
      test(
        i,
        `tcp://a-service-with-a-long-name-${String(i).padStart(2, '0')}.shop.svc.cluster.local:80`,
        'allow',
      ),
    );
    const message = join(dir, 'm2');
    const probes = tests.map((t) => ({ id: t.index, target: t.target, expect: t.expect }));
    const r = await runIn(
      'c2',
      // a generous timeout: 40 stand-ins start at once on a busy machine
      buildCanaryScript(probes, { timeoutMs: 5000, attempts: 1, messagePath: message }),
    );
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(message, 'utf8');
    expect(text).toMatch(/^@@ncl \d+\n$/);
    expect(Number(text.split(' ')[1])).toBeGreaterThan(MESSAGE_LIMIT);
    expect(parseCanaryOutput(text).inLog).toBe(true);
    const fromLog = readCanaryResults(tests, r.stdout, 5000);
    expect([...fromLog.tries.values()].every((t) => t[0]?.observation.actual === 'allowed')).toBe(true);
  });

  it('quotes every user value, and refuses a script longer than one argument may be', () => {
    // targets refuse shell characters already; the script quotes whatever it is given
    const host = "a'b$(touch x)";
    const s = buildCanaryScript(
      [
        {
          id: 0,
          target: { scheme: 'tcp', raw: `tcp://${host}:80`, host, port: 80, path: '' },
          expect: 'deny',
        },
      ],
      { timeoutMs: 1000, attempts: 1 },
    );
    expect(s).toContain(`'nc' '-z' '-v' '-v' '-w' '1' 'a'\\''b$(touch x)' '80' &`);
    const many = Array.from({ length: 900 }, (_, i) =>
      test(i, `https://a-rather-long-host-name-${i}.example.com/some/path`, 'deny'),
    );
    expect(() =>
      buildCanaryScript(
        many.map((t) => ({ id: t.index, target: t.target, expect: t.expect })),
        { timeoutMs: 1000, attempts: 1 },
      ),
    ).toThrow(/more than one argument may hold/);
    // so a canary that large is split into several, each script within the limit
    const group = { key: 'shop||', namespace: NS, labels: {}, tests: many };
    const parts = splitForScript([group], { timeoutMs: 1000, attempts: 1 });
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.flatMap((p) => p.tests)).toEqual(many);
    for (const p of parts) {
      const bytes = Buffer.byteLength(
        buildCanaryScript(canaryProbes(p.tests), { timeoutMs: 1000, attempts: 1 }),
      );
      expect(bytes).toBeLessThanOrEqual(MAX_SCRIPT_BYTES);
      expect(p).toMatchObject({ namespace: NS, labels: {} });
    }
    expect(new Set(parts.map((p) => p.key)).size).toBe(parts.length);
    // a canary that fits stays one
    expect(
      splitForScript([{ ...group, tests: many.slice(0, 3) }], { timeoutMs: 1000, attempts: 1 }),
    ).toHaveLength(1);
  });

  it('runs at most its attempts, each killed at the probe timeout plus the margin, with the backoffs between', () => {
    // 2 s timeout: killed at 4 s; 3 attempts with 1 s and 2 s between
    expect(scriptMaxMs({ timeoutMs: 2000, attempts: 3 })).toBe(3 * 4000 + 1000 + 2000);
    expect(scriptMaxMs({ timeoutMs: 2000, attempts: 1 })).toBe(4000);
    expect(scriptMaxMs({ timeoutMs: 1000, attempts: 6 })).toBe(6 * 3000 + (1 + 2 + 4 + 8 + 8) * 1000);
  });
});

describe('the canary script as the pod’s own command (no exec)', () => {
  it('ends the pod Succeeded with its results in the termination message the pod status carries', async () => {
    const own = await startCluster({ network: policy, podStartDelayMs: 10, runCommands: true });
    try {
      own.createNamespace(NS);
      const tests = [
        test(0, 'http://web.shop.svc.cluster.local/', 'allow'),
        test(1, 'tcp://db.data.svc.cluster.local:5432', 'deny'),
        test(2, 'tcp://closed.shop.svc.cluster.local:81', 'deny'),
      ];
      // a rejection counts as denied here: the refused deny holds, and is not tried again
      const script = buildCanaryScript(
        tests.map((t) => ({ id: t.index, target: t.target, expect: t.expect })),
        { timeoutMs: 1000, attempts: 2, refusedMeansDenied: true },
      );
      own.createPod({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'self', namespace: NS },
        spec: {
          restartPolicy: 'Never',
          containers: [{ name: 'canary', image: 'busybox:1.36', command: ['sh', '-c', script] }],
        },
      });
      const pod = await own.waitFor(() => {
        const p = own.pod(NS, 'self');
        return p?.status?.phase === 'Succeeded' || p?.status?.phase === 'Failed' ? p : undefined;
      }, 20_000);
      expect(pod.status.phase).toBe('Succeeded');
      const message = String(pod.status.containerStatuses[0].state.terminated.message ?? '');
      const read = readCanaryResults(tests, message, 1000);
      expect(read.doneMs).toBeGreaterThanOrEqual(0);
      const verdicts = tests.map((t) =>
        decideTest(t, read.tries.get(t.index) ?? [], read.provenAt, { refusedMeansDenied: false }),
      );
      expect(verdicts.map((v) => v.verdict)).toEqual(['pass', 'pass', 'inconclusive']);
      expect(read.tries.get(2)?.map((t) => t.observation.actual)).toEqual(['refused']);
      expect(read.tries.get(1)?.[0]?.observation.actual).toBe('blocked');
    } finally {
      await own.close();
    }
  });
});
