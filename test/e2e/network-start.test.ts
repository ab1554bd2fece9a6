// A canary's first seconds, end to end: the bundled action, the real kubectl, the double's
// network changing with the time since the canary started (byPodAge). A network that is not
// up yet drops everything, and must never turn a deny into a pass; a policy programmed late
// leaves the canary unprotected for a while, and the run says for how long.
import { isIP } from 'node:net';
import { describe, expect, it } from 'vitest';
import { byPodAge, rules } from '../cluster/network.ts';
import type { Cluster } from '../cluster/server.ts';
import type { NetworkFn } from '../cluster/types.ts';
import { matrixYaml, results, runAgainst, withCluster } from './helpers.ts';

/** The network of `then`, after `phases`, timed from the canary's start in the double. */
function fromPodStart(phases: Parameters<typeof byPodAge>[0], then: NetworkFn) {
  const ref: { cluster?: Cluster } = {};
  const network = byPodAge(phases, then, (src) => ref.cluster?.podStartedAtMs(src.namespace, src.pod));
  return { network, ref };
}

// until the pod's network is up, nothing gets out, DNS included
const NOT_UP: NetworkFn = (_src, host) => ({ kind: isIP(host) ? 'timeout' : 'dns-failure' });

describe('a network that drops everything for a canary’s first seconds', () => {
  // afterwards: 10.0.0.9 is reachable (no policy holds it), 10.0.0.8 is dropped by one
  const after = rules([{ to: '10.0.0.8', outcome: 'timeout' }], 'allowed');
  const tests = [
    { name: 'deny reachable', from: 'canary-test-start', to: 'tcp://10.0.0.9:5432', expect: 'deny' },
    { name: 'deny dropped', from: 'canary-test-start', to: 'tcp://10.0.0.8:5432', expect: 'deny' },
  ];

  it('never passes a deny on a drop seen before the network worked; once it works, the verdicts are right', async () => {
    const { network, ref } = fromPodStart([{ untilMs: 3500, network: NOT_UP }], after);
    await withCluster({ network }, async (cluster) => {
      ref.cluster = cluster;
      // one attempt, inside the window: drops only, and the control's name did not resolve
      const once = await runAgainst(cluster, {
        inputs: { matrix: matrixYaml(tests), timeout: '1s', attempts: '1', 'ready-timeout': '20s' },
      });
      const first = results(once);
      expect(first.map((r) => [r.name, r.actual, r.verdict])).toEqual([
        ['deny reachable', 'blocked', 'inconclusive'],
        ['deny dropped', 'blocked', 'inconclusive'],
      ]);
      for (const r of first)
        expect(r.detail).toContain(
          'no probe from this canary connected or resolved a name: its network may not be up',
        );
      expect(once.main.failed).toBe(true);
      expect(once.main.summary).toContain('its network may not be up');

      // retried past the window: the reachable deny fails, the dropped one now counts
      const retried = await runAgainst(cluster, {
        inputs: { matrix: matrixYaml(tests), timeout: '1s', attempts: '4', 'ready-timeout': '20s' },
      });
      const rs = results(retried);
      expect(rs.map((r) => [r.name, r.actual, r.verdict])).toEqual([
        ['deny reachable', 'allowed', 'fail'],
        ['deny dropped', 'blocked', 'pass'],
      ]);
      expect(Number(rs[1]?.attempts)).toBeGreaterThan(1);
    });
  });
});

describe('enforcement lag', () => {
  // for its first 2 s the canary reaches everything; then the policy drops the database
  const policy = rules([{ to: 'db.data.svc.cluster.local:5432', outcome: 'timeout' }], 'allowed');
  const tests = [
    { name: 'no db', from: 'canary-test-lag', to: 'tcp://db.data.svc.cluster.local:5432', expect: 'deny' },
  ];

  it('a deny that held only after 2 s passes, with the window in results, the summary and an annotation; max-enforcement-delay below it fails', async () => {
    const { network, ref } = fromPodStart([{ untilMs: 2000, network: 'allowed' }], policy);
    await withCluster({ network }, async (cluster) => {
      ref.cluster = cluster;
      const run = await runAgainst(cluster, {
        inputs: { matrix: matrixYaml(tests), timeout: '1s', attempts: '4', 'ready-timeout': '20s' },
      });
      const [r] = results(run);
      expect(r).toMatchObject({ verdict: 'pass', actual: 'blocked' });
      const lag = Number(r?.enforcedAfterMs);
      // timed from when the action saw the canary ready, a moment after the double started it
      expect(lag).toBeGreaterThanOrEqual(1500);
      expect(lag).toBeLessThan(20_000);
      expect(String(r?.detail)).toMatch(/reachable for up to the first \d+\.\d s after the canary started/);
      expect(run.main.failed).toBe(false);
      // the summary escapes Markdown: read it without the backslashes
      expect(run.main.summary.replace(/\\/g, '')).toMatch(
        /⚠️ Test "no db" .*passed, but was reachable for up to the first \d+\.\d s/,
      );
      expect(
        run.main.annotations.filter(
          (a) => a.level === 'warning' && /reachable for up to the first/.test(a.message),
        ),
      ).toHaveLength(1);

      const strict = await runAgainst(cluster, {
        inputs: {
          matrix: matrixYaml(tests),
          timeout: '1s',
          attempts: '4',
          'ready-timeout': '20s',
          'max-enforcement-delay': '1s',
        },
      });
      const [s] = results(strict);
      expect(s?.verdict).toBe('fail');
      expect(Number(s?.enforcedAfterMs)).toBeGreaterThan(1000);
      expect(String(s?.detail)).toContain('longer than max-enforcement-delay (1.0 s)');
      expect(strict.main.failed).toBe(true);
    });
  });
});
