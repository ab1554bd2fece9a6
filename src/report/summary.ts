// The job summary: totals, warnings, one table row per test (failures first) and a
// reachability matrix in the style of the Kubernetes NetworkPolicy e2e truth tables.
// GitHub refuses a step summary over 1 MiB, so the page is trimmed to fit.
import { formatDuration } from '../matrix/duration.ts';
import { labelsKey } from '../matrix/plan.ts';
import { sortForReport } from './results.ts';
import type { TestResult, Verdict } from '../core/types.ts';
import { summarize } from '../probe/verdict.ts';
import { codeSpan, escapeText, tableRow } from './markdown.ts';

export const DEFAULT_SUMMARY_MAX_BYTES = 1024 * 1024 - 32 * 1024;
export const MATRIX_MAX_ROWS = 100;
export const MATRIX_MAX_COLUMNS = 40;
const WARNINGS_MAX_BYTES = 64 * 1024;
/** Room kept for the trimming note. */
const NOTE_RESERVE = 600;

export interface SummaryOptions {
  title?: string;
  /** a command that reruns the probe, shown for tests that did not pass */
  repro?: (r: TestResult) => string | undefined;
  warnings?: string[];
  maxBytes?: number;
}

const VERDICT: Record<Verdict, string> = {
  pass: '✅ pass',
  fail: '❌ fail',
  inconclusive: '⚠️ inconclusive',
};
const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

export function totalsLine(results: readonly { verdict: Verdict }[]): string {
  const c = summarize(results);
  const tests = `${c.total} ${c.total === 1 ? 'test' : 'tests'}`;
  return `**${tests}:** ✅ ${c.passed} passed · ❌ ${c.failed} failed · ⚠️ ${c.inconclusive} inconclusive`;
}

function row(r: TestResult, repro: SummaryOptions['repro']): string {
  const labels = labelsKey(r.labels);
  let detail = escapeText(r.detail);
  if (r.explanation !== undefined && r.explanation !== '')
    detail += `<br>**Why:** ${escapeText(r.explanation)}`;
  if (r.verdict !== 'pass' && repro) {
    const cmd = repro(r);
    if (cmd !== undefined && cmd !== '') detail += `<br>**Reproduce:** ${codeSpan(cmd)}`;
  }
  const time = `${formatDuration(r.durationMs)}${r.attempts > 1 ? ` (${r.attempts} tries)` : ''}`;
  return tableRow([
    escapeText(r.name),
    escapeText(r.from),
    labels === '' ? '' : codeSpan(labels),
    codeSpan(r.to),
    r.expect,
    escapeText(r.actual),
    VERDICT[r.verdict],
    time,
    detail,
  ]);
}

const TABLE_HEAD = `${tableRow(['Test', 'From', 'Labels', 'To', 'Expected', 'Actual', 'Verdict', 'Time', 'Detail'])}\n${tableRow(Array(9).fill('---'))}\n`;

function symbol(r: TestResult): string {
  if (r.actual === 'allowed') return '✓';
  if (r.actual === 'blocked' || r.actual === 'refused') return '✗';
  return '?';
}

/** The truth table, or a sentence saying why it is not drawn. */
export function reachabilityMatrix(results: readonly TestResult[]): string {
  const sources = new Map<string, string>();
  const targets = new Map<string, number>();
  const cells = new Map<string, TestResult[]>();
  for (const r of results) {
    const labels = labelsKey(r.labels);
    const source = `${r.from}|${labels}`;
    if (!sources.has(source)) sources.set(source, labels === '' ? r.from : `${r.from} [${labels}]`);
    if (!targets.has(r.to)) targets.set(r.to, targets.size);
    const key = `${source}\u0000${r.to}`;
    const list = cells.get(key) ?? [];
    list.push(r);
    cells.set(key, list);
  }
  const heading = '### Reachability\n\n';
  if (sources.size > MATRIX_MAX_ROWS || targets.size > MATRIX_MAX_COLUMNS) {
    return `${heading}The reachability matrix is not drawn: it would have ${sources.size} sources × ${targets.size} targets, more than ${MATRIX_MAX_ROWS} × ${MATRIX_MAX_COLUMNS}.\n`;
  }
  const lines = [
    tableRow(['from \\\\ to', ...[...targets.keys()].map(codeSpan)]),
    tableRow(['---', ...[...targets.keys()].map(() => ':-:')]),
  ];
  for (const [source, shown] of sources) {
    const row = [escapeText(shown)];
    for (const to of targets.keys()) {
      const list = cells.get(`${source}\u0000${to}`) ?? [];
      const marks = new Set(list.map(symbol));
      let cell = list.length === 0 ? '' : marks.size === 1 ? ([...marks][0] ?? '?') : '?';
      if (list.some((r) => r.verdict === 'fail')) cell += ' ❗';
      row.push(cell);
    }
    lines.push(tableRow(row));
  }
  return `${heading}${lines.join('\n')}\n\n✓ allowed · ✗ denied (blocked or refused) · ? unknown · ❗ contradicts the expectation\n`;
}

