// The decision table end to end: the bundled action, the real kubectl, the double's
// busybox stand-ins (which print what the real busybox printed in the probe lab). A deny
// test never passes on a target that accepted a TCP connection, however the server
// behaved after it; a hung or TLS-stalled target costs one probe timeout plus the kill
// margin, not the exec deadline.
import { describe, expect, it } from 'vitest';
import { rules } from '../cluster/network.ts';
import { killSeconds } from '../../src/probe/probe-script.ts';
import { matrixYaml, results, runAgainst, withCluster } from './helpers.ts';

const network = rules([
  { to: 'hung.shop.svc.cluster.local:8080', outcome: 'hang' },
  { to: 'stalled.shop.svc.cluster.local:443', outcome: 'hang' },
  {
    to: 'moved.shop.svc.cluster.local:8080',
    outcome: { kind: 'allowed', status: 302, location: 'http://dropped.data.svc.cluster.local/' },
  },
  { to: 'closing.shop.svc.cluster.local:8080', outcome: 'closed' },
  { to: 'tls13.shop.svc.cluster.local:443', outcome: 'tls-alert' },
  { to: 'dropped.data.svc.cluster.local', outcome: 'timeout' },
  { to: 'rejecting.data.svc.cluster.local', outcome: 'icmp-admin-prohibited' },
  { to: 'api.example.com', outcome: 'dns-timeout' },
]);

const TIMEOUT_MS = 1000;
const cases: { to: string; actual: string; verdict: string }[] = [
  { to: 'http://hung.shop.svc.cluster.local:8080/', actual: 'allowed', verdict: 'fail' },
  { to: 'https://stalled.shop.svc.cluster.local/', actual: 'allowed', verdict: 'fail' },
  { to: 'http://moved.shop.svc.cluster.local:8080/', actual: 'allowed', verdict: 'fail' },
  { to: 'http://closing.shop.svc.cluster.local:8080/', actual: 'allowed', verdict: 'fail' },
  { to: 'https://tls13.shop.svc.cluster.local/', actual: 'allowed', verdict: 'fail' },
  { to: 'tcp://hung.shop.svc.cluster.local:8080', actual: 'allowed', verdict: 'fail' },
  { to: 'http://dropped.data.svc.cluster.local/', actual: 'blocked', verdict: 'pass' },
  { to: 'tcp://rejecting.data.svc.cluster.local:5432', actual: 'refused', verdict: 'inconclusive' },
  { to: 'https://api.example.com/', actual: 'dns-error', verdict: 'inconclusive' },
];

describe('deny tests against targets that accept and then misbehave', () => {
  it('fail (the connection was made), and the canary probes for one timeout plus the margin', async () => {
    await withCluster({ network }, async (cluster) => {
      const tests = cases.map((c, i) => ({
        name: `deny ${i}`,
        from: 'canary-test-cases',
        to: c.to,
        expect: 'deny',
      }));
      const run = await runAgainst(cluster, {
        inputs: {
          matrix: matrixYaml(tests),
          timeout: `${TIMEOUT_MS}ms`,
          attempts: '1',
          'ready-timeout': '20s',
        },
      });
      const rs = results(run);
      expect(rs.map((r) => ({ to: r.to, actual: r.actual, verdict: r.verdict }))).toEqual(cases);
      expect(rs.find((r) => r.to === 'https://api.example.com/')?.detail).toMatch(
        /did not resolve within 1 s: is DNS egress allowed\?/,
      );
      expect(rs.find((r) => r.to === 'http://moved.shop.svc.cluster.local:8080/')?.detail).toMatch(
        /redirected to dropped\.data\.svc\.cluster\.local.*a redirect does not decide/,
      );
      // the probes end at the kill (timeout + margin), well before the exec deadline
      // (that + 30 s); a few seconds more for kubectl and the exec to start
      for (const r of rs) expect(Number(r.durationMs)).toBeLessThan((killSeconds(TIMEOUT_MS) + 5) * 1000);
      expect(run.main.failed).toBe(true);
    });
  });
});
