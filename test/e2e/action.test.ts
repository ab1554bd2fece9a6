// The action end to end: bundled dist/main.js and dist/post.js through the
// runner simulator, the real kubectl, and the Kubernetes API double.
import { describe, expect, it } from 'vitest';
import { rules } from '../cluster/network.ts';
import type { Cluster } from '../cluster/server.ts';
import {
  OPTIONAL_RESULT_FIELDS,
  RESULT_FIELDS,
  leftovers,
  matrixYaml,
  mutationsOf,
  results,
  runAgainst,
  withCluster,
  changesOf,
} from './helpers.ts';

const BACKEND = 'http://backend.dark-tower.svc.cluster.local:8080/healthz';
const MISSING = 'http://missing.dark-tower.svc.cluster.local:8080/';
const POSTGRES = 'tcp://postgres.data.svc.cluster.local:5432';
const CLOSED = 'tcp://backend.dark-tower.svc.cluster.local:9999';
const TYPO = 'http://bakend.dark-tower.svc.cluster.local:8080/';

/** What the network does in these tests, as a CNI enforcing some policies would. */
const network = rules([
  { to: 'backend.dark-tower.svc.cluster.local:8080', from: { labels: { app: 'frontend' } }, outcome: 200 },
  { to: 'backend.dark-tower.svc.cluster.local:8080', outcome: 'timeout' },
  { to: 'missing.dark-tower.svc.cluster.local:8080', outcome: 404 },
  {
    to: 'postgres.data.svc.cluster.local:5432',
    from: { namespace: 'canary-test-outsider' },
    outcome: 'timeout',
  },
  { to: 'postgres.data.svc.cluster.local:5432', outcome: 'allowed' },
  { to: 'backend.dark-tower.svc.cluster.local:9999', outcome: 'refused' },
  { to: 'bakend.dark-tower.svc.cluster.local', outcome: 'dns-failure' },
]);

const everyOutcome = matrixYaml(
  [
    {
      name: 'frontend reaches backend',
      from: 'dark-tower',
      labels: { app: 'frontend' },
      to: BACKEND,
      expect: 'allow',
    },
    {
      name: 'a 404 is still reachable',
      from: 'dark-tower',
      labels: { app: 'frontend' },
      to: MISSING,
      expect: 'allow',
    },
    { name: 'outsider cannot reach postgres', from: 'canary-test-outsider', to: POSTGRES, expect: 'deny' },
    { name: 'outsider reaches backend (wrong)', from: 'canary-test-outsider', to: BACKEND, expect: 'allow' },
    {
      name: 'frontend cannot reach postgres (wrong)',
      from: 'dark-tower',
      labels: { app: 'frontend' },
      to: POSTGRES,
      expect: 'deny',
    },
    { name: 'closed port', from: 'canary-test-outsider', to: CLOSED, expect: 'deny' },
    { name: 'typo in host', from: 'canary-test-outsider', to: TYPO, expect: 'deny' },
  ],
  { 'canary-test-outsider': { labels: { team: 'outsider' } } },
);

/** A backend Deployment's pod and its Service, as a real cluster would have them. */
function seedBackend(cluster: Cluster): void {
  cluster.createPod({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'backend-7d4b9', namespace: 'dark-tower', labels: { app: 'backend' } },
    spec: {
      containers: [{ name: 'http', image: 'hashicorp/http-echo:1.0', ports: [{ containerPort: 8080 }] }],
    },
  });
  cluster.create('services', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'backend', namespace: 'dark-tower' },
    spec: { selector: { app: 'backend' }, ports: [{ port: 8080, targetPort: 8080 }] },
  });
}

