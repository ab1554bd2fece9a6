// The real kubectl (1.30, 1.32, 1.33) execs into the double's pods over WebSocket:
// exit codes and messages, stdin scripts with background probes, pod deletion and
// disconnects that kill the "container", and the busybox stand-ins on the way.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { kubectlPath } from './kubectl.ts';
import { fakeIp, rules } from './network.ts';
import { startCluster } from './server.ts';
import type { Labels } from './types.ts';

// where the tests find each kubectl (KUBECTL_DIR, or beside /usr/bin/kubectl)
const KUBECTL: Record<string, string> = {
  '1.30': kubectlPath('1.30'),
  '1.32': kubectlPath(),
  '1.33': kubectlPath('1.33'),
};

const NS = 'dark-tower';
const POD = 'canary-1';

const network = rules([
  { to: 'web.dark-tower.svc.cluster.local:80', outcome: 200 },
  { to: 'db:5432', outcome: 'refused' },
  { to: 'blocked.example.com', outcome: 'timeout' },
  { to: 'missing.example.com', outcome: 404 },
  { to: 'typo.invalid', outcome: 'dns-failure' },
]);

/** The API double with the real exec service, as the product's end-to-end tests use it. */
interface Harness {
  kubeconfig: string;
  /** where the API answers, for clients other than kubectl */
  baseUrl: string;
  stats(): { active: number; total: number };
  addPod(name: string, labels: Labels): Promise<void>;
  deletePod(name: string): Promise<void>;
  close(): Promise<void>;
}

async function startDouble(): Promise<Harness> {
  // Some set-up latency, so stdin arrives before the process exists.
  const cluster = await startCluster({ network, execLatencyMs: 150, podStartDelayMs: 10 });
  cluster.createNamespace(NS);
  return {
    kubeconfig: cluster.kubeconfigPath,
    baseUrl: cluster.url,
    stats: () => cluster.execStats(),
    async addPod(name, labels) {
      cluster.createPod({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name, namespace: NS, labels },
        spec: { containers: [{ name: 'canary', image: 'busybox:1.36', command: ['sleep', '3600'] }] },
      });
      await cluster.waitFor(() => cluster.pod(NS, name)?.status?.phase === 'Running', 10_000);
    },
    async deletePod(name) {
      const r = await kubectl('1.32', ['delete', 'pod', '-n', NS, name, '--wait=false']);
      expect(r.code, r.stderr).toBe(0);
    },
    close: () => cluster.close(),
  };
}

let h: Harness;

beforeAll(async () => {
  for (const [version, path] of Object.entries(KUBECTL)) {
    if (!existsSync(path)) throw new Error(`kubectl ${version} is needed at ${path} for these tests`);
  }
  h = await startDouble();
  await h.addPod(POD, { app: 'canary' });
});

afterAll(async () => {
  await h?.close();
});

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

