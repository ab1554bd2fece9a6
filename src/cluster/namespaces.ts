// Source namespaces: find which exist, create the missing prefixed ones, and
// share them between concurrent runs through lease annotations changed under
// optimistic locking (a merge patch that carries the resourceVersion it read).
//
// acquire: create with our lease, or add our lease to a managed namespace that
//   is not closing (conditional patch); a closing one (closing mark, deletionTimestamp
//   or Terminating) is waited out, then made anew.
// release: a namespace this run created, seen at the resourceVersion its create
//   answered, holding our lease and no other live one, is deleted in one call whose
//   preconditions are that uid and resourceVersion. Otherwise (and after a Conflict:
//   someone joined or changed it since) remove our lease; if no other live lease
//   remains, set the closing mark in the same conditional patch, then delete.
//   Either way a run that adds its lease and a run that closes race on one
//   resourceVersion: exactly one wins (a joiner that loses sees the namespace closing).
import { createJsonSplitter } from './json-stream.ts';
import { describeFailure, isTransient, type Kubectl, type KubectlResult } from './kubectl.ts';
import { documents, namespaceManifest } from './manifests.ts';
import {
  CLOSING_KEY,
  hasLease,
  isClosing,
  isManaged,
  leaseKey,
  MANAGED_BY_KEY,
  whyNotDeletable,
  type NamespaceObject,
} from '../core/ownership.ts';
import type { Labels } from '../core/types.ts';

const CALL_MS = 30_000;

/**
 * `kubectl get` of these namespaces, those that exist, as JSON. The names go as objects on
 * stdin, not as arguments: kubectl fetched named arguments one after another under its
 * client-side rate limit (5 a second after a burst of 10) and objects from -f without it:
 * 20 namespaces took 2.1 s one way and 0.09 s the other (kubectl 1.32, the API double).
 * The same GETs, the same rights.
 */
export function namespacesByName(names: string[]): { args: string[]; stdin: string } {
  return {
    args: ['get', '-f', '-', '-o', 'json', '--ignore-not-found'],
    stdin: documents(names.map((name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }))),
  };
}

/** One kubectl call: the namespaces among `names` that exist. */
export async function getNamespaces(
  k: Kubectl,
  names: string[],
  deadline?: number,
): Promise<Map<string, NamespaceObject>> {
  const found = new Map<string, NamespaceObject>();
  if (names.length === 0) return found;
  const r = await k.run({
    ...namespacesByName(names),
    timeoutMs: CALL_MS,
    ...(deadline === undefined ? {} : { deadline }),
    idempotent: true,
  });
  if (r.code !== 0) throw new Error(describeFailure(`Could not read namespaces ${names.join(', ')}`, r));
  for (const item of parseItems(r.stdout)) {
    const ns = item as NamespaceObject;
    if (ns?.metadata?.name) found.set(ns.metadata.name, ns);
  }
  return found;
}

/** Namespaces carrying the given labels. */
export async function getNamespacesBySelector(k: Kubectl, selector: string): Promise<NamespaceObject[]> {
  const r = await k.run({
    args: ['get', 'namespaces', '-l', selector, '-o', 'json'],
    timeoutMs: CALL_MS,
    idempotent: true,
  });
  if (r.code !== 0) throw new Error(describeFailure(`Listing namespaces labelled ${selector}`, r));
  return parseItems(r.stdout) as NamespaceObject[];
}

/** Objects from kubectl's JSON output: one object, a List, or several objects one after another. */
export function parseItems(stdout: string): unknown[] {
  const items: unknown[] = [];
  createJsonSplitter((value) => {
    const v = value as { items?: unknown[] };
    if (Array.isArray(v?.items)) items.push(...v.items);
    else items.push(value);
  })(stdout);
  return items;
}

export interface AcquireRequest {
  name: string;
  labels: Labels;
}

export interface AcquireOptions {
  run: string;
  leaseUntil: Date;
  /** give up waiting for a closing namespace after this */
  deadline: number;
  log: (line: string) => void;
}

export interface AcquireReport {
  /** an error sentence per namespace that could not be had */
  failures: Map<string, string>;
  /**
   * The namespaces this run created in one call, as the API server returned them: clean-up
   * can delete them with that uid and resourceVersion as preconditions, without reading them
   * first (a change since makes the DELETE conflict, and clean-up reads them then).
   */
  created: NamespaceObject[];
  /**
   * The uid of every namespace that was had, as the API server answered (a canary names its
   * namespace as its controller by uid): no read beyond those the protocol makes anyway.
   */
  uids: Map<string, string>;
}

