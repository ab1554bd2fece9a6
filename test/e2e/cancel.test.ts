// A cancelled job: main is SIGKILLed (with its process group) at every moment of a
// run, then post runs. Post must leave nothing of the run behind, never touch what
// was there before, be harmless when run twice, and stay within its time budget.
import { describe, expect, it } from 'vitest';
import { rules } from '../cluster/network.ts';
import type { Cluster, ClusterStartOptions } from '../cluster/server.ts';
import type { StepResult } from '../runner/simulator.ts';
import { leftovers, matrixYaml, mutationsOf, runAgainst, withCluster, changesOf } from './helpers.ts';

const SLOW = 'http://slow.dark-tower.svc.cluster.local:8080/';
const POSTGRES = 'tcp://postgres.data.svc.cluster.local:5432';

const network = rules([
  { to: 'slow.dark-tower.svc.cluster.local:8080', outcome: 'timeout' },
  { to: 'postgres.data.svc.cluster.local:5432', outcome: 'timeout' },
]);

// dark-tower exists before the run; canary-test-outsider is created by it. The
// second test disagrees with the network, so it is retried.
const matrix = matrixYaml([
  {
    name: 'frontend cannot reach slow',
    from: 'dark-tower',
    labels: { app: 'frontend' },
    to: SLOW,
    expect: 'deny',
  },
  { name: 'outsider reaches postgres (wrong)', from: 'canary-test-outsider', to: POSTGRES, expect: 'allow' },
]);

/** What was there before the run: a team namespace with a pod carrying the same app label. */
function seedTeam(cluster: Cluster): void {
  cluster.createNamespace('dark-tower', { team: 'tower' });
  cluster.createPod({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'frontend-5c9f7', namespace: 'dark-tower', labels: { app: 'frontend' } },
    spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
  });
}

/** Nothing of the run is left, and what was there before is as it was. */
function expectOnlyOwnObjectsTouched(cluster: Cluster): void {
  expect(leftovers(cluster)).toEqual([]);
  expect(cluster.namespace('dark-tower')?.metadata.deletionTimestamp).toBeUndefined();
  expect(cluster.pod('dark-tower', 'frontend-5c9f7')?.metadata.deletionTimestamp).toBeUndefined();
  // every change of an existing object named one of the run's own: a canary-… pod or the namespace it made
  const changes = mutationsOf(cluster).filter((m) => !m.startsWith('create '));
  expect(
    changes.filter(
      (m) =>
        !/^(delete pods [a-z-]+\/canary-[0-9a-f]{8}|(patch|delete) namespaces [a-z-]*\/canary-test-outsider)$/.test(
          m,
        ),
    ),
  ).toEqual([]);
}

/** Post only ever deletes (and marks namespaces it is about to delete): it never creates. */
function expectNoCreates(cluster: Cluster, from: number): void {
  expect(
    mutationsOf(cluster)
      .slice(from)
      .filter((m) => m.startsWith('create ') && !m.includes('selfsubject')),
  ).toEqual([]);
}

/** Resolves once no request has reached the API for 300 ms (or after 5 s). */
async function quiet(cluster: Cluster): Promise<void> {
  let seen = -1;
  for (let i = 0; i < 50 && seen !== cluster.audit.length; i++) {
    seen = cluster.audit.length;
    await new Promise((r) => setTimeout(r, 300));
  }
}

function warnings(step: StepResult | undefined): string[] {
  return (step?.annotations ?? []).filter((a) => a.level === 'warning').map((a) => a.message);
}

interface Moment {
  name: string;
  /** SIGKILL main when its stdout matches */
  when: RegExp;
  inputs?: Record<string, string>;
  cluster?: ClusterStartOptions;
  /** what must exist at the kill, proving the moment was the one intended */
  existed: (cluster: Cluster) => boolean;
}

const canaries = (cluster: Cluster): number =>
  cluster.pods().filter((p) => p.metadata.name?.startsWith('canary-')).length;

/** canaries whose probing container is still running */
const probing = (cluster: Cluster): number =>
  cluster
    .pods()
    .filter((p) => p.metadata.name?.startsWith('canary-') && p.status?.containerStatuses?.[0]?.state?.running)
    .length;

const moments: Moment[] = [
  {
    name: 'before the first namespace exists',
    when: /::debug::kubectl get -f -/,
    existed: (c) => !c.namespace('canary-test-outsider'),
  },
  {
    name: 'right after its namespace was created',
    when: /created namespace canary-test-outsider/,
    existed: (c) => Boolean(c.namespace('canary-test-outsider')),
  },
  {
    name: 'after the canaries were created, before they are Ready',
    when: /::debug::kubectl get pods .*--watch/,
    cluster: { podStartDelayMs: 1500 },
    existed: (c) => canaries(c) === 2,
  },
  {
    name: 'while the canaries probe a slow target',
    when: /(?:is probing[\s\S]*?){2}/,
    inputs: { timeout: '3s' },
    existed: (c) => probing(c) === 2,
  },
  {
    name: 'while a canary retries a disagreeing test by itself',
    // both probing; the wrong allow is retried in its canary, 3 s of attempts and backoff
    when: /(?:is probing[\s\S]*?){2}/,
    inputs: { attempts: '3' },
    existed: (c) => probing(c) === 2,
  },
];

