// Canary pods: create them all in one kubectl call, then watch each namespace until
// its canaries' containers have ended, handing on each as soon as it has: a canary
// probes by itself and leaves its results in its termination message, which comes
// with the pod status the watch carries. (A canary Pod is never Ready: NEVER_READY_GATE.)
import { createJsonSplitter } from './json-stream.ts';
import { describeFailure, isTransient, serverMessage, type Kubectl } from './kubectl.ts';
import { documents } from './manifests.ts';
import { createdNames } from './namespaces.ts';
import { runSelector } from '../core/ownership.ts';
import { containerEnded, hasStarted, isFinished, notReadyReason, type PodObject } from './pod-status.ts';

const CALL_MS = 60_000;

export interface PodToCreate {
  name: string;
  namespace: string;
  manifest: object;
}

/**
 * Creates the pods; returns an error sentence for each one that could not be
 * created (a Pod Security or RBAC refusal, a namespace being deleted).
 */
export async function createPods(k: Kubectl, pods: PodToCreate[]): Promise<Map<string, string>> {
  const errors = new Map<string, string>();
  let pending = pods;
  // a transient failure leaves some pods uncreated: try those again (names are
  // ours and random, so AlreadyExists on a retry means an earlier try made it)
  for (let round = 0; round < 3 && pending.length > 0; round++) {
    if (round > 0) await new Promise((res) => setTimeout(res, 500 * round));
    const r = await k.run({
      // --validate=false: the manifests are ours (and tested); validating them would make
      // kubectl download the OpenAPI documents first, requests and CPU for nothing, and one
      // more thing a flaky API server can fail. The API server still validates the objects.
      args: ['create', '-f', '-', '-o', 'name', '--validate=false'],
      stdin: documents(pending.map((p) => p.manifest)),
      timeoutMs: CALL_MS,
    });
    const created = createdNames(r.stdout, 'pod');
    const perPod = errorsByName(r.stderr, 'pods');
    const next: PodToCreate[] = [];
    for (const p of pending) {
      const said = perPod.get(p.name);
      if (created.has(p.name) || (round > 0 && said && /AlreadyExists|already exists/.test(said))) {
        errors.delete(p.name);
        continue;
      }
      errors.set(
        p.name,
        said
          ? `creating canary pod ${p.namespace}/${p.name} was refused: ${said}`
          : describeFailure(`Creating canary pod ${p.namespace}/${p.name}`, r),
      );
      const transient = said
        ? /InternalError|Internal error|ServiceUnavailable|TooManyRequests|Too Many Requests|timeout/i.test(
            said,
          )
        : isTransient(r);
      if (transient) next.push(p);
    }
    pending = next;
  }
  return errors;
}