/** Makes sure each requested namespace exists and carries this run's lease. */
export async function acquireNamespaces(
  k: Kubectl,
  missing: AcquireRequest[],
  shared: NamespaceObject[],
  opts: AcquireOptions,
): Promise<AcquireReport> {
  const failures = new Map<string, string>();
  const created: NamespaceObject[] = [];
  const uids = new Map<string, string>();
  const retry: AcquireRequest[] = [];
  if (missing.length > 0) {
    // the common case in one process: all missing namespaces created at once
    const r = await k.run({
      args: ['create', '-f', '-', '-o', 'json', '--validate=false'], // see createPods
      stdin: documents(missing.map((m) => namespaceManifest(m.name, m.labels, opts.run, opts.leaseUntil))),
      timeoutMs: CALL_MS,
    });
    const byName = new Map(
      (parseItems(r.stdout) as NamespaceObject[])
        .filter((ns) => (ns as { kind?: string })?.kind === 'Namespace' && ns.metadata?.name)
        .map((ns) => [ns.metadata.name, ns] as const),
    );
    for (const m of missing) {
      const ns = byName.get(m.name);
      if (ns) {
        opts.log(`created namespace ${m.name}`);
        created.push(leaseView(ns));
        if (ns.metadata.uid) uids.set(m.name, ns.metadata.uid);
      } else retry.push(m);
    }
  }
  // a shared namespace found closing is made anew: with the labels it had (the
  // policies under test may select it by them), not bare
  const labelsOf = new Map<string, Labels>([
    ...shared.map((ns) => [ns.metadata.name, ownLabels(ns)] as const),
    ...missing.map((m) => [m.name, m.labels] as const),
  ]);
  const one = [...retry.map((m) => m.name), ...shared.map((ns) => ns.metadata.name)];
  await Promise.all(
    one.map(async (name) => {
      const had = await acquireOne(k, name, labelsOf.get(name) ?? {}, opts);
      if ('error' in had) failures.set(name, had.error);
      else if (had.uid) uids.set(name, had.uid);
    }),
  );
  return { failures, created, uids };
}

/** What the lease protocol reads of a namespace: small enough to keep in the step state. */
function leaseView(ns: NamespaceObject): NamespaceObject {
  const { name, uid, resourceVersion, labels, annotations } = ns.metadata;
  return {
    metadata: {
      name,
      ...(uid ? { uid } : {}),
      ...(resourceVersion ? { resourceVersion } : {}),
      ...(labels ? { labels } : {}),
      ...(annotations ? { annotations } : {}),
    },
  };
}

/** The labels a namespace was made with: without those the API server and namespaceManifest add. */
function ownLabels(ns: NamespaceObject): Labels {
  const labels = { ...(ns.metadata.labels ?? {}) };
  delete labels['kubernetes.io/metadata.name'];
  delete labels[MANAGED_BY_KEY];
  return labels;
}

async function acquireOne(
  k: Kubectl,
  name: string,
  labels: Labels,
  opts: AcquireOptions,
): Promise<{ uid: string | undefined } | { error: string }> {
  let waitMs = 250;
  const breathe = (): Promise<void> => sleep((waitMs = Math.min(waitMs * 2, 2000)));
  for (;;) {
    if (Date.now() > opts.deadline) {
      return {
        error: `namespace ${name} stayed in deletion (another run of this action was removing it) until the ready-timeout passed; run again`,
      };
    }
    const found = await getNamespaces(k, [name]).catch((e: Error) => e);
    if (found instanceof Error) return { error: found.message };
    const ns = found.get(name);
    if (!ns) {
      const r = await k.run({
        args: ['create', '-f', '-', '-o', 'json', '--validate=false'],
        stdin: JSON.stringify(namespaceManifest(name, labels, opts.run, opts.leaseUntil)),
        timeoutMs: CALL_MS,
      });
      if (r.code === 0) {
        opts.log(`created namespace ${name}`);
        const made = parseItems(r.stdout)[0] as NamespaceObject | undefined;
        return { uid: made?.metadata?.uid };
      }
      if (/AlreadyExists|already exists/.test(r.stderr)) continue; // another run made it a moment ago: lease theirs
      // a namespace being deleted is waited out; after a transient failure the loop reads
      // again first, so a create that did go through is found, not made twice
      if (/being terminated|Terminating/.test(r.stderr) || isTransient(r)) {
        await breathe();
        continue;
      }
      return { error: describeFailure(`Creating namespace ${name}`, r) };
    }
    const uid = ns.metadata.uid;
    if (!isManaged(ns)) return { uid }; // not ours: used as it is, never touched
    if (hasLease(ns, opts.run) && !isClosing(ns)) return { uid };
    if (isClosing(ns)) {
      opts.log(`namespace ${name} is being removed by another run; waiting to create it anew`);
      await breathe();
      continue;
    }
    const r = await conditionalPatch(k, ns, { [leaseKey(opts.run)]: opts.leaseUntil.toISOString() });
    if (r.code === 0) {
      opts.log(`sharing namespace ${name} with other runs of this action`);
      return { uid };
    }
    if (!isConflictOrGone(r)) return { error: describeFailure(`Taking a lease on namespace ${name}`, r) };
  }
}

