// A test's result from its canary's outcome, or from why it could not be probed; and the
// lines a canary's block in the log is made of.
import type { ProbeOutcome } from '../probe/canary-outcomes.ts';
import { storyOf } from '../probe/verdict.ts';
import { toResult } from '../report/results.ts';
import type { CanaryGroup, TestCase, TestResult } from '../core/types.ts';

export function fromOutcome(o: ProbeOutcome): TestResult {
  return toResult(o.test, o.observation, o, o.attempts, o.durationMs, undefined, o.enforcedAfterMs);
}

/** A test that could not be probed: never a pass. */
export function notProbed(t: TestCase, why: string, durationMs: number): TestResult {
  return toResult(
    t,
    { actual: 'error', detail: why },
    { verdict: 'inconclusive', detail: why },
    0,
    durationMs,
  );
}

const MARK = { pass: '✓', fail: '✗', inconclusive: '?' } as const;

/** One line of a canary's block in the log. */
export function describeOutcome(o: ProbeOutcome): string {
  const tries = o.attempts > 1 ? ` after ${o.attempts} attempts` : '';
  // the line says what was expected and seen already: the detail without its own saying so
  return `${MARK[o.verdict]} ${o.verdict.padEnd(12)} ${o.test.name}: expected ${o.test.expect}, ${o.observation.actual}${tries} (${storyOf(o.detail)})`;
}

/** The title of a canary's block in the log. */
export function canaryTitle(group: CanaryGroup, pod: string): string {
  const labels = Object.entries(group.labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  return `canary ${group.namespace}/${pod}${labels ? ` [${labels}]` : ''}: ${group.tests.length} test(s)`;
}
