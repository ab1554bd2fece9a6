// A failed test's block lists the admin-tier policies its explanation used, with
// the command that shows each: they are cluster-scoped, so no namespace.
import { describe, expect, it } from 'vitest';
import { renderSummary } from '../../src/report/summary.ts';
import type { TestResult } from '../../src/core/types.ts';

const failed: TestResult = {
  name: 'reports reach the internet',
  from: 'data',
  labels: { app: 'reports' },
  to: 'https://example.com/',
  expect: 'allow',
  actual: 'blocked',
  verdict: 'fail',
  detail: 'timed out',
  attempts: 3,
  durationMs: 3000,
  explanation: 'allow expected but blocked: admin tier: ClusterNetworkPolicy deny-all-egress (priority 10) …',
};

describe('evidence of admin-tier policies', () => {
  it('names each with its kind and the kubectl get that shows it', () => {
    const md = renderSummary([failed], {
      evidence: () => ({
        policies: [
          { namespace: '', name: 'deny-all-egress', kind: 'ClusterNetworkPolicy' },
          { namespace: 'data', name: 'default-deny' },
        ],
      }),
    });
    expect(md).toContain(
      '- **Policy** `ClusterNetworkPolicy deny-all-egress`: `kubectl get clusternetworkpolicy deny-all-egress -o yaml`',
    );
    expect(md).toContain(
      '- **Policy** `data/default-deny`: `kubectl get networkpolicy -n data default-deny -o yaml`',
    );
  });
});