export interface ReleaseReport {
  deleted: string[];
  kept: { name: string; why: string }[];
  failed: { name: string; error: string }[];
}

export interface ReleaseOptions {
  run: string;
  prefix: string;
  now: () => Date;
  deadline: number;
  /** the sweep: also managed namespaces this run holds no lease on (all leases expired) */
  unleased?: boolean;
  /**
   * namespaces as this run last saw them (AcquireReport.created): not read again first, and
   * deleted in one preconditioned DELETE when only our lease is on them
   */
  known?: NamespaceObject[];
}

/** Gives up this run's lease on each namespace; deletes those no live run uses. */
export async function releaseNamespaces(
  k: Kubectl,
  names: string[],
  opts: ReleaseOptions,
): Promise<ReleaseReport> {
  const report: ReleaseReport = { deleted: [], kept: [], failed: [] };
  // a namespace known at a resourceVersion is deleted or patched on it: either fails if it changed since
  const current = new Map(
    (opts.known ?? []).filter((ns) => names.includes(ns.metadata.name)).map((ns) => [ns.metadata.name, ns]),
  );
  const known = new Set(current.keys());
  const unknown = names.filter((name) => !current.has(name));
  try {
    for (const [name, ns] of await getNamespaces(k, unknown, opts.deadline)) current.set(name, ns);
  } catch (e) {
    for (const name of unknown) report.failed.push({ name, error: (e as Error).message });
  }
  const ours = (ns: NamespaceObject): boolean =>
    hasLease(ns, opts.run) || ns.metadata.annotations?.[CLOSING_KEY] === opts.run;
  await Promise.all(
    [...current.values()]
      .filter((ns) => ours(ns) || (opts.unleased && isManaged(ns)))
      .map(async (first) => {
        let ns: NamespaceObject | undefined = first;
        const name = first.metadata.name;
        if (known.has(name) && deletableAsSeen(first, opts)) {
          if (await preconditionedDelete(k, first, opts.deadline)) {
            report.deleted.push(name);
            return;
          }
          // changed since (another run joined it: Conflict), gone, or an answer we cannot be
          // sure of: read it again and go the patch-then-delete way
          try {
            ns = (await getNamespaces(k, [name], opts.deadline)).get(name);
          } catch (e) {
            report.failed.push({ name, error: (e as Error).message });
            return;
          }
          if (ns && !ours(ns) && !opts.unleased) return;
        }
        while (ns) {
          if (ns.metadata.annotations?.[CLOSING_KEY] === opts.run) {
            // our closing patch went through (perhaps its answer was lost): finish the job
            report.deleted.push(...(await deleteNamespace(k, name, report, opts.deadline)));
            return;
          }
          if (Date.now() > opts.deadline) {
            report.failed.push({ name, error: 'time ran out while releasing it' });
            return;
          }
          const why = whyNotDeletable(ns, opts.prefix, opts.run, opts.now());
          if (why && !hasLease(ns, opts.run)) {
            report.kept.push({ name, why });
            return;
          }
          const patch: Record<string, string | null> = {};
          if (hasLease(ns, opts.run)) patch[leaseKey(opts.run)] = null;
          if (!why) patch[CLOSING_KEY] = opts.run;
          const r = await conditionalPatch(k, ns, patch, opts.deadline);
          if (r.code === 0) {
            if (why) {
              report.kept.push({ name, why });
              return;
            }
            report.deleted.push(...(await deleteNamespace(k, name, report, opts.deadline)));
            return;
          }
          if (!isConflictOrGone(r)) {
            report.failed.push({ name, error: describeFailure(`Releasing namespace ${name}`, r) });
            return;
          }
          const again = await getNamespaces(k, [name], opts.deadline).catch(
            () => new Map<string, NamespaceObject>(),
          );
          ns = again.get(name);
          if (ns && !ours(ns) && !opts.unleased) return;
        }
      }),
  );
  return report;
}

/**
 * The namespace as seen may go in one DELETE: it is ours to delete (prefix, label), holds our
 * lease, nobody is closing it, and nothing but our lease keeps it (whyNotDeletable on it with
 * our lease taken away: no other live or unreadable lease). The uid and resourceVersion it was
 * seen at become the DELETE's preconditions, so any change since makes the DELETE conflict.
 */
