// Counts, not clocks: a regression to one kubectl process per probe, or to more
// processes at once than `concurrency`, fails here.
import { describe, expect, it } from 'vitest';
import { rules } from '../cluster/network.ts';
import { SELECTING_KINDS } from '../../src/cluster/label-collisions.ts';
import { countingKubectl, leftovers, matrixYaml, results, runAgainst, withCluster } from './helpers.ts';

const network = rules([{ to: (host) => host.startsWith('db-'), outcome: 'timeout' }], 200);

function fixedMatrix(): string {
  const sources = [
    { from: 'dark-tower', labels: { app: 'frontend' } },
    { from: 'dark-tower', labels: { app: 'batch' } },
    { from: 'canary-test-outsider', labels: {} },
  ];
  const tests = sources.flatMap((s, i) =>
    [0, 1, 2, 3].map((j) => ({
      name: `t${i}-${j}`,
      ...s,
      to: j % 2 === 0 ? `http://web-${j}.svc.cluster.local:8080/` : `tcp://db-${j}.svc.cluster.local:5432`,
      expect: j % 2 === 0 ? 'allow' : 'deny',
    })),
  );
  return matrixYaml(tests);
}

describe('kubectl processes and API requests', () => {
  it('probes each canary with one exec, within 3 processes per canary, 1 per existing source namespace and 5 per run', async () => {
    await withCluster({ network }, async (cluster) => {
      cluster.createNamespace('dark-tower');
      const counter = countingKubectl();
      cluster.resetAudit();
      const run = await runAgainst(cluster, {
        inputs: { matrix: fixedMatrix(), timeout: '1s' },
        env: { PATH: counter.path },
      });
      expect(results(run).map((r) => r.verdict)).toEqual(Array(12).fill('pass'));
      const canaries = 3;
      // one exec per canary: all of its probes in one script
      expect(cluster.audit.filter((e) => e.verb === 'exec')).toHaveLength(canaries);
      expect(cluster.audit.filter((e) => e.verb === 'create' && e.resource === 'pods')).toHaveLength(
        canaries,
      );
      // main and post together; dark-tower existed: one read of what selects a canary there
      const existing = 1;
      expect(counter.count()).toBeLessThanOrEqual(3 * canaries + existing + 5);
      // every process, by what it did: a new call anywhere shows here
      expect(tally(counter.calls())).toEqual({
        // main: what exists and the permission review (at once), one create of the
        // namespace, one of all pods, a watch per namespace, an exec per canary
        'get namespaces': 1,
        'create -f': 3,
        'get pods': 2,
        // the namespace that existed: do its Services, workloads or budgets select a canary?
        [`get ${SELECTING_KINDS.join(',')}`]: existing,
        exec: canaries,
        // post: the created namespace is patched on the version main saw and deleted,
        // its canary with it; the canaries in dark-tower are deleted by label
        'patch namespace': 1,
        'delete namespace': 1,
        'delete pods': 1,
      });
      // no call downloads the OpenAPI documents (creates skip client-side validation)
      expect(cluster.audit.filter((e) => e.path.startsWith('/openapi'))).toEqual([]);
      expect(leftovers(cluster)).toEqual([]);
      run.dispose();
    });
  });

  it('one canary in an existing and one in a created namespace: 3 per canary, 1 per existing namespace, plus 5', async () => {
    await withCluster({ network }, async (cluster) => {
      cluster.createNamespace('dark-tower');
      const counter = countingKubectl();
      const tests = ['dark-tower', 'canary-test-outsider'].flatMap((from) =>
        ['http://web-0.svc.cluster.local:8080/', 'tcp://db-1.svc.cluster.local:5432'].map((to, j) => ({
          name: `${from}-${j}`,
          from,
          to,
          expect: j === 0 ? 'allow' : 'deny',
        })),
      );
      const run = await runAgainst(cluster, {
        inputs: { matrix: matrixYaml(tests), timeout: '1s' },
        env: { PATH: counter.path },
      });
      expect(results(run).map((r) => r.verdict)).toEqual(Array(4).fill('pass'));
      // a namespace the run creates holds nothing that could select its canary: no read there
      expect(counter.count()).toBe(12);
      expect(counter.count()).toBeLessThanOrEqual(3 * 2 + 1 + 5);
      expect(leftovers(cluster)).toEqual([]);
      run.dispose();
    });
  });

  it('never runs more kubectl processes at once than `concurrency`', async () => {
    await withCluster({ network, podStartDelayMs: 200 }, async (cluster) => {
      for (const ns of ['a', 'b', 'c', 'd']) cluster.createNamespace(`team-${ns}`);
      const counter = countingKubectl();
      const tests = ['a', 'b', 'c', 'd'].flatMap((ns) =>
        [1, 2].map((i) => ({
          name: `${ns}${i}`,
          from: `team-${ns}`,
          labels: { app: `app${i}` },
          to: 'http://web.svc.cluster.local/',
          expect: 'allow',
        })),
      );
      const run = await runAgainst(cluster, {
        inputs: { matrix: matrixYaml(tests), timeout: '1s', concurrency: '2' },
        env: { PATH: counter.path },
      });
      expect(results(run).map((r) => r.verdict)).toEqual(Array(8).fill('pass'));
      expect(counter.peak()).toBeLessThanOrEqual(2);
      // and the limit is used: work that can overlap does
      expect(counter.peak()).toBe(2);
      run.dispose();
    });
  });
});

function tally(calls: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of calls) out[c] = (out[c] ?? 0) + 1;
  return out;
}
