// The bench's output: one table of the numbers, one of where the CPU went, the
// targets with PASS / FAIL, and on request where each run's time went.
import { LIMIT_MS, type ActionMeasure, type BaselineMeasure } from './measure.ts';
import { benchMatrix } from './matrix.ts';
import { profileStep } from './profile.ts';

/**
 * The most kubectl processes a row may take, main and post (issue 13, as
 * test/e2e/efficiency.test.ts counts them): 2 per source namespace (its watch; in post,
 * the deletion of its canaries or of the namespace), 4 per run (what exists and the
 * permission review; the namespaces created; the canaries created), and 1 per source
 * namespace that exists already (the read of what selects a canary's labels there). A
 * `kubectl logs` for a canary whose results did not fit its termination message comes on
 * top, and is shown apart.
 */
export function kubectlBound(row: Pick<Row, 'tests' | 'canaries'>): number {
  const m = benchMatrix(row.tests, row.canaries);
  const sources = m.existing.length + Object.keys(m.created).length;
  return 2 * sources + 4 + m.existing.length;
}

export interface Row {
  tests: number;
  canaries: number;
  /** the `concurrency` input; undefined: action.yml's default */
  concurrency?: string;
  baseline: boolean;
}

export interface RowResult {
  row: Row;
  /** the concurrency the action ran with */
  concurrency: number;
  action: ActionMeasure;
  baseline?: BaselineMeasure;
  /** the last measured row's serial time per test × tests, when no baseline ran */
  estimateMs?: number;
  problems: string[];
}

export interface Target {
  what: string;
  /** undefined: not measured in this run */
  ok?: boolean;
  detail: string;
}

const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const label = (r: Row): string => `${r.tests} tests / ${r.canaries} canaries`;
const stepMs = (t: { started: number; exited: number }): number => t.exited - t.started;

function markdown(header: string[], body: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)];
}

export function resultsTable(results: RowResult[]): string[] {
  return markdown(
    [
      'matrix',
      'wall (main + post)',
      '× limit',
      'serial baseline',
      '× faster',
      'kubectl procs (bound)',
      'most at once (max)',
      'API requests',
      'peak RSS (main)',
    ],
    results.map(({ row, concurrency, action: a, baseline: b, estimateMs }) => [
      label(row),
      `${s(a.wallMs)} (${s(stepMs(a.main))} + ${s(stepMs(a.post))})`,
      `${(a.wallMs / LIMIT_MS).toFixed(2)}×`,
      b
        ? `${s(b.wallMs)} (${b.kubectl} kubectl, ${b.apiRequests} req)`
        : estimateMs
          ? `n/a (too slow; ≈ ${Math.round(estimateMs / 1000)} s, estimate)`
          : 'n/a',
      b
        ? `${(b.wallMs / a.wallMs).toFixed(1)}×`
        : estimateMs
          ? `≈ ${(estimateMs / a.wallMs).toFixed(0)}× (estimate)`
          : '-',
      `${a.kubectl - a.logs}${a.logs > 0 ? ` + ${a.logs} logs` : ''} (${kubectlBound(row)})`,
      `${a.peak} (${concurrency})`,
      String(a.apiRequests),
      `${(a.main.maxRssKb / 1024).toFixed(0)} MB`,
    ]),
  );
}

/** CPU seconds by whom, beside what the machine could give in that wall time */
export function cpuTable(results: RowResult[], cores: number): string[] {
  return markdown(
    [
      'matrix',
      'load before',
      'action (node)',
      'kubectl',
      'double (API, player)',
      'containers not played',
      'canaries played',
      'total',
      `capacity (wall × ${cores})`,
    ],
    results.map(({ row, action: a }) => {
      const c = a.cpu;
      const total = c.action + c.kubectl + c.double + c.probes;
      return [
        label(row),
        c.loadBefore.toFixed(1),
        `${c.action.toFixed(1)} s`,
        `${c.kubectl.toFixed(1)} s`,
        `${c.double.toFixed(1)} s`,
        `${c.probes.toFixed(1)} s`,
        a.player
          ? `${a.player.played.container} of ${a.player.played.container + a.player.real.container}`
          : '-',
        `${total.toFixed(1)} s`,
        `${((a.wallMs / 1000) * cores).toFixed(1)} s`,
      ];
    }),
  );
}

/** the row of that size, measured at the concurrency given */
function rowOf(results: RowResult[], tests: number, canaries: number, at: number): RowResult | undefined {
  return results.find((r) => r.row.tests === tests && r.row.canaries === canaries && r.concurrency === at);
}

function wallTarget(
  results: RowResult[],
  [tests, canaries, ratio]: [number, number, number],
  at: number,
): Target {
  const r = rowOf(results, tests, canaries, at);
  return {
    what: `${tests}/${canaries}: wall ≤ ${ratio}× the limit (concurrency ${at}, the default)`,
    ...(r ? { ok: r.action.wallMs <= ratio * LIMIT_MS } : {}),
    detail: r
      ? `${s(r.action.wallMs)} = ${(r.action.wallMs / LIMIT_MS).toFixed(2)}×, at most ${s(ratio * LIMIT_MS)}`
      : 'not run',
  };
}

/** issue 13's targets; `at`: action.yml's default concurrency, at which the wall targets count */
export function targets(results: RowResult[], at: number): Target[] {
  const out: Target[] = [wallTarget(results, [200, 20, 1.3], at), wallTarget(results, [1000, 100, 1.6], at)];
  for (const r of results) {
    const max = kubectlBound(r.row);
    const name = `${r.row.tests}/${r.row.canaries}`;
    const { kubectl, logs } = r.action;
    out.push({
      what: `${name}: kubectl processes ≤ 2 per source namespace + 4 + 1 per existing one`,
      ok: kubectl - logs <= max,
      detail: `${kubectl - logs}, at most ${max}${logs > 0 ? `; and ${logs} kubectl logs (results too large for a termination message: not expected here)` : ''}`,
    });
    out.push({
      what: `${name}: never more kubectl processes at once than concurrency`,
      ok: r.action.peak <= r.concurrency,
      detail: `${r.action.peak}, at most ${r.concurrency}`,
    });
    out.push({
      what: `${name}: every result a pass, no warning, nothing left behind`,
      ok: r.problems.length === 0,
      detail:
        r.problems.length === 0 ? `${r.row.tests} passes` : `${r.problems.length} problem(s), listed above`,
    });
  }
  const r1000 = rowOf(results, 1000, 100, at);
  out.push({
    what: '1000 tests: peak RSS of main < 100 MB',
    ...(r1000 ? { ok: r1000.action.main.maxRssKb / 1024 < 100 } : {}),
    detail: r1000 ? `${(r1000.action.main.maxRssKb / 1024).toFixed(0)} MB` : 'not run',
  });
  return out;
}

export function profileLines(r: RowResult): string[] {
  const { action: a, baseline: b } = r;
  const lines = [`profile ${label(r.row)} (ms from the step's start):`];
  lines.push(...profileStep('main', a.main, a.spans, a.canaries).map((l) => `  ${l}`));
  const p = a.player;
  if (p) {
    lines.push(
      `  player: ${p.played.container} canaries played, ${p.real.container} run by sh (and their probes by the stand-ins)`,
    );
  }
  lines.push(...profileStep('post', a.post, a.spans).map((l) => `  ${l}`));
  if (b) {
    const parts = Object.entries(b.phases).map(([k, v]) => `${k} ${s(v)}`);
    lines.push(`  serial baseline ${s(b.wallMs)}: ${parts.join(', ')}`);
  }
  return lines;
}
