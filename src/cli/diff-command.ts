// `netpol-canary diff`: what a change to the manifests opens and closes, predicted
// from two manifest trees (say, a pull request's base and head). No cluster.
import { startCommand, stdio, usageError, type Io } from './commands.ts';
import { HELP_OPTION, renderHelp } from './help.ts';
import {
  FAIL_ON,
  diffFails,
  diffReachability,
  loadManifests,
  renderDiffText,
  type FailOn,
} from '../predict/index.ts';

export const DIFF_HELP = renderHelp({
  usage: 'netpol-canary diff --base DIR --head DIR [options]',
  about: [
    'Predicts the reachability of both manifest trees (every workload to every Service port, to',
    'kube-dns and to one address outside the cluster) and lists the connections that open and',
    'close, with the reasons on each side and the changed policies responsible. No cluster.',
    'Exit code: 0 nothing that --fail-on names changed; 1 it did; 2 the options or the manifests',
    'are not valid.',
  ],
  options: [
    ['--base DIR', 'the manifests before the change (a folder, read recursively, or a file)'],
    ['--head DIR', 'the manifests after it'],
    ['--fail-on WHAT', 'opens, closes, changes (default: either, or a change to cannot tell)\nor never'],
    ['--json', 'print the diff as JSON on stdout'],
    HELP_OPTION,
  ],
});

export const DIFF_SPEC = { flags: ['base', 'head', 'fail-on'], switches: ['json', 'help'] };

export async function diffCommand(argv: string[], io: Io = stdio): Promise<number> {
  const start = startCommand(argv, io, { name: 'diff', spec: DIFF_SPEC, help: DIFF_HELP });
  if ('exit' in start) return start.exit;
  const { flags, switches, positionals } = start.args;
  if (positionals.length > 0) {
    const why = `unexpected argument ${JSON.stringify(positionals[0])}; give the trees as --base DIR --head DIR`;
    return usageError(io, 'diff', why, DIFF_HELP);
  }
  const missing = (['base', 'head'] as const).filter((f) => !flags[f]);
  if (missing.length > 0) {
    const needs = missing.map((f) => `--${f} DIR`).join(' and ');
    return usageError(io, 'diff', `${needs} ${missing.length > 1 ? 'are' : 'is'} required`, DIFF_HELP);
  }
  const failOn = (flags['fail-on'] ?? 'changes') as FailOn;
  if (!FAIL_ON.includes(failOn)) {
    const why = `--fail-on must be one of ${FAIL_ON.join(', ')}, got ${JSON.stringify(flags['fail-on'])}`;
    return usageError(io, 'diff', why, DIFF_HELP);
  }
  const [base, head] = await Promise.all([loadManifests(flags.base ?? ''), loadManifests(flags.head ?? '')]);
  const errors = [...base.errors.map((e) => `--base: ${e}`), ...head.errors.map((e) => `--head: ${e}`)];
  if (errors.length > 0) {
    io.err('netpol-canary diff: nothing was compared, because:');
    for (const e of errors) io.err(`  - ${e}`);
    return 2;
  }
  for (const w of base.warnings) io.err(`warning: --base: ${w}`);
  for (const w of head.warnings) io.err(`warning: --head: ${w}`);
  const diff = diffReachability(base.snapshot, head.snapshot);
  io.out(switches.has('json') ? JSON.stringify(diff, null, 2) : renderDiffText(diff));
  return diffFails(diff, failOn) ? 1 : 0;
}