function deletableAsSeen(ns: NamespaceObject, opts: ReleaseOptions): boolean {
  const { uid, resourceVersion, annotations = {} } = ns.metadata;
  if (!uid || !resourceVersion || !hasLease(ns, opts.run) || isClosing(ns)) return false;
  const withoutOurs = Object.fromEntries(
    Object.entries(annotations).filter(([key]) => key !== leaseKey(opts.run)),
  );
  const bare = { ...ns, metadata: { ...ns.metadata, annotations: withoutOurs } };
  return whyNotDeletable(bare, opts.prefix, opts.run, opts.now()) === undefined;
}

/**
 * One DELETE with the uid and resourceVersion it was seen at as preconditions; true when it
 * went through. The API server checks both on a read, then again inside the GuaranteedUpdate
 * that sets deletionTimestamp (Kubernetes pkg/registry/core/namespace/storage/storage.go,
 * REST.Delete: storage.Preconditions{UID, ResourceVersion}; a mismatch is a 409 Conflict
 * "Precondition failed: …"), so a lease added in between makes it fail: it never deletes a
 * namespace someone joined. `kubectl delete --raw PATH -f -` sends stdin as the request body
 * (kubectl pkg/rawhttp/raw.go, unchanged from 1.27 to 1.33). Before 1.34 --raw drops the path
 * of a kubeconfig server URL (a proxy such as https://host/k8s/clusters/c-1): the request
 * then reaches the proxy's root, where no object has our uid, so it cannot delete anything
 * else, and its NotFound or other error is not believed: every failure makes the caller read
 * again, through the ordinary client that keeps the path.
 */
async function preconditionedDelete(k: Kubectl, ns: NamespaceObject, deadline: number): Promise<boolean> {
  const options = {
    kind: 'DeleteOptions',
    apiVersion: 'v1',
    preconditions: { uid: ns.metadata.uid, resourceVersion: ns.metadata.resourceVersion },
    propagationPolicy: 'Background',
  };
  const r = await k.run({
    args: ['delete', '--raw', `/api/v1/namespaces/${encodeURIComponent(ns.metadata.name)}`, '-f', '-'],
    stdin: JSON.stringify(options),
    timeoutMs: CALL_MS,
    deadline,
    // safe to repeat: a repeat after a lost success conflicts (deletionTimestamp moved the
    // resourceVersion on), and the caller reads again
    idempotent: true,
  });
  if (r.code !== 0) return false;
  // what came back must be that namespace, being deleted: nothing else counts as done
  const answer = parseItems(r.stdout)[0] as NamespaceObject | undefined;
  return answer?.metadata?.uid === ns.metadata.uid && Boolean(answer?.metadata?.deletionTimestamp);
}

/** Deletes without waiting: a namespace stuck in Terminating must not hold the post step. */
async function deleteNamespace(
  k: Kubectl,
  name: string,
  report: ReleaseReport,
  deadline: number,
): Promise<string[]> {
  const d = await k.run({
    args: ['delete', 'namespace', name, '--wait=false', '--ignore-not-found'],
    timeoutMs: CALL_MS,
    deadline,
    idempotent: true,
  });
  if (d.code === 0) return [name];
  report.failed.push({ name, error: describeFailure(`Deleting namespace ${name}`, d) });
  return [];
}

/** A merge patch of annotations that applies only if nobody changed the namespace since we read it. */
function conditionalPatch(
  k: Kubectl,
  ns: NamespaceObject,
  annotations: Record<string, string | null>,
  deadline?: number,
): Promise<KubectlResult> {
  const body = { metadata: { resourceVersion: ns.metadata.resourceVersion, annotations } };
  return k.run({
    args: ['patch', 'namespace', ns.metadata.name, '--type', 'merge', '-p', JSON.stringify(body)],
    timeoutMs: CALL_MS,
    ...(deadline === undefined ? {} : { deadline }),
    // safe to repeat: a repeat after a lost success answers Conflict, and the caller reads again
    idempotent: true,
  });
}

function isConflictOrGone(r: KubectlResult): boolean {
  return /Conflict|the object has been modified|NotFound|not found/.test(r.stderr);
}

/** names from `kubectl … -o name` output, e.g. "namespace/x" or "pod/y" */
export function createdNames(stdout: string, kind: string): Set<string> {
  const names = new Set<string>();
  for (const line of stdout.split('\n')) {
    const m = /^([a-z.]+)\/(.+)$/.exec(line.trim());
    if (m && m[1] === kind) names.add(m[2] ?? '');
  }
  return names;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
