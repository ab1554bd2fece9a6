// One run of a matrix against a cluster, shared by the action and the CLI:
// namespaces, canaries, readiness and probes, everything that can wait
// together waiting together. It creates; clean-up (cluster/cleanup.ts) deletes.
import { randomBytes } from 'node:crypto';
import {
  describePermission,
  missingPermissions,
  requiredPermissions,
  type Permission,
} from './cluster/access.ts';
import { createPods, watchUntilDone } from './cluster/canaries.ts';
import { canaryOutcomes } from './cluster/canary-results.ts';
import { explainResults } from './cluster/explain-run.ts';
import { collisionWarnings, readSelecting } from './cluster/label-collisions.ts';
import type { Kubectl } from './cluster/kubectl.ts';
import { canaryLifetimeSeconds, canaryPod } from './cluster/manifests.ts';
import { acquireNamespaces, getNamespaces } from './cluster/namespaces.ts';
import { isManaged, type NamespaceObject } from './core/ownership.ts';
import { checkNamespaces, sharedLabelsConflict, groupIntoCanaries } from './matrix/plan.ts';
import { podEvents } from './cluster/pod-events.ts';
import type { ProbeOutcome } from './probe/canary-outcomes.ts';
import { scriptMaxMs, splitForScript } from './probe/canary-script.ts';
import { toResult } from './report/results.ts';
import type { CanaryGroup, Evidence, Matrix, Settings, TestCase, TestResult } from './core/types.ts';
import { storyOf } from './probe/verdict.ts';

export interface RunLog {
  info(line: string): void;
  warning(line: string): void;
  /** one block per canary, printed when the canary is done */
  canary(title: string, lines: string[]): void;
}

/** What post needs to clean up, saved before anything is created. */
export interface RunRecord {
  run: string;
  namespaces: string[];
  pods: { namespace: string; name: string }[];
  /** the namespaces this run created, as it saw them then (see AcquireReport.created) */
  created?: NamespaceObject[];
}

export interface RunDeps {
  kubectl: Kubectl;
  run: string;
  log: RunLog;
  record: (r: RunRecord) => void;
}

/** Time a started canary may take beyond its script's longest run before it counts as lost. */
const RUN_SLACK_MS = 60_000;

export type RunOutcome =
  | {
      ok: true;
      results: TestResult[];
      /** per test name, for the reports: canary events, the policies an explanation used */
      evidence?: Map<string, Evidence>;
      /** also logged as they came: what the run noticed about the cluster (labels a Service selects …) */
      warnings: string[];
    }
  | { ok: false; error: string };

