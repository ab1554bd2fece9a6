// Containers that run their command: exit, termination message and log as the kubelet
// reports them, read back through the real kubectl; and a network that changes with the
// time since a pod started.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from './server.ts';
import { kubectlFor, type Kubectl } from './kubectl.ts';
import { lastBytes, lastLines, type ContainerRun } from './container-run.ts';
import { byPodAge, rules } from './network.ts';
import type { Obj } from './store.ts';

const pod = (name: string, container: Obj = {}, spec: Obj = {}): Obj => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  spec: {
    restartPolicy: 'Never',
    containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'probe'], ...container }],
    ...spec,
  },
});

describe('containers that run their command', () => {
  let cluster: Cluster;
  let k: Kubectl;
  const runs = new Map<string, ContainerRun>();
  beforeAll(async () => {
    cluster = await startCluster({
      podStartDelayMs: 10,
      containerRun: (p) => runs.get(String(p.metadata.name)),
    });
    k = kubectlFor(cluster);
  });
  afterAll(() => cluster.close());

  const ended = (name: string): Promise<Obj> =>
    cluster.waitFor(() => {
      const p = cluster.pod('default', name);
      return p?.status.phase === 'Succeeded' || p?.status.phase === 'Failed' ? p : undefined;
    });

  it('exits 0: Succeeded, the termination message is the last 4096 bytes of its file, the log is kubectl logs', async () => {
    const message = `${'x'.repeat(5000)}|the end ✓`;
    const log = Array.from({ length: 5 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
    runs.set('done', { afterMs: 50, exitCode: 0, terminationMessage: message, log });
    cluster.createPod(pod('done'));
    const p = await ended('done');
    expect(p.status.phase).toBe('Succeeded');
    const term = p.status.containerStatuses[0].state.terminated;
    expect(term).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(Buffer.byteLength(term.message)).toBe(4096);
    expect(term.message.endsWith('|the end ✓')).toBe(true);
    expect(p.status.conditions.find((c: Obj) => c.type === 'Ready')).toMatchObject({
      status: 'False',
      reason: 'PodCompleted',
    });
    // kubectl reads both: the message with the pod, the log through pods/log
    const json = await k([
      'get',
      'pod',
      'done',
      '-o',
      'jsonpath={.status.containerStatuses[0].state.terminated.message}',
    ]);
    expect(json.stdout).toBe(term.message);
    expect((await k(['logs', 'done'])).stdout).toBe(log);
    expect((await k(['logs', 'done', '--tail=2'])).stdout).toBe('line 4\nline 5\n');
    expect((await k(['logs', 'done', '--limit-bytes=6'])).stdout).toBe('line 1');
    const wrong = await k(['logs', 'done', '-c', 'nope']);
    expect(wrong.stderr).toContain('container nope is not valid for pod done');
    // the log needs its own right
    const remove = cluster.denyRbac({ verb: 'get', resource: 'pods', subresource: 'log' });
    const denied = await k(['logs', 'done']);
    remove();
    expect(denied.stderr).toMatch(/cannot get resource "pods\/log"/);
  });

  it('fails: Failed; FallbackToLogsOnError takes the tail of the log when the file is empty', async () => {
    const log = Array.from({ length: 100 }, (_, i) => `error line ${i + 1}`).join('\n') + '\n';
    runs.set('broken', { afterMs: 30, exitCode: 3, log });
    runs.set('quiet', { afterMs: 30, exitCode: 3, log });
    cluster.createPod(pod('broken', { terminationMessagePolicy: 'FallbackToLogsOnError' }));
    cluster.createPod(pod('quiet'));
    const broken = await ended('broken');
    expect(broken.status.phase).toBe('Failed');
    const term = broken.status.containerStatuses[0].state.terminated;
    expect(term).toMatchObject({ exitCode: 3, reason: 'Error' });
    // the last 80 lines, at most 2048 bytes of them: the last line is there, the 21st is not
    expect(Buffer.byteLength(term.message)).toBeLessThanOrEqual(2048);
    expect(term.message.endsWith('error line 100\n')).toBe(true);
    expect(term.message).not.toContain('error line 20\n');
    // the default policy (File) with nothing written: no message at all
    const quiet = await ended('quiet');
    expect(quiet.status.containerStatuses[0].state.terminated.message).toBeUndefined();
  });

  it('a container that runs until stopped still serves its log; a Pending one says it is waiting', async () => {
    runs.set('long', { afterMs: 60_000, log: 'started\n' });
    cluster.createPod(pod('long'));
    await cluster.waitFor(() => cluster.pod('default', 'long')?.status.phase === 'Running');
    expect((await k(['logs', 'long'])).stdout).toBe('started\n');
    cluster.setUnpullableImages(['nosuch:1']);
    cluster.createPod(pod('stuck', { image: 'nosuch:1' }));
    await cluster.waitFor(
      () => cluster.pod('default', 'stuck')?.status.containerStatuses?.[0]?.state?.waiting,
    );
    expect((await k(['logs', 'stuck'])).stderr).toMatch(/is waiting to start: ImagePullBackOff/);
  });

  it('cuts bytes and lines as the kubelet does', () => {
    expect(lastBytes('abcdef', 3)).toBe('def');
    expect(lastBytes('short', 10)).toBe('short');
    expect(lastLines('a\nb\nc\n', 2)).toBe('b\nc\n');
    expect(lastLines('a\nb\nc', 1)).toBe('c');
    expect(lastLines('a\nb\n', 0)).toBe('');
  });
});

describe('a network that changes with the age of the pod', () => {
  const src = { namespace: 'ns', pod: 'p', labels: {} };
  const policy = rules([{ to: 'db', outcome: 'timeout' }], 'allowed');

  it('decides by the first phase whose time has not passed, then by the network after', async () => {
    let now = 10_000;
    const started = 10_000;
    const net = byPodAge(
      [
        { untilMs: 1000, network: 'timeout' }, // nothing works until the pod's network is up
        { untilMs: 2400, network: 'allowed' }, // then everything, until the policies are programmed
      ],
      policy,
      () => started,
      () => now,
    );
    expect(await net(src, 'db', 5432, 'tcp')).toEqual({ kind: 'timeout' });
    expect(await net(src, 'web', 80, 'http')).toEqual({ kind: 'timeout' });
    now = 11_500;
    expect(await net(src, 'db', 5432, 'tcp')).toEqual({ kind: 'allowed' });
    now = 12_400;
    expect(await net(src, 'db', 5432, 'tcp')).toEqual({ kind: 'timeout' });
    expect(await net(src, 'web', 80, 'http')).toEqual({ kind: 'allowed' });
  });

  it('a pod not started yet is in the first phase; the double knows its start to the millisecond', async () => {
    const net = byPodAge([{ untilMs: 1000, network: 'dns-failure' }], policy, () => undefined);
    expect(await net(src, 'web', 80, 'http')).toEqual({ kind: 'dns-failure' });
    const c = await startCluster({ podStartDelayMs: 10, runCommands: false });
    try {
      const before = Date.now();
      c.createPod(pod('p'));
      await c.waitFor(() => c.pod('default', 'p')?.status.phase === 'Running');
      const ms = c.podStartedAtMs('default', 'p');
      expect(ms).toBeGreaterThanOrEqual(before);
      expect(ms).toBeLessThanOrEqual(Date.now());
      expect(Date.parse(c.pod('default', 'p')?.status.containerStatuses[0].state.running.startedAt)).toBe(
        Math.floor(ms! / 1000) * 1000,
      );
      expect(c.podStartedAtMs('default', 'nope')).toBeUndefined();
    } finally {
      await c.close();
    }
  });
});
