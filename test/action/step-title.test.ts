// Which use of the action a job summary's heading names: three uses in one job must not
// show three identical headings.
import { describe, expect, it } from 'vitest';
import { stepTitle } from '../../src/action/publish-report.ts';

describe('stepTitle', () => {
  it('takes the title input first', () => {
    expect(stepTitle('  egress gate ', { GITHUB_ACTION: 'gate', GITHUB_JOB: 'test' })).toBe('egress gate');
  });

  it('names the step by its id, which GitHub puts in GITHUB_ACTION when the step has one', () => {
    expect(stepTitle('', { GITHUB_ACTION: 'ingress-gate', GITHUB_JOB: 'test' })).toBe('step ingress-gate');
  });

  it('without an id, names the job and which use of the action it is', () => {
    // GitHub: __owner_repo for the first use in a job, then __owner_repo_2, _3 …
    expect(stepTitle('', { GITHUB_ACTION: '__acme_netpol-canary', GITHUB_JOB: 'test' })).toBe('job test');
    expect(stepTitle('', { GITHUB_ACTION: '__acme_netpol-canary_2', GITHUB_JOB: 'test' })).toBe(
      'job test, use 2',
    );
    expect(stepTitle('', {})).toBeUndefined();
  });
});