export async function runMatrix(matrix: Matrix, settings: Settings, deps: RunDeps): Promise<RunOutcome> {
  const started = Date.now();
  const { kubectl: k, run, log } = deps;
  const sources = unique(matrix.tests.map((t) => t.from));

  // 1. what exists, and is the plan possible? Nothing is changed until this passes.
  // The permission review is asked at the same time, for every namespace the run might
  // create or share; only what the plan turns out to need is held against it.
  const mayManage = sources.filter(
    (name) => settings.namespacePrefix && name.startsWith(settings.namespacePrefix),
  );
  const review = missingPermissions(k, requiredPermissions(sources, mayManage, mayManage.length > 0));
  const exists = getNamespaces(k, sources);
  // built while kubectl asks: a canary's script is one argument of its pod, and one too
  // large for it is split (MAX_ARG_STRLEN)
  let groups: CanaryGroup[];
  try {
    groups = splitForScript(groupIntoCanaries(matrix.tests), settings);
  } catch (e) {
    await Promise.allSettled([review, exists]); // no kubectl process outlives the run
    throw e;
  }
  let existing: Map<string, NamespaceObject>;
  try {
    existing = await exists;
  } catch (e) {
    await review;
    return { ok: false, error: `${(e as Error).message}; nothing was created.` };
  }
  // a prefixed namespace another run of this action created is ours to share, labels and all
  const shared = [...existing.values()].filter(
    (ns) => isManaged(ns) && ns.metadata.name.startsWith(settings.namespacePrefix),
  );
  const sharedNames = new Set(shared.map((ns) => ns.metadata.name));
  const foreign = new Set([...existing.keys()].filter((name) => !sharedNames.has(name)));
  const plan = checkNamespaces(matrix, foreign, settings.namespacePrefix);
  if (!plan.ok) {
    await review; // no kubectl process outlives the run
    return { ok: false, error: `${plan.errors.join('\n')}\nNothing was created.` };
  }
  // ...but only with the labels this matrix declares; otherwise its tests cannot tell
  const mislabelled = new Map<string, string>();
  for (const ns of shared) {
    const name = ns.metadata.name;
    const why = sharedLabelsConflict(name, ns.metadata.labels ?? {}, matrix.namespaces[name]?.labels ?? {});
    if (why) mislabelled.set(name, why);
  }
  const joined = shared.filter((ns) => !mislabelled.has(ns.metadata.name));
  const toCreate = plan.value.create.filter((name) => !sharedNames.has(name));
  const managed = [...toCreate, ...joined.map((ns) => ns.metadata.name)];

  const access = neededOf(await review, requiredPermissions(sources, managed, toCreate.length > 0));
  if ('unknown' in access) {
    log.warning(`Permissions could not be checked in advance (${access.unknown}); going on.`);
  } else if (access.missing.length > 0) {
    return {
      ok: false,
      error:
        `The kubeconfig's identity lacks permissions this run needs; nothing was created. Grant:\n` +
        access.missing.map((p) => `  - ${describePermission(p)}`).join('\n') +
        `\nexamples/rbac.yaml has a minimal Role and ClusterRole.`,
    };
  }

  const warnings: string[] = [];

  // 2. record first, so that a post step after a kill at any later moment finds everything
  const lifetime = canaryLifetimeSeconds(settings);
  const results = new Map<number, TestResult>();
  const notRun = (group: CanaryGroup, why: string): void => {
    for (const t of group.tests) results.set(t.index, notProbed(t, why, Date.now() - started));
  };
  for (const group of groups) {
    const why = mislabelled.get(group.namespace);
    if (why) notRun(group, why);
  }
  for (const why of mislabelled.values()) {
    warnings.push(why);
    log.warning(why);
  }
  const pods = groups
    .filter((group) => !mislabelled.has(group.namespace))
    .map((group) => ({ group, name: podName() }));
  const record: RunRecord = {
    run,
    namespaces: managed,
    pods: pods.map((p) => ({ namespace: p.group.namespace, name: p.name })),
  };
  deps.record(record);

  // 3. namespaces
  const leaseUntil = new Date(Date.now() + (lifetime + 300) * 1000);
  const {
    failures: nsFailures,
    created,
    uids,
  } = await acquireNamespaces(
    k,
    toCreate.map((name) => ({ name, labels: matrix.namespaces[name]?.labels ?? {} })),
    joined,
    { run, leaseUntil, deadline: Date.now() + settings.readyTimeoutMs, log: log.info },
  );
  if (created.length > 0) deps.record({ ...record, created });

  // 4. canaries, all in one call
  const evidence = new Map<string, Evidence>();
  // a canary's controller is its namespace, named by uid: the namespaces just had, or as read in step 1
  const uidOf = (ns: string): string | undefined => uids.get(ns) ?? existing.get(ns)?.metadata.uid;
  const creatable = pods.filter((p) => {
    const ns = p.group.namespace;
    const failure =
      nsFailures.get(ns) ??
      (uidOf(ns)
        ? undefined
        : `the API server did not say the uid of namespace ${ns}, which a canary names as its controller; nothing was created there. Run again`);
    if (failure) notRun(p.group, failure);
    return !failure;
  });
  const podErrors = await createPods(
    k,
    creatable.map((p) => ({
      name: p.name,
      namespace: p.group.namespace,
      manifest: canaryPod({
        name: p.name,
        group: p.group,
        run,
        settings,
        lifetimeSeconds: lifetime,
        namespaceUid: uidOf(p.group.namespace) ?? '',
      }),
    })),
  );
  const live = creatable.filter((p) => {
    const error = podErrors.get(p.name);
    if (error) {
      notRun(p.group, error);
      log.canary(title(p.group, p.name), [`could not be created: ${error}`]);
    }
    return !error;
  });

  // 5. per namespace, a watch; each canary probes by itself, and its results come with
  // the pod status the moment its container ends
  const reading: Promise<void>[] = [];
  const byName = new Map(live.map((p) => [p.name, p]));
  // the script's longest run, and room for a busy node and a slow API
  const runMs = scriptMaxMs(settings) + RUN_SLACK_MS;
  const underWay = countdown(live.map((p) => p.name));

  // do the canaries borrow a workload's labels? Only namespaces that existed can hold
  // Services or controllers. Read once every canary is probing (warnings only): the
  // runner's CPU is idle then, while earlier these calls would slow the creates and the
  // watches every canary waits for
  const collisions = underWay.done
    .then(() =>
      Promise.all(sources.filter((name) => foreign.has(name)).map((name) => readSelecting(k, name))),
    )
    .then((reads) => collisionWarnings(reads, groups, run))
    .catch((e: unknown) => [
      `Could not check whether a canary's labels match a Service's or a workload's selector: ${e instanceof Error ? e.message : String(e)}; the run went on.`,
    ])
    .then((found) => {
      for (const w of found) {
        warnings.push(w);
        log.warning(w);
      }
    });

  await Promise.all(
    unique(live.map((p) => p.group.namespace)).map(async (namespace) => {
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
          if (p) log.info(`canary ${namespace}/${name} is probing (${p.group.tests.length} test(s))`);
        },
        onDone: (name, pod) => {
          underWay.tick(name);
          const p = byName.get(name);
          if (!p) return;
          reading.push(
            canaryOutcomes(k, pod, p.group.tests, settings).then((outcomes) => {
              for (const o of outcomes) {
                results.set(o.test.index, fromOutcome(o));
                if (o.warning === undefined) continue;
                const w = `Test ${JSON.stringify(o.test.name)} (${o.test.expect} to ${o.test.to}) ${o.verdict === 'pass' ? 'passed, but was' : 'failed: it was'} ${o.warning}.`;
                warnings.push(w);
                log.warning(w);
              }
              log.canary(title(p.group, name), outcomes.map(describeOutcome));
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
        notRun(p.group, why);
        const said: string[] = events.get(name) ?? [];
        for (const t of p.group.tests) evidence.set(t.name, { events: said });
        log.canary(title(p.group, name), [why, ...said.map((e) => `event: ${e}`)]);
      }
    }),
  );
  await Promise.all(reading);

  // 6. for what did not pass: which policy decided it (read-only; needs the canaries still there)
  const ordered = matrix.tests.map((t) => results.get(t.index) ?? notProbed(t, 'not probed', 0));
  const explained = await explainResults(k, matrix.tests, ordered, {
    run,
    onPolicies: (i, policies) => {
      const name = matrix.tests[i]?.name;
      if (name !== undefined && policies.length > 0) evidence.set(name, { ...evidence.get(name), policies });
    },
  });
  await collisions;
  return { ok: true, results: explained, evidence, warnings };
}

/** the review's answer, narrowed to the permissions the plan needs */
function neededOf(
  answer: Awaited<ReturnType<typeof missingPermissions>>,
  needed: Permission[],
): Awaited<ReturnType<typeof missingPermissions>> {
  if ('unknown' in answer) return answer;
  const keys = new Set(needed.map(describePermission));
  return { missing: answer.missing.filter((p) => keys.has(describePermission(p))) };
}

function fromOutcome(o: ProbeOutcome): TestResult {
  return toResult(o.test, o.observation, o, o.attempts, o.durationMs, undefined, o.enforcedAfterMs);
}

/** A test that could not be probed: never a pass. */
function notProbed(t: TestCase, why: string, durationMs: number): TestResult {
  return toResult(
    t,
    { actual: 'error', detail: why },
    { verdict: 'inconclusive', detail: why },
    0,
    durationMs,
  );
}

const MARK = { pass: '✓', fail: '✗', inconclusive: '?' } as const;

function describeOutcome(o: ProbeOutcome): string {
  const tries = o.attempts > 1 ? ` after ${o.attempts} attempts` : '';
  // the line says what was expected and seen already: the detail without its own saying so
  return `${MARK[o.verdict]} ${o.verdict.padEnd(12)} ${o.test.name}: expected ${o.test.expect}, ${o.observation.actual}${tries} (${storyOf(o.detail)})`;
}

function title(group: CanaryGroup, pod: string): string {
  const labels = Object.entries(group.labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  return `canary ${group.namespace}/${pod}${labels ? ` [${labels}]` : ''}: ${group.tests.length} test(s)`;
}

function podName(): string {
  return `canary-${randomBytes(4).toString('hex')}`;
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

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}
