// Real clusters are not empty kind clusters: private registries and placement
// reach the canary pod spec, and are validated before anything is created.
import { describe, expect, it } from 'vitest';
import { leftovers, matrixYaml, mutationsOf, results, runAgainst, withCluster } from './helpers.ts';

const TARGET = 'http://api.svc.cluster.local/';

describe('placement and private registries', () => {
  it('pins a canary to a node, and passes pull secret, node selector and tolerations to the pod', async () => {
    await withCluster({}, async (cluster) => {
      cluster.createNamespace('dark-tower');
      const run = await runAgainst(cluster, {
        skipPost: true,
        inputs: {
          timeout: '1s',
          'image-pull-secret': 'regcred',
          tolerations: '[{key: node-role.kubernetes.io/control-plane, operator: Exists, effect: NoSchedule}]',
          matrix: matrixYaml([
            {
              name: 'same node',
              from: 'dark-tower',
              labels: { app: 'a' },
              node: 'kind-control-plane',
              to: TARGET,
              expect: 'allow',
            },
            {
              name: 'other node',
              from: 'dark-tower',
              labels: { app: 'a' },
              node: 'kind-worker',
              to: TARGET,
              expect: 'allow',
            },
          ]),
        },
      });
      try {
        expect(results(run).map((r) => r.verdict)).toEqual(['pass', 'pass']);
        // one canary per node: same labels, different nodes
        const canaries = cluster.pods('dark-tower').filter((p) => p.metadata.name?.startsWith('canary-'));
        expect(canaries.map((p) => p.spec?.nodeName).sort()).toEqual(['kind-control-plane', 'kind-worker']);
        for (const pod of canaries) {
          expect(pod.spec?.imagePullSecrets).toEqual([{ name: 'regcred' }]);
          // (the API server adds its default not-ready/unreachable tolerations beside ours)
          expect(pod.spec?.tolerations).toEqual(
            expect.arrayContaining([
              { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
            ]),
          );
        }
        await run.postAgain();
        expect(leftovers(cluster)).toEqual([]);
      } finally {
        run.dispose();
      }
    });
  });

  it('reports a canary that cannot be scheduled as inconclusive, with the scheduler’s reason', async () => {
    await withCluster({}, async (cluster) => {
      cluster.createNamespace('dark-tower');
      const run = await runAgainst(cluster, {
        inputs: {
          timeout: '1s',
          'ready-timeout': '2s',
          'node-selector': '{pool: gpu}',
          matrix: matrixYaml([{ from: 'dark-tower', to: TARGET, expect: 'allow' }]),
        },
      });
      const [r] = results(run);
      expect(r).toMatchObject({ verdict: 'inconclusive', actual: 'error' });
      expect(String(r?.detail)).toMatch(/did not start within the ready-timeout \(2 s\): Unschedulable/);
      expect(leftovers(cluster)).toEqual([]);
      run.dispose();
    });
  });

  it.each([
    ['node-selector', '{pool: [gpu]}'],
    ['tolerations', '{key: x}'],
    ['image-pull-secret', 'Not_A_Name'],
  ])('refuses a bad %s before creating anything', async (input, value) => {
    await withCluster({}, async (cluster) => {
      cluster.createNamespace('dark-tower');
      cluster.resetAudit();
      const run = await runAgainst(cluster, {
        inputs: { [input]: value, matrix: matrixYaml([{ from: 'dark-tower', to: TARGET, expect: 'allow' }]) },
      });
      expect(run.main.failed).toBe(true);
      expect(run.main.annotations.find((a) => a.level === 'error')?.message).toContain(`input "${input}"`);
      expect(mutationsOf(cluster)).toEqual([]);
      run.dispose();
    });
  });
});
