import { describe, expect, it } from 'vitest';
import { sortForReport, toResult } from '../../src/report/results.ts';
import { parseTarget } from '../../src/matrix/target.ts';
import type { Actual, Expect, TestCase, Verdict } from '../../src/core/types.ts';
import { decideVerdict, summarize } from '../../src/probe/verdict.ts';

const ACTUALS: Actual[] = ['allowed', 'blocked', 'refused', 'dns-error', 'error'];

// The whole truth table: expectation × what the network did × refused-means-denied.
const TABLE: [Expect, Actual, boolean, Verdict][] = [
  ['allow', 'allowed', false, 'pass'],
  ['allow', 'blocked', false, 'fail'],
  ['allow', 'refused', false, 'inconclusive'],
  ['allow', 'dns-error', false, 'inconclusive'],
  ['allow', 'error', false, 'inconclusive'],
  ['deny', 'allowed', false, 'fail'],
  ['deny', 'blocked', false, 'pass'],
  ['deny', 'refused', false, 'inconclusive'],
  ['deny', 'dns-error', false, 'inconclusive'],
  ['deny', 'error', false, 'inconclusive'],
  ['allow', 'allowed', true, 'pass'],
  ['allow', 'blocked', true, 'fail'],
  ['allow', 'refused', true, 'fail'],
  ['allow', 'dns-error', true, 'inconclusive'],
  ['allow', 'error', true, 'inconclusive'],
  ['deny', 'allowed', true, 'fail'],
  ['deny', 'blocked', true, 'pass'],
  ['deny', 'refused', true, 'pass'],
  ['deny', 'dns-error', true, 'inconclusive'],
  ['deny', 'error', true, 'inconclusive'],
];

describe('decideVerdict', () => {
  it('covers every combination exactly once', () => {
    expect(TABLE).toHaveLength(2 * ACTUALS.length * 2);
  });

  it.each(TABLE)('expect %s, %s, refused-means-denied %s: %s', (expectation, actual, flag, verdict) => {
    const d = decideVerdict(expectation, { actual, detail: `probe said ${actual}` }, flag);
    expect(d.verdict).toBe(verdict);
    expect(d.detail).toContain(`probe said ${actual}`);
  });

  it('points at refused-means-denied when a refusal leaves the test inconclusive', () => {
    for (const e of ['allow', 'deny'] as const) {
      const d = decideVerdict(e, { actual: 'refused', detail: 'rejected' }, false);
      expect(d.detail).toMatch(/refused-means-denied/);
    }
    expect(decideVerdict('deny', { actual: 'dns-error', detail: 'x' }, false).detail).not.toMatch(
      /refused-means/,
    );
  });

  it('says what was expected when a test fails', () => {
    expect(decideVerdict('deny', { actual: 'allowed', detail: 'connected' }, false).detail).toBe(
      'expected deny, but it was allowed: connected',
    );
    expect(decideVerdict('allow', { actual: 'refused', detail: 'rejected' }, true).detail).toMatch(
      /^expected allow, but it was denied \(a refused connection counts as denied/,
    );
  });
});

describe('summarize', () => {
  it('counts verdicts', () => {
    const v: Verdict[] = ['pass', 'fail', 'pass', 'inconclusive', 'fail', 'pass'];
    expect(summarize(v.map((verdict) => ({ verdict })))).toEqual({
      passed: 3,
      failed: 2,
      inconclusive: 1,
      total: 6,
    });
    expect(summarize([])).toEqual({ passed: 0, failed: 0, inconclusive: 0, total: 0 });
  });
});

function testCase(index: number, name: string): TestCase {
  const t = parseTarget('http://web.shop:8080/');
  if (!t.ok) throw new Error('target');
  return {
    index,
    name,
    from: 'shop',
    labels: { app: 'web' },
    to: 'http://web.shop:8080/',
    target: t.value,
    expect: 'allow',
  };
}

describe('toResult and sortForReport', () => {
  it('builds the public result, with explanation only when there is one', () => {
    const r = toResult(
      testCase(0, 'a'),
      { actual: 'blocked', detail: 'd' },
      { verdict: 'fail', detail: 'why' },
      3,
      5012.4,
    );
    expect(r).toEqual({
      name: 'a',
      from: 'shop',
      labels: { app: 'web' },
      to: 'http://web.shop:8080/',
      expect: 'allow',
      actual: 'blocked',
      verdict: 'fail',
      detail: 'why',
      attempts: 3,
      durationMs: 5012,
    });
    expect('explanation' in r).toBe(false);
    expect(
      'explanation' in
        toResult(
          testCase(0, 'a'),
          { actual: 'blocked', detail: '' },
          { verdict: 'fail', detail: '' },
          1,
          1,
          '',
        ),
    ).toBe(false);
    const withWhy = toResult(
      testCase(0, 'a'),
      { actual: 'blocked', detail: '' },
      { verdict: 'fail', detail: '' },
      1,
      1,
      'policy x',
    );
    expect(withWhy.explanation).toBe('policy x');
  });

  it('orders fail, inconclusive, pass and keeps the matrix order within each', () => {
    const verdicts: Verdict[] = ['pass', 'inconclusive', 'fail', 'pass', 'fail', 'inconclusive'];
    const list = verdicts.map((verdict, i) => ({ verdict, i }));
    expect(sortForReport(list).map((r) => `${r.verdict[0]}${r.i}`)).toEqual([
      'f2',
      'f4',
      'i1',
      'i5',
      'p0',
      'p3',
    ]);
    expect(list.map((r) => r.i)).toEqual([0, 1, 2, 3, 4, 5]);
  });
});
