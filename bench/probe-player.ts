// Plays the canaries' own scripts in the bench's cluster double without starting a
// process: for each probe the double's network decides, and the script's result line
// (`@@ncp ID TOOL EXIT OUTPUT`, one per nc and wget command) says what busybox's would,
// when busybox would (after the probe timeout for a dropped connection). In a real
// cluster the probes run on a node and cost the runner nothing; played, they cost it
// next to nothing too, so the bench times the action, not the double.
//
// Only what the bench needs is played:
// - a container's `sh -c SCRIPT` where SCRIPT is exactly what buildCanaryScript writes
//   (read back, rebuilt and compared), every probe `wget --spider -T SEC URL` against a 2xx
//   or `nc -z -v -v -w SEC HOST PORT` that connects, or either against a dropped
//   connection, and every probe agreeing with its expectation at the first attempt (so the
//   script would not retry): its log and termination message come after the slowest probe;
// - one probe command exec'd on its own (the serial baseline's, as in COMMAND_FORMS).
// Anything else runs as the real process with the stand-ins. `tsx bench/check-shims.ts`
// compares the two.
import type { ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { writeFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import type { Expect, Target } from '../src/core/types.ts';
import {
  ATTEMPT_MARKER,
  buildCanaryScript,
  DONE_MARKER,
  IN_LOG_MARKER,
  MESSAGE_LIMIT,
  type CanaryProbe,
} from '../src/probe/canary-script.ts';
import { resolvesByDns } from '../src/probe/canary-verdicts.ts';
import {
  CONTROL_HOST,
  CONTROL_PORT,
  KILL_MARGIN_S,
  PROBE_MARKER,
  PROBE_OUTPUT_LIMIT,
  probeCommands,
  probeSeconds,
  type ProbeTool,
} from '../src/probe/probe-script.ts';
import type { PlayedExec } from '../test/cluster/exec.ts';
import { fakeIp } from '../test/cluster/network.ts';
import type { NetworkFn } from '../test/cluster/types.ts';

/** A probe's result as busybox would give it, or undefined when it is not played. */
interface Played {
  exitCode: number;
  lines: string[];
  afterMs: number;
}

/** A canary script read back: what buildCanaryScript was given. */
export interface CanaryScript {
  probes: CanaryProbe[];
  timeoutMs: number;
  attempts: number;
}

/** `'a' 'it'\''s'` → ["a", "it's"]; undefined for anything else */
function singleQuoted(text: string): string[] | undefined {
  const words: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] !== "'") return undefined;
    let word = '';
    for (;;) {
      const end = text.indexOf("'", i + 1);
      if (end < 0) return undefined;
      word += text.slice(i + 1, end);
      i = end + 1;
      if (text.startsWith("\\''", i)) {
        word += "'";
        i += 2; // on the quote that opens the next part
        continue;
      }
      break;
    }
    words.push(word);
    if (i < text.length && text[i++] !== ' ') return undefined;
  }
  return words;
}

/** the target a probe's commands were made for: nc names host and port, wget the URL */
function targetOf(commands: { tool: ProbeTool; argv: string[] }[]): Target | undefined {
  const nc = commands[0];
  if (!nc || nc.tool !== 'nc' || nc.argv.length !== 8) return undefined;
  const host = nc.argv[6] ?? '';
  const port = Number(nc.argv[7]);
  if (commands.length === 1) return { scheme: 'tcp', raw: `tcp://${host}:${port}`, host, port, path: '' };
  const url = commands[1]?.tool === 'wget' ? commands[1].argv[4] : undefined;
  const m = /^(https?):\/\/[^/?#]*([^#]*)$/.exec(url ?? '');
  if (!m || commands.length !== 2) return undefined;
  const scheme = m[1] === 'https' ? 'https' : 'http';
  return { scheme, raw: url ?? '', host, port, path: m[2] ?? '' };
}

/**
 * The probes of a script buildCanaryScript wrote for `messageFile`; undefined for any
 * other script. It is read from its case lines and deny list, then rebuilt from what was
 * read: only the very same text counts.
 */
export function canaryScriptOf(script: string, messageFile: string): CanaryScript | undefined {
  const kill = /timeout -s KILL (\d+) /.exec(script);
  const attempts = /\[ "\$ncp_a" -lt (\d+) \]/.exec(script);
  const deny = /^ncp_deny=' ([\d ]*) '$/m.exec(script);
  if (!kill || !attempts || !deny) return undefined;
  const timeoutMs = (Number(kill[1]) - KILL_MARGIN_S) * 1000;
  const denies = new Set(deny[1]?.split(' ').filter(Boolean).map(Number));
  const probes: CanaryProbe[] = [];
  for (const [, id, body] of script.matchAll(/^ {4}(\d+)\) (.*) ;;$/gm)) {
    const commands: { tool: ProbeTool; argv: string[] }[] = [];
    // one `ncp_probe ID TOOL 'word'… &` per command: a quoted word holds no bare quote,
    // so ` &` after a closing quote ends the command, as it does for the shell
    const re = /ncp_probe (\d+) (nc|wget) ((?:'[^']*'|\\'| )+?) &(?: |$)/y;
    let at = 0;
    while (at < (body ?? '').length) {
      re.lastIndex = at;
      const m = re.exec(body ?? '');
      const argv = m ? singleQuoted(m[3] ?? '') : undefined;
      if (!m || !argv || m[1] !== id || argv[0] !== m[2]) return undefined;
      commands.push({ tool: m[2] as ProbeTool, argv });
      at = re.lastIndex;
    }
    const target = targetOf(commands);
    if (!target) return undefined;
    const expect: Expect = denies.has(Number(id)) ? 'deny' : 'allow';
    probes.push({ id: Number(id), target, expect });
  }
  const read = { probes, timeoutMs, attempts: Number(attempts[1]) };
  if (timeoutMs < 1000) return undefined;
  const rebuilt = (() => {
    try {
      return buildCanaryScript(probes, { ...read, messagePath: messageFile });
    } catch {
      return undefined;
    }
  })();
  return rebuilt === script ? read : undefined;
}

