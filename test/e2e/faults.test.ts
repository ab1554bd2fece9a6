// An unwell API server: error answers, throttling, dropped connections, slow and
// hung calls, cut watches, and a server failing one request in ten. The run must get
// through what can be got through, and never turn a fault into a wrong verdict.
import { describe, expect, it } from 'vitest';
import type { AuditEntry, Cluster, Fault } from '../cluster/server.ts';
import { rules } from '../cluster/network.ts';
import { leftovers, matrixYaml, results, runAgainst, withCluster } from './helpers.ts';

const network = rules([
  { to: 'postgres.data.svc.cluster.local:5432', outcome: 'timeout' },
  { to: 'redis.data.svc.cluster.local:6379', outcome: 'refused' },
  { to: 'web.shop.svc.cluster.local:8080', outcome: 200 },
]);

const DB = 'tcp://postgres.data.svc.cluster.local:5432';
const CACHE = 'tcp://redis.data.svc.cluster.local:6379';
const WEB = 'http://web.shop.svc.cluster.local:8080/';

// one canary, in a namespace the run creates; the deny is a refusal, told at once
const matrix = matrixYaml([
  { name: 'cannot reach redis', from: 'canary-test-faults', to: CACHE, expect: 'deny' },
  { name: 'reaches the shop', from: 'canary-test-faults', to: WEB, expect: 'allow' },
]);
const quick = {
  matrix,
  timeout: '1s',
  attempts: '1',
  'refused-means-denied': 'true',
  'ready-timeout': '20s',
};

const requests = (cluster: Cluster, verb: string, resource: string): AuditEntry[] =>
  cluster.audit.filter((e) => e.verb === verb && e.resource === resource);

interface Case {
  name: string;
  faults: Fault[];
  /** the canary's image cannot be pulled (the canary stays Pending) until this holds */
  holdCanaryUntil?: (cluster: Cluster) => boolean;
  /** the fault really fired, and the run got past it */
  evidence: (cluster: Cluster) => void;
}

const IMAGE = 'busybox:1.36';

/** Keeps the canary Pending until `until` holds: the test, not the machine's speed, decides the order. */
function holdCanary(cluster: Cluster, until: (c: Cluster) => boolean): void {
  cluster.setUnpullableImages([IMAGE]);
  cluster
    .waitFor(() => until(cluster), 30_000)
    .then(() => cluster.setUnpullableImages([]))
    .catch(() => {
      // never released: the run's verdicts say so
    });
}

const watches = (c: Cluster): number => requests(c, 'watch', 'pods').length;

const survivable: Case[] = [
  {
    name: 'error answers: a 500 on creating the canary, a 429 on reading the namespaces',
    faults: [
      { match: { verb: 'create', resource: 'pods' }, status: 500, times: 1 },
      { match: { verb: 'get', resource: 'namespaces' }, status: 429, times: 1 },
    ],
    evidence: (c) => {
      expect(requests(c, 'create', 'pods').map((e) => e.code)).toEqual([500, 201]);
      expect(requests(c, 'get', 'namespaces')[0]?.code).toBe(429);
    },
  },
  {
    name: 'a 500 on creating the namespace, twice: read again, then created once',
    faults: [{ match: { verb: 'create', resource: 'namespaces' }, status: 500, times: 2 }],
    evidence: (c) => {
      // the batch of all missing namespaces, then the one-by-one path: read, create, again
      expect(requests(c, 'create', 'namespaces').map((e) => e.code)).toEqual([500, 500, 201]);
    },
  },
  {
    name: 'connection resets: creating the canary, listing and watching it',
    faults: [
      { match: { verb: 'create', resource: 'pods' }, reset: true, times: 1 },
      { match: { verb: 'list', resource: 'pods' }, reset: true, times: 2 },
      { match: { verb: 'watch', resource: 'pods' }, reset: true, times: 1 },
    ],
    // the canary starts only once the watch was made again
    holdCanaryUntil: (c) => watches(c) >= 2,
    evidence: (c) => {
      // the first create got no answer (and created nothing), the second made the canary
      expect(requests(c, 'create', 'pods')).toHaveLength(2);
      expect(watches(c)).toBeGreaterThanOrEqual(2);
    },
  },
  {
    name: 'a slow answer to creating the namespace, and a watch cut while the canary starts',
    faults: [
      { match: { verb: 'create', resource: 'namespaces' }, delayMs: 1500 },
      { match: { verb: 'watch', resource: 'pods' }, dropWatchAfterMs: 300, times: 1 },
    ],
    holdCanaryUntil: (c) => watches(c) >= 2,
    evidence: (c) => {
      // the canary's results came with the resumed watch: no other read of the canary
      expect(requests(c, 'exec', 'pods')).toEqual([]);
      expect(requests(c, 'get', 'pods')).toEqual([]);
      expect(watches(c)).toBeGreaterThanOrEqual(2);
    },
  },
];

