// The probes, as argv and as one shell script that runs them all at once in a canary.
//
// Reachability is decided by a TCP connect probe (`nc -z`) for every target; for http(s)
// targets `wget --spider` runs beside it and only adds what the server answered. Every
// command is bounded by `timeout -s KILL` at the probe timeout plus KILL_MARGIN_S, so a
// canary's probing ends then, whatever a server, busybox's TLS helper or a resolver does.
//
// The script runs in the canary image's /bin/sh (busybox ash) and must also run in dash:
// POSIX sh only, shell builtins besides sh, nc, wget, timeout (and setsid when the image has
// it). User-derived words (URLs, hosts) appear only inside single quotes; the lines we
// print carry a numeric id and a fixed tool name, never user text.
import { targetUrl } from '../matrix/target.ts';
import type { Target } from '../core/types.ts';

export const PROBE_MARKER = '@@ncp';
/** Characters of probe output kept per line: enough for busybox's messages, and it keeps
 * every line far below PIPE_BUF, so lines written at once by parallel probes never mix. */
export const PROBE_OUTPUT_LIMIT = 400;
/**
 * Seconds a probe command may run beyond its own timeout (wget -T, nc -w) before it is
 * killed: time for busybox to start on a busy node and print what its own timer gave.
 * A canary's probing ends within the probe timeout plus this margin.
 */
export const KILL_MARGIN_S = 2;

export type ProbeTool = 'nc' | 'wget';

/** busybox takes whole seconds: round up, at least 1. */
export function probeSeconds(timeoutMs: number): number {
  return Math.max(1, Math.ceil(timeoutMs / 1000));
}

/** When a probe command is killed: its own timeout plus the margin. */
export function killSeconds(timeoutMs: number): number {
  return probeSeconds(timeoutMs) + KILL_MARGIN_S;
}

/** One shell word, always single-quoted: `it's` → `'it'\''s'`. */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** One shell word, quoted only when it needs it (for commands people read and paste). */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_./:@%+,-][A-Za-z0-9_./:@%+,=-]*$/.test(word) ? word : shellQuote(word);
}

/**
 * The probe commands of a target: first the TCP connect probe that decides reachability,
 * `nc -z -v -v -w SEC HOST PORT` (two -v: nc_bloaty keeps quiet about a refused port at
 * one), then for http(s) `wget --spider -T SEC URL` (without -q, so that busybox prints
 * "remote file exists" and every address it connected to) for what the server answered.
 */
export function probeCommands(target: Target, timeoutMs: number): { tool: ProbeTool; argv: string[] }[] {
  const sec = String(probeSeconds(timeoutMs));
  const nc = {
    tool: 'nc' as const,
    argv: ['nc', '-z', '-v', '-v', '-w', sec, target.host, String(target.port)],
  };
  if (target.scheme === 'tcp') return [nc];
  return [nc, { tool: 'wget', argv: ['wget', '--spider', '-T', sec, targetUrl(target)] }];
}

const QMARKS = '?'.repeat(PROBE_OUTPUT_LIMIT);
const RC = '@@rc';

// ncp_probe ID TOOL CMD ARGS…: runs CMD bounded by `timeout -s KILL`, in a session of its
// own when setsid exists (so that what it leaves behind, such as wget's TLS helper, is
// killed with it), with stdin from /dev/null (the script itself may be arriving on stdin).
// Its output goes through a pipe to ncp_fold, which stops reading at the exit-code line
// ncp_run writes after the command ended: a helper that keeps the pipe open cannot hold
// the script (no files instead: the canary's root filesystem is read-only). ncp_fold folds
// the output onto one line, keeps the first PROBE_OUTPUT_LIMIT characters, and the result
// is printed with a single printf. ncp_run's own stderr goes to /dev/null: ash would print
// "Killed" there for every probe the timeout killed.
export function prelude(timeoutMs: number): string {
  return `ncp_ss=
if command -v setsid >/dev/null 2>&1; then ncp_ss=setsid; fi
ncp_run() {
  $ncp_ss timeout -s KILL ${killSeconds(timeoutMs)} "$@" </dev/null 2>&1 &
  ncp_pid=$!
  wait "$ncp_pid"
  ncp_rc=$?
  if [ -n "$ncp_ss" ]; then kill -9 "-$ncp_pid" 2>/dev/null; fi
  printf '\\n${RC} %s\\n' "$ncp_rc"
}
ncp_fold() {
  ncp_out=
  ncp_rc=255
  while IFS= read -r ncp_line; do
    case $ncp_line in
    '${RC} '*) ncp_rc=\${ncp_line#'${RC} '}; break ;;
    '') ;;
    *) ncp_out="$ncp_out $ncp_line" ;;
    esac
  done
  ncp_out=\${ncp_out# }
  ncp_rest=\${ncp_out#${QMARKS}}
  if [ "$ncp_rest" != "$ncp_out" ]; then ncp_out=\${ncp_out%"$ncp_rest"}; fi
  printf '%s %s' "$ncp_rc" "$ncp_out"
}
ncp_probe() {
  ncp_id=$1
  ncp_tool=$2
  shift 2
  ncp_res=$(ncp_run "$@" 2>/dev/null | ncp_fold)
  printf '${PROBE_MARKER} %s %s %s\\n' "$ncp_id" "$ncp_tool" "$ncp_res"
}
`;
}