function warningsBlock(warnings: readonly string[]): string {
  const out: string[] = [];
  let size = 0;
  for (const [i, w] of warnings.entries()) {
    const line = `- ⚠️ ${escapeText(w)}\n`;
    if (size + bytes(line) > WARNINGS_MAX_BYTES) {
      out.push(`- … and ${warnings.length - i} more warnings\n`);
      break;
    }
    out.push(line);
    size += bytes(line);
  }
  return out.length === 0 ? '' : `${out.join('')}\n`;
}

export function renderSummary(results: readonly TestResult[], opts: SummaryOptions = {}): string {
  const maxBytes = opts.maxBytes ?? DEFAULT_SUMMARY_MAX_BYTES;
  const head = `## ${escapeText(opts.title ?? 'netpol-canary')}\n\n${totalsLine(results)}\n\n${warningsBlock(opts.warnings ?? [])}`;
  const sorted = sortForReport(results);
  const rows = sorted.map((r) => `${row(r, opts.repro)}\n`);
  const rowBytes = rows.map(bytes);
  const matrix = results.length === 0 ? '' : `\n${reachabilityMatrix(results)}`;

  const keep = rows.map(() => true);
  let size = bytes(head) + bytes(TABLE_HEAD) + rowBytes.reduce((a, b) => a + b, 0) + bytes(matrix);
  let withMatrix = true;
  const fits = (): boolean => size + NOTE_RESERVE <= maxBytes;
  // Passing rows go first (the last ones first), then the matrix, then the others.
  for (let i = rows.length - 1; i >= 0 && !fits(); i--) {
    if (sorted[i]?.verdict === 'pass') {
      keep[i] = false;
      size -= rowBytes[i] ?? 0;
    }
  }
  if (!fits() && matrix !== '') {
    withMatrix = false;
    size -= bytes(matrix);
  }
  for (let i = rows.length - 1; i >= 0 && !fits(); i--) {
    if (keep[i]) {
      keep[i] = false;
      size -= rowBytes[i] ?? 0;
    }
  }
  const dropped = keep.filter((k) => !k).length;
  const shownRows = rows.filter((_, i) => keep[i]).join('');
  const table = shownRows === '' ? '' : `${TABLE_HEAD}${shownRows}`;
  let note = '';
  if (dropped > 0 || (!withMatrix && matrix !== '')) {
    const what = [
      dropped > 0 ? `${dropped} of ${rows.length} rows (passing rows first)` : '',
      !withMatrix && matrix !== '' ? 'the reachability matrix' : '',
    ]
      .filter(Boolean)
      .join(' and ');
    note = `\n> **Note:** ${what} are left out to keep this summary under GitHub's size limit for a step summary; every result is in the JUnit report and in the \`results\` output.\n`;
  }
  let out = `${head}${table}${note}${withMatrix ? matrix : ''}`;
  // Only a head larger than the limit (a huge title) can still be too big.
  if (bytes(out) > maxBytes)
    out = Buffer.from(out, 'utf8')
      .subarray(0, maxBytes)
      .toString('utf8')
      .replace(/\uFFFD$/, '');
  return out;
}
