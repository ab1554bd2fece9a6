// What busybox printed in the probe lab (recordings.json), how it was recorded, and how a
// new run is compared with it.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildProbeScript } from '../../src/probe/probe-script.ts';
import { parseTarget } from '../../src/matrix/target.ts';
import { LAB_TIMEOUT_MS, labCommands, type LabCase } from './cases.ts';
import type { Lab } from './lab.ts';

export interface CommandRecording {
  argv: string[];
  dnsDropped: boolean;
  exit: number | null;
  /** stdout and stderr, as lines (busybox writes its messages to stderr) */
  lines: string[];
  /** when the process exited */
  exitSeconds: number;
  /** when its stdout/stderr closed; null: still open when we killed it (a forked TLS helper holds them) */
  closedSeconds: number | null;
}

export interface ScriptRecording {
  dnsDropped: boolean;
  timeoutMs: number;
  /** the targets, in id order */
  targets: string[];
  exit: number | null;
  /** the script's result lines, sorted */
  lines: string[];
  seconds: number;
}

export interface Recordings {
  busybox: string;
  commands: CommandRecording[];
  scripts: ScriptRecording[];
}

export const RECORDINGS_PATH = resolve(import.meta.dirname, 'recordings.json');

export function readRecordings(): Recordings {
  return JSON.parse(readFileSync(RECORDINGS_PATH, 'utf8')) as Recordings;
}

/** Longest we wait for one command: the dropped nameserver's retries take about 10 s in the lab (20 s elsewhere). */
const COMMAND_LIMIT_MS = 15_000;
const round = (ms: number): number => Math.round(ms / 100) / 10;

/** Every distinct command of the cases, each run on its own as the old probes ran it. */
export function distinctCommands(cases: LabCase[]): { argv: string[]; dnsDropped: boolean }[] {
  const seen = new Map<string, { argv: string[]; dnsDropped: boolean }>();
  for (const c of cases) {
    for (const argv of labCommands(c.target)) {
      const dnsDropped = c.dnsDropped === true;
      seen.set(JSON.stringify([dnsDropped, argv]), { argv, dnsDropped });
    }
  }
  return [...seen.values()];
}

export async function recordCommands(
  labs: { main: Lab; dnsDropped: Lab },
  cases: LabCase[],
): Promise<CommandRecording[]> {
  return Promise.all(
    distinctCommands(cases).map(async ({ argv, dnsDropped }) => {
      const r = await (dnsDropped ? labs.dnsDropped : labs.main).run(argv, { killAfterMs: COMMAND_LIMIT_MS });
      return {
        argv,
        dnsDropped,
        exit: r.code,
        lines: `${r.stdout}${r.stderr}`.split('\n').filter((l) => l !== ''),
        exitSeconds: round(r.exitMs),
        closedSeconds: r.killed ? null : round(r.ms),
      };
    }),
  );
}

/** The product's probe script for the cases of each lab, one canary per lab. */
export async function recordScripts(
  labs: { main: Lab; dnsDropped: Lab },
  cases: LabCase[],
): Promise<ScriptRecording[]> {
  return Promise.all(
    [false, true].map(async (dnsDropped) => {
      const targets = cases.filter((c) => (c.dnsDropped === true) === dnsDropped).map((c) => c.target);
      const r = await runScript(dnsDropped ? labs.dnsDropped : labs.main, targets);
      return {
        dnsDropped,
        timeoutMs: LAB_TIMEOUT_MS,
        targets,
        exit: r.code,
        lines: r.lines,
        seconds: round(r.ms),
      };
    }),
  );
}

/** Runs the product's script for these targets (ids = positions) as a canary would. */
export async function runScript(
  lab: Lab,
  targets: string[],
  timeoutMs = LAB_TIMEOUT_MS,
): Promise<{ code: number | null; lines: string[]; stdout: string; stderr: string; ms: number }> {
  const probes = targets.map((raw, id) => {
    const t = parseTarget(raw);
    if (!t.ok) throw new Error(`lab target ${raw}: ${t.errors.join('; ')}`);
    return { id, target: t.value };
  });
  const r = await lab.sh(buildProbeScript(probes, timeoutMs), { killAfterMs: COMMAND_LIMIT_MS });
  const lines = r.stdout
    .split('\n')
    .filter((l) => l !== '')
    .sort();
  return { code: r.killed ? null : r.code, lines, stdout: r.stdout, stderr: r.stderr, ms: r.ms };
}

/**
 * A line as compared between runs: accept-then-close races the server's close against
 * wget's read, so busybox prints "error getting response" with or without ": Connection
 * reset by peer".
 */
export function comparable(line: string): string {
  return line.replace(/(error getting response): Connection reset by peer/, '$1');
}