describe('a cancelled run', () => {
  it.each(moments)('main killed $name: post removes everything of the run and nothing else', async (m) => {
    await withCluster({ network, podStartDelayMs: 50, ...m.cluster }, async (cluster) => {
      seedTeam(cluster);
      cluster.resetAudit();
      const run = await runAgainst(cluster, {
        inputs: { matrix, timeout: '1s', attempts: '1', ...m.inputs },
        killMain: { when: m.when },
        skipPost: true,
      });
      try {
        expect(run.main.killed).toBe(true);
        expect(m.existed(cluster)).toBe(true);

        // a request main's kubectl had sent when the group was killed still lands: that is
        // main's doing, not post's, so wait until the API has gone quiet before counting
        await quiet(cluster);
        const mainChanges = cluster.mutations().length;
        const post = await run.postAgain();
        expect(post.failed).toBe(false);
        expect(warnings(post)).toEqual([]);
        expectOnlyOwnObjectsTouched(cluster);
        expectNoCreates(cluster, mainChanges);

        // clean-up run again (a re-run of the job's post): no request changes anything, no warning
        const before = changesOf(cluster).length;
        const again = await run.postAgain();
        expect(again.failed).toBe(false);
        expect(warnings(again)).toEqual([]);
        expect(changesOf(cluster).length).toBe(before);
      } finally {
        run.dispose();
      }
    });
  });

  it('post stays within its budget on a slow API and names what it could not remove', async () => {
    await withCluster({ network }, async (cluster) => {
      seedTeam(cluster);
      const run = await runAgainst(cluster, {
        inputs: { matrix, timeout: '1s', attempts: '1' },
        // post's budget: small, so that the hung calls below outlast it
        env: { NETPOL_CANARY_POST_TIMEOUT_MS: '5000' },
        skipPost: true,
      });
      try {
        expect(canaries(cluster)).toBe(2);
        // deleting in dark-tower and deleting the namespace hang much longer than post may
        // take (but less than kubectl's own limit on a call: waiting them out would succeed)
        cluster.addFault({
          match: { verb: 'delete', resource: 'pods', namespace: 'dark-tower' },
          delayMs: 20_000,
        });
        cluster.addFault({ match: { verb: 'delete', resource: 'namespaces' }, delayMs: 20_000 });
        cluster.resetAudit();
        const post = await run.postAgain();
        expect(post.failed).toBe(false);
        // it ended: each hung call was tried once, then given up at the deadline (no retries past it)
        const hung = (resource: string, namespace: string): number =>
          cluster.audit.filter(
            (e) => e.verb === 'delete' && e.resource === resource && e.namespace === namespace,
          ).length;
        expect(hung('pods', 'dark-tower')).toBe(1);
        expect(hung('namespaces', 'canary-test-outsider')).toBe(1);
        const [warning, ...more] = warnings(post);
        expect(more).toEqual([]);
        expect(warning).toMatch(/could not remove/);
        expect(warning).toMatch(
          /canaries in namespace dark-tower \(pods labelled .*netpol-canary\.io\/run=4242-/,
        );
        expect(warning).toContain('canary-test-outsider');
        expect(warning).toMatch(/did not finish in time/);
        // what was not slow went: the outsider's canary
        expect(cluster.pods('canary-test-outsider')).toEqual([]);

        // once the API is well again, post run again finishes the job
        cluster.clearFaults();
        const again = await run.postAgain();
        expect(warnings(again)).toEqual([]);
        expectOnlyOwnObjectsTouched(cluster);
      } finally {
        run.dispose();
      }
    });
  });

  it('post does not wait for a namespace stuck in Terminating', async () => {
    await withCluster({ network }, async (cluster) => {
      seedTeam(cluster);
      const run = await runAgainst(cluster, {
        inputs: { matrix, timeout: '1s', attempts: '1' },
        env: { NETPOL_CANARY_POST_TIMEOUT_MS: '15000' },
        skipPost: true,
      });
      try {
        cluster.setNamespaceStuck('canary-test-outsider');
        const post = await run.postAgain();
        expect(post.failed).toBe(false);
        expect(leftovers(cluster)).toEqual([]);
        // asked to go, and still there: post did not sit out its budget waiting for it (it
        // would have been stopped at the budget, with a warning)
        expect(cluster.namespace('canary-test-outsider')?.metadata.deletionTimestamp).toBeDefined();
        expect(warnings(post)).toEqual([]);
        expect(post.log).toContain('deleted namespace canary-test-outsider');
      } finally {
        run.dispose();
      }
    });
  });
});

describe('a job cancelled politely (SIGTERM to main)', () => {
  it('stops the kubectl processes main started, so no watch outlives it, and post stops the canary', async () => {
    const slow = rules([{ to: 'slow.example.com', outcome: 'timeout' }], 200);
    await withCluster({ network: slow }, async (cluster) => {
      cluster.createNamespace('dark-tower');
      const run = await runAgainst(cluster, {
        inputs: {
          timeout: '20s',
          matrix: matrixYaml([{ from: 'dark-tower', to: 'http://slow.example.com/', expect: 'deny' }]),
        },
        // kubectl runs in process groups of its own: only main's own handling can stop it
        killMain: { when: /is probing/, signal: 'SIGTERM' },
        skipPost: true,
      });
      try {
        expect(run.main.killed).toBe(true);
        // main died while its watch waited for the canary's 20 s probe: had that kubectl
        // lived on, it would still be running a few seconds later
        expect(probing(cluster)).toBe(1);
        await new Promise((r) => setTimeout(r, 3000));
        expect(cluster.openWatches()).toBe(0);
        await run.postAgain();
        expect(leftovers(cluster)).toEqual([]);
        // and the canary's own probe went with its pod
        expect(cluster.pods('dark-tower')).toEqual([]);
      } finally {
        run.dispose();
      }
    });
  });
});
