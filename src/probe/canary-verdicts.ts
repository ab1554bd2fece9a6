// From everything one canary's probes saw, over all its attempts, to each test's verdict.
// Two rules need the whole canary, not one probe (README "Verdicts"):
//
// - The network proven before a deny counts. A dropped connection says nothing about a
//   policy while the pod's own network is not up yet (some CNIs drop all of a new pod's
//   traffic until they have set it up). A drop counts only in an attempt in which, or after
//   which, some probe of the same canary made a connection or had a name resolved; before
//   that, a drop makes the test inconclusive (a deny never passes on it, an allow never fails).
// - Enforcement lag. A deny that connected at first and was blocked later passes, with a
//   warning that says for how long the canary was unprotected; an allow blocked at first and
//   allowed later is reported the same way. With max-enforcement-delay, a longer window fails.
import type { Observation, Settings, TestCase, Verdict } from '../core/types.ts';
import type { ProbeRun } from './probe-script.ts';
import { decideVerdict } from './verdict.ts';

export const NETWORK_UNPROVEN =
  'no probe from this canary connected or resolved a name: its network may not be up';

/** One probe of one test in one attempt. */
export interface Try {
  /** 1-based attempt */
  attempt: number;
  /** when the attempt started, ms after the canary started */
  atMs: number;
  observation: Observation;
}

export interface CanaryVerdict {
  verdict: Verdict;
  detail: string;
  /** for a test whose result changed once and then held: when it held from, ms after the canary started */
  enforcedAfterMs?: number;
  /** the sentence the reports show as a warning, with enforcedAfterMs */
  warning?: string;
}

function isIpLiteral(host: string): boolean {
  return /^[0-9.]+$/.test(host) || host.includes(':');
}

/** A host whose resolution shows the network at work: a name, not an address, not localhost (which /etc/hosts answers). */
export function resolvesByDns(host: string): boolean {
  const name = host.replace(/^\[|\]$/g, '');
  return !isIpLiteral(name) && !/^localhost\.?$|\.localhost\.?$/i.test(name);
}

function escapeRe(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Did this probe show that the canary's network works? A connection was made, or a host
 * name (not an address, not localhost, which /etc/hosts answers) was resolved: busybox's nc
 * says `NAME (ADDRESS:PORT)` only once it has an address for NAME, and wget says
 * `Connecting to NAME:PORT (ADDRESS:PORT)`.
 */
export function showsNetwork(host: string, run: ProbeRun | undefined, observation: Observation): boolean {
  if (observation.actual === 'allowed') return true;
  if (!resolvesByDns(host)) return false;
  const h = escapeRe(host);
  const nc = new RegExp(`(?:^|\\s)${h} \\([0-9a-fA-F.:\\[\\]]+:\\d+\\)`);
  const wget = new RegExp(`Connecting to ${h}(?::\\d+)? \\([0-9a-fA-F.:\\[\\]]+:\\d+\\)`);
  return nc.test(run?.nc?.output ?? '') || wget.test(run?.wget?.output ?? '');
}

function seconds(ms: number): string {
  return `${(Math.round(ms / 100) / 10).toFixed(1)} s`;
}

/** What the rule of one probe alone says, with the canary's proof of its network applied. */
function decideTry(
  test: TestCase,
  t: Try,
  provenAt: number | undefined,
  refusedMeansDenied: boolean,
): { verdict: Verdict; detail: string } {
  if (t.observation.actual === 'blocked' && (provenAt === undefined || provenAt > t.attempt)) {
    // a drop before the network was shown to work tells nothing, whatever was expected
    return { verdict: 'inconclusive', detail: `${NETWORK_UNPROVEN} (${t.observation.detail})` };
  }
  return decideVerdict(test.expect, t.observation, refusedMeansDenied);
}

/**
 * The verdict of one test from all its tries (in order), given the first attempt in which
 * the canary's network was shown to work (undefined: never).
 */
export function decideTest(
  test: TestCase,
  tries: readonly Try[],
  provenAt: number | undefined,
  settings: Pick<Settings, 'refusedMeansDenied'> & { maxEnforcementDelayMs?: number },
): CanaryVerdict {
  const last = tries[tries.length - 1];
  if (!last) return { verdict: 'inconclusive', detail: 'not probed' };
  const final = decideTry(test, last, provenAt, settings.refusedMeansDenied);
  if (final.verdict !== 'pass') return final;
  // the last result agrees: did an earlier one say the opposite?
  const opposite = test.expect === 'deny' ? 'allowed' : 'blocked';
  let lastOpposite = -1;
  tries.forEach((t, i) => {
    if (t.observation.actual === opposite) lastOpposite = i;
  });
  const held = tries[lastOpposite + 1];
  const before = tries[lastOpposite];
  if (lastOpposite < 0 || !held || !before) return final;
  const enforcedAfterMs = Math.max(0, Math.round(held.atMs));
  const warning =
    test.expect === 'deny'
      ? `reachable for up to the first ${seconds(enforcedAfterMs)} after the canary started (it connected ${seconds(before.atMs)} after the start, and was blocked from ${seconds(held.atMs)} on): the policy was not enforced at once`
      : `blocked for up to the first ${seconds(enforcedAfterMs)} after the canary started (blocked ${seconds(before.atMs)} after the start, and allowed from ${seconds(held.atMs)} on)`;
  const max = settings.maxEnforcementDelayMs;
  if (max !== undefined && enforcedAfterMs > max) {
    return {
      verdict: 'fail',
      detail: `${warning}, which is longer than max-enforcement-delay (${seconds(max)}): ${final.detail}`,
      enforcedAfterMs,
      warning,
    };
  }
  return { verdict: 'pass', detail: `${final.detail}; ${warning}`, enforcedAfterMs, warning };
}
