// The canary's own command (no exec): one POSIX sh script, the pod's `sh -c` argument, that
// probes every target at once (with the built-in control beside them while the network is
// not shown to work, from the first attempt when no target is a name to resolve), re-probes the ones whose result disagrees with the expectation (or whose
// drop came before anything showed the network works) with a short backoff, up to
// `attempts`, times every attempt from its own start, and leaves all result lines in its
// termination message, where the action reads them from the pod status it watches.
//
// The retry rule here is coarse (nc's exit code and words; a connection or a resolved name
// proves the network): it only decides whether to try again. An allow is tried again
// until it connects; a deny until, with the network proven, it is dropped (or rejected,
// with refused-means-denied). The verdicts are decided
// in the action, by classify.ts and canary-verdicts.ts reading the raw texts.
//
// Output, on stdout (the log) and in the termination message:
//   @@nca ATTEMPT MS            an attempt starts, MS after the script started
//   @@ncp ID TOOL EXIT OUTPUT   as probe-script.ts, for this attempt
//   @@ncd MS                    the script ended, MS after it started
// When all of it does not fit a termination message, the message says `@@ncl CHARS` only,
// and the action reads the log.
import type { CanaryGroup, Expect, Settings, Target } from '../core/types.ts';
import { resolvesByDns, showsNetwork, type Try } from './canary-verdicts.ts';
import { classify } from './classify.ts';
import {
  CONTROL_HOST,
  controlLine,
  killSeconds,
  parseControlLine,
  parseProbeLines,
  PROBE_MARKER,
  prelude,
  probeLines,
  shellQuote,
} from './probe-script.ts';

export const ATTEMPT_MARKER = '@@nca';
export const DONE_MARKER = '@@ncd';
export const IN_LOG_MARKER = '@@ncl';
/** The kubelet keeps the last 4096 bytes of a termination message: stay below, with room. */
export const MESSAGE_LIMIT = 3900;
/** One argument or environment string may be 128 KiB on Linux (MAX_ARG_STRLEN): the script is one. */
export const MAX_SCRIPT_BYTES = 120 * 1024;
/** Seconds between attempts: 1, 2, 4, then 8. */
export const BACKOFF_S = [1, 2, 4, 8];

export interface CanaryProbe {
  id: number;
  target: Target;
  expect: Expect;
}

type ScriptOptions = Pick<Settings, 'timeoutMs' | 'attempts'> &
  Partial<Pick<Settings, 'refusedMeansDenied'>> & { messagePath?: string };

function attemptsOf(settings: Pick<Settings, 'attempts'>): number {
  return Math.max(1, Math.floor(settings.attempts));
}

/** The longest the script can run: every attempt killed at killSeconds, and the backoffs between. */
export function scriptMaxMs(settings: Pick<Settings, 'timeoutMs' | 'attempts'>): number {
  const attempts = attemptsOf(settings);
  let ms = attempts * killSeconds(settings.timeoutMs) * 1000;
  for (let a = 1; a < attempts; a++) ms += (BACKOFF_S[Math.min(a, BACKOFF_S.length) - 1] ?? 8) * 1000;
  return ms;
}

/** The `case` line that starts one test's probe commands in the background. */
function caseLine({ id, target }: CanaryProbe, timeoutMs: number): string {
  return `    ${id}) ${probeLines(id, target, timeoutMs).join(' ')} ;;`;
}

