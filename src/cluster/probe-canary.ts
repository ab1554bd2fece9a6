// Probing from one canary: all of its tests in one exec (one kubectl process),
// then only the disagreeing ones again, after a short backoff, up to `attempts`.
import { classify } from '../probe/classify.ts';
import { describeFailure, type Kubectl } from './kubectl.ts';
import { CONTAINER } from './manifests.ts';
import { buildProbeScript, killSeconds, parseProbeLines } from '../probe/probe-script.ts';
import type { Observation, Settings, TestCase, Verdict } from '../core/types.ts';
import { decideVerdict, needsRetry } from '../probe/verdict.ts';

export interface ProbeOutcome {
  test: TestCase;
  observation: Observation;
  verdict: Verdict;
  detail: string;
  attempts: number;
  durationMs: number;
}

/** Time the exec may take beyond the moment the script kills its probes: exec set-up, a slow API. */
const EXEC_SLACK_MS = 30_000;
const RETRY_BACKOFF_MS = [1000, 2000, 4000, 8000];

export async function probeOnce(
  k: Kubectl,
  pod: { namespace: string; name: string },
  tests: TestCase[],
  settings: Settings,
): Promise<Map<number, Observation>> {
  const script = buildProbeScript(
    tests.map((t) => ({ id: t.index, target: t.target })),
    settings.timeoutMs,
  );
  const r = await k.run({
    // the script goes on stdin: no argument-length limit, and not in any URL or audit log
    args: ['exec', '-i', '-n', pod.namespace, pod.name, '-c', CONTAINER, '--', 'sh', '-s'],
    stdin: script,
    // every probe command is killed at killSeconds: the script ends then, whatever the target does
    timeoutMs: killSeconds(settings.timeoutMs) * 1000 + EXEC_SLACK_MS,
  });
  const lines = parseProbeLines(r.stdout);
  const observations = new Map<number, Observation>();
  for (const t of tests) {
    const run = lines.get(t.index);
    if (run) {
      observations.set(t.index, classify(t.target, run, settings.timeoutMs));
    } else {
      const why =
        r.code === 0
          ? 'the probe script printed no result for this test'
          : describeFailure(`Running probes in canary ${pod.namespace}/${pod.name}`, r);
      observations.set(t.index, { actual: 'error', detail: why });
    }
  }
  return observations;
}

/** Every test of one canary, with retries of those whose result disagrees with the expectation. */
export async function probeCanary(
  k: Kubectl,
  pod: { namespace: string; name: string },
  tests: TestCase[],
  settings: Settings,
): Promise<ProbeOutcome[]> {
  const started = Date.now();
  const outcomes = new Map<number, ProbeOutcome>();
  let todo = tests;
  for (let attempt = 1; attempt <= settings.attempts && todo.length > 0; attempt++) {
    if (attempt > 1) await new Promise((r) => setTimeout(r, RETRY_BACKOFF_MS[attempt - 2] ?? 8000));
    const observations = await probeOnce(k, pod, todo, settings);
    const next: TestCase[] = [];
    for (const test of todo) {
      const observation = observations.get(test.index) ?? { actual: 'error', detail: 'no result' };
      const { verdict, detail } = decideVerdict(test.expect, observation, settings.refusedMeansDenied);
      outcomes.set(test.index, {
        test,
        observation,
        verdict,
        detail,
        attempts: attempt,
        durationMs: Date.now() - started,
      });
      if (needsRetry(verdict)) next.push(test);
    }
    todo = next;
  }
  return tests.map((t) => outcomes.get(t.index)).filter((o): o is ProbeOutcome => o !== undefined);
}