describe('the action, end to end', () => {
  it('tells pass, fail and inconclusive apart for every kind of outcome with pods/exec forbidden, reports them, and cleans up', async () => {
    await withCluster({ network }, async (cluster) => {
      cluster.createNamespace('dark-tower', { team: 'tower' });
      seedBackend(cluster);
      // the canaries probe by themselves: the identity may not exec (nor attach) anywhere
      cluster.denyRbac({ resource: 'pods', subresource: 'exec' });
      cluster.denyRbac({ resource: 'pods', subresource: 'attach' });
      cluster.resetAudit();
      const run = await runAgainst(cluster, {
        inputs: { matrix: everyOutcome, timeout: '1s', attempts: '2' },
        skipPost: true,
      });
      try {
        const byName = Object.fromEntries(results(run).map((r) => [String(r.name), r]));
        expect(
          Object.fromEntries(
            Object.entries(byName).map(([n, r]) => [n, `${String(r.verdict)}/${String(r.actual)}`]),
          ),
        ).toEqual({
          'frontend reaches backend': 'pass/allowed',
          'a 404 is still reachable': 'pass/allowed',
          'outsider cannot reach postgres': 'pass/blocked',
          'outsider reaches backend (wrong)': 'fail/blocked',
          'frontend cannot reach postgres (wrong)': 'fail/allowed',
          'closed port': 'inconclusive/refused',
          'typo in host': 'inconclusive/dns-error',
        });
        expect(run.main.outputs).toMatchObject({ passed: '3', failed: '2', inconclusive: '2' });
        // the contract of each result object, plus an explanation where a test did not pass
        for (const r of Object.values(byName)) {
          expect(Object.keys(r).filter((k) => !OPTIONAL_RESULT_FIELDS.includes(k))).toEqual(RESULT_FIELDS);
        }
        expect(byName['frontend reaches backend']?.explanation).toBeUndefined();
        // no policies in this cluster, yet the connection timed out: the explanation says so
        expect(String(byName['outsider reaches backend (wrong)']?.explanation)).toMatch(
          /is the CNI enforcing NetworkPolicy/,
        );
        expect(byName['a 404 is still reachable']?.detail).toMatch(/404/);
        expect(byName['closed port']?.detail).toMatch(/refused-means-denied/);
        // disagreeing results are retried, agreeing ones are not
        expect(byName['frontend reaches backend']?.attempts).toBe(1);
        expect(byName['outsider reaches backend (wrong)']?.attempts).toBe(2);
        // no exec was tried, and every canary ran its probes as its own command and ended
        expect(cluster.audit.filter((e) => e.subresource === 'exec' || e.verb === 'exec')).toEqual([]);
        const canaries = cluster.list('pods').filter((p) => p.metadata.name.startsWith('canary-'));
        expect(canaries).toHaveLength(2);
        for (const pod of canaries) {
          expect(pod.status.phase).toBe('Succeeded');
          expect(pod.spec.containers[0].command.slice(0, 2)).toEqual(['sh', '-c']);
        }

        // a failing gate fails the step, with one annotation per failed or inconclusive test
        expect(run.main.failed).toBe(true);
        const errors = run.main.annotations.filter((a) => a.level === 'error' && a.title);
        expect(errors).toHaveLength(4);
        const wrong = errors.find((a) => a.title?.includes('outsider reaches backend (wrong)'));
        expect(wrong?.message).toContain('canary-test-outsider');
        expect(wrong?.message).toContain(BACKEND);
        expect(wrong?.message).toMatch(/expected allow/);
        expect(wrong?.message).toMatch(/blocked/);
        // the typo'd deny target has no allow test anywhere: warned about
        expect(run.main.annotations.some((a) => a.level === 'warning' && a.message.includes('bakend'))).toBe(
          true,
        );

        // the summary: failures first, with a command to reproduce
        const summary = run.main.summary;
        expect(summary.indexOf('outsider reaches backend (wrong)')).toBeLessThan(
          summary.indexOf('frontend reaches backend'),
        );
        expect(summary).toContain('kubectl run netpol-repro-4 -n canary-test-outsider');
        expect(summary).toContain('3 passed');

        // the created namespace carries the matrix's labels and the ownership label; the existing one is untouched
        expect(cluster.namespace('canary-test-outsider')?.metadata.labels).toMatchObject({
          team: 'outsider',
          'app.kubernetes.io/managed-by': 'netpol-canary',
        });
        expect(
          mutationsOf(cluster).filter((m) => m.includes('namespaces') && m.includes('dark-tower')),
        ).toEqual([]);
        // one canary per (namespace, labels): dark-tower+frontend and canary-test-outsider
        expect(cluster.pods().filter((p) => p.metadata.name?.startsWith('canary-'))).toHaveLength(2);

        // post: everything of this run is gone, dark-tower stays; a second post is harmless
        const post = await run.postAgain();
        expect(post.failed).toBe(false);
        expect(leftovers(cluster)).toEqual([]);
        expect(cluster.namespace('dark-tower')?.metadata.deletionTimestamp).toBeUndefined();
        expect(cluster.pod('dark-tower', 'backend-7d4b9')).toBeDefined();
        const before = changesOf(cluster).length;
        const again = await run.postAgain();
        expect(again.failed).toBe(false);
        expect(again.annotations.filter((a) => a.level === 'warning')).toEqual([]);
        expect(changesOf(cluster).length).toBe(before);
      } finally {
        run.dispose();
      }
    });
  });

  it('counts a refused connection as denied only when asked to, and can report without failing the step', async () => {
    await withCluster({ network }, async (cluster) => {
      cluster.createNamespace('dark-tower');
      const matrix = matrixYaml([{ name: 'closed port', from: 'dark-tower', to: CLOSED, expect: 'deny' }]);
      const run = await runAgainst(cluster, {
        inputs: { matrix, timeout: '1s', 'refused-means-denied': 'true' },
      });
      expect(results(run)[0]).toMatchObject({ verdict: 'pass', actual: 'refused' });
      expect(run.main.failed).toBe(false);

      const lenient = await runAgainst(cluster, {
        inputs: { matrix, timeout: '1s', attempts: '1', 'fail-on-mismatch': 'false' },
        run: { id: '4343' },
      });
      expect(lenient.main.failed).toBe(false);
      expect(lenient.main.outputs).toMatchObject({ passed: '0', inconclusive: '1' });
      expect(leftovers(cluster)).toEqual([]);
      run.dispose();
      lenient.dispose();
    });
  });

  it('refuses a malformed matrix before touching the cluster', async () => {
    await withCluster({ network }, async (cluster) => {
      cluster.createNamespace('dark-tower');
      const matrix = matrixYaml([
        { name: 'fine', from: 'dark-tower', to: BACKEND, expect: 'allow' },
        { name: 'typo in field', from: 'dark-tower', to: BACKEND, expects: 'deny' },
      ]);
      cluster.resetAudit();
      const run = await runAgainst(cluster, { inputs: { matrix } });
      expect(run.main.failed).toBe(true);
      const error = run.main.annotations.find((a) => a.level === 'error')?.message ?? '';
      expect(error).toMatch(/#2/);
      expect(error).toMatch(/typo in field/);
      expect(error).toMatch(/expects/);
      expect(error).toMatch(/nothing was created/);
      expect(run.main.outputs).toMatchObject({ passed: '0', failed: '0', inconclusive: '0', results: '[]' });
      expect(mutationsOf(cluster)).toEqual([]);
      expect(run.post?.failed).toBe(false);
      run.dispose();
    });
  });

  it('refuses a missing source namespace without the prefix, naming it and the prefix', async () => {
    await withCluster({ network }, async (cluster) => {
      cluster.resetAudit();
      const run = await runAgainst(cluster, {
        inputs: { matrix: matrixYaml([{ from: 'no-such-team', to: BACKEND, expect: 'allow' }]) },
      });
      expect(run.main.failed).toBe(true);
      const error = run.main.annotations.find((a) => a.level === 'error')?.message ?? '';
      expect(error).toContain('no-such-team');
      expect(error).toContain('canary-test-');
      expect(mutationsOf(cluster)).toEqual([]);
      run.dispose();
    });
  });

  it('runs in a namespace that enforces Pod Security "restricted"', async () => {
    await withCluster({ network }, async (cluster) => {
      cluster.createNamespace('locked', { 'pod-security.kubernetes.io/enforce': 'restricted' });
      const run = await runAgainst(cluster, {
        inputs: { matrix: matrixYaml([{ from: 'locked', to: POSTGRES, expect: 'allow' }]), timeout: '1s' },
      });
      expect(results(run)[0]).toMatchObject({ verdict: 'pass', actual: 'allowed' });
      expect(leftovers(cluster)).toEqual([]);
      run.dispose();
    });
  });

  it('makes the tests of a canary that cannot start inconclusive, with the reason from the pod', async () => {
    await withCluster(
      { network, unpullableImages: (image: string) => image.startsWith('registry.invalid/') },
      async (cluster) => {
        cluster.createNamespace('dark-tower');
        const run = await runAgainst(cluster, {
          inputs: {
            matrix: matrixYaml([{ from: 'dark-tower', to: POSTGRES, expect: 'deny' }]),
            image: 'registry.invalid/busybox:1.36',
            'ready-timeout': '2s',
          },
        });
        const [r] = results(run);
        expect(r).toMatchObject({ verdict: 'inconclusive', actual: 'error' });
        // what happened, what limit passed, and the pod's own reason
        expect(String(r?.detail)).toMatch(
          /^canary dark-tower\/canary-[0-9a-f]+ did not start within the ready-timeout \(2 s\): ImagePullBackOff/,
        );
        expect(run.main.failed).toBe(true);
        expect(leftovers(cluster)).toEqual([]);
        run.dispose();
      },
    );
  });

  it('names the exact permission that is missing, before creating anything', async () => {
    await withCluster({ network }, async (cluster) => {
      cluster.createNamespace('dark-tower');
      cluster.denyRbac({ verb: 'watch', resource: 'pods', namespace: 'dark-tower' });
      cluster.resetAudit();
      const run = await runAgainst(cluster, {
        inputs: { matrix: matrixYaml([{ from: 'dark-tower', to: POSTGRES, expect: 'allow' }]) },
      });
      expect(run.main.failed).toBe(true);
      const error = run.main.annotations.find((a) => a.level === 'error')?.message ?? '';
      expect(error).toContain('watch pods in namespace dark-tower');
      // and nothing else: pods/exec is not asked for
      expect(error).not.toContain('exec');
      expect(mutationsOf(cluster).filter((m) => !m.includes('selfsubjectaccessreviews'))).toEqual([]);
      run.dispose();
    });
  });

  it('leaves nothing behind when main is killed half way', async () => {
    await withCluster({ network, podStartDelayMs: 300 }, async (cluster) => {
      cluster.createNamespace('dark-tower');
      const run = await runAgainst(cluster, {
        inputs: {
          matrix: matrixYaml([
            { from: 'dark-tower', labels: { app: 'frontend' }, to: BACKEND, expect: 'allow' },
            { from: 'canary-test-outsider', to: POSTGRES, expect: 'deny' },
          ]),
          timeout: '2s',
        },
        killMain: { when: /created namespace/ },
      });
      expect(run.main.killed).toBe(true);
      expect(run.post?.failed).toBe(false);
      expect(leftovers(cluster)).toEqual([]);
      run.dispose();
    });
  });
});
