// A `kubectl` on PATH that logs when each process starts and ends, with its
// arguments, then runs the real one: how many kubectl processes a run took, how
// many ran at once, and what each did when (the phase profile).
//
// The shim reads the clock from /proc/uptime with the shell's `read` builtin, so
// timing a process costs no extra process (10 ms resolution, plenty here).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface KubectlSpan {
  /** the shim's pid, pairing start and end */
  pid: number;
  /** epoch ms */
  start: number;
  /** epoch ms; undefined when the process was SIGKILLed (the shim could not log) */
  end?: number;
  code?: number;
  /** kubectl's CPU time (user + system), ms */
  cpuMs?: number;
  /** kubectl's arguments without --kubeconfig / --context */
  args: string[];
}

export interface KubectlLog {
  /** PATH with this kubectl first */
  path: string;
  spans(): KubectlSpan[];
  count(): number;
  /** most processes running at once */
  peak(): number;
  dispose(): void;
}

/** ms since boot, as the shim reads it: lets its clock be turned into epoch ms */
function uptimeMs(): number {
  return Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]) * 1000;
}

export function kubectlLog(realKubectl: string): KubectlLog {
  const dir = mkdtempSync(join(tmpdir(), 'netpol-bench-kubectl-'));
  const log = join(dir, 'log');
  writeFileSync(log, '');
  const q = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
  writeFileSync(
    join(dir, 'kubectl'),
    [
      '#!/bin/sh',
      'read nbk_up nbk_idle < /proc/uptime',
      `echo "S $$ $nbk_up $*" >> ${q(log)}`,
      // `times`' second line is the CPU of the children waited for: kubectl's (through a
      // file: in a $(…) subshell `times` would see the subshell's children, none)
      `nbk_end() { read nbk_up nbk_idle < /proc/uptime; times > ${q(dir)}/times.$$; { read nbk_a nbk_b; read nbk_user nbk_sys; } < ${q(dir)}/times.$$; echo "E $$ $nbk_up $nbk_rc $nbk_user $nbk_sys" >> ${q(log)}; }`,
      // a watch the action has seen enough of ends with SIGTERM (to the process group,
      // kubectl too): wait for kubectl to go, then log
      `trap 'wait $nbk_kid; nbk_rc=143; nbk_end; exit 143' TERM`,
      // a background job's stdin is /dev/null unless handed over explicitly
      'exec 3<&0',
      `${q(realKubectl)} "$@" <&3 3<&- &`,
      'nbk_kid=$!',
      'wait $nbk_kid',
      'nbk_rc=$?',
      'nbk_end',
      'exit $nbk_rc',
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
  // uptime and epoch advance together; one reading converts between them
  const offset = Date.now() - uptimeMs();

  // the log's line order is the true order of starts and ends (appends are atomic),
  // so the peak comes from it, not from the 10 ms clock
  const parse = (): { spans: KubectlSpan[]; peak: number } => {
    const open = new Map<number, KubectlSpan>();
    const spans: KubectlSpan[] = [];
    let peak = 0;
    for (const line of readFileSync(log, 'utf8').split('\n')) {
      const m = /^([SE]) (\d+) ([\d.]+) ?(.*)$/.exec(line);
      if (!m) continue;
      const pid = Number(m[2]);
      const at = Math.round(Number(m[3]) * 1000 + offset);
      if (m[1] === 'S') {
        const span: KubectlSpan = { pid, start: at, args: withoutConnection((m[4] ?? '').split(' ')) };
        open.set(pid, span);
        spans.push(span);
        peak = Math.max(peak, open.size);
      } else {
        const span = open.get(pid);
        if (!span) continue;
        open.delete(pid);
        span.end = at;
        const [code, user, system] = (m[4] ?? '').split(' ');
        span.code = Number(code);
        if (user && system) span.cpuMs = seconds(user) + seconds(system);
      }
    }
    return { spans, peak };
  };

  return {
    path: `${dir}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    spans: () => parse().spans,
    count: () => parse().spans.length,
    peak: () => parse().peak,
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

function withoutConnection(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a === '--kubeconfig' || a === '--context') i++;
    else if (!a.startsWith('--kubeconfig=') && !a.startsWith('--context=')) out.push(a);
  }
  return out;
}

/** `times`' `0m0.123000s` as ms */
function seconds(text: string): number {
  const m = /^(\d+)m([\d.]+)s$/.exec(text);
  return m ? Math.round((Number(m[1]) * 60 + Number(m[2])) * 1000) : 0;
}
