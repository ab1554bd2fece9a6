// The post step releases a namespace its run created in one kubectl process when
// nobody else joined it: a DELETE whose preconditions are the uid and resourceVersion
// main's create answered. A run that joined in between changes that resourceVersion:
// the DELETE conflicts, and the post falls back to reading it, removing its lease and
// keeping the namespace for the other run.
import { describe, expect, it } from 'vitest';
import type { Cluster } from '../cluster/server.ts';
import type { ActionRun } from '../runner/simulator.ts';
import { countingKubectl, leftovers, matrixYaml, results, runAgainst, withCluster } from './helpers.ts';

const SHARED = 'canary-test-outsider';
const matrix = matrixYaml([
  {
    name: 'outsider reaches the shop',
    from: SHARED,
    to: 'http://web.shop.svc.cluster.local:8080/',
    expect: 'allow',
  },
]);

function startMain(cluster: Cluster, id: string, path?: string): Promise<ActionRun> {
  return runAgainst(cluster, {
    inputs: { matrix, timeout: '1s', attempts: '1' },
    run: { id },
    skipPost: true,
    ...(path ? { env: { PATH: path } } : {}),
  });
}

/** The API's answers to DELETEs of the shared namespace, in order. */
function namespaceDeletes(cluster: Cluster): number[] {
  return cluster.audit
    .filter((e) => e.verb === 'delete' && e.resource === 'namespaces' && e.name === SHARED)
    .map((e) => e.code);
}

function leaseHolders(cluster: Cluster): string[] {
  const annotations = cluster.namespace(SHARED)?.metadata.annotations ?? {};
  return Object.keys(annotations)
    .filter((k) => k.startsWith('lease.netpol-canary.io/'))
    .map((k) => k.slice('lease.netpol-canary.io/'.length).split('-')[0] ?? '')
    .sort();
}

describe('post releases the namespace its run created', () => {
  it('alone: one kubectl process, a DELETE with preconditions and no patch', async () => {
    await withCluster({}, async (cluster) => {
      const counter = countingKubectl();
      const run = await startMain(cluster, '2001', counter.path);
      try {
        expect(results(run).map((r) => r.verdict)).toEqual(['pass']);
        const created = cluster.namespace(SHARED);
        const inMain = counter.calls().length;
        cluster.resetAudit();
        const post = await run.postAgain();
        expect(post.failed).toBe(false);
        expect(post.log).toContain(`deleted namespace ${SHARED}`);
        expect(counter.calls().slice(inMain)).toEqual(['delete --raw']);
        expect(cluster.mutations().map((e) => `${e.verb} ${e.resource}/${e.name} ${e.code}`)).toEqual([
          `delete namespaces/${SHARED} 200`,
        ]);
        // the namespace main created, at the version main saw, went: not some later one
        const gone = cluster.namespace(SHARED);
        if (gone) expect(gone.metadata.uid).toBe(created?.metadata.uid);
        expect(leftovers(cluster)).toEqual([]);
      } finally {
        run.dispose();
      }
    });
  });

  it('another run joined after main saw it: the DELETE conflicts, the post falls back and keeps it for the other run', async () => {
    await withCluster({}, async (cluster) => {
      const counter = countingKubectl();
      const a = await startMain(cluster, '2001', counter.path);
      const b = await startMain(cluster, '2002');
      try {
        expect(results(a).map((r) => r.verdict)).toEqual(['pass']);
        expect(results(b).map((r) => r.verdict)).toEqual(['pass']);
        expect(b.main.log).toContain(`sharing namespace ${SHARED}`);
        expect(leaseHolders(cluster)).toEqual(['2001', '2002']);
        const bCanaries = cluster
          .pods(SHARED)
          .filter((p) => p.metadata.labels?.['netpol-canary.io/run']?.startsWith('2002-'));
        expect(bCanaries).toHaveLength(1);
        const inMain = counter.calls().length;
        cluster.resetAudit();

        const post = await a.postAgain();
        expect(post.failed).toBe(false);
        expect(post.annotations.filter((x) => x.level === 'warning')).toEqual([]);
        // the DELETE on main's resourceVersion conflicts; then read, lease removed, own canary deleted
        expect(counter.calls().slice(inMain)).toEqual([
          'delete --raw',
          'get -f',
          'patch namespace',
          'delete pods',
        ]);
        expect(namespaceDeletes(cluster)).toEqual([409]);
        const ns = cluster.namespace(SHARED);
        expect(ns?.metadata.deletionTimestamp).toBeUndefined();
        expect(leaseHolders(cluster)).toEqual(['2002']);
        expect(cluster.pods(SHARED).map((p) => p.metadata.name)).toEqual(
          bCanaries.map((p) => p.metadata.name),
        );

        // the last one out removes it the ordinary way: it did not create it
        const last = await b.postAgain();
        expect(last.failed).toBe(false);
        expect(last.log).toContain(`deleted namespace ${SHARED}`);
        expect(leftovers(cluster)).toEqual([]);
      } finally {
        a.dispose();
        b.dispose();
      }
    });
  });
});
