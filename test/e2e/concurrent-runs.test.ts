// Two runs of the workflow (different GitHub run ids) sharing the namespace the
// action creates, overlapping in every order. Each run's results must be right, no
// run's post may remove the other's canaries or the namespace while the other holds
// a lease on it, and the last one out removes the namespace.
import { describe, expect, it } from 'vitest';
import { rules } from '../cluster/network.ts';
import type { Cluster } from '../cluster/server.ts';
import type { ActionRun } from '../runner/simulator.ts';
import { leftovers, matrixYaml, results, runAgainst, withCluster } from './helpers.ts';

const SHARED = 'canary-test-outsider';

// the deny is a refusal (counted as denied below), told at once; the vault drops packets
const network = rules([
  { to: 'postgres.data.svc.cluster.local:5432', from: { namespace: SHARED }, outcome: 'refused' },
  { to: 'vault.data.svc.cluster.local:8200', outcome: 'timeout' },
  { to: 'web.shop.svc.cluster.local:8080', outcome: 200 },
]);

const TESTS = [
  {
    name: 'outsider cannot reach postgres',
    from: SHARED,
    to: 'tcp://postgres.data.svc.cluster.local:5432',
    expect: 'deny',
  },
  {
    name: 'outsider reaches the shop',
    from: SHARED,
    to: 'http://web.shop.svc.cluster.local:8080/',
    expect: 'allow',
  },
];
const matrix = matrixYaml(TESTS);
/** The same tests, with labels for the namespace the action creates (policies may select it by them). */
const labelled = matrixYaml(TESTS, { [SHARED]: { labels: { team: 'outsider' } } });

const RIGHT = { 'outsider cannot reach postgres': 'pass', 'outsider reaches the shop': 'pass' };

function verdicts(run: ActionRun): Record<string, unknown> {
  return Object.fromEntries(results(run).map((r) => [r.name, r.verdict]));
}

/** Starts main of the run with this GitHub run id; its post is run by the test. */
function startMain(cluster: Cluster, id: string, inputs: Record<string, string> = {}): Promise<ActionRun> {
  return runAgainst(cluster, {
    inputs: { matrix, timeout: '1s', attempts: '1', 'refused-means-denied': 'true', ...inputs },
    run: { id },
    skipPost: true,
  });
}

/** The canary pods of the run with this GitHub run id (run labels start with the id). */
function canariesOf(cluster: Cluster, id: string): string[] {
  return cluster
    .pods(SHARED)
    .filter(
      (p) =>
        p.metadata.labels?.['netpol-canary.io/run']?.startsWith(`${id}-`) && !p.metadata.deletionTimestamp,
    )
    .map((p) => String(p.metadata.name));
}

/** GitHub run ids holding a lease on the shared namespace. */
function leaseHolders(cluster: Cluster): string[] {
  const annotations = cluster.namespace(SHARED)?.metadata.annotations ?? {};
  return Object.keys(annotations)
    .filter((k) => k.startsWith('lease.netpol-canary.io/'))
    .map((k) => k.slice('lease.netpol-canary.io/'.length).split('-')[0] ?? '')
    .sort();
}

function isLive(cluster: Cluster): boolean {
  const ns = cluster.namespace(SHARED);
  return Boolean(ns) && !ns?.metadata.deletionTimestamp;
}

/** Post of `first` while `second` still holds its lease: only `first`'s things go. */
async function postWhileOtherHolds(
  cluster: Cluster,
  first: ActionRun,
  firstId: string,
  secondId: string,
): Promise<void> {
  const kept = canariesOf(cluster, secondId);
  expect(kept).toHaveLength(1);
  const post = await first.postAgain();
  expect(post.failed).toBe(false);
  expect(post.annotations.filter((a) => a.level === 'warning')).toEqual([]);
  expect(canariesOf(cluster, firstId)).toEqual([]);
  expect(canariesOf(cluster, secondId)).toEqual(kept);
  expect(isLive(cluster)).toBe(true);
  expect(leaseHolders(cluster)).toEqual([secondId]);
}

/** Post of the last run: everything goes. */
async function lastOut(cluster: Cluster, last: ActionRun): Promise<void> {
  const post = await last.postAgain();
  expect(post.failed).toBe(false);
  expect(post.log).toContain(`deleted namespace ${SHARED}`);
  expect(leftovers(cluster)).toEqual([]);
}

/**
 * The last run's post leaves the namespace Terminating (held there until the next run
 * has looked at it a few times); the next run waits for it to go and makes it anew.
 */
async function nextWaitsAndRemakes(
  cluster: Cluster,
  last: ActionRun,
  nextId: string,
  inputs: Record<string, string> = {},
): Promise<ActionRun> {
  cluster.setNamespaceStuck(SHARED);
  await last.postAgain();
  const before = cluster.namespace(SHARED);
  expect(before?.metadata.deletionTimestamp).toBeDefined();
  cluster.resetAudit();
  const nextMain = startMain(cluster, nextId, inputs);
  const looks = (): number =>
    cluster.audit.filter((e) => e.verb === 'get' && e.resource === 'namespaces' && e.name === SHARED).length;
  await cluster.waitFor(() => looks() >= 3, 30_000);
  cluster.setNamespaceStuck(SHARED, false);
  const next = await nextMain;
  expect(next.main.log).toContain(`namespace ${SHARED} is being removed by another run; waiting`);
  expect(next.main.log).toContain(`created namespace ${SHARED}`);
  expect(cluster.namespace(SHARED)?.metadata.uid).not.toBe(before?.metadata.uid);
  expect(leaseHolders(cluster)).toEqual([nextId]);
  return next;
}

