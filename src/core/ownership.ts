// Who owns what in the cluster. Every object this action creates carries
// MANAGED_BY and its run's label; deletion is guarded by both (and, for
// namespaces, by the prefix), so the action never deletes what it did not make.
import { createHash, randomBytes } from 'node:crypto';
import type { Labels } from './types.ts';

export const MANAGED_BY_KEY = 'app.kubernetes.io/managed-by';
export const MANAGED_BY = 'netpol-canary';
export const RUN_KEY = 'netpol-canary.io/run';
/** namespaces: one annotation per run using it; its value is when that use expires */
export const LEASE_PREFIX = 'lease.netpol-canary.io/';
/** namespaces: set by the run that is about to delete it, under optimistic locking */
export const CLOSING_KEY = 'netpol-canary.io/closing';

/**
 * The run's identity, the same in main and post without any saved state:
 * GitHub's run id and attempt, plus a hash of the job, the step and the runner
 * (matrix legs of one job share GITHUB_JOB and GITHUB_ACTION, but not a runner).
 * Outside GitHub Actions (the CLI) a random id.
 */
export function runIdentity(env: NodeJS.ProcessEnv): string {
  const runId = env.GITHUB_RUN_ID;
  if (!runId) return `local-${randomBytes(5).toString('hex')}`;
  const attempt = env.GITHUB_RUN_ATTEMPT || '1';
  const who = [env.GITHUB_JOB, env.GITHUB_ACTION, env.RUNNER_NAME].map((v) => v ?? '').join('/');
  const hash = createHash('sha256').update(who).digest('hex').slice(0, 8);
  return `${sanitize(runId)}-${sanitize(attempt)}-${hash}`.slice(0, 63);
}

function sanitize(value: string): string {
  return value.replace(/[^A-Za-z0-9]/g, '').slice(0, 20) || 'x';
}

export function ownershipLabels(run: string): Labels {
  return { [MANAGED_BY_KEY]: MANAGED_BY, [RUN_KEY]: run };
}

/** label selector for this run's canaries */
export function runSelector(run: string): string {
  return `${MANAGED_BY_KEY}=${MANAGED_BY},${RUN_KEY}=${run}`;
}

export function leaseKey(run: string): string {
  return `${LEASE_PREFIX}${run}`;
}

export interface NamespaceObject {
  metadata: {
    name: string;
    uid?: string;
    resourceVersion?: string;
    creationTimestamp?: string;
    deletionTimestamp?: string;
    labels?: Labels;
    annotations?: Record<string, string>;
  };
  status?: { phase?: string };
}

export function isManaged(ns: NamespaceObject): boolean {
  return ns.metadata.labels?.[MANAGED_BY_KEY] === MANAGED_BY;
}

export function isClosing(ns: NamespaceObject): boolean {
  return (
    Boolean(ns.metadata.deletionTimestamp) ||
    ns.status?.phase === 'Terminating' ||
    Boolean(ns.metadata.annotations?.[CLOSING_KEY])
  );
}

/** runs other than `run` whose lease on the namespace has not expired */
export function otherLiveLeases(ns: NamespaceObject, run: string, now: Date): string[] {
  const annotations = ns.metadata.annotations ?? {};
  return Object.entries(annotations)
    .filter(([key, value]) => key.startsWith(LEASE_PREFIX) && key !== leaseKey(run) && !expired(value, now))
    .map(([key]) => key.slice(LEASE_PREFIX.length));
}

export function hasLease(ns: NamespaceObject, run: string): boolean {
  return ns.metadata.annotations?.[leaseKey(run)] !== undefined;
}

function expired(until: string, now: Date): boolean {
  const t = Date.parse(until);
  // an unreadable lease is treated as live: never delete on a guess
  return Number.isFinite(t) && t <= now.getTime();
}

/**
 * The guard every namespace deletion passes: the prefix, our label, and no
 * other run's live lease. Returns why not, or undefined when deletion is allowed.
 */
export function whyNotDeletable(
  ns: NamespaceObject,
  prefix: string,
  run: string,
  now: Date,
): string | undefined {
  const name = ns.metadata.name;
  if (!prefix || !name.startsWith(prefix)) return `its name does not start with the prefix "${prefix}"`;
  if (!isManaged(ns))
    return `it has no ${MANAGED_BY_KEY}=${MANAGED_BY} label, so this action did not create it`;
  const others = otherLiveLeases(ns, run, now);
  if (others.length === 1) return `another run still uses it (${others[0]})`;
  if (others.length > 0) return `other runs still use it (${others.join(', ')})`;
  return undefined;
}
