// One run of a matrix against a cluster, shared by the action and the CLI:
// namespaces, canaries, readiness and probes, everything that can wait
// together waiting together. It creates; clean-up (cluster/cleanup.ts) deletes.
// The steps: prepare-run.ts (what exists, the plan, the permission review), the record
// for post, namespaces, canaries, probe-canaries.ts (watches and results), explanations.
import { randomBytes } from 'node:crypto';
import { createPods } from '../cluster/canaries.ts';
import { explainResults } from '../cluster/explain-run.ts';
import { collisionWarnings, readSelecting } from '../cluster/label-collisions.ts';
import type { Kubectl } from '../cluster/kubectl.ts';
import { canaryLifetimeSeconds, canaryPod } from '../cluster/manifests.ts';
import { acquireNamespaces } from '../cluster/namespaces.ts';
import type { NamespaceObject } from '../core/ownership.ts';
import type { CanaryGroup, Evidence, Matrix, Settings, TestResult } from '../core/types.ts';
import { prepareRun } from './prepare-run.ts';
import { probeCanaries } from './probe-canaries.ts';
import { canaryTitle, notProbed } from './test-results.ts';

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
  const prepared = await prepareRun(k, matrix, settings, sources, (w) => log.warning(w));
  if (!prepared.ok) return prepared;
  const { groups, existing, foreign, mislabelled, joined, toCreate, managed } = prepared.value;

  const warnings: string[] = [];
  const warn = (w: string): void => {
    warnings.push(w);
    log.warning(w);
  };

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
  for (const why of mislabelled.values()) warn(why);
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
      log.canary(canaryTitle(p.group, p.name), [`could not be created: ${error}`]);
    }
    return !error;
  });

  // 5. per namespace, a watch; each canary probes by itself
  const probing = probeCanaries(k, live, settings, run, {
    result: (index, result) => results.set(index, result),
    notRun,
    events: (name, events) => evidence.set(name, { events }),
    warn,
    info: (line) => log.info(line),
    canary: (title, lines) => log.canary(title, lines),
  });

  // do the canaries borrow a workload's labels? Only namespaces that existed can hold
  // Services or controllers. Read once every canary is probing (warnings only): the
  // runner's CPU is idle then, while earlier these calls would slow the creates and the
  // watches every canary waits for
  const collisions = probing.allProbing
    .then(() =>
      Promise.all(sources.filter((name) => foreign.has(name)).map((name) => readSelecting(k, name))),
    )
    .then((reads) => collisionWarnings(reads, groups, run))
    .catch((e: unknown) => [
      `Could not check whether a canary's labels match a Service's or a workload's selector: ${e instanceof Error ? e.message : String(e)}; the run went on.`,
    ])
    .then((found) => found.forEach(warn));
  await probing.finished;

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

function podName(): string {
  return `canary-${randomBytes(4).toString('hex')}`;
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}
