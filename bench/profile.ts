// Where a run's time went: from the kubectl log (what ran when), the action's own
// start and exit times, and when the double made each canary Ready. Phases are
// printed in the order they started, as offsets from the step's start.
import type { KubectlSpan } from './kubectl-log.ts';

export interface StepTimes {
  /** epoch ms: the node process started / exited */
  started: number;
  exited: number;
}

/** `exec`, `get pods --watch`, `create -f -`, `auth can-i`… */
export function phaseOf(args: string[]): string {
  const [verb = '?', second] = args;
  const words = [verb];
  if (second && !second.startsWith('-')) words.push(second);
  else if (second === '-f') words.push('-f', args[2] ?? '');
  if (args.includes('--watch') || args.includes('-w')) words.push('--watch');
  return words.join(' ').trim();
}

/** the pod an `exec -i -n NS POD …` is for */
export function execPod(args: string[]): string | undefined {
  const n = args.indexOf('-n');
  return n >= 0 ? `${args[n + 1] ?? ''}/${args[n + 2] ?? ''}` : undefined;
}

function stats(xs: number[]): string {
  if (xs.length === 0) return '-';
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
  return `min ${s[0]} / median ${at(0.5)} / max ${s[s.length - 1]} ms`;
}

export function profileStep(
  name: string,
  step: StepTimes,
  spans: KubectlSpan[],
  ready?: Map<string, number>,
): string[] {
  const mine = spans.filter((s) => s.start >= step.started - 20 && s.start <= step.exited);
  const rel = (t: number): number => t - step.started;
  const lines = [`${name}: ${step.exited - step.started} ms from process start to exit`];
  const first = mine[0];
  if (!first) return [...lines, '  (no kubectl)'];
  lines.push(`  node start → first kubectl            ${rel(first.start)} ms`);
  const groups = new Map<string, KubectlSpan[]>();
  for (const s of mine) {
    const key = phaseOf(s.args);
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  for (const [key, list] of groups) {
    const from = Math.min(...list.map((s) => s.start));
    const to = Math.max(...list.map((s) => s.end ?? step.exited));
    const each = list.map((s) => (s.end ?? step.exited) - s.start);
    const cpu = list.reduce((sum, s) => sum + (s.cpuMs ?? 0), 0);
    lines.push(
      `  ${`${key} ×${list.length}`.padEnd(36)} ${rel(from)} → ${rel(to)} ms (each: ${stats(each)}; CPU ${(cpu / 1000).toFixed(2)} s)`,
    );
    if (key === 'exec' && ready && ready.size > 0) {
      const waits = list
        .map((s) => {
          const pod = execPod(s.args);
          const r = pod ? ready.get(pod) : undefined;
          return r === undefined ? undefined : Math.max(0, s.start - r);
        })
        .filter((x): x is number => x !== undefined);
      lines.push(`  ${''.padEnd(36)} canary Ready → its exec started: ${stats(waits)}`);
    }
  }
  if (ready && ready.size > 0) {
    const times = [...ready.values()];
    lines.push(
      `  canaries Ready (the double)          ${rel(Math.min(...times))} → ${rel(Math.max(...times))} ms`,
    );
  }
  const lastEnd = Math.max(...mine.map((s) => s.end ?? step.exited));
  lines.push(`  last kubectl → exit                  ${step.exited - lastEnd} ms`);
  return lines;
}