/** The script, for `sh -c`: every user value inside single quotes. */
export function buildCanaryScript(probes: readonly CanaryProbe[], opts: ScriptOptions): string {
  const path = opts.messagePath ?? '/dev/termination-log';
  const cases = probes.map((p) => caseLine(p, opts.timeoutMs));
  const denies = probes.filter((p) => p.expect === 'deny').map((p) => p.id);
  // a name resolved proves the network as well as a connection does; only a canary with
  // no name to resolve needs the built-in control in its first attempt
  const named = probes.filter((p) => resolvesByDns(p.target.host)).map((p) => p.id);
  const backoff = BACKOFF_S.map((s, i) =>
    i + 1 < BACKOFF_S.length ? `${i + 1}) sleep ${s} ;;` : `*) sleep ${s} ;;`,
  );
  // ncp_cs: centiseconds of uptime, the script's clock (no `date +%N` in busybox's defconfig)
  const script = `${prelude(opts.timeoutMs)}ncp_cs() {
  read -r ncp_up ncp_idle </proc/uptime
  ncp_f=\${ncp_up#*.}
  ncp_f=\${ncp_f#0}
  echo $(( \${ncp_up%.*} * 100 + \${ncp_f:-0} ))
}
ncp_t0=$(ncp_cs)
ncp_ms() { echo $(( ($(ncp_cs) - ncp_t0) * 10 )); }
ncp_start() {
  for ncp_i in $ncp_todo; do
    case $ncp_i in
${cases.join('\n')}
    esac
  done
  if [ -z "$ncp_proven" ] && [ -n "$ncp_ctl" ]; then ${controlLine(opts.timeoutMs)} fi
  wait
}
ncp_deny=' ${denies.join(' ')} '
ncp_named=' ${named.join(' ')} '
ncp_ctl=${named.length === 0 ? '1' : ''}
ncp_todo='${probes.map((p) => p.id).join(' ')}'
ncp_proven=
ncp_all=
ncp_a=1
while :; do
  ncp_block="${ATTEMPT_MARKER} $ncp_a $(ncp_ms)
$(ncp_start)"
  printf '%s\\n' "$ncp_block"
  ncp_all="$ncp_all$ncp_block
"
  case "$ncp_block" in
  *') open'* | *'${PROBE_MARKER} 0 ctl '*' ${CONTROL_HOST} ('*) ncp_proven=1 ;;
  esac
  # nc says NAME (ADDRESS:PORT) once it resolved NAME
  while read -r ncp_m ncp_id ncp_tool ncp_rc ncp_rest; do
    [ "$ncp_m" = '${PROBE_MARKER}' ] && [ "$ncp_tool" = nc ] || continue
    case $ncp_named in *" $ncp_id "*) case $ncp_rest in *' ('*':'*')'*) ncp_proven=1 ;; esac ;; esac
  done <<ncp_eof
$ncp_block
ncp_eof
  ncp_ctl=1
  ncp_next=
  while read -r ncp_m ncp_id ncp_tool ncp_rc ncp_rest; do
    [ "$ncp_m" = '${PROBE_MARKER}' ] && [ "$ncp_tool" = nc ] || continue
    case $ncp_deny in
    *" $ncp_id "*)
      # a deny holds on a drop seen once the network is proven (or a rejection, when it counts)
      case "$ncp_proven $ncp_rc $ncp_rest" in
      '1 '[1-9]*'timed out'*${opts.refusedMeansDenied ? " | '1 '[1-9]*refused* | '1 '[1-9]*'No route'* | '1 '[1-9]*unreachable*" : ''}) ;;
      *) ncp_next="$ncp_next $ncp_id" ;;
      esac
      ;;
    *) if [ "$ncp_rc" != 0 ]; then ncp_next="$ncp_next $ncp_id"; fi ;;
    esac
  done <<ncp_eof
$ncp_block
ncp_eof
  ncp_todo=$ncp_next
  [ -n "$ncp_todo" ] && [ "$ncp_a" -lt ${attemptsOf(opts)} ] || break
  case $ncp_a in ${backoff.join(' ')} esac
  ncp_a=$((ncp_a + 1))
done
ncp_done="${DONE_MARKER} $(ncp_ms)"
printf '%s\\n' "$ncp_done"
ncp_all="$ncp_all$ncp_done"
if [ \${#ncp_all} -le ${MESSAGE_LIMIT} ]; then
  printf '%s\\n' "$ncp_all" >${shellQuote(path)}
else
  printf '${IN_LOG_MARKER} %s\\n' "\${#ncp_all}" >${shellQuote(path)}
fi
`;
  const bytes = Buffer.byteLength(script, 'utf8');
  if (bytes > MAX_SCRIPT_BYTES)
    throw new Error(
      `the probe script of ${probes.length} targets is ${bytes} bytes, more than one argument may hold (${MAX_SCRIPT_BYTES}): split the canary (splitForScript)`,
    );
  return script;
}

/** The probes of a canary's tests: a test's index is its probe id. */
export function canaryProbes(tests: CanaryGroup['tests']): CanaryProbe[] {
  return tests.map((t) => ({ id: t.index, target: t.target, expect: t.expect }));
}

/**
 * The canary groups, with any whose script would not fit in one argument split into
 * several canaries of the same namespace, labels and node (MAX_SCRIPT_BYTES).
 */
