// Plays the action's probe scripts in the bench's cluster double without starting a
// process: for each probe the double's network decides, and the script's result line
// (`@@ncp ID TOOL EXIT OUTPUT`, one per nc and wget command) comes when busybox's would, after the probe timeout for a
// dropped connection. In a real cluster the probes run on a node and cost the runner
// nothing; played, they cost it next to nothing too, so the bench times the action.
//
// Only what the bench needs is played: a script exactly as buildProbeScript writes it
// (on `sh -s`) or one probe command (the serial baseline's), where each command is
// `wget --spider -T SEC URL` against a 2xx or `nc -z [-v [-v]] -w SEC HOST PORT` that
// connects, or either against a dropped connection. Anything else runs as the real
// process with the stand-ins. `tsx bench/check-shims.ts` compares the two.
import type { ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import {
  KILL_MARGIN_S,
  prelude,
  PROBE_MARKER,
  PROBE_OUTPUT_LIMIT,
  type ProbeTool,
} from '../src/probe/probe-script.ts';
import type { PlayedExec } from '../test/cluster/exec.ts';
import { fakeIp } from '../test/cluster/network.ts';
import type { NetworkFn } from '../test/cluster/types.ts';

interface Probe {
  id: number;
  tool: ProbeTool;
  argv: string[];
}

/** A probe's result as busybox would give it, or undefined when it is not played. */
interface Played {
  exitCode: number;
  lines: string[];
  afterMs: number;
}

/** The probe commands of a script buildProbeScript wrote; undefined for any other script. */
export function probesOf(script: string): Probe[] | undefined {
  const kill = /timeout -s KILL (\d+) /.exec(script);
  const head = kill ? prelude((Number(kill[1]) - KILL_MARGIN_S) * 1000) : undefined;
  if (!head || !script.startsWith(head) || !script.endsWith('\nwait\n')) return undefined;
  const probes: Probe[] = [];
  const body = script.slice(head.length, -'\nwait\n'.length);
  if (body === '') return probes;
  for (const line of body.split('\n')) {
    const m = /^ncp_probe (\d+) (nc|wget) (.+) &$/.exec(line);
    const argv = m ? singleQuoted(m[3] ?? '') : undefined;
    if (!m || !argv || argv[0] !== m[2]) return undefined;
    probes.push({ id: Number(m[1]), tool: m[2] as ProbeTool, argv });
  }
  return probes;
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

/** The exec service's `play` option: probe scripts arriving on `sh -s` are played. */
export function probePlayer(network: NetworkFn): (exec: PlayedExec) => ChildProcess | undefined {
  return (exec) => {
    const script = exec.command.join(' ') === 'sh -s';
    if (!script && exec.command[0] !== 'wget' && exec.command[0] !== 'nc') return undefined;
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

    /** not ours to play: the real process and stand-ins, wired to the same streams */
    const runReal = (input?: string): void => {
      real = exec.real();
      real.stdout?.on('data', (c: Buffer) => stdout.emit('data', c));
      real.stderr?.on('data', (c: Buffer) => stderr.emit('data', c));
      real.on('close', (code, signal) => close(code, signal));
      real.stdin?.on('error', () => {});
      if (input !== undefined) real.stdin?.end(input);
    };

    if (!script) {
      // one probe, as the serial baseline runs it: busybox writes to stderr
      // a network function that throws is the double's to report: the real stand-in asks it again
      void play(exec.command, network, exec)
        .catch(() => undefined)
        .then((p) => {
          if (closed) return;
          if (!p) return runReal();
          const timer = setTimeout(() => {
            if (p.lines.length > 0) stderr.emit('data', Buffer.from(`${p.lines.join('\n')}\n`));
            close(p.exitCode, null);
          }, p.afterMs);
          timers.add(timer);
        });
      return child;
    }

    const chunks: Buffer[] = [];
    stdin.on('data', (c: Buffer) => chunks.push(c));
    stdin.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      void (async () => {
        const probes = probesOf(text);
        const played = probes
          ? await Promise.all(probes.map((p) => play(p.argv, network, exec).catch(() => undefined)))
          : [];
        if (closed) return;
        if (!probes || played.some((p) => p === undefined)) return runReal(text);
        let left = probes.length;
        if (left === 0) close(0, null);
        probes.forEach((probe, i) => {
          const p = played[i] as Played;
          const timer = setTimeout(() => {
            timers.delete(timer);
            const output = p.lines.join(' ').slice(0, PROBE_OUTPUT_LIMIT);
            stdout.emit(
              'data',
              Buffer.from(`${PROBE_MARKER} ${probe.id} ${probe.tool} ${p.exitCode} ${output}\n`),
            );
            if (--left === 0) close(0, null);
          }, p.afterMs);
          timers.add(timer);
        });
      })();
    });
    return child;
  };
}
