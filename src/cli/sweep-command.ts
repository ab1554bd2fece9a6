// `netpol-canary sweep` and `node dist/sweep.js`: remove what dead runs left behind.
import { CONNECTION_OPTIONS, connect, startCommand, usageError } from './commands.ts';
import { HELP_OPTION, renderHelp } from './help.ts';
import { parseDuration } from '../matrix/duration.ts';
import { namespacePrefixErrors } from '../matrix/settings.ts';
import { lineStdio, type LineIo } from './line-io.ts';
import { sweepStale } from '../cluster/sweep-stale.ts';

export const SWEEP_HELP = renderHelp({
  usage: 'netpol-canary sweep [options]',
  about: [
    "Deletes this action's canary pods, and the namespaces it created with the prefix, that are older",
    'than the age and that no live run holds a lease on. Nothing else is ever deleted.',
    'Exit code: 0 done; 1 something could not be deleted; 2 the options are not valid.',
  ],
  options: [
    ['--older-than 1h', 'only what is older than this'],
    ['--namespace-prefix P', 'the prefix of the namespaces runs created (default canary-test-)'],
    ['--dry-run', 'say what would be deleted, and delete nothing'],
    // sweep's kubectl calls are few: no --concurrency
    ...CONNECTION_OPTIONS.filter(([option]) => !option.startsWith('--concurrency')),
    HELP_OPTION,
  ],
});

export const SWEEP_SPEC = {
  flags: ['kubeconfig', 'context', 'kubectl', 'older-than', 'namespace-prefix'],
  switches: ['dry-run', 'help'],
};

export async function sweepCommand(argv: string[], io: LineIo = lineStdio): Promise<number> {
  const start = startCommand(argv, io, { name: 'sweep', spec: SWEEP_SPEC, help: SWEEP_HELP });
  if ('exit' in start) return start.exit;
  const { flags, switches, positionals } = start.args;
  if (positionals.length > 0) {
    return usageError(io, 'sweep', `unexpected argument ${JSON.stringify(positionals[0])}`, SWEEP_HELP);
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
