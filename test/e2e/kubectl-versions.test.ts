// The action works with every kubectl the double serves: 1.30 to 1.33 (exec over WebSocket).
import { describe, expect, it } from 'vitest';
import { KUBECTL_VERSIONS } from '../cluster/kubectl.ts';
import { rules } from '../cluster/network.ts';
import { leftovers, matrixYaml, results, runAgainst, withCluster } from './helpers.ts';

const network = rules([{ to: 'db.data.svc.cluster.local:5432', outcome: 'timeout' }], 200);

describe.each([...KUBECTL_VERSIONS])('with kubectl %s', (version) => {
  it('runs, probes and cleans up', async () => {
    await withCluster({ network }, async (cluster) => {
      cluster.createNamespace('dark-tower');
      const run = await runAgainst(cluster, {
        kubectlVersion: version,
        inputs: {
          timeout: '1s',
          matrix: matrixYaml([
            {
              name: 'web',
              from: 'dark-tower',
              labels: { app: 'web' },
              to: 'http://api.svc.cluster.local/',
              expect: 'allow',
            },
            { name: 'db', from: 'canary-test-x', to: 'tcp://db.data.svc.cluster.local:5432', expect: 'deny' },
          ]),
        },
      });
      expect(results(run).map((r) => `${String(r.name)}:${String(r.verdict)}`)).toEqual([
        'web:pass',
        'db:pass',
      ]);
      expect(run.main.failed).toBe(false);
      expect(leftovers(cluster)).toEqual([]);
      run.dispose();
    });
  });
});
