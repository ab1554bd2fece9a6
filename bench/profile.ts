// Where a run's time went: from the kubectl log (what ran when), the action's own
// start and exit times, and when the double started each canary's container and when
// it ended (the results are in the pod status the action watches). Phases are printed
// in the order they started, as offsets from the step's start.
import type { KubectlSpan } from './kubectl-log.ts';
import type { CanaryTimes } from './measure.ts';

export interface StepTimes {
  /** epoch ms: the node process started / exited */
  started: number;
  exited: number;
}

/** `get pods --watch`, `create -f -`, `delete pods`… */
export function phaseOf(args: string[]): string {
  const [verb = '?', second] = args;
  const words = [verb];
  if (second && !second.startsWith('-')) words.push(second);
  else if (second === '-f') words.push('-f', args[2] ?? '');
  if (args.includes('--watch') || args.includes('-w')) words.push('--watch');
  return words.join(' ').trim();
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
  canaries?: CanaryTimes,
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
  }
  if (canaries && canaries.started.size > 0) {
    const span = (m: Map<string, number>): string =>
      `${rel(Math.min(...m.values()))} → ${rel(Math.max(...m.values()))} ms`;
    lines.push(`  canaries' containers started (double) ${span(canaries.started)}`);
    if (canaries.ended.size > 0) {
      const took = [...canaries.ended].map(([k, t]) => t - (canaries.started.get(k) ?? t));
      lines.push(`  canaries' containers ended           ${span(canaries.ended)} (each ran: ${stats(took)})`);
      const last = Math.max(...canaries.ended.values());
      const watches = mine.filter((s) => phaseOf(s.args) === 'get pods --watch');
      const watchEnd = Math.max(...watches.map((s) => s.end ?? step.exited));
      if (watches.length > 0) lines.push(`  last container ended → last watch ended ${watchEnd - last} ms`);
      lines.push(`  last container ended → exit          ${step.exited - last} ms`);
    }
  }
  const lastEnd = Math.max(...mine.map((s) => s.end ?? step.exited));
  lines.push(`  last kubectl → exit                  ${step.exited - lastEnd} ms`);
  return lines;
}