/** kubectl's per-object errors: `Error from server (Reason): error when creating "STDIN": pods "x" is forbidden: …` */
export function errorsByName(stderr: string, resource: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of stderr.split('\n')) {
    const m = new RegExp(`${resource} "([^"]+)"`).exec(line);
    if (m?.[1]) out.set(m[1], serverMessage(line.replace(/^.*?error when creating "[^"]*": /, '')));
  }
  return out;
}

/** A canary gone before it could report: not by this run, which deletes only in clean-up. */
const DELETED =
  'was deleted before it reported its results (an eviction or a node drain, the garbage collector, or a person): run again';

export interface WatchOptions {
  namespace: string;
  run: string;
  names: string[];
  /** a canary whose container has not started this long after the watch began never will */
  startWithinMs: number;
  /** how long a started canary may take to report (its script's longest run, and room) */
  runMs: number;
  /** the canary's container started: it is probing */
  onStarted?: (name: string) => void;
  /** the canary's container ended: its results are in the pod status this gives */
  onDone: (name: string, pod: PodObject) => void;
}

/**
 * Watches the namespace's canaries until the container of each has ended (its results are
 * in its termination message) or never can, or its time is up. A dropped watch is resumed.
 * Returns, for each pod that did not get there, what happened, worded to follow its name:
 * "did not start within the ready-timeout (60 s): ImagePullBackOff: …".
 */
export async function watchUntilDone(k: Kubectl, opts: WatchOptions): Promise<Map<string, string>> {
  const waiting = new Set(opts.names);
  const lastSeen = new Map<string, PodObject>();
  const startedAt = new Map<string, number>();
  const gaveUp = new Map<string, string>();
  // timed from when the first watch started, not from a wait for a free kubectl slot before it
  let watchingSince: number | undefined;
  const deadlineOf = (name: string): number => {
    const started = startedAt.get(name);
    if (started !== undefined) return started + opts.runMs;
    return (watchingSince ?? Date.now()) + opts.startWithinMs;
  };
  let lastError = '';
  // why a pod did not get there: its own status, or what the watch last said
  const lastWord = (name: string): string => {
    const seen = lastSeen.get(name);
    return seen ? notReadyReason(seen) : lastError || 'the pod was never seen by the watch';
  };
  const seconds = (ms: number): string => `${Math.round(ms / 1000)} s`;
  // the limit that passed names what to change: the ready-timeout, or nothing (a hung canary)
  const timedOut = (name: string): string => {
    if (startedAt.has(name))
      return `did not report within ${seconds(opts.runMs)} of starting (${notReadyReason(lastSeen.get(name))})`;
    const within = `within the ready-timeout (${seconds(opts.startWithinMs)})`;
    if (!lastSeen.has(name))
      return `was never seen by the watch ${within}${lastError ? `: ${lastError}` : ''}`;
    return `did not start ${within}: ${notReadyReason(lastSeen.get(name))}`;
  };
  let controller = new AbortController();
  // each pod's own deadline: the one that passes first ends that pod's wait, not the watch
  let timer: NodeJS.Timeout | undefined;
  const expire = (): void => {
    const now = Date.now();
    for (const name of [...waiting]) {
      if (deadlineOf(name) > now) continue;
      waiting.delete(name);
      gaveUp.set(name, timedOut(name));
    }
    if (waiting.size === 0) controller.abort();
    else arm();
  };
  const arm = (): void => {
    if (watchingSince === undefined) return;
    clearTimeout(timer);
    const next = Math.min(...[...waiting].map(deadlineOf));
    timer = setTimeout(expire, Math.max(0, next - Date.now()));
  };
  const seen = (event: { type?: string; object?: PodObject } | undefined, pod: PodObject): void => {
    const name = pod?.metadata?.name;
    if (!name || !waiting.has(name)) return;
    lastSeen.set(name, pod);
    if (!startedAt.has(name) && hasStarted(pod)) {
      // a canary that ended before the watch saw it run started no later than now
      startedAt.set(name, Date.now());
      arm();
      opts.onStarted?.(name);
    }
    if (containerEnded(pod)) {
      waiting.delete(name);
      opts.onDone(name, pod);
    } else if (event?.type === 'DELETED') {
      waiting.delete(name);
      gaveUp.set(name, DELETED);
    } else if (isFinished(pod)) {
      waiting.delete(name);
      gaveUp.set(name, `did not report its results: ${notReadyReason(pod)}`);
    }
    if (waiting.size === 0) controller.abort();
  };
  try {
    while (waiting.size > 0) {
      const left =
        watchingSince === undefined
          ? opts.startWithinMs + opts.runMs
          : Math.max(...[...waiting].map(deadlineOf)) - Date.now();
      if (left <= 0) break;
      controller = new AbortController();
      const split = createJsonSplitter((value) => {
        // --output-watch-events: {type, object}, so that a deletion is told from a change
        const event = value as { type?: string; object?: PodObject };
        seen(event, (event?.object ?? value) as PodObject);
      });
      const r = await k.run({
        args: [
          'get',
          'pods',
          '-n',
          opts.namespace,
          '-l',
          runSelector(opts.run),
          '--watch',
          '--output-watch-events',
          '-o',
          'json',
        ],
        timeoutMs: left,
        onStdout: split,
        signal: controller.signal,
        onSpawn: () => {
          if (watchingSince !== undefined) return;
          watchingSince = Date.now();
          arm();
        },
      });
      if (r.aborted || r.timedOut || waiting.size === 0) continue;
      // the watch ended by itself (the server closed it): resume after a breath
      if (r.code !== 0) {
        lastError = describeFailure(`Watching canaries in ${opts.namespace}`, r);
        if (/forbidden|Forbidden/.test(r.stderr)) break;
      }
      await new Promise((res) => setTimeout(res, 1000));
    }
  } finally {
    clearTimeout(timer);
  }
  // the watch gave up (refused), or its time ran out before a pod's own deadline fired
  for (const name of waiting)
    gaveUp.set(
      name,
      deadlineOf(name) <= Date.now() ? timedOut(name) : `did not report its results: ${lastWord(name)}`,
    );
  return gaveUp;
}
