// The CLI's shared plumbing: where output goes, how a command reads its
// arguments, and how it reaches the cluster. The commands themselves live in
// run-command.ts, predict-command.ts and sweep-command.ts.
import { statSync } from 'node:fs';
import { findOnPath, isExecutableFile } from '../cluster/find-kubectl.ts';
import { parseArgs, unknownOption, type ParsedArgs } from './args.ts';
import { createKubectl, type Kubectl } from '../cluster/kubectl.ts';
import { missingKubeContext } from '../cluster/kube-context.ts';
import { lineStdio, type LineIo } from './line-io.ts';

export interface Stream {
  /** raw text, no newline added */
  write(text: string): void;
  isTTY: boolean;
}

/** lines (as sweep writes them), plus the raw streams for live progress. */
export interface Io extends LineIo {
  stdout: Stream;
  stderr: Stream;
  env: NodeJS.ProcessEnv;
}

export const stdio: Io = {
  ...lineStdio,
  stdout: { write: (t) => void process.stdout.write(t), isTTY: Boolean(process.stdout.isTTY) },
  stderr: { write: (t) => void process.stderr.write(t), isTTY: Boolean(process.stderr.isTTY) },
  env: process.env,
};

/** Flags of every command that talks to the cluster. */
export const CONNECTION_FLAGS = ['kubeconfig', 'context', 'kubectl', 'concurrency'];

export const CONNECTION_OPTIONS = [
  ['--kubeconfig FILE', 'kubeconfig to use (default: $KUBECONFIG, then ~/.kube/config)'],
  ['--context NAME', "kube context (default: the kubeconfig's current context)"],
  ['--kubectl PATH', 'kubectl binary (default: kubectl on PATH)'],
  ['--concurrency N', 'most kubectl processes at once, 1 to 100 (default 32)'],
] as const;

export interface ConnectOptions {
  kubeconfig?: string;
  context?: string;
  kubectl?: string;
  concurrency: number;
}

/** A kubectl for the command, or the sentence that says why there cannot be one. */
export function connect(
  opts: ConnectOptions,
  env: NodeJS.ProcessEnv = process.env,
): { kubectl: Kubectl } | { error: string } {
  if (opts.kubeconfig !== undefined) {
    const info = statSync(opts.kubeconfig, { throwIfNoEntry: false });
    if (!info) return { error: `--kubeconfig: the file ${opts.kubeconfig} does not exist` };
    if (!info.isFile())
      return { error: `--kubeconfig: ${opts.kubeconfig} is not a file; give the kubeconfig file` };
  }
  let binary = opts.kubectl;
  if (binary !== undefined && !binary.includes('/')) {
    // a bare name, as a shell would take it: looked up on PATH
    const found = findOnPath(binary, env.PATH ?? '');
    if (!found)
      return { error: `--kubectl: ${binary} was not found on PATH; give the path of the kubectl binary` };
    binary = found;
  } else if (binary !== undefined) {
    if (!isExecutableFile(binary))
      return { error: `--kubectl: ${binary} is not an executable file; give the path of the kubectl binary` };
  } else {
    binary = findOnPath('kubectl', env.PATH ?? '');
    if (!binary) return { error: 'kubectl was not found on PATH; install it, or pass --kubectl PATH' };
  }
  const noContext = missingKubeContext({
    kubeconfig: opts.kubeconfig,
    context: opts.context,
    env,
    fix: 'set KUBECONFIG or pass --context',
  });
  if (noContext) return { error: noContext };
  return {
    kubectl: createKubectl({
      binary,
      kubeconfig: opts.kubeconfig,
      context: opts.context,
      concurrency: opts.concurrency,
    }),
  };
}

/**
 * parseArgs plus what every command wants: `-h` means `--help`, and any other
 * argument starting with a single `-` is refused rather than taken for a file name
 * (after `--`, everything is a plain argument).
 */
export function parseCommandArgs(
  argv: string[],
  spec: { flags: string[]; switches: string[] },
): { ok: true; value: ParsedArgs } | { ok: false; error: string } {
  const end = argv.indexOf('--');
  const before = (end === -1 ? argv : argv.slice(0, end)).map((a) => (a === '-h' ? '--help' : a));
  const options = parseArgs(before, spec);
  if (!options.ok) return options;
  const dashed = options.value.positionals.find((a) => a.startsWith('-') && a !== '-');
  if (dashed) return { ok: false, error: unknownOption(dashed, spec) };
  if (end !== -1) options.value.positionals.push(...argv.slice(end + 1));
  return options;
}

/**
 * How every command starts: its options read against its spec (a usage error
 * otherwise) and -h/--help answered. The options, or the exit code to end with.
 */
export function startCommand(
  argv: string[],
  io: LineIo,
  command: { name: string; spec: { flags: string[]; switches: string[] }; help: string },
): { args: ParsedArgs } | { exit: number } {
  const parsed = parseCommandArgs(argv, command.spec);
  if (!parsed.ok) return { exit: usageError(io, command.name, parsed.error, command.help) };
  if (parsed.value.switches.has('help')) {
    io.out(command.help);
    return { exit: 0 };
  }
  return { args: parsed.value };
}

/**
 * The matrix file: the one positional argument, or `--matrix FILE` (its alias), not both.
 * `missing` says what to give when there is neither.
 */
export function matrixArgument(
  positionals: string[],
  flags: Record<string, string>,
  missing: string,
): { file: string } | { error: string } {
  const named = flags.matrix;
  if (named === '') return { error: '--matrix needs a file name' };
  if (positionals.length > 1) {
    const all = positionals.map((p) => JSON.stringify(p)).join(', ');
    return { error: `give exactly one matrix file, not ${positionals.length} (${all})` };
  }
  const [positional] = positionals;
  if (positional !== undefined && named !== undefined) {
    return {
      error: `give the matrix once, as MATRIX_FILE (${JSON.stringify(positional)}) or as --matrix (${JSON.stringify(named)}), not both`,
    };
  }
  const file = positional ?? named;
  return file === undefined ? { error: missing } : { file };
}

/** A usage mistake: what is wrong, the usage line, where to read more. Exit code 2. */
export function usageError(io: LineIo, command: string, message: string, help: string): number {
  io.err(
    `netpol-canary ${command}: ${message}\n${help.split('\n')[0]}\n(see netpol-canary ${command} --help)`,
  );
  return 2;
}
