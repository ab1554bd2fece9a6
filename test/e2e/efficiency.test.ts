// Counts, not clocks: a regression to a kubectl process per canary or per probe (an exec,
// a read of each canary), above the bound, or to more processes at once than
// `concurrency`, fails here.
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

/**
 * The bound of issue 13: 2 kubectl processes per source namespace (its watch; in post, the
 * deletion of its canaries or of the namespace) and 4 for the whole run (what exists and the
 * permission review, at once; the namespaces created; the canaries created), main and post
 * together. Beyond it, issue 13's warning of a canary's labels matching a selector costs a
 * read of what selects them in each source namespace that existed (a namespace the run
 * creates holds nothing that could).
 */
const bound = (sources: number, existing: number): number => 2 * sources + 4 + existing;

describe('kubectl processes and API requests', () => {
  it('no exec: each canary probes by itself and its results come with the watch, within the bound', async () => {
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
      expect(cluster.audit.filter((e) => e.verb === 'exec')).toEqual([]);
      // and no read of a canary beyond its namespace's watch: no get, no log
      expect(
        cluster.audit.filter((e) => e.resource === 'pods' && (e.verb === 'get' || e.subresource === 'log')),
      ).toEqual([]);
      expect(cluster.audit.filter((e) => e.verb === 'create' && e.resource === 'pods')).toHaveLength(
        canaries,
      );
      // main and post together: two source namespaces, dark-tower existed, one created
      expect(counter.count()).toBeLessThanOrEqual(bound(2, 1));
      // every process, by what it did: a new call anywhere shows here
      expect(tally(counter.calls())).toEqual({
        // main: what exists and the permission review (at once), one create of the
        // namespace, one of all pods, a watch per namespace
        'get -f': 1,
        'create -f': 3,
        'get pods': 2,
        // the namespace that existed: do its Services, workloads or budgets select a canary?
        [`get ${SELECTING_KINDS.join(',')}`]: 1,
        // post: the created namespace is deleted, its canary with it, by one DELETE that
        // holds only if nothing changed it since main created it; the canaries in
        // dark-tower are deleted by label
        'delete --raw': 1,
        'delete pods': 1,
      });
      // no call downloads the OpenAPI documents (creates skip client-side validation)
      expect(cluster.audit.filter((e) => e.path.startsWith('/openapi'))).toEqual([]);
      expect(leftovers(cluster)).toEqual([]);
      run.dispose();
    });
  });

  it('many canaries in few namespaces cost no more processes than one canary each', async () => {
    await withCluster({ network }, async (cluster) => {
      cluster.createNamespace('dark-tower');
      const counter = countingKubectl();
      // 8 canaries (label sets) of 3 tests, in one existing and one created namespace
      const tests = ['dark-tower', 'canary-test-outsider'].flatMap((from) =>
        [0, 1, 2, 3].flatMap((app) =>
          [
            'http://web-0.svc.cluster.local:8080/',
            'tcp://db-1.svc.cluster.local:5432',
            'tcp://db-3.svc.cluster.local:6379',
          ].map((to, j) => ({
            name: `${from}-${app}-${j}`,
            from,
            labels: { app: `app-${app}` },
            to,
            expect: j === 0 ? 'allow' : 'deny',
          })),
        ),
      );
      const run = await runAgainst(cluster, {
        inputs: { matrix: matrixYaml(tests), timeout: '1s' },
        env: { PATH: counter.path },
      });
      expect(
        results(run).map((r) => r.verdict),
        JSON.stringify(results(run).filter((r) => r.verdict !== 'pass')),
      ).toEqual(Array(24).fill('pass'));
      expect(cluster.pods().length).toBe(0);
      // as many as for one canary per namespace: the count grows with namespaces, not canaries
      expect(counter.count()).toBe(bound(2, 1));
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
