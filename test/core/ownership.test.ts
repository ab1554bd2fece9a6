import { describe, expect, it } from 'vitest';
import {
  CLOSING_KEY,
  isClosing,
  leaseKey,
  otherLiveLeases,
  runIdentity,
  runSelector,
  whyNotDeletable,
  type NamespaceObject,
} from '../../src/core/ownership.ts';

const NOW = new Date('2026-11-26T10:00:00Z');
const LATER = '2026-11-26T11:00:00Z';
const EARLIER = '2026-11-26T09:00:00Z';

function ns(
  name: string,
  labels: Record<string, string>,
  annotations: Record<string, string> = {},
): NamespaceObject {
  return { metadata: { name, labels, annotations, resourceVersion: '7' } };
}
const managed = { 'app.kubernetes.io/managed-by': 'netpol-canary' };

describe('run identity', () => {
  const env = {
    GITHUB_RUN_ID: '123456',
    GITHUB_RUN_ATTEMPT: '2',
    GITHUB_JOB: 'gate',
    GITHUB_ACTION: 'netpol',
    RUNNER_NAME: 'r1',
  };

  it('is the same in main and post: derived from the run, not random', () => {
    expect(runIdentity(env)).toBe(runIdentity({ ...env }));
    expect(runIdentity(env)).toMatch(/^123456-2-[0-9a-f]{8}$/);
  });

  it('differs between attempts, jobs, steps and matrix legs on different runners', () => {
    const ids = new Set([
      runIdentity(env),
      runIdentity({ ...env, GITHUB_RUN_ATTEMPT: '3' }),
      runIdentity({ ...env, GITHUB_JOB: 'other' }),
      runIdentity({ ...env, GITHUB_ACTION: 'second-use' }),
      runIdentity({ ...env, RUNNER_NAME: 'r2' }),
    ]);
    expect(ids.size).toBe(5);
  });

  it('is a valid label value even from hostile environment values, and random outside Actions', () => {
    const id = runIdentity({ ...env, GITHUB_RUN_ID: '1; rm -rf /', GITHUB_RUN_ATTEMPT: '$(x)' });
    expect(id).toMatch(/^[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?$/);
    expect(id.length).toBeLessThanOrEqual(63);
    expect(runIdentity({})).toMatch(/^local-[0-9a-f]{10}$/);
    expect(runIdentity({})).not.toBe(runIdentity({}));
    expect(runSelector('r')).toBe('app.kubernetes.io/managed-by=netpol-canary,netpol-canary.io/run=r');
  });
});

describe('the deletion guard', () => {
  it('deletes only a prefixed, managed namespace that no other live run uses', () => {
    expect(
      whyNotDeletable(ns('canary-test-a', managed, { [leaseKey('me')]: LATER }), 'canary-test-', 'me', NOW),
    ).toBeUndefined();
  });

  it('never deletes a namespace without the prefix, even if labelled as ours', () => {
    expect(whyNotDeletable(ns('prod', managed), 'canary-test-', 'me', NOW)).toMatch(/prefix/);
    expect(whyNotDeletable(ns('canary-test-a', managed), '', 'me', NOW)).toMatch(/prefix/);
  });

  it('never deletes a namespace this action did not create', () => {
    expect(whyNotDeletable(ns('canary-test-a', { team: 'x' }), 'canary-test-', 'me', NOW)).toMatch(
      /did not create/,
    );
  });

  it('keeps a namespace another run still holds a live lease on; expired leases do not count', () => {
    const shared = ns('canary-test-a', managed, { [leaseKey('me')]: LATER, [leaseKey('other')]: LATER });
    expect(whyNotDeletable(shared, 'canary-test-', 'me', NOW)).toMatch(/other/);
    const stale = ns('canary-test-a', managed, { [leaseKey('other')]: EARLIER });
    expect(otherLiveLeases(stale, 'me', NOW)).toEqual([]);
    expect(whyNotDeletable(stale, 'canary-test-', 'me', NOW)).toBeUndefined();
  });

  it('treats an unreadable lease as live: never deletes on a guess', () => {
    const odd = ns('canary-test-a', managed, { [leaseKey('other')]: 'soon' });
    expect(otherLiveLeases(odd, 'me', NOW)).toEqual(['other']);
  });

  it('sees a namespace as closing when marked, deleted or Terminating', () => {
    expect(isClosing(ns('a', managed, { [CLOSING_KEY]: 'r' }))).toBe(true);
    expect(isClosing({ metadata: { name: 'a', deletionTimestamp: EARLIER } })).toBe(true);
    expect(isClosing({ metadata: { name: 'a' }, status: { phase: 'Terminating' } })).toBe(true);
    expect(isClosing(ns('a', managed))).toBe(false);
  });
});
