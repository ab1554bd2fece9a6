// Probing from one canary: all of its tests in one exec (one kubectl process),
// then only the disagreeing ones again (and drops seen before the canary's network was
// shown to work), after a short backoff, up to `attempts`. canary-verdicts.ts decides.
import { classify } from '../probe/classify.ts';
import { describeFailure, type Kubectl } from './kubectl.ts';
import { CONTAINER } from './manifests.ts';
import {
  buildProbeScript,
  CONTROL_HOST,
  killSeconds,
  parseControlLine,
  parseProbeLines,
} from '../probe/probe-script.ts';
import type { Observation, Settings, TestCase, Verdict } from '../core/types.ts';
import { decideTest, showsNetwork, wantsRetry, type Try } from '../probe/canary-verdicts.ts';

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

/** Time the exec may take beyond the moment the script kills its probes: exec set-up, a slow API. */
const EXEC_SLACK_MS = 30_000;
const RETRY_BACKOFF_MS = [1000, 2000, 4000, 8000];

export async function probeOnce(
  k: Kubectl,
  pod: { namespace: string; name: string },
  tests: TestCase[],
  settings: Settings,
  opts: { control?: boolean; onSpawn?: () => void } = {},
): Promise<{ observations: Map<number, Observation>; proof: boolean }> {
  const script = buildProbeScript(
    tests.map((t) => ({ id: t.index, target: t.target })),
    settings.timeoutMs,
    { control: opts.control === true },
  );
  const r = await k.run({
    // the script goes on stdin: no argument-length limit, and not in any URL or audit log
    args: ['exec', '-i', '-n', pod.namespace, pod.name, '-c', CONTAINER, '--', 'sh', '-s'],
    stdin: script,
    // every probe command is killed at killSeconds: the script ends then, whatever the target does
    timeoutMs: killSeconds(settings.timeoutMs) * 1000 + EXEC_SLACK_MS,
    ...(opts.onSpawn ? { onSpawn: opts.onSpawn } : {}),
  });
  const lines = parseProbeLines(r.stdout);
  const observations = new Map<number, Observation>();
  let proof = false;
  for (const t of tests) {
    const run = lines.get(t.index);
    if (run) {
      const observation = classify(t.target, run, settings.timeoutMs);
      observations.set(t.index, observation);
      if (showsNetwork(t.target.host, run, observation)) proof = true;
    } else {
      const why =
        r.code === 0
          ? 'the probe script printed no result for this test'
          : describeFailure(`Running probes in canary ${pod.namespace}/${pod.name}`, r);
      observations.set(t.index, { actual: 'error', detail: why });
    }
  }
  const control = parseControlLine(r.stdout);
  if (control && showsNetwork(CONTROL_HOST, { nc: control }, { actual: 'error', detail: '' })) proof = true;
  return { observations, proof };
}

/** An address needs no name resolution, so its probe cannot show DNS at work. */
function isAddress(host: string): boolean {
  return /^[0-9.]+$/.test(host) || host.includes(':');
}

/**
 * Every test of one canary, with retries of those whose result disagrees with the
 * expectation, or whose drop came before the canary showed that its network works.
 * `startedAt` is when the canary started (ms since the epoch, the runner's clock: when the
 * action saw its container ready); each attempt is timed from it.
 */
export async function probeCanary(
  k: Kubectl,
  pod: { namespace: string; name: string },
  tests: TestCase[],
  settings: Settings,
  startedAt: number = Date.now(),
): Promise<ProbeOutcome[]> {
  const probing = Date.now();
  const tries = new Map<number, Try[]>(tests.map((t) => [t.index, []]));
  const done = new Map<number, { attempts: number; durationMs: number }>();
  let provenAt: number | undefined;
  let todo = tests;
  for (let attempt = 1; attempt <= settings.attempts && todo.length > 0; attempt++) {
    if (attempt > 1) await new Promise((r) => setTimeout(r, RETRY_BACKOFF_MS[attempt - 2] ?? 8000));
    // a name a test resolves shows the network; only addresses (or a retry) need the control
    const control = provenAt === undefined && (attempt > 1 || todo.every((t) => isAddress(t.target.host)));
    // timed from when its kubectl started, not from a wait for a free slot before it
    let atMs = Date.now() - startedAt;
    const { observations, proof } = await probeOnce(k, pod, todo, settings, {
      control,
      onSpawn: () => (atMs = Date.now() - startedAt),
    });
    if (proof && provenAt === undefined) provenAt = attempt;
    for (const test of todo) {
      const observation = observations.get(test.index) ?? { actual: 'error', detail: 'no result' };
      tries.get(test.index)?.push({ attempt, atMs, observation });
      done.set(test.index, { attempts: attempt, durationMs: Date.now() - probing });
    }
    todo = todo.filter((t) => wantsRetry(t, tries.get(t.index) ?? [], provenAt, settings.refusedMeansDenied));
  }
  return tests.flatMap((test) => {
    const these = tries.get(test.index) ?? [];
    const last = these[these.length - 1];
    const when = done.get(test.index);
    if (!last || !when) return [];
    const v = decideTest(test, these, provenAt, settings);
    return [
      {
        test,
        observation: last.observation,
        verdict: v.verdict,
        detail: v.detail,
        attempts: when.attempts,
        durationMs: when.durationMs,
        ...(v.enforcedAfterMs !== undefined ? { enforcedAfterMs: v.enforcedAfterMs } : {}),
        ...(v.warning !== undefined ? { warning: v.warning } : {}),
      },
    ];
  });
}
