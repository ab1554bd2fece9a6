// Clean-up after a run: this run's canaries in every source namespace, then
// this run's leases on namespaces (deleting those no other run still uses).
// Needs no saved state: the run identity and the matrix say where to look.
import { describeFailure, type Kubectl } from './kubectl.ts';
import { releaseNamespaces } from './namespaces.ts';
import { runSelector } from './ownership.ts';

export interface CleanupOptions {
  run: string;
  prefix: string;
  /** every namespace the run may have touched */
  namespaces: string[];
  /** clean-up never runs past this (epoch ms) */
  deadline: number;
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

  const pods = Promise.all(
    namespaces.map(async (namespace) => {
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
    }),
  );

  const prefixed = namespaces.filter((n) => opts.prefix && n.startsWith(opts.prefix));
  const released = releaseNamespaces(k, prefixed, {
    run: opts.run,
    prefix: opts.prefix,
    now: () => new Date(),
    deadline: opts.deadline,
  });
  const [, ns] = await Promise.all([pods, released]);
  report.deletedNamespaces.push(...ns.deleted);
  for (const f of ns.failed) report.problems.push(`namespace ${f.name}: ${f.error}`);
  return report;
}
