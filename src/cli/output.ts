// What the CLI reads and writes besides the cluster: the matrix file, the result
// table a person reads, the JSON a script reads, the JUnit file a CI tool reads.
import {
  accessSync,
  constants as fsConstants,
  mkdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, resolve } from 'node:path';
import { defaultTestName, MAX_MATRIX_BYTES, parseMatrix } from '../matrix/parse-matrix.ts';
import { labelsKey } from '../matrix/plan.ts';
import { renderJUnit, type JUnitOptions } from '../report/junit.ts';
import { sortForReport } from '../report/results.ts';
import type { Result } from '../core/result.ts';
import type { Matrix, TestResult, Verdict } from '../core/types.ts';
import { summarize } from '../probe/verdict.ts';

/** Reads and validates a matrix file; `path` is relative to the working directory. */
export function readMatrixFile(path: string, what = 'the matrix file'): Result<Matrix> {
  const info = statSync(path, { throwIfNoEntry: false });
  if (!info) return { ok: false, errors: [`${what} ${path} does not exist (looked for ${resolve(path)})`] };
  if (!info.isFile())
    return { ok: false, errors: [`${what} ${path} is not a file; give a YAML or JSON matrix`] };
  if (info.size > MAX_MATRIX_BYTES) {
    return {
      ok: false,
      errors: [`${what} ${path} is ${info.size} bytes; at most 1 MiB is accepted, split it`],
    };
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return { ok: false, errors: [`${what} ${path} could not be read: ${(e as Error).message}`] };
  }
  return parseMatrix(text, path);
}

/** Writes the JUnit XML report; returns an error sentence when it cannot. */
/**
 * Why the JUnit report could not be written to `path`, asked before a run starts (a run's
 * results lost at its end for a typo'd path would be a run for nothing); undefined when it
 * can. Missing folders are fine: writeJunit makes them.
 */
export function junitPathProblem(path: string): string | undefined {
  const full = resolve(path);
  const kind = (p: string): 'dir' | 'file' | undefined => {
    try {
      return statSync(p).isDirectory() ? 'dir' : 'file';
    } catch {
      return undefined;
    }
  };
  if (kind(full) === 'dir')
    return `--junit ${path}: that is a folder; give a file name, such as ${path.replace(/\/+$/, '')}/report.xml`;
  let dir = dirname(full);
  while (kind(dir) === undefined && dirname(dir) !== dir) dir = dirname(dir);
  if (kind(dir) === 'file') return `--junit ${path}: ${dir} is a file, not a folder`;
  try {
    accessSync(dir, fsConstants.W_OK);
  } catch {
    return `--junit ${path}: cannot write in ${dir}`;
  }
  return undefined;
}

export function writeJunit(
  path: string,
  results: readonly TestResult[],
  opts: JUnitOptions = {},
): string | undefined {
  try {
    mkdirSync(dirname(resolve(path)), { recursive: true });
    writeFileSync(path, renderJUnit(results, { suiteName: 'netpol-canary', ...opts }));
    return undefined;
  } catch (e) {
    return `the JUnit report could not be written to ${path} (--junit): ${(e as Error).message}`;
  }
}

/** Colour only for a terminal that wants it (https://no-color.org). */
export function wantsColor(isTTY: boolean, env: NodeJS.ProcessEnv): boolean {
  return isTTY && !env.NO_COLOR && env.TERM !== 'dumb';
}

const SGR = { red: 31, green: 32, yellow: 33, dim: 2, bold: 1 } as const;

export function paint(on: boolean, style: keyof typeof SGR, text: string): string {
  return on ? `\x1b[${SGR[style]}m${text}\x1b[0m` : text;
}

const MARK: Record<Verdict, string> = { pass: '✓', fail: '✗', inconclusive: '?' };
const STYLE = { pass: 'green', fail: 'red', inconclusive: 'yellow' } as const;

/** One line of text: a user's name or busybox's output must not break the table. */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what we remove
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
}

/** `dark-tower [app=frontend]`, or just the namespace for a canary without labels. */
export function sourceText(r: Pick<TestResult, 'from' | 'labels'>): string {
  const labels = labelsKey(r.labels);
  return labels === '' ? r.from : `${r.from} [${labels}]`;
}

/** Columns are padded up to this; a longer cell pushes its row out rather than being cut. */
const MAX_COLUMN = 56;

export interface TableOptions {
  color: boolean;
  /** print every test's explanation (predict); otherwise only under tests that did not pass */
  explainAll?: boolean;
}

/**
 * The result table: failures first, then inconclusive, then passes. Under a
 * test that did not pass: its name (when the user gave one) and why the
 * policies decide as they do, when that is known.
 */
export function renderTable(results: readonly TestResult[], opts: TableOptions): string {
  const head = ['VERDICT', 'FROM [LABELS]', 'TO', 'EXPECT', 'ACTUAL', 'DETAIL'];
  const rows = sortForReport(results).map((r) => ({
    r,
    cells: [
      `${MARK[r.verdict]} ${r.verdict}`,
      oneLine(sourceText(r)),
      oneLine(r.to),
      r.expect,
      r.actual,
      oneLine(r.detail),
    ],
  }));
  const widths = head.map((h, i) =>
    Math.min(MAX_COLUMN, Math.max(h.length, ...rows.map((row) => (row.cells[i] ?? '').length))),
  );
  const line = (cells: string[], verdict?: Verdict): string =>
    cells
      .map((c, i) => {
        const padded = i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0);
        return i === 0 && verdict ? paint(opts.color, STYLE[verdict], padded) : padded;
      })
      .join('  ')
      .trimEnd();
  const indent = ' '.repeat((widths[0] ?? 0) + 2);
  const out = [paint(opts.color, 'bold', line(head))];
  for (const { r, cells } of rows) {
    out.push(line(cells, r.verdict));
    const notes: string[] = [];
    if (r.verdict !== 'pass' && r.name !== defaultTestName(r.from, r.to, r.labels))
      notes.push(`test: ${oneLine(r.name)}`);
    if (r.explanation && (opts.explainAll || r.verdict !== 'pass') && !r.detail.includes(r.explanation))
      notes.push(`why: ${oneLine(r.explanation)}`);
    for (const n of notes) out.push(paint(opts.color, 'dim', `${indent}${n}`));
  }
  return out.join('\n');
}

/** `9 tests: 8 passed, 1 failed, 0 inconclusive` */
export function totalsLine(results: readonly TestResult[]): string {
  const c = summarize(results);
  return `${c.total} test${c.total === 1 ? '' : 's'}: ${c.passed} passed, ${c.failed} failed, ${c.inconclusive} inconclusive`;
}

/** 0 when every test passed, else 1 (a matrix without tests is refused before this). */
export function exitCodeFor(results: readonly TestResult[]): number {
  return results.every((r) => r.verdict === 'pass') ? 0 : 1;
}

/** The `results` array, as the action's output has it. */
export function resultsJson(results: readonly TestResult[]): string {
  return JSON.stringify(results, null, 2);
}