async function play(a: string[], network: NetworkFn, src: PlayedExec): Promise<Played | undefined> {
  const from = { namespace: src.namespace, pod: src.pod, labels: src.labels };
  if (a.length === 5 && a[0] === 'wget' && a[1] === '--spider' && a[2] === '-T') {
    const secs = Number(a[3]);
    const m = /^(https?):\/\/([^/?#]*)/.exec(a[4] ?? '');
    const hostpart = m?.[2] ?? '';
    if (!m || !Number.isInteger(secs) || secs < 1 || /[@[\]]/.test(hostpart) || hostpart === '')
      return undefined;
    const scheme = m[1] === 'https' ? 'https' : 'http';
    const [host = '', portText] = hostpart.split(':');
    const port = portText === undefined ? (scheme === 'https' ? 443 : 80) : Number(portText);
    const outcome = await network(from, host, port, scheme);
    const connecting = `Connecting to ${hostpart} (${fakeIp(host)}:${port})`;
    if (outcome.kind === 'timeout') {
      return { exitCode: 1, lines: [connecting, 'wget: download timed out'], afterMs: secs * 1000 };
    }
    if (outcome.kind !== 'allowed' || !/^2\d\d$/.test(String(outcome.status ?? 200))) return undefined;
    const tls = scheme === 'https' ? ['wget: note: TLS certificate validation not implemented'] : [];
    return { exitCode: 0, lines: [connecting, ...tls, 'remote file exists'], afterMs: 0 };
  }
  const nc = /^nc -z((?: -v){0,2}) -w (\d+) (\S+) (\d+)$/.exec(a.join(' '));
  if (nc && a.length === nc[1]!.length / 3 + 6) {
    const verbose = nc[1]!.length / 3;
    const secs = Number(nc[2]);
    const host = nc[3] ?? '';
    const port = Number(nc[4]);
    if (secs < 1 || port > 65535 || /[:[\]]/.test(host)) return undefined;
    const outcome = await network(from, host, port, 'tcp');
    const peer = `${host} (${fakeIp(host)}:${port})`;
    // nc_bloaty: one -v names the connection's fate, a second adds the byte counts
    const said = (fate: string): string[] => [fate, 'sent 0, rcvd 0'].slice(0, verbose);
    if (outcome.kind === 'timeout') {
      return { exitCode: 1, lines: said(`nc: ${peer}: Connection timed out`), afterMs: secs * 1000 };
    }
    if (outcome.kind !== 'allowed') return undefined;
    return { exitCode: 0, lines: said(`${peer} open`), afterMs: 0 };
  }
  return undefined;
}

/** one result line, as ncp_probe prints it: the output folded onto one line and cut */
function resultLine(id: number, tool: string, p: Played): string {
  return `${PROBE_MARKER} ${id} ${tool} ${p.exitCode} ${p.lines.join(' ').slice(0, PROBE_OUTPUT_LIMIT)}`;
}

interface Job {
  id: number;
  tool: ProbeTool | 'ctl';
  argv: string[];
  expect?: Expect;
  named: boolean;
}

/** the commands the script's first attempt starts: every probe's, and the control when no target is a name */
function firstAttempt(script: CanaryScript): Job[] {
  const jobs: Job[] = script.probes.flatMap((p) =>
    probeCommands(p.target, script.timeoutMs).map(({ tool, argv }) => ({
      id: p.id,
      tool,
      argv,
      ...(tool === 'nc' ? { expect: p.expect } : {}),
      named: resolvesByDns(p.target.host),
    })),
  );
  if (!jobs.some((j) => j.named)) {
    const secs = String(probeSeconds(script.timeoutMs));
    const argv = ['nc', '-z', '-v', '-v', '-w', secs, CONTROL_HOST, String(CONTROL_PORT)];
    jobs.push({ id: 0, tool: 'ctl', argv, named: false });
  }
  return jobs;
}

/**
 * Whether the script would stop after its first attempt with these results: every nc
 * agrees with its expectation (an allow exits 0, a deny does not), and something showed
 * that the network works (a connection; a name that resolved, told by nc's `NAME (ADDRESS:PORT)`).
 */
function settledAtFirst(jobs: Job[], played: Played[]): boolean {
  let proven = false;
  let agree = true;
  jobs.forEach((job, i) => {
    const p = played[i];
    if (!p || job.tool === 'wget') return;
    const output = p.lines.join(' ');
    if (output.includes(') open')) proven = true;
    if (job.tool === 'ctl' && output.includes(`${CONTROL_HOST} (`)) proven = true;
    if (job.named && / \(.*:.*\)/.test(output)) proven = true;
    if (job.tool === 'nc' && (p.exitCode === 0) !== (job.expect === 'allow')) agree = false;
  });
  return agree && proven;
}

/** What the player did: containers and execs played, and handed to the real process. */
export interface PlayerStats {
  played: { container: number; exec: number };
  real: { container: number; exec: number };
}

/** The exec service's `play` option: canary scripts and one-probe execs are played. */
export function probePlayer(
  network: NetworkFn,
  stats?: PlayerStats,
): (exec: PlayedExec) => ChildProcess | undefined {
  return (exec) => {
    const container = exec.kind === 'container';
    if (container ? exec.command[0] !== 'sh' : exec.command[0] !== 'wget' && exec.command[0] !== 'nc') {
      return undefined;
    }
    const child = new EventEmitter() as ChildProcess;
    const stdin = new PassThrough();
    const stdout = new EventEmitter();
    const stderr = new EventEmitter();
    const timers = new Set<NodeJS.Timeout>();
    let real: ChildProcess | undefined;
    let closed = false;
    const close = (code: number | null, signal: NodeJS.Signals | null): void => {
      if (closed) return;
      closed = true;
      for (const t of timers) clearTimeout(t);
      child.emit('close', code, signal);
    };
    Object.assign(child, {
      stdin,
      stdout,
      stderr,
      kill: (): boolean => {
        if (real) exec.killReal(real);
        else close(null, 'SIGKILL');
        return true;
      },
    });
    const count = (what: 'played' | 'real'): void => {
      if (stats) stats[what][exec.kind]++;
    };
    const later = (ms: number, fn: () => void): void => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        fn();
      }, ms);
      timers.add(timer);
    };

    /** not ours to play: the real process and stand-ins, wired to the same streams */
    const runReal = (): void => {
      count('real');
      real = exec.real();
      real.stdout?.on('data', (c: Buffer) => stdout.emit('data', c));
      real.stderr?.on('data', (c: Buffer) => stderr.emit('data', c));
      real.on('close', (code, signal) => close(code, signal));
      real.stdin?.on('error', () => {});
      if (real.stdin) stdin.pipe(real.stdin);
    };

    if (!container) {
      // one probe, as the serial baseline runs it: busybox writes to stderr
      // a network function that throws is the double's to report: the real stand-in asks it again
      void play(exec.command, network, exec)
        .catch(() => undefined)
        .then((p) => {
          if (closed) return;
          if (!p) return runReal();
          count('played');
          later(p.afterMs, () => {
            if (p.lines.length > 0) stderr.emit('data', Buffer.from(`${p.lines.join('\n')}\n`));
            close(p.exitCode, null);
          });
        });
      return child;
    }

    const started = Date.now();
    const script =
      exec.command.length === 3 && exec.command[1] === '-c' && exec.messageFile
        ? canaryScriptOf(exec.command[2] ?? '', exec.messageFile)
        : undefined;
    void (async () => {
      const jobs = script ? firstAttempt(script) : [];
      const played = await Promise.all(jobs.map((j) => play(j.argv, network, exec).catch(() => undefined)));
      if (closed) return;
      if (!script || played.some((p) => p === undefined) || !settledAtFirst(jobs, played as Played[])) {
        return runReal();
      }
      count('played');
      // the attempt's lines come as the probes end; the script prints them all once the last did
      const order = jobs.map((job, i) => ({ job, p: played[i] as Played }));
      order.sort((x, y) => x.p.afterMs - y.p.afterMs);
      const slowest = order.at(-1)?.p.afterMs ?? 0;
      later(slowest, () => {
        const block = [
          `${ATTEMPT_MARKER} 1 0`,
          ...order.map(({ job, p }) => resultLine(job.id, job.tool, p)),
        ];
        const ms = Math.floor((Date.now() - started) / 10) * 10;
        const all = `${block.join('\n')}\n${DONE_MARKER} ${ms}`;
        stdout.emit('data', Buffer.from(`${all}\n`));
        // the script measures ${#ncp_all}: characters, all ASCII here
        const message = all.length <= MESSAGE_LIMIT ? all : `${IN_LOG_MARKER} ${all.length}`;
        try {
          writeFileSync(exec.messageFile ?? '', `${message}\n`);
        } catch {
          return close(2, null); // the shell's redirection failed: it says so and exits 2
        }
        close(0, null);
      });
    })();
    return child;
  };
}