function startKubectl(version: string, args: string[], stdin?: string) {
  const child = spawn(KUBECTL[version]!, ['--kubeconfig', h.kubeconfig, ...args], {
    stdio: [stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  if (stdin !== undefined) child.stdin!.end(stdin);
  const done = new Promise<Ran>((ok) => child.on('close', (code) => ok({ code, stdout, stderr })));
  return { child, done, out: () => stdout };
}

const kubectl = (version: string, args: string[], stdin?: string) => startKubectl(version, args, stdin).done;

/** Still running: exists and is not a zombie waiting for init to reap it. */
const alive = (pid: number) => {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

describe.each(Object.keys(KUBECTL))('kubectl %s', (version) => {
  it('passes stdout and stderr through and exits with the command’s code', async () => {
    const r = await kubectl(version, [
      'exec',
      '-n',
      NS,
      POD,
      '--',
      'sh',
      '-c',
      'echo hi; echo oops >&2; exit 3',
    ]);
    expect(r).toEqual({ code: 3, stdout: 'hi\n', stderr: 'oops\ncommand terminated with exit code 3\n' });
  });

  it('runs a probe script sent on stdin, background probes and all', async () => {
    const script = [
      'wget --spider -T 2 http://web.dark-tower.svc.cluster.local/ 2>w1 & p1=$!',
      'nc -z -v -w 2 db 5432 2>n1 & p2=$!',
      'wget --spider -T 1 http://blocked.example.com/ 2>w2 & p3=$!',
      'wait $p1; echo "web $?"; wait $p2; echo "db $?"; wait $p3; echo "blocked $?"',
      'cat w1 n1 w2; rm -f w1 n1 w2',
    ].join('\n');
    const r = await kubectl(version, ['exec', '-i', '-n', NS, POD, '-c', 'canary', '--', 'sh', '-s'], script);
    const web = fakeIp('web.dark-tower.svc.cluster.local');
    const blocked = fakeIp('blocked.example.com');
    expect(r).toEqual({
      code: 0,
      stdout:
        'web 0\ndb 1\nblocked 1\n' +
        `Connecting to web.dark-tower.svc.cluster.local (${web}:80)\nremote file exists\n` +
        `Connecting to blocked.example.com (${blocked}:80)\nwget: download timed out\n`,
      stderr: '',
    });
  });
});

describe('kubectl exec into the double', () => {
  it('shows the busybox texts and kubectl’s exit message for failed probes', async () => {
    const refused = await kubectl('1.32', [
      'exec',
      '-n',
      NS,
      POD,
      '--',
      'wget',
      '--spider',
      '-T',
      '2',
      'http://db:5432/',
    ]);
    expect(refused).toEqual({
      code: 1,
      stdout: '',
      stderr:
        `Connecting to db:5432 (${fakeIp('db')}:5432)\n` +
        `wget: can't connect to remote host (${fakeIp('db')}): Connection refused\n` +
        'command terminated with exit code 1\n',
    });
    const notFound = await kubectl('1.32', [
      'exec',
      '-n',
      NS,
      POD,
      '--',
      'wget',
      '-q',
      '--spider',
      'http://missing.example.com/',
    ]);
    expect(notFound.stderr).toBe(
      'wget: server returned error: HTTP/1.1 404 Not Found\ncommand terminated with exit code 1\n',
    );
    const typo = await kubectl('1.32', [
      'exec',
      '-n',
      NS,
      POD,
      '--',
      'nc',
      '-z',
      '-v',
      '-w',
      '2',
      'typo.invalid',
      '80',
    ]);
    expect(typo).toEqual({
      code: 1,
      stdout: '',
      stderr: "nc: bad address 'typo.invalid'\ncommand terminated with exit code 1\n",
    });
  });

  it('answers a missing command the way a container runtime does: exit 126', async () => {
    const r = await kubectl('1.32', ['exec', '-n', NS, POD, '--', 'no-such-tool', '-s', 'http://web/']);
    expect(r.code).toBe(126);
    expect(r.stdout).toContain('exec: "no-such-tool": executable file not found in $PATH');
    expect(r.stderr).toBe('command terminated with exit code 126\n');
  });

  it('rejects a container the pod does not have, with the apiserver’s message', async () => {
    const r = await kubectl('1.32', ['exec', '-n', NS, POD, '-c', 'sidecar', '--', 'true']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`container sidecar is not valid for pod ${POD}`);
  });

  it('kills a running exec when its pod is deleted', async () => {
    await h.addPod('doomed', { app: 'canary' });
    const run = startKubectl('1.32', [
      'exec',
      '-n',
      NS,
      'doomed',
      '--',
      'sh',
      '-c',
      'sleep 300 & echo $!; wait',
    ]);
    await vi.waitFor(() => expect(run.out()).toMatch(/^\d+\n/), { timeout: 10_000 });
    const sleeper = Number(run.out().trim());
    expect(alive(sleeper)).toBe(true);
    await h.deletePod('doomed');
    const r = await run.done;
    expect(r.code).toBe(137);
    expect(r.stderr).toBe('command terminated with exit code 137\n');
    await vi.waitFor(() => expect(alive(sleeper)).toBe(false), { timeout: 10_000 });
  });

  it('kills the processes of a client that goes away', async () => {
    const before = h.stats();
    const run = startKubectl('1.32', ['exec', '-n', NS, POD, '--', 'sh', '-c', 'sleep 300 & echo $!; wait']);
    await vi.waitFor(() => expect(run.out()).toMatch(/^\d+\n/), { timeout: 10_000 });
    const sleeper = Number(run.out().trim());
    expect(h.stats()).toEqual({ active: before.active + 1, total: before.total + 1 });
    run.child.kill('SIGKILL');
    await run.done;
    await vi.waitFor(() => expect(alive(sleeper)).toBe(false), { timeout: 10_000 });
    expect(h.stats()).toEqual({ active: before.active, total: before.total + 1 });
  });

  it('validates the request before upgrading, with the apiserver’s Status', async () => {
    const url = (query: string) =>
      `${h.baseUrl.replace(/^http/, 'ws')}/api/v1/namespaces/${NS}/pods/${POD}/exec?${query}`;
    const refusal = (query: string) =>
      new Promise<[number | undefined, unknown]>((ok, fail) => {
        const ws = new WebSocket(url(query), ['v5.channel.k8s.io']);
        ws.on('open', () => fail(new Error(`exec with ${query} was accepted`)));
        ws.on('error', () => {});
        ws.on('unexpected-response', (_req, res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => ok([res.statusCode, JSON.parse(body)]));
        });
      });
    expect(await refusal('command=true&container=sidecar&stdout=true')).toEqual([
      400,
      expect.objectContaining({
        kind: 'Status',
        status: 'Failure',
        reason: 'BadRequest',
        message: `container sidecar is not valid for pod ${POD}`,
      }),
    ]);
    expect(await refusal('command=true&container=canary')).toEqual([
      400,
      expect.objectContaining({ message: 'you must specify at least 1 of stdin, stdout, stderr' }),
    ]);
  });

  it('speaks v4.channel.k8s.io to older clients', async () => {
    const query =
      'command=sh&command=-c&command=echo%20v4%3B%20exit%202&container=canary&stdout=true&stderr=true';
    const ws = new WebSocket(
      `${h.baseUrl.replace(/^http/, 'ws')}/api/v1/namespaces/${NS}/pods/${POD}/exec?${query}`,
      ['v4.channel.k8s.io'],
    );
    const frames: [number, string][] = [];
    ws.on('message', (data: Buffer) => frames.push([data[0]!, data.subarray(1).toString()]));
    await new Promise((ok) => ws.on('close', ok));
    expect(ws.protocol).toBe('v4.channel.k8s.io');
    expect(frames.filter(([, text]) => text !== '')).toEqual([
      [1, 'v4\n'],
      [
        3,
        JSON.stringify({
          metadata: {},
          status: 'Failure',
          message:
            'command terminated with non-zero exit code: error executing command [sh -c echo v4; exit 2], exit code 2',
          reason: 'NonZeroExitCode',
          details: { causes: [{ reason: 'ExitCode', message: '2' }] },
        }),
      ],
    ]);
  });
});
