// Step 5 of a run: per namespace, one watch. Each canary probes by itself, and its
// results come with the pod status the moment its container ends; a canary that never
// reports is explained by its limit and, in the cluster's own words, its pod events.
import { watchUntilDone } from '../cluster/canaries.ts';
import { canaryOutcomes } from '../cluster/canary-results.ts';
import type { Kubectl } from '../cluster/kubectl.ts';
import { podEvents } from '../cluster/pod-events.ts';
import type { CanaryGroup, Settings, TestResult } from '../core/types.ts';
import { scriptMaxMs } from '../probe/canary-script.ts';
import { canaryTitle, describeOutcome, fromOutcome } from './test-results.ts';

/** Time a started canary may take beyond its script's longest run before it counts as lost. */
const RUN_SLACK_MS = 60_000;

export interface LiveCanary {
  group: CanaryGroup;
  name: string;
}

/** Where what the canaries say goes. */
export interface ProbeSink {
  result(index: number, result: TestResult): void;
  /** a canary that did not report: its tests are inconclusive with `why` */
  notRun(group: CanaryGroup, why: string): void;
  /** its pod's events, for the report of each of its tests */
  events(testName: string, events: string[]): void;
  warn(line: string): void;
  info(line: string): void;
  canary(title: string, lines: string[]): void;
}

export function probeCanaries(
  k: Kubectl,
  live: LiveCanary[],
  settings: Settings,
  run: string,
  sink: ProbeSink,
): {
  /** every canary is probing, has ended, or was given up on */
  allProbing: Promise<void>;
  /** every canary's results are in */
  finished: Promise<void>;
} {
  const reading: Promise<void>[] = [];
  const byName = new Map(live.map((p) => [p.name, p]));
  // the script's longest run, and room for a busy node and a slow API
  const runMs = scriptMaxMs(settings) + RUN_SLACK_MS;
  const underWay = countdown(live.map((p) => p.name));

  const watchNamespace = async (namespace: string): Promise<void> => {
    const names = live.filter((p) => p.group.namespace === namespace).map((p) => p.name);
    const notDone = await watchUntilDone(k, {
      namespace,
      run,
      names,
      startWithinMs: settings.readyTimeoutMs,
      runMs,
      onStarted: (name) => {
        underWay.tick(name);
        const p = byName.get(name);
        if (p) sink.info(`canary ${namespace}/${name} is probing (${p.group.tests.length} test(s))`);
      },
      onDone: (name, pod) => {
        underWay.tick(name);
        const p = byName.get(name);
        if (!p) return;
        reading.push(
          canaryOutcomes(k, pod, p.group.tests, settings).then((outcomes) => {
            for (const o of outcomes) {
              sink.result(o.test.index, fromOutcome(o));
              if (o.warning === undefined) continue;
              sink.warn(
                `Test ${JSON.stringify(o.test.name)} (${o.test.expect} to ${o.test.to}) ${o.verdict === 'pass' ? 'passed, but was' : 'failed: it was'} ${o.warning}.`,
              );
            }
            sink.canary(canaryTitle(p.group, name), outcomes.map(describeOutcome));
          }),
        );
      },
    });
    for (const name of names) underWay.tick(name);
    // the cluster's own words on why: one read of the namespace's pod events
    const events =
      notDone.size > 0 ? await podEvents(k, namespace, [...notDone.keys()]) : new Map<string, string[]>();
    for (const [name, reason] of notDone) {
      const p = byName.get(name);
      if (!p) continue;
      const why = `canary ${namespace}/${name} ${reason}`;
      sink.notRun(p.group, why);
      const said: string[] = events.get(name) ?? [];
      for (const t of p.group.tests) sink.events(t.name, said);
      sink.canary(canaryTitle(p.group, name), [why, ...said.map((e) => `event: ${e}`)]);
    }
  };

  const namespaces = [...new Set(live.map((p) => p.group.namespace))];
  const finished = (async (): Promise<void> => {
    await Promise.all(namespaces.map(watchNamespace));
    await Promise.all(reading); // complete now: results are read only while a watch runs
  })();
  return { allProbing: underWay.done, finished };
}

/** `done` resolves once each name was ticked (at once for none) */
function countdown(names: string[]): { tick(name: string): void; done: Promise<void> } {
  const left = new Set(names);
  let resolve = (): void => {};
  const done = new Promise<void>((r) => (resolve = r));
  if (left.size === 0) resolve();
  return {
    tick(name) {
      if (left.delete(name) && left.size === 0) resolve();
    },
    done,
  };
}
