// The canary's own command (issue 13, no exec): one POSIX sh script that probes every
// target at once, re-probes the ones whose result disagrees with the expectation (or whose
// drop came before anything showed the network works) with a short backoff, up to
// `attempts`, times every attempt from its own start, and leaves all result lines in its
// termination message, where the action reads them from the pod status it watches.
//
// The retry rule here is coarse (nc's exit code, and nc's "NAME (ADDRESS:PORT)" for a
// resolved name): it only decides whether to try again. The verdicts are decided in the
// action, by classify.ts and canary-verdicts.ts reading the raw texts.
//
// Output, on stdout (the log) and in the termination message:
//   @@nca ATTEMPT MS            an attempt starts, MS after the script started
//   @@ncp ID TOOL EXIT OUTPUT   as probe-script.ts, for this attempt
//   @@ncd                       the script ended
// When all of it does not fit a termination message, the message says `@@ncl BYTES` only,
// and the action reads the log.
import type { Expect, Target } from '../core/types.ts';
import { showsNetwork, type Try } from './canary-verdicts.ts';
import { classify } from './classify.ts';
import {
  CONTROL_HOST,
  CONTROL_PORT,
  parseControlLine,
  parseProbeLines,
  PROBE_MARKER,
  prelude,
  probeCommands,
  probeSeconds,
  shellQuote,
} from './probe-script.ts';

export const ATTEMPT_MARKER = '@@nca';
export const DONE_MARKER = '@@ncd';
export const IN_LOG_MARKER = '@@ncl';
/** The kubelet keeps the last 4096 bytes of a termination message: stay below, with room. */
export const MESSAGE_LIMIT = 3900;
/** One argument or environment string may be 128 KiB on Linux (MAX_ARG_STRLEN). */
export const MAX_SCRIPT_BYTES = 120 * 1024;
export const BACKOFF_S = [1, 2, 4, 8];

export interface CanaryProbe {
  id: number;
  target: Target;
  expect: Expect;
}

/** The script, for `sh -c`: every user value inside single quotes. */
export function buildCanaryScript(
  probes: CanaryProbe[],
  opts: { timeoutMs: number; attempts: number; messagePath?: string },
): string {
  const path = opts.messagePath ?? '/dev/termination-log';
  const cases = probes.map(({ id, target }) => {
    if (!Number.isSafeInteger(id) || id < 0)
      throw new Error(`probe id must be a non-negative integer, got ${String(id)}`);
    const cmds = probeCommands(target, opts.timeoutMs).map(
      ({ tool, argv }) => `ncp_probe ${id} ${tool} ${argv.map(shellQuote).join(' ')} &`,
    );
    return `    ${id}) ${cmds.join(' ')} ;;`;
  });
  const denies = probes.filter((p) => p.expect === 'deny').map((p) => p.id);
  const control = [
    'nc',
    '-z',
    '-v',
    '-v',
    '-w',
    String(probeSeconds(opts.timeoutMs)),
    CONTROL_HOST,
    String(CONTROL_PORT),
  ]
    .map(shellQuote)
    .join(' ');
  const attempts = Math.max(1, Math.floor(opts.attempts));
  const script = `${prelude(opts.timeoutMs)}ncp_cs() {
  read -r ncp_up ncp_idle </proc/uptime
  ncp_f=\${ncp_up#*.}
  ncp_f=\${ncp_f#0}
  echo $(( \${ncp_up%.*} * 100 + \${ncp_f:-0} ))
}
ncp_t0=$(ncp_cs)
ncp_start() {
  for ncp_i in $ncp_todo; do
    case $ncp_i in
${cases.join('\n')}
    esac
  done
  if [ -z "$ncp_proven" ]; then ncp_probe 0 ctl ${control} & fi
  wait
}
ncp_deny=' ${denies.join(' ')} '
ncp_todo='${probes.map((p) => p.id).join(' ')}'
ncp_proven=
ncp_all=
ncp_a=1
while :; do
  ncp_at=$(( ($(ncp_cs) - ncp_t0) * 10 ))
  ncp_res=$(ncp_start)
  ncp_block="${ATTEMPT_MARKER} $ncp_a $ncp_at
$ncp_res"
  printf '%s\\n' "$ncp_block"
  ncp_all="$ncp_all$ncp_block
"
  case "$ncp_res" in
  *') open'* | *' ('*':'*')'*) ncp_proven=1 ;;
  esac
  ncp_next=
  while read -r ncp_m ncp_id ncp_tool ncp_rc ncp_rest; do
    [ "$ncp_m" = '${PROBE_MARKER}' ] && [ "$ncp_tool" = nc ] || continue
    case $ncp_deny in
    *" $ncp_id "*) [ "$ncp_rc" = 0 ] || [ -z "$ncp_proven" ] && ncp_next="$ncp_next $ncp_id" ;;
    *) [ "$ncp_rc" = 0 ] || ncp_next="$ncp_next $ncp_id" ;;
    esac
  done <<ncp_eof
$ncp_res
ncp_eof
  ncp_todo=$ncp_next
  [ -n "$ncp_todo" ] && [ "$ncp_a" -lt ${attempts} ] || break
  case $ncp_a in 1) sleep ${BACKOFF_S[0]} ;; 2) sleep ${BACKOFF_S[1]} ;; 3) sleep ${BACKOFF_S[2]} ;; *) sleep ${BACKOFF_S[3]} ;; esac
  ncp_a=$((ncp_a + 1))
done
ncp_all="$ncp_all${DONE_MARKER}"
printf '%s\\n' '${DONE_MARKER}'
if [ \${#ncp_all} -le ${MESSAGE_LIMIT} ]; then
  printf '%s\\n' "$ncp_all" >${shellQuote(path)}
else
  printf '${IN_LOG_MARKER} %s\\n' "\${#ncp_all}" >${shellQuote(path)}
fi
`;
  if (Buffer.byteLength(script, 'utf8') > MAX_SCRIPT_BYTES)
    throw new Error(
      `the probe script of ${probes.length} targets is ${Buffer.byteLength(script, 'utf8')} bytes, more than one argument may hold (${MAX_SCRIPT_BYTES}): split the canary`,
    );
  return script;
}