describe('two runs sharing a created namespace', () => {
  it('A main, B main, A post, B post; then C, finding the namespace still being deleted, waits and makes it anew', async () => {
    await withCluster({ network }, async (cluster) => {
      const a = await startMain(cluster, '1001', { matrix: labelled });
      const b = await startMain(cluster, '1002', { matrix: labelled });
      let c: ActionRun | undefined;
      try {
        expect(verdicts(a)).toEqual(RIGHT);
        // the namespace A made carries the labels B's matrix asks for too: B joins it
        expect(verdicts(b)).toEqual(RIGHT);
        expect(b.main.log).toContain(`sharing namespace ${SHARED}`);
        expect(leaseHolders(cluster)).toEqual(['1001', '1002']);
        await postWhileOtherHolds(cluster, a, '1001', '1002');

        // B's post leaves the namespace Terminating; C waits for it and makes it anew, with the labels
        c = await nextWaitsAndRemakes(cluster, b, '1003', { matrix: labelled });
        expect(verdicts(c)).toEqual(RIGHT);
        expect(cluster.namespace(SHARED)?.metadata.labels).toMatchObject({ team: 'outsider' });
        await lastOut(cluster, c);
      } finally {
        a.dispose();
        b.dispose();
        c?.dispose();
      }
    });
  });

  it('A and B main at the same moment, then B post, A post', async () => {
    await withCluster({ network }, async (cluster) => {
      const [a, b] = await Promise.all([startMain(cluster, '1001'), startMain(cluster, '1002')]);
      try {
        expect(verdicts(a)).toEqual(RIGHT);
        expect(verdicts(b)).toEqual(RIGHT);
        // one created it, the other took a lease on it; neither failed for the other's sake
        expect(
          cluster
            .mutations()
            .filter((e) => e.verb === 'create' && e.resource === 'namespaces' && e.code === 201),
        ).toHaveLength(1);
        expect(leaseHolders(cluster)).toEqual(['1001', '1002']);
        await postWhileOtherHolds(cluster, b, '1002', '1001');
        await lastOut(cluster, a);
      } finally {
        a.dispose();
        b.dispose();
      }
    });
  });

  it('B, declaring other labels for the namespace A created, does not join it: its tests are inconclusive and say why', async () => {
    await withCluster({ network }, async (cluster) => {
      const a = await startMain(cluster, '1001', { matrix: labelled });
      const other = matrixYaml(TESTS, { [SHARED]: { labels: { team: 'insider' } } });
      const b = await startMain(cluster, '1002', { matrix: other });
      try {
        expect(verdicts(a)).toEqual(RIGHT);
        expect(b.main.failed).toBe(true);
        for (const r of results(b)) {
          expect(r.verdict).toBe('inconclusive');
          expect(r.detail).toContain(
            `namespace ${SHARED} was created by another run of netpol-canary with the labels {team=outsider}, but this matrix declares {team=insider}`,
          );
        }
        // no canary, no lease: B never used the namespace
        expect(canariesOf(cluster, '1002')).toEqual([]);
        expect(leaseHolders(cluster)).toEqual(['1001']);
        expect(cluster.namespace(SHARED)?.metadata.labels?.team).toBe('outsider');
        await b.postAgain();
        expect(leaseHolders(cluster)).toEqual(['1001']);
        await lastOut(cluster, a);
      } finally {
        a.dispose();
        b.dispose();
      }
    });
  });

  it("A's post while B is still probing", async () => {
    await withCluster({ network }, async (cluster) => {
      const a = await startMain(cluster, '1001');
      // B also probes the vault, which drops the packets: B waits 3 s for them
      const slow = matrixYaml([
        ...TESTS,
        {
          name: 'outsider cannot reach the vault',
          from: SHARED,
          to: 'http://vault.data.svc.cluster.local:8200/',
          expect: 'deny',
        },
      ]);
      const bMain = startMain(cluster, '1002', { matrix: slow, timeout: '3s' });
      let b: ActionRun | undefined;
      try {
        expect(verdicts(a)).toEqual(RIGHT);
        // B's canary is probing (its container runs its probes)
        await cluster.waitFor(
          () =>
            cluster
              .pods(SHARED)
              .some(
                (p) =>
                  String(p.metadata.labels?.['netpol-canary.io/run'] ?? '').startsWith('1002-') &&
                  p.status?.containerStatuses?.[0]?.state?.running,
              ),
          30_000,
        );
        await postWhileOtherHolds(cluster, a, '1001', '1002');
        // B's probes were not cut short: every verdict right
        b = await bMain;
        expect(verdicts(b)).toEqual({ ...RIGHT, 'outsider cannot reach the vault': 'pass' });
        await lastOut(cluster, b);
      } finally {
        a.dispose();
        (b ?? (await bMain)).dispose();
      }
    });
  });
});
