// One test's outcome as the public `results` output and the reports show it.
import type { Observation, TestCase, TestResult, Verdict } from '../core/types.ts';

export function toResult(
  test: TestCase,
  obs: Observation,
  decision: { verdict: Verdict; detail: string },
  attempts: number,
  durationMs: number,
  explanation?: string,
  enforcedAfterMs?: number,
): TestResult {
  const result: TestResult = {
    name: test.name,
    from: test.from,
    labels: { ...test.labels },
    to: test.to,
    expect: test.expect,
    actual: obs.actual,
    verdict: decision.verdict,
    detail: decision.detail,
    attempts,
    durationMs: Math.max(0, Math.round(durationMs)),
  };
  if (enforcedAfterMs !== undefined) result.enforcedAfterMs = Math.max(0, Math.round(enforcedAfterMs));
  if (explanation !== undefined && explanation.trim() !== '') result.explanation = explanation;
  return result;
}

const ORDER: Record<Verdict, number> = { fail: 0, inconclusive: 1, pass: 2 };

/** Failures first, then inconclusive, then passes; the matrix order within each (stable). */
export function sortForReport<T extends { verdict: Verdict }>(results: readonly T[]): T[] {
  return results
    .map((r, i) => ({ r, i }))
    .sort((a, b) => ORDER[a.r.verdict] - ORDER[b.r.verdict] || a.i - b.i)
    .map(({ r }) => r);
}
