// A job with no cluster to talk to (no kind-action, no cloud login before the action):
// main says what is missing instead of kubectl's "localhost:8080 was refused", creates
// nothing, and post has nothing to clean up.
import { describe, expect, it } from 'vitest';
import { runAction } from '../runner/simulator.ts';
import { matrixYaml, mutationsOf, pathWithKubectl, runAgainst, withCluster } from './helpers.ts';

const MATRIX = matrixYaml([
  { name: 'db', from: 'canary-test-x', to: 'tcp://db.data.svc.cluster.local:5432', expect: 'deny' },
]);

describe('without a kube context', () => {
  it('fails with what to do, starts no probe, and post has nothing to clean up', async () => {
    // the runner's HOME is a fresh folder: no ~/.kube/config, and no KUBECONFIG
    const run = await runAction({
      inputs: { matrix: MATRIX },
      env: { PATH: pathWithKubectl(), KUBECONFIG: '' },
    });
    try {
      expect(run.main.failed).toBe(true);
      const errors = run.main.annotations.filter((a) => a.level === 'error').map((a) => a.message);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(
        /^no kube context: add a step before this one that creates or connects to a cluster \(helm\/kind-action, .*\), or give the kubeconfig input \(KUBECONFIG is not set, and there is no \S+\/\.kube\/config\)\. Nothing was created\.$/,
      );
      expect(`${run.main.log}\n${run.main.stderr}`).not.toContain('localhost:8080');
      expect(run.post?.failed).toBe(false);
      expect(run.post?.annotations).toEqual([]);
      expect(run.post?.log).toContain('Nothing to clean up: no kube context');
    } finally {
      run.dispose();
    }
  });

  it('names the context the kubeconfig does not have, with the one likely meant, and changes nothing', async () => {
    await withCluster({}, async (cluster) => {
      cluster.resetAudit();
      const run = await runAgainst(cluster, { inputs: { matrix: MATRIX, context: 'doubel' } });
      try {
        expect(run.main.failed).toBe(true);
        const errors = run.main.annotations.filter((a) => a.level === 'error').map((a) => a.message);
        expect(errors).toEqual([
          `no kube context "doubel" in ${cluster.kubeconfigPath} (did you mean "double"?); its contexts are double. Nothing was created.`,
        ]);
        expect(run.post?.annotations).toEqual([]);
        expect(mutationsOf(cluster)).toEqual([]);
      } finally {
        run.dispose();
      }
    });
  });
});