/**
 * The built-in control: a name every cluster's DNS answers (the API server's Service). It is
 * left without the cluster domain: the pod's resolver completes it from its search list
 * (`<ns>.svc.<domain> svc.<domain> <domain>`, dnsPolicy ClusterFirst), so it resolves in a
 * cluster whose domain is not `cluster.local` too. nc prints the name as given,
 * `NAME (ADDRESS:443)`, once it resolved, which shows that the canary's network works even
 * when the connection itself is then dropped.
 */
export const CONTROL_HOST = 'kubernetes.default.svc';
export const CONTROL_PORT = 443;
const CONTROL_TOOL = 'ctl';

/**
 * One attempt alone: one POSIX sh script that starts every probe command at once in the
 * background, prints one line per command (`@@ncp ID TOOL EXIT OUTPUT`) and waits for all.
 * A canary runs canary-script.ts, whose attempts are this with retries, timing and its
 * termination message around it; this single attempt is what the probe lab records
 * busybox with (test/lab) and what the tests of the pieces drive. Run it with
 * `sh -s` (script on stdin) or `sh -c`. With `control`, the built-in control probe runs
 * beside them (`@@ncp 0 ctl EXIT OUTPUT`).
 */
export function buildProbeScript(
  probes: { id: number; target: Target }[],
  timeoutMs: number,
  opts: { control?: boolean } = {},
): string {
  const lines = probes.flatMap(({ id, target }) => probeLines(id, target, timeoutMs));
  if (opts.control) lines.push(controlLine(timeoutMs));
  return `${prelude(timeoutMs)}${lines.join('\n')}\nwait\n`;
}

/** The lines that start one test's probe commands in the background, every word single-quoted. */
export function probeLines(id: number, target: Target, timeoutMs: number): string[] {
  if (!Number.isSafeInteger(id) || id < 0)
    throw new Error(`probe id must be a non-negative integer, got ${String(id)}`);
  return probeCommands(target, timeoutMs).map(
    ({ tool, argv }) => `ncp_probe ${id} ${tool} ${argv.map(shellQuote).join(' ')} &`,
  );
}

/** The line that starts the built-in control in the background (`@@ncp 0 ctl EXIT OUTPUT`). */
export function controlLine(timeoutMs: number): string {
  const argv = [
    'nc',
    '-z',
    '-v',
    '-v',
    '-w',
    String(probeSeconds(timeoutMs)),
    CONTROL_HOST,
    String(CONTROL_PORT),
  ];
  return `ncp_probe 0 ${CONTROL_TOOL} ${argv.map(shellQuote).join(' ')} &`;
}

function printable(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what we look for
  return text.replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
}

/** What the built-in control printed (its nc's result), if the script ran it. */
export function parseControlLine(stdout: string): ToolResult | undefined {
  const re = new RegExp(`^${PROBE_MARKER} 0 ${CONTROL_TOOL} (\\d{1,3})(?: (.*))?$`);
  for (const rawLine of stdout.split('\n')) {
    const m = re.exec(rawLine.replace(/\r$/, ''));
    if (m) return { exitCode: Number(m[1]), output: printable(m[2] ?? '') };
  }
  return undefined;
}

export interface ToolResult {
  exitCode: number;
  output: string;
}

/** What one probe's commands printed, by tool. */
export type ProbeRun = Partial<Record<ProbeTool, ToolResult>>;

/** Reads the script's result lines; anything else on stdout is ignored. First line per id and tool wins. */
export function parseProbeLines(stdout: string): Map<number, ProbeRun> {
  const results = new Map<number, ProbeRun>();
  const re = new RegExp(`^${PROBE_MARKER} (\\d{1,15}) (nc|wget) (\\d{1,3})(?: (.*))?$`);
  for (const rawLine of stdout.split('\n')) {
    const m = re.exec(rawLine.replace(/\r$/, ''));
    if (!m) continue;
    const id = Number(m[1]);
    const tool = m[2] as ProbeTool;
    const run = results.get(id) ?? {};
    if (run[tool]) continue;
    run[tool] = { exitCode: Number(m[3]), output: printable(m[4] ?? '') };
    results.set(id, run);
  }
  return results;
}
