// From what one canary reported (canary-script.ts) to each of its tests' outcome: the
// verdict over all of a test's tries (canary-verdicts.ts), how many there were, how long
// they took. A test the canary said nothing about is inconclusive, with the reason.
import type { Observation, Settings, TestCase, Verdict } from '../core/types.ts';
import type { CanaryResults } from './canary-script.ts';
import { decideTest } from './canary-verdicts.ts';

export interface ProbeOutcome {
  test: TestCase;
  observation: Observation;
  verdict: Verdict;
  detail: string;
  attempts: number;
  durationMs: number;
  /** the result held only from this moment, ms after the canary started (enforcement lag) */
  enforcedAfterMs?: number;
  /** what the reports warn of, with enforcedAfterMs */
  warning?: string;
}

/**
 * Each test's outcome. `missing` says why a test has no result (the canary ended early, its
 * log could not be read …): that test is inconclusive with it.
 */
export function decideCanary(
  tests: readonly TestCase[],
  results: CanaryResults,
  settings: Pick<Settings, 'refusedMeansDenied'> & { maxEnforcementDelayMs?: number },
  missing: string,
): ProbeOutcome[] {
  return tests.map((test) => {
    const tries = results.tries.get(test.index) ?? [];
    const first = tries[0];
    const last = tries[tries.length - 1];
    if (!first || !last) {
      return {
        test,
        observation: { actual: 'error', detail: missing },
        verdict: 'inconclusive',
        detail: missing,
        attempts: 0,
        durationMs: 0,
      };
    }
    const v = decideTest(test, tries, results.provenAt, settings);
    const ended = results.endMs.get(test.index) ?? last.atMs;
    return {
      test,
      observation: last.observation,
      verdict: v.verdict,
      detail: v.detail,
      attempts: tries.length,
      durationMs: Math.max(0, ended - first.atMs),
      ...(v.enforcedAfterMs !== undefined ? { enforcedAfterMs: v.enforcedAfterMs } : {}),
      ...(v.warning !== undefined ? { warning: v.warning } : {}),
    };
  });
}
