// The reproduce command of the job summary, pasted into a shell as printed, against the
// cluster double with the real kubectl: it creates a pod that Pod Security "restricted"
// admits, with the canary's labels and image, and for a namespace the run created (gone
// after post) it creates that namespace with its labels first and deletes it after.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { kubectlFor } from '../cluster/kubectl.ts';
import type { Cluster } from '../cluster/server.ts';
import { pathWithKubectl, withCluster } from './helpers.ts';
import { parseTarget } from '../../src/matrix/target.ts';
import { reproduceCommand, type ReproOptions } from '../../src/probe/repro.ts';
import { renderSummary } from '../../src/report/summary.ts';
import type { TestCase, TestResult } from '../../src/core/types.ts';
import { SETTINGS } from '../fixtures/settings.ts';

const RESTRICTED = { 'pod-security.kubernetes.io/enforce': 'restricted' };
const POD = 'netpol-repro-4';
type Pod = NonNullable<ReturnType<Cluster['pod']>>;

function testFrom(from: string): TestCase {
  const target = parseTarget('tcp://db.data:5432');
  if (!target.ok) throw new Error(target.errors.join('; '));
  return {
    index: 3,
    name: 'web cannot reach the database',
    from,
    labels: { app: 'web', tier: 'front' },
    to: 'tcp://db.data:5432',
    target: target.value,
    expect: 'deny',
  };
}

/** The command as the job summary prints it: the text of its Reproduce block. */
function printed(test: TestCase, opts: ReproOptions = {}): string {
  const result: TestResult = {
    name: test.name,
    from: test.from,
    labels: test.labels,
    to: test.to,
    expect: test.expect,
    actual: 'allowed',
    verdict: 'fail',
    detail: 'connected',
    attempts: 1,
    durationMs: 10,
  };
  const md = renderSummary([result], { repro: () => reproduceCommand(test, SETTINGS, opts) });
  const m = /<summary>Reproduce<\/summary>\n\n```+sh\n([\s\S]*?)\n```+\n/.exec(md);
  if (!m?.[1]) throw new Error(`no Reproduce block in the summary:\n${md}`);
  return m[1];
}

/**
 * Runs the text in sh as a person's shell would. The double runs no containers: once the
 * pod runs, the probe is made to end (its status set to Succeeded), as it would by itself.
 */
async function paste(
  cluster: Cluster,
  text: string,
  namespace: string,
): Promise<{ code: number | null; output: string; pod?: Pod }> {
  let seen: Pod | undefined;
  const ending = cluster
    .waitFor(
      () => cluster.pod(namespace, POD)?.status?.phase === 'Running' && cluster.pod(namespace, POD),
      30_000,
    )
    .then(async (pod) => {
      seen = pod || undefined;
      const status = {
        phase: 'Succeeded',
        containerStatuses: [
          { name: POD, ready: false, state: { terminated: { exitCode: 0, reason: 'Completed' } } },
        ],
      };
      await kubectlFor(cluster)([
        'patch',
        'pod',
        POD,
        '-n',
        namespace,
        '--subresource=status',
        '--type=merge',
        '-p',
        JSON.stringify({ status }),
      ]);
    })
    .catch(() => undefined);
  const child = spawn('/bin/sh', ['-c', text], {
    env: { ...process.env, KUBECONFIG: cluster.kubeconfigPath, PATH: pathWithKubectl() },
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const stop = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const code = await new Promise<number | null>((done) => child.on('close', done));
  clearTimeout(stop);
  await Promise.race([ending, new Promise((r) => setTimeout(r, 100))]);
  return { code, output, ...(seen ? { pod: seen } : {}) };
}

function podCreates(cluster: Cluster, namespace: string): number[] {
  return cluster.audit
    .filter(
      (e) => e.verb === 'create' && e.resource === 'pods' && !e.subresource && e.namespace === namespace,
    )
    .map((e) => e.code);
}

describe('the reproduce command, pasted as printed', () => {
  it('creates a pod like the canary that a restricted namespace admits, and removes it', async () => {
    await withCluster({ podStartDelayMs: 20 }, async (cluster) => {
      cluster.createNamespace('locked', RESTRICTED);
      const text = printed(testFrom('locked'));
      const r = await paste(cluster, text, 'locked');
      expect(podCreates(cluster, 'locked'), r.output).toEqual([201]);
      expect(r.pod?.metadata.labels).toEqual({ app: 'web', tier: 'front' });
      const container = r.pod?.spec.containers[0];
      expect(container.image).toBe('busybox:1.36');
      expect(container.args ?? container.command).toEqual([
        'nc',
        '-z',
        '-v',
        '-v',
        '-w',
        '5',
        'db.data',
        '5432',
      ]);
      expect(r.pod?.spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 65534 });
      expect(container.securityContext).toMatchObject({
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'] },
      });
      // --rm: the pod is gone when the probe ends
      expect(r.code).toBe(0);
      expect(cluster.pod('locked', POD)).toBeUndefined();
    });
  });

  it('is what makes the difference: a plain kubectl run is refused there', async () => {
    await withCluster({ podStartDelayMs: 20 }, async (cluster) => {
      cluster.createNamespace('locked', RESTRICTED);
      const plain = printed(testFrom('locked')).replace(/ --override-type=strategic --overrides='[^']*'/, '');
      expect(plain).not.toContain('overrides');
      const r = await paste(cluster, plain, 'locked');
      expect(podCreates(cluster, 'locked')).toEqual([403]);
      expect(r.output).toMatch(/violates PodSecurity "restricted:latest"/);
    });
  });

  it('creates a namespace the run had created, with its labels, and deletes it after', async () => {
    await withCluster({ podStartDelayMs: 20, namespaceTerminationMs: 10 }, async (cluster) => {
      const labels = { ...RESTRICTED, team: 'outsider' };
      const text = printed(testFrom('canary-test-outsider'), { createdNamespace: { labels } });
      expect(text.split('\n')[0]).toBe('kubectl create namespace canary-test-outsider');
      const r = await paste(cluster, text, 'canary-test-outsider');
      const writes = cluster
        .mutations()
        .filter((e) => e.resource === 'namespaces')
        .map((e) => `${e.verb} ${e.code}`);
      expect(writes, r.output).toEqual(['create 201', 'patch 200', 'delete 200']);
      expect(podCreates(cluster, 'canary-test-outsider')).toEqual([201]);
      // the pod was admitted under the namespace's labels: restricted was in force
      expect(r.pod?.metadata.namespace).toBe('canary-test-outsider');
      const ns = cluster.namespace('canary-test-outsider');
      expect(ns === undefined || Boolean(ns.metadata.deletionTimestamp)).toBe(true);
      expect(r.output).toMatch(/namespace "canary-test-outsider" deleted/);
    });
  });
});
