// The probes, as argv and as one shell script that runs them all at once in a canary.
//
// The script runs in the canary image's /bin/sh (busybox ash) and must also run in dash:
// POSIX sh only, and only shell builtins besides the probe tools, so an image needs
// nothing but sh, wget and nc. User-derived words (URLs, hosts) appear only inside
// single quotes; the lines we print carry a numeric id, never user text.
import { targetUrl } from '../matrix/target.ts';
import type { Target } from '../core/types.ts';

export const PROBE_MARKER = '@@ncp';
/** Characters of probe output kept per line: enough for busybox's messages, and it keeps
 * every line far below PIPE_BUF, so lines written at once by parallel probes never mix. */
export const PROBE_OUTPUT_LIMIT = 400;

/** busybox takes whole seconds: round up, at least 1. */
export function probeSeconds(timeoutMs: number): number {
  return Math.max(1, Math.ceil(timeoutMs / 1000));
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
 * The probe command. http(s): `wget --spider -T SEC URL` (without -q, so that busybox
 * prints "remote file exists" and the address it connected to); tcp: `nc -z -v -v -w SEC
 * HOST PORT`. Two -v: nc_bloaty keeps quiet about a refused port while scanning at one -v
 * ("give it another -v if you want to see everything"), and a refusal must be told from a drop.
 */
export function probeArgv(target: Target, timeoutMs: number): string[] {
  const sec = String(probeSeconds(timeoutMs));
  if (target.scheme === 'tcp') return ['nc', '-z', '-v', '-v', '-w', sec, target.host, String(target.port)];
  return ['wget', '--spider', '-T', sec, targetUrl(target)];
}

const QMARKS = '?'.repeat(PROBE_OUTPUT_LIMIT);

// ncp_probe ID CMD ARGS…: runs CMD with stdin from /dev/null (the script itself may be
// arriving on stdin), folds its output onto one line without external tools (split on
// newlines with IFS, join with spaces), keeps the first PROBE_OUTPUT_LIMIT characters,
// and prints the result with a single printf.
const PRELUDE = `ncp_probe() {
  ncp_id=$1
  shift
  ncp_out=$("$@" </dev/null 2>&1)
  ncp_rc=$?
  set -f
  IFS='
'
  set -- $ncp_out
  IFS=' '
  ncp_out="$*"
  ncp_rest=\${ncp_out#${QMARKS}}
  if [ "$ncp_rest" != "$ncp_out" ]; then ncp_out=\${ncp_out%"$ncp_rest"}; fi
  printf '${PROBE_MARKER} %s %s %s\\n' "$ncp_id" "$ncp_rc" "$ncp_out"
}
`;

/**
 * One POSIX sh script that starts every probe at once in the background, prints one
 * line per probe (`@@ncp ID EXIT OUTPUT`) and waits for all. Run it with `sh -s` (script
 * on stdin) or `sh -c`.
 */
export function buildProbeScript(probes: { id: number; target: Target }[], timeoutMs: number): string {
  const lines = probes.map(({ id, target }) => {
    if (!Number.isSafeInteger(id) || id < 0)
      throw new Error(`probe id must be a non-negative integer, got ${String(id)}`);
    return `ncp_probe ${id} ${probeArgv(target, timeoutMs).map(shellQuote).join(' ')} &`;
  });
  return `${PRELUDE}${lines.join('\n')}\nwait\n`;
}

/** Reads the script's result lines; anything else on stdout is ignored. First line per id wins. */
export function parseProbeLines(stdout: string): Map<number, { exitCode: number; output: string }> {
  const results = new Map<number, { exitCode: number; output: string }>();
  const re = new RegExp(`^${PROBE_MARKER} (\\d{1,15}) (\\d{1,3})(?: (.*))?$`);
  for (const rawLine of stdout.split('\n')) {
    const m = re.exec(rawLine.replace(/\r$/, ''));
    if (!m) continue;
    const id = Number(m[1]);
    if (results.has(id)) continue;
    // eslint-disable-next-line no-control-regex -- control characters are what we look for
    const output = (m[3] ?? '').replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
    results.set(id, { exitCode: Number(m[2]), output });
  }
  return results;
}