export interface CanaryAttempt {
  attempt: number;
  atMs: number;
  /** the result lines of this attempt, as probe-script.ts prints them */
  lines: string;
}

/** The attempts the script reported; `inLog` when the message only says to read the log. */
export function parseCanaryOutput(text: string): {
  attempts: CanaryAttempt[];
  done: boolean;
  inLog: boolean;
} {
  const attempts: CanaryAttempt[] = [];
  let done = false;
  let inLog = false;
  const head = new RegExp(`^${ATTEMPT_MARKER} (\\d{1,3}) (\\d{1,12})$`);
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    const m = head.exec(line);
    if (m) {
      attempts.push({ attempt: Number(m[1]), atMs: Number(m[2]), lines: '' });
      continue;
    }
    if (line === DONE_MARKER) done = true;
    else if (line.startsWith(`${IN_LOG_MARKER} `)) inLog = true;
    else {
      const last = attempts[attempts.length - 1];
      if (last) last.lines += `${line}\n`;
    }
  }
  return { attempts, done, inLog };
}

/**
 * What the action decides from: each test's tries, and the first attempt in which some
 * probe (or the control) showed that the canary's network works. Read with the same
 * classifier as an exec's output.
 */
export function readCanaryResults(
  tests: readonly { index: number; target: Target }[],
  text: string,
  timeoutMs: number,
): { tries: Map<number, Try[]>; provenAt?: number; done: boolean; inLog: boolean } {
  const parsed = parseCanaryOutput(text);
  const tries = new Map<number, Try[]>(tests.map((t) => [t.index, []]));
  let provenAt: number | undefined;
  for (const a of parsed.attempts) {
    const runs = parseProbeLines(a.lines);
    const control = parseControlLine(a.lines);
    let proof =
      control !== undefined && showsNetwork(CONTROL_HOST, { nc: control }, { actual: 'error', detail: '' });
    for (const t of tests) {
      const run = runs.get(t.index);
      if (!run) continue;
      const observation = classify(t.target, run, timeoutMs);
      if (showsNetwork(t.target.host, run, observation)) proof = true;
      tries.get(t.index)?.push({ attempt: a.attempt, atMs: a.atMs, observation });
    }
    if (proof && provenAt === undefined) provenAt = a.attempt;
  }
  return { tries, ...(provenAt !== undefined ? { provenAt } : {}), done: parsed.done, inLog: parsed.inLog };
}
