// From what the network did to pass, fail or inconclusive.
import type { Actual, Expect, Observation, Verdict } from '../core/types.ts';

export interface Decision {
  verdict: Verdict;
  detail: string;
}

const REFUSED_HINT =
  'a rejected connection cannot be told from a closed port: if your CNI rejects rather than drops, set input refused-means-denied to true';

export function decideVerdict(expect: Expect, obs: Observation, refusedMeansDenied: boolean): Decision {
  const got = effective(obs.actual, refusedMeansDenied);
  if (got === 'unknown') {
    const hint = obs.actual === 'refused' ? `; ${REFUSED_HINT}` : '';
    return { verdict: 'inconclusive', detail: `${obs.detail}${hint}` };
  }
  const wanted = expect === 'allow' ? 'allowed' : 'denied';
  if (got === wanted) return { verdict: 'pass', detail: obs.detail };
  const counted =
    obs.actual === 'refused'
      ? ' (a refused connection counts as denied: input refused-means-denied is true)'
      : '';
  return {
    verdict: 'fail',
    detail: `expected ${expect}, but it was ${got}${counted}: ${obs.detail}`,
  };
}

/**
 * A fail's detail without its opening "expected allow, but it was denied": for lines that
 * state the expectation and the outcome themselves. Anything else is returned as it is.
 */
export function storyOf(detail: string): string {
  return detail.replace(/^expected (allow|deny), but it was (allowed|denied)(: | )?/, '');
}

function effective(actual: Actual, refusedMeansDenied: boolean): 'allowed' | 'denied' | 'unknown' {
  switch (actual) {
    case 'allowed':
      return 'allowed';
    case 'blocked':
      return 'denied';
    case 'refused':
      return refusedMeansDenied ? 'denied' : 'unknown';
    default:
      return 'unknown';
  }
}

export function summarize(results: readonly { verdict: Verdict }[]): {
  passed: number;
  failed: number;
  inconclusive: number;
  total: number;
} {
  const counts = { passed: 0, failed: 0, inconclusive: 0, total: results.length };
  for (const r of results) {
    if (r.verdict === 'pass') counts.passed++;
    else if (r.verdict === 'fail') counts.failed++;
    else counts.inconclusive++;
  }
  return counts;
}