describe('API faults', () => {
  it.each(survivable)('$name: right verdicts, one canary, nothing left', async (k) => {
    await withCluster({ network }, async (cluster) => {
      cluster.resetAudit();
      for (const f of k.faults) cluster.addFault(f);
      if (k.holdCanaryUntil) holdCanary(cluster, k.holdCanaryUntil);
      const run = await runAgainst(cluster, { inputs: quick });
      try {
        expect(
          Object.fromEntries(results(run).map((r) => [r.name, r.verdict])),
          JSON.stringify(results(run).map((r) => r.detail)),
        ).toEqual({
          'cannot reach redis': 'pass',
          'reaches the shop': 'pass',
        });
        expect(run.main.failed).toBe(false);
        k.evidence(cluster);
        expect(requests(cluster, 'create', 'pods').filter((e) => e.code === 201)).toHaveLength(1);
        expect(leftovers(cluster)).toEqual([]);
      } finally {
        run.dispose();
      }
    });
  });

  it('a hung watch is stopped at the ready-timeout: its tests are inconclusive, never passed', async () => {
    // the canary is still starting when the watch lists it, and Ready as soon as the watch
    // is asked for; but the watch would answer long after the ready-timeout
    await withCluster({ network }, async (cluster) => {
      cluster.addFault({ match: { verb: 'watch', resource: 'pods' }, delayMs: 15_000 });
      cluster.resetAudit();
      holdCanary(cluster, (c) => watches(c) >= 1);
      const run = await runAgainst(cluster, { inputs: { ...quick, 'ready-timeout': '3s' } });
      try {
        const rs = results(run);
        expect(rs.map((r) => r.verdict)).toEqual(['inconclusive', 'inconclusive']);
        for (const r of rs)
          expect(String(r.detail)).toMatch(/did not start within the ready-timeout \(3 s\)/);
        // one watch, stopped at the deadline; no probe ran
        expect(requests(cluster, 'watch', 'pods')).toHaveLength(1);
        expect(requests(cluster, 'exec', 'pods')).toEqual([]);
        expect(run.main.failed).toBe(true);
        expect(leftovers(cluster)).toEqual([]);
      } finally {
        run.dispose();
      }
    });
  });

  it('with one request in ten failing, every verdict is right or inconclusive, never a wrong pass', async () => {
    // right expectations must pass or be inconclusive; wrong ones must fail or be
    // inconclusive: a deny of an allowed target or an allow of a blocked one that
    // "passes" would be a fault turned into a lie
    const sources = [
      { from: 'dark-tower', labels: { app: 'frontend' } },
      { from: 'canary-test-faults', labels: {} },
    ];
    const tests = sources.flatMap((s, i) => [
      { name: `${i} right allow`, ...s, to: WEB, expect: 'allow' },
      { name: `${i} wrong deny`, ...s, to: WEB, expect: 'deny' },
      { name: `${i} right deny`, ...s, to: DB, expect: 'deny' },
      { name: `${i} wrong allow`, ...s, to: DB, expect: 'allow' },
    ]);
    await withCluster({ network, seed: 7 }, async (cluster) => {
      cluster.createNamespace('dark-tower');
      cluster.addFault({ match: {}, probability: 0.1, status: 500 });
      cluster.addFault({ match: {}, probability: 0.03, reset: true });
      // three attempts: which requests the dice hit depends on timing
      const run = await runAgainst(cluster, {
        inputs: { matrix: matrixYaml(tests), timeout: '1s', attempts: '3' },
        skipPost: true,
      });
      try {
        const rs = results(run);
        expect(rs).toHaveLength(tests.length);
        for (const r of rs) {
          const allowed = r.to === WEB;
          const right = (r.expect === 'allow') === allowed;
          expect([r.name, r.verdict]).toEqual([
            r.name,
            expect.stringMatching(right ? /^(pass|inconclusive)$/ : /^(fail|inconclusive)$/),
          ]);
        }
        // the faults did fire, and most tests were still decided
        expect(cluster.audit.filter((e) => e.code === 500).length).toBeGreaterThan(0);
        expect(rs.filter((r) => r.verdict !== 'inconclusive').length).toBeGreaterThan(tests.length / 2);

        // post under the same faults: what it could not remove, it names
        const post = await run.postAgain();
        expect(post.failed).toBe(false);
        const warned = post.annotations
          .filter((a) => a.level === 'warning')
          .map((a) => a.message)
          .join('\n');
        for (const left of leftovers(cluster)) {
          const where = left.startsWith('pod ')
            ? left.slice(4).split('/')[0]
            : left.slice('namespace '.length);
          expect(warned).toContain(where);
        }
        cluster.clearFaults();
        await run.postAgain();
        expect(leftovers(cluster)).toEqual([]);
      } finally {
        run.dispose();
      }
    });
  });
});
