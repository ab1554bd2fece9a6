// The bench's output: one table of the numbers, one of where the CPU went, the
// targets with PASS / FAIL, and on request where each run's time went.
import { LIMIT_MS, type ActionMeasure, type BaselineMeasure } from './measure.ts';
import { benchMatrix } from './matrix.ts';
import { profileStep } from './profile.ts';

/**
 * The most kubectl processes a row may take, main and post: 3 per canary, 1 per source
 * namespace that exists already (the read of what selects a canary's labels there), 5 per run.
 */
export function kubectlBound(row: Pick<Row, 'tests' | 'canaries'>): number {
  return 3 * row.canaries + benchMatrix(row.tests, row.canaries).existing.length + 5;
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
  /** the 200-row's serial time per test × tests, when no baseline ran */
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
      'kubectl procs (max)',
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
      `${a.kubectl} (${kubectlBound(row)})`,
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
      'double (API + exec)',
      'probe stand-ins',
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
        `${total.toFixed(1)} s`,
        `${((a.wallMs / 1000) * cores).toFixed(1)} s`,
      ];
    }),
  );
}

export function targets(results: RowResult[]): Target[] {
  const out: Target[] = [];
  const r200 = results.find((r) => r.row.tests === 200 && r.row.canaries === 20);
  out.push({
    what: '200/20: wall ≤ 1.5× the limit',
    ...(r200 ? { ok: r200.action.wallMs <= 1.5 * LIMIT_MS } : {}),
    detail: r200 ? `${s(r200.action.wallMs)}, at most ${s(1.5 * LIMIT_MS)}` : 'not run',
  });
  out.push({
    what: '200/20: ≥ 20× faster than serial',
    ...(r200?.baseline ? { ok: r200.baseline.wallMs >= 20 * r200.action.wallMs } : {}),
    detail: r200?.baseline ? `${(r200.baseline.wallMs / r200.action.wallMs).toFixed(1)}×` : 'not run',
  });
  for (const r of results) {
    const max = kubectlBound(r.row);
    const name = `${r.row.tests}/${r.row.canaries}`;
    out.push({
      what: `${name}: kubectl processes ≤ 3 per canary + 1 per existing namespace + 5`,
      ok: r.action.kubectl <= max,
      detail: `${r.action.kubectl}, at most ${max}`,
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
  const r1000 = results.find((r) => r.row.tests === 1000);
  out.push({
    what: '1000 tests: peak RSS of main < 150 MB',
    ...(r1000 ? { ok: r1000.action.main.maxRssKb / 1024 < 150 } : {}),
    detail: r1000 ? `${(r1000.action.main.maxRssKb / 1024).toFixed(0)} MB` : 'not run',
  });
  return out;
}

export function profileLines(r: RowResult): string[] {
  const { action: a, baseline: b } = r;
  const lines = [`profile ${label(r.row)} (ms from the step's start):`];
  lines.push(...profileStep('main', a.main, a.spans, a.ready).map((l) => `  ${l}`));
  lines.push(...profileStep('post', a.post, a.spans).map((l) => `  ${l}`));
  if (b) {
    const parts = Object.entries(b.phases).map(([k, v]) => `${k} ${s(v)}`);
    lines.push(`  serial baseline ${s(b.wallMs)}: ${parts.join(', ')}`);
  }
  return lines;
}
