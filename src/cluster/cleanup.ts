// Clean-up after a run: this run's leases on namespaces (deleting those no other
// run still uses) and this run's canaries in every other source namespace.
// Needs no saved state: the run identity and the matrix say where to look; what
// main saved only spares reads.
import { describeFailure, type Kubectl } from './kubectl.ts';
import { releaseNamespaces } from './namespaces.ts';
import { runSelector, type NamespaceObject } from '../core/ownership.ts';

export interface CleanupOptions {
  run: string;
  prefix: string;
  /** every namespace the run may have touched */
  namespaces: string[];
  /** clean-up never runs past this (epoch ms) */
  deadline: number;
  /** namespaces the run created, as it saw them (RunRecord.created) */
  known?: NamespaceObject[];
}

export interface CleanupReport {
  deletedPods: string[];
  deletedNamespaces: string[];
  /** what could not be removed, by name, for a warning */
  problems: string[];
}

export async function cleanupRun(k: Kubectl, opts: CleanupOptions): Promise<CleanupReport> {
  const report: CleanupReport = { deletedPods: [], deletedNamespaces: [], problems: [] };
  const left = (): number => Math.max(1000, Math.min(30_000, opts.deadline - Date.now()));
  const namespaces = [...new Set(opts.namespaces)];

  const deletePods = async (namespace: string): Promise<void> => {
    const r = await k.run({
      // only pods carrying this run's labels: never anything else
      args: [
        'delete',
        'pods',
        '-n',
        namespace,
        '-l',
        runSelector(opts.run),
        '--wait=false',
        '--ignore-not-found',
        '-o',
        'name',
      ],
      timeoutMs: left(),
      deadline: opts.deadline,
      idempotent: true,
    });
    if (r.code === 0) {
      for (const line of r.stdout.split('\n')) {
        const m = /^pod\/(\S+)$/.exec(line.trim());
        if (m) report.deletedPods.push(`${namespace}/${m[1]}`);
      }
    } else if (!/NotFound|not found/.test(r.stderr)) {
      // named by what finds them: the pods' names may never have been seen
      report.problems.push(
        describeFailure(`canaries in namespace ${namespace} (pods labelled ${runSelector(opts.run)})`, r),
      );
    }
  };

  // Canaries in a namespace this run deletes go with it: their own deletion would be a
  // kubectl process for nothing. So prefixed namespaces are released first, and pods are
  // deleted where the namespace stays (another run still uses it, or it is not ours).
  const prefixed = namespaces.filter((n) => opts.prefix && n.startsWith(opts.prefix));
  const elsewhere = Promise.all(namespaces.filter((n) => !prefixed.includes(n)).map(deletePods));
  const ns = await releaseNamespaces(k, prefixed, {
    run: opts.run,
    prefix: opts.prefix,
    now: () => new Date(),
    deadline: opts.deadline,
    ...(opts.known ? { known: opts.known } : {}),
  });
  const gone = new Set(ns.deleted);
  await Promise.all([elsewhere, ...prefixed.filter((n) => !gone.has(n)).map(deletePods)]);
  report.deletedNamespaces.push(...ns.deleted);
  for (const f of ns.failed) report.problems.push(`namespace ${f.name}: ${f.error}`);
  return report;
}

/**
 * "1 canary pod(s) deleted, and namespace(s) canary-test-x with the canaries in them.": the
 * canaries in a deleted namespace are not deleted one by one, so they are not counted, but
 * the line says where they went.
 */
export function describeCleanup(report: CleanupReport): string {
  const pods = `${report.deletedPods.length} canary pod(s) deleted`;
  if (report.deletedNamespaces.length === 0) return `${pods}.`;
  return `${pods}, and namespace(s) ${report.deletedNamespaces.join(', ')} with the canaries in them.`;
}
