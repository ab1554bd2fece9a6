// `netpol-canary sweep` and `node dist/sweep.js`: remove what dead runs left behind.
import { parseArgs } from './args.ts';
import { connect } from './commands.ts';
import { parseDuration } from '../matrix/duration.ts';
import { namespacePrefixErrors } from '../matrix/settings.ts';
import { lineStdio, type LineIo } from './line-io.ts';
import { sweepStale } from '../cluster/sweep-stale.ts';

const USAGE =
  'netpol-canary sweep [--older-than 1h] [--namespace-prefix canary-test-] [--dry-run] [--context NAME] [--kubeconfig FILE] [--kubectl PATH]\n' +
  "Deletes this action's canary pods, and the namespaces it created with the prefix, that are older than the age\n" +
  'and that no live run holds a lease on. Nothing else is ever deleted.';

export async function sweepCommand(argv: string[], io: LineIo = lineStdio): Promise<number> {
  const args = parseArgs(argv, {
    flags: ['kubeconfig', 'context', 'kubectl', 'older-than', 'namespace-prefix'],
    switches: ['dry-run', 'help'],
  });
  if (!args.ok) {
    io.err(`netpol-canary sweep: ${args.error}\n${USAGE}`);
    return 2;
  }
  const { flags, switches, positionals } = args.value;
  if (switches.has('help')) {
    io.out(USAGE);
    return 0;
  }
  if (positionals.length > 0) {
    io.err(`netpol-canary sweep: unexpected argument ${positionals[0] ?? ''}\n${USAGE}`);
    return 2;
  }
  const age = parseDuration(flags['older-than'] ?? '1h');
  const prefix = flags['namespace-prefix'] ?? 'canary-test-';
  const errors = [
    ...(age.ok ? [] : age.errors.map((e) => `--older-than: ${e}`)),
    ...namespacePrefixErrors(prefix).map((e) => `--namespace-prefix: ${e}`),
  ];
  if (flags.context?.startsWith('-')) errors.push('--context must be a context name');
  const c = connect({
    kubeconfig: flags.kubeconfig,
    context: flags.context,
    kubectl: flags.kubectl,
    concurrency: 10,
  });
  if ('error' in c) errors.push(c.error);
  if (!age.ok || errors.length > 0 || 'error' in c) {
    for (const e of errors) io.err(`netpol-canary sweep: ${e}`);
    return 2;
  }
  const { kubectl } = c;
  const dryRun = switches.has('dry-run');
  const report = await sweepStale(kubectl, {
    olderThanMs: age.value,
    prefix,
    now: new Date(),
    deadline: Date.now() + 120_000,
    dryRun,
  });
  const verb = dryRun ? 'would delete' : 'deleted';
  for (const p of report.deletedPods) io.out(`${verb} pod ${p}`);
  for (const n of report.deletedNamespaces) io.out(`${verb} namespace ${n}`);
  for (const k of report.kept) io.out(`${dryRun ? 'would keep' : 'kept'} ${k}`);
  for (const p of report.problems) io.err(`problem: ${p}`);
  io.out(
    `sweep: ${report.deletedPods.length} pod(s) and ${report.deletedNamespaces.length} namespace(s) ${dryRun ? 'would be deleted' : 'deleted'}.`,
  );
  return report.problems.length > 0 ? 1 : 0;
}