export function splitForScript(groups: readonly CanaryGroup[], settings: ScriptOptions): CanaryGroup[] {
  const base = Buffer.byteLength(buildCanaryScript([], settings), 'utf8');
  const room = MAX_SCRIPT_BYTES - base;
  return groups.flatMap((group) => {
    const parts: CanaryGroup['tests'][] = [[]];
    let used = 0;
    for (const test of group.tests) {
      const alone = buildCanaryScript(canaryProbes([test]), settings);
      // what it adds alone, and the separators it adds among others: a space in each of the
      // three id lists, a newline between case lines, and room
      const cost = Buffer.byteLength(alone, 'utf8') - base + 8;
      const current = parts[parts.length - 1] ?? [];
      if (current.length > 0 && used + cost > room) {
        parts.push([test]);
        used = cost;
      } else {
        current.push(test);
        used += cost;
      }
    }
    if (parts.length === 1) return [group];
    return parts.map((tests, i) => ({ ...group, key: `${group.key}#${i + 1}`, tests }));
  });
}

export interface CanaryAttempt {
  attempt: number;
  atMs: number;
  /** the result lines of this attempt, as probe-script.ts prints them */
  lines: string;
}

export interface CanaryOutput {
  attempts: CanaryAttempt[];
  /** the script's end, ms after its start: undefined when it did not get there */
  doneMs?: number;
  /** the message says only that the results are in the log */
  inLog: boolean;
}

/** The attempts the script reported. */
export function parseCanaryOutput(text: string): CanaryOutput {
  const attempts: CanaryAttempt[] = [];
  let doneMs: number | undefined;
  let inLog = false;
  const head = new RegExp(`^${ATTEMPT_MARKER} (\\d{1,3}) (\\d{1,12})$`);
  const done = new RegExp(`^${DONE_MARKER} (\\d{1,12})$`);
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    const m = head.exec(line);
    if (m) {
      attempts.push({ attempt: Number(m[1]), atMs: Number(m[2]), lines: '' });
      continue;
    }
    const d = done.exec(line);
    if (d) doneMs = Number(d[1]);
    else if (line.startsWith(`${IN_LOG_MARKER} `)) inLog = true;
    else {
      const last = attempts[attempts.length - 1];
      if (last) last.lines += `${line}\n`;
    }
  }
  return { attempts, ...(doneMs !== undefined ? { doneMs } : {}), inLog };
}

export interface CanaryResults {
  /** each test's tries, in order; a test the script reported nothing for has none */
  tries: Map<number, Try[]>;
  /** the first attempt in which some probe (or the control) showed that the network works */
  provenAt?: number;
  /** when each test's last try ended, ms after the script started (the next attempt's start, or the end) */
  endMs: Map<number, number>;
  doneMs?: number;
  inLog: boolean;
}

/** What the action decides from, read with the same classifier as any probe's output. */
export function readCanaryResults(
  tests: readonly { index: number; target: Target }[],
  text: string,
  timeoutMs: number,
): CanaryResults {
  const parsed = parseCanaryOutput(text);
  const tries = new Map<number, Try[]>(tests.map((t) => [t.index, []]));
  const endMs = new Map<number, number>();
  let provenAt: number | undefined;
  parsed.attempts.forEach((a, i) => {
    const runs = parseProbeLines(a.lines);
    const control = parseControlLine(a.lines);
    const ended = parsed.attempts[i + 1]?.atMs ?? parsed.doneMs;
    let proof =
      control !== undefined &&
      showsNetwork(
        CONTROL_HOST,
        { nc: control },
        { actual: control.exitCode === 0 ? 'allowed' : 'error', detail: '' },
      );
    for (const t of tests) {
      const run = runs.get(t.index);
      if (!run) continue;
      const observation = classify(t.target, run, timeoutMs);
      if (showsNetwork(t.target.host, run, observation)) proof = true;
      tries.get(t.index)?.push({ attempt: a.attempt, atMs: a.atMs, observation });
      if (ended !== undefined) endMs.set(t.index, ended);
    }
    if (proof && provenAt === undefined) provenAt = a.attempt;
  });
  return {
    tries,
    ...(provenAt !== undefined ? { provenAt } : {}),
    endMs,
    ...(parsed.doneMs !== undefined ? { doneMs: parsed.doneMs } : {}),
    inLog: parsed.inLog,
  };
}
