// A canary whose results do not fit its termination message (4 KiB): the message says
// so, and the action reads them with one `kubectl logs` (get pods/log); without that
// right its tests are inconclusive, saying what to grant, never passed.
import { describe, expect, it } from 'vitest';
import { rules } from '../cluster/network.ts';
import { leftovers, matrixYaml, results, runAgainst, withCluster } from './helpers.ts';

// 36 tests from one canary, each to a long name: their result lines are over 4 KiB
const host = (i: number): string =>
  `a-service-with-a-rather-long-name-${String(i).padStart(2, '0')}.shop.svc.cluster.local`;
const tests = Array.from({ length: 36 }, (_, i) => ({
  name: `t${i}`,
  from: 'dark-tower',
  labels: { app: 'many' },
  to: `tcp://${host(i)}:${i % 2 === 0 ? 8080 : 5432}`,
  expect: i % 2 === 0 ? 'allow' : 'deny',
}));
const network = rules(
  [{ to: (h, port) => port === 5432 && h.startsWith('a-service'), outcome: 'timeout' }],
  'allowed',
);

describe('a canary with more results than its termination message holds', () => {
  it('is read from its log, once, and every verdict is right', async () => {
    await withCluster({ network }, async (cluster) => {
      cluster.createNamespace('dark-tower');
      cluster.resetAudit();
      // a generous timeout: 36 stand-ins start at once on a busy machine
      const run = await runAgainst(cluster, { inputs: { matrix: matrixYaml(tests), timeout: '5s' } });
      try {
        expect(results(run).map((r) => r.verdict)).toEqual(Array(36).fill('pass'));
        const canary = cluster.audit.filter((e) => e.verb === 'create' && e.resource === 'pods');
        expect(canary).toHaveLength(1);
        // the message said "in the log": one read of it
        expect(cluster.audit.filter((e) => e.subresource === 'log').map((e) => e.code)).toEqual([200]);
        expect(leftovers(cluster)).toEqual([]);
      } finally {
        run.dispose();
      }
    });
  });

  it('without get pods/log: its tests are inconclusive, naming the right to grant', async () => {
    await withCluster({ network }, async (cluster) => {
      cluster.createNamespace('dark-tower');
      cluster.denyRbac({ verb: 'get', resource: 'pods', subresource: 'log', namespace: 'dark-tower' });
      const run = await runAgainst(cluster, { inputs: { matrix: matrixYaml(tests), timeout: '5s' } });
      try {
        const rs = results(run);
        expect(rs.map((r) => r.verdict)).toEqual(Array(36).fill('inconclusive'));
        expect(String(rs[0]?.detail)).toMatch(
          /results did not fit in its termination message, and its log could not be read \(.*cannot get resource "pods\/log".*\)\. Grant get pods\/log in namespace dark-tower \(examples\/rbac\.yaml\), or split its tests/,
        );
        expect(String(rs[0]?.detail)).not.toMatch(/undefined|\[object|\.\./);
        expect(run.main.failed).toBe(true);
        expect(leftovers(cluster)).toEqual([]);
      } finally {
        run.dispose();
      }
    });
  });
});
