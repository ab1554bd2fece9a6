// The sweep: what dead runs left behind (no post step ever ran), older than a
// given age. Only this action's canaries and the namespaces it created with the
// prefix, and of those only the ones no live run holds a lease on; a canary too is
// kept while its run holds a live lease on any namespace.
import { describeFailure, type Kubectl } from './kubectl.ts';
import { getNamespacesBySelector, parseItems, releaseNamespaces } from './namespaces.ts';
import { MANAGED_BY, MANAGED_BY_KEY, otherLiveLeases, RUN_KEY, whyNotDeletable } from '../core/ownership.ts';
import type { PodObject } from './pod-status.ts';

export interface SweepOptions {
  olderThanMs: number;
  prefix: string;
  now: Date;
  deadline: number;
  dryRun?: boolean;
}

export interface SweepReport {
  deletedPods: string[];
  deletedNamespaces: string[];
  kept: string[];
  problems: string[];
}

const SELECTOR = `${MANAGED_BY_KEY}=${MANAGED_BY}`;
/** the sweep holds no lease; it takes the closing mark under this name */
const SWEEP_RUN = 'sweep';

export async function sweepStale(k: Kubectl, opts: SweepOptions): Promise<SweepReport> {
  const report: SweepReport = { deletedPods: [], deletedNamespaces: [], kept: [], problems: [] };
  const cutoff = opts.now.getTime() - opts.olderThanMs;
  const old = (ts: string | undefined): boolean => ts !== undefined && Date.parse(ts) <= cutoff;

  // both at once: a canary is kept while its run still holds a live lease on any namespace
  const [r, read] = await Promise.all([
    k.run({
      args: ['get', 'pods', '--all-namespaces', '-l', `${SELECTOR},${RUN_KEY}`, '-o', 'json'],
      timeoutMs: 30_000,
      idempotent: true,
    }),
    getNamespacesBySelector(k, SELECTOR).then(
      (namespaces) => ({ namespaces }),
      (e: Error) => ({ error: e.message }),
    ),
  ]);
  if ('error' in read) {
    // without the leases a live run's canaries cannot be told from a dead one's: delete nothing
    report.problems.push(`${read.error}; no canary or namespace was deleted.`);
    return report;
  }
  const namespaces = read.namespaces;
  const leaseHolders = new Map<string, string>();
  for (const ns of namespaces)
    for (const run of otherLiveLeases(ns, SWEEP_RUN, opts.now))
      if (!leaseHolders.has(run)) leaseHolders.set(run, ns.metadata.name);

  if (r.code !== 0) {
    report.problems.push(describeFailure('Listing canary pods in all namespaces', r));
  } else {
    const byNamespace = new Map<string, string[]>();
    for (const item of parseItems(r.stdout)) {
      const pod = item as PodObject & { metadata: { creationTimestamp?: string } };
      const ns = pod.metadata.namespace;
      if (!ns || !old(pod.metadata.creationTimestamp)) continue;
      const run = pod.metadata.labels?.[RUN_KEY] ?? '';
      const leased = leaseHolders.get(run);
      if (leased !== undefined) {
        report.kept.push(
          `pod ${ns}/${pod.metadata.name}: its run ${run} still holds a lease on namespace ${leased}`,
        );
        continue;
      }
      byNamespace.set(ns, [...(byNamespace.get(ns) ?? []), pod.metadata.name]);
    }
    await Promise.all(
      [...byNamespace].map(async ([ns, names]) => {
        if (opts.dryRun) {
          report.deletedPods.push(...names.map((n) => `${ns}/${n}`));
          return;
        }
        const d = await k.run({
          args: ['delete', 'pods', '-n', ns, ...names, '--wait=false', '--ignore-not-found'],
          timeoutMs: 30_000,
          idempotent: true,
        });
        if (d.code === 0) report.deletedPods.push(...names.map((n) => `${ns}/${n}`));
        else report.problems.push(describeFailure(`Deleting canaries in ${ns}`, d));
      }),
    );
  }

  const candidates = namespaces.filter(
    (ns) => opts.prefix && ns.metadata.name.startsWith(opts.prefix) && old(ns.metadata.creationTimestamp),
  );
  if (opts.dryRun) {
    // the same guard the real run applies, so that "would delete" is what it would delete
    for (const ns of candidates) {
      const why = whyNotDeletable(ns, opts.prefix, SWEEP_RUN, opts.now);
      if (why) report.kept.push(`namespace ${ns.metadata.name}: ${why}`);
      else report.deletedNamespaces.push(ns.metadata.name);
    }
    return report;
  }
  const released = await releaseNamespaces(
    k,
    candidates.map((ns) => ns.metadata.name),
    { run: SWEEP_RUN, prefix: opts.prefix, now: () => opts.now, deadline: opts.deadline, unleased: true },
  );
  report.deletedNamespaces.push(...released.deleted);
  report.kept.push(...released.kept.map((k) => `namespace ${k.name}: ${k.why}`));
  report.problems.push(...released.failed.map((f) => `namespace ${f.name}: ${f.error}`));
  return report;
}
