// The job summary, laid out to be read at a glance at the width of a browser window
// (about 1000 px): a headline with the verdict and the counts; a block for each test that
// failed or was inconclusive (source → target, expected against actual, why, what the
// probe said, evidence, and the reproduce command folded away); the reachability matrix
// with a legend; the passing tests folded in a narrow table. No wide table anywhere: a
// verdict or a why never sits behind a horizontal scrollbar.
// GitHub refuses a step summary over 1 MiB, so the page is trimmed to fit.
import { formatDuration } from '../matrix/duration.ts';
import { defaultTestName } from '../matrix/parse-matrix.ts';
import { labelsKey } from '../matrix/plan.ts';
import { sortForReport } from './results.ts';
import type { Evidence, TestCase, TestResult, Verdict } from '../core/types.ts';
import { storyOf, summarize } from '../probe/verdict.ts';
import { codeBlock, codeSpan, escapeText, tableRow } from './markdown.ts';

export const DEFAULT_SUMMARY_MAX_BYTES = 1024 * 1024 - 32 * 1024;
export const MATRIX_MAX_ROWS = 100;
export const MATRIX_MAX_COLUMNS = 40;
const WARNINGS_MAX_BYTES = 64 * 1024;
const UNVERIFIED_MAX = 100;
/** Room kept for the trimming note. */
const NOTE_RESERVE = 600;

export interface SummaryOptions {
  /** a run probes the cluster; a prediction reads manifests (no probe, no time) */
  mode?: 'run' | 'predict';
  /** which use of the action this was: the `title` input, or the step's id */
  title?: string;
  /** the run's identity and wall time, for the headline */
  run?: string;
  wallTimeMs?: number;
  /** the matrix's tests (for their lines and `control: none`), matched by name */
  tests?: readonly TestCase[];
  /** where the matrix came from, as shown next to line numbers (a workspace path) */
  matrixFile?: string;
  /** a command that reruns the probe, shown for tests that did not pass */
  repro?: (r: TestResult) => string | undefined;
  /** events, status reasons, policies: shown in a test's block */
  evidence?: (r: TestResult) => Evidence | undefined;
  warnings?: string[];
  maxBytes?: number;
}

const VERDICT: Record<Verdict, string> = {
  pass: '✅ pass',
  fail: '❌ fail',
  inconclusive: '⚠️ inconclusive',
};
const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** `✅ 6 passed · ❌ 2 failed · ⚠️ 1 inconclusive`, leading with the verdict that decides. */
export function totalsLine(
  results: readonly { verdict: Verdict }[],
  mode: 'run' | 'predict' = 'run',
): string {
  const c = summarize(results);
  const verdict =
    c.failed > 0
      ? mode === 'run'
        ? '❌ Failed'
        : '❌ Predicted to fail'
      : c.inconclusive > 0
        ? mode === 'run'
          ? '⚠️ Inconclusive'
          : '⚠️ Cannot be predicted'
        : mode === 'run'
          ? '✅ Passed'
          : '✅ Predicted to pass';
  return `**${verdict}** · ${plural(c.total, 'test')}: ❌ ${c.failed} failed · ⚠️ ${c.inconclusive} inconclusive · ✅ ${c.passed} passed`;
}

/** `dark-tower [app=frontend]`, or just the namespace for a pod without labels. */
function sourceText(r: { from: string; labels: TestResult['labels'] }): string {
  const labels = labelsKey(r.labels);
  return labels === '' ? r.from : `${r.from} [${labels}]`;
}

function sourceMarkdown(r: TestResult): string {
  const labels = labelsKey(r.labels);
  return `namespace ${codeSpan(r.from)}${labels === '' ? ', no labels' : `, labels ${codeSpan(labels)}`}`;
}

function heading(opts: SummaryOptions): string {
  const what = opts.mode === 'predict' ? 'netpol-canary prediction' : 'netpol-canary run';
  const title = opts.title?.trim();
  return `## ${what}${title ? `: ${escapeText(title)}` : ''}\n\n`;
}

function headline(results: readonly TestResult[], opts: SummaryOptions): string {
  const facts: string[] = [];
  if (opts.mode === 'predict') facts.push('predicted from the manifests; nothing was probed');
  if (opts.run) facts.push(`run ${codeSpan(opts.run)}`);
  if (opts.wallTimeMs !== undefined && opts.mode !== 'predict') facts.push(formatDuration(opts.wallTimeMs));
  return `${totalsLine(results, opts.mode)}\n${facts.length > 0 ? `\n<sub>${facts.join(' · ')}</sub>\n` : ''}\n`;
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

/** One failed or inconclusive test, as a block of its own. */
function block(r: TestResult, test: TestCase | undefined, opts: SummaryOptions): string {
  const predict = opts.mode === 'predict';
  const lines: string[] = [`### ${VERDICT[r.verdict]}: ${escapeText(r.name)}`, ''];
  const item = (label: string, text: string): void => void lines.push(`- **${label}** ${text}`);
  item('From', `${sourceMarkdown(r)} **→** ${codeSpan(r.to)}`);
  const tries = !predict && r.attempts > 1 ? `, after ${r.attempts} attempts` : '';
  const time = !predict && r.durationMs > 0 ? ` (${formatDuration(r.durationMs)})` : '';
  item(
    'Expected',
    `${r.expect}, ${predict ? 'predicted' : 'got'} **${escapeText(r.actual)}**${tries}${time}`,
  );
  const why = r.explanation?.trim();
  if (why) item('Why:', escapeText(why));
  // the probe's own words; a prediction has none, and its detail only repeats the why
  const story = storyOf(r.detail).trim();
  // a test whose canary never ran has no probe text: what it has is why the canary did not run
  const probed = r.attempts > 0;
  if (!predict && story !== '' && story !== why) item(probed ? 'Probe said:' : 'Canary:', escapeText(story));
  if (predict && !why && story !== '') item('Why:', escapeText(story));
  const evidence = opts.evidence?.(r);
  for (const e of evidence?.events ?? []) item('Event:', escapeText(e));
  for (const p of evidence?.policies ?? []) {
    // a cluster-scoped admin-tier policy has a kind and no namespace
    const shown = p.kind ? `${p.kind} ${p.name}` : `${p.namespace}/${p.name}`;
    const get = p.kind
      ? `kubectl get ${p.kind.toLowerCase()} ${p.name} -o yaml`
      : `kubectl get networkpolicy -n ${p.namespace} ${p.name} -o yaml`;
    item('Policy', `${codeSpan(shown)}: ${codeSpan(get)}`);
  }
  if (test?.line !== undefined) {
    item(
      'Matrix:',
      opts.matrixFile ? `${codeSpan(opts.matrixFile)}, line ${test.line}` : `line ${test.line} of the input`,
    );
  }
  // a prediction probed nothing: there is nothing to reproduce
  const cmd = r.verdict !== 'pass' && !predict ? opts.repro?.(r) : undefined;
  if (cmd) {
    lines.push('', '<details><summary>Reproduce</summary>', '', codeBlock(cmd, 'sh'), '', '</details>');
  }
  return `${lines.join('\n')}\n\n`;
}

function symbol(r: TestResult): string {
  if (r.actual === 'allowed') return '✓';
  if (r.actual === 'blocked' || r.actual === 'refused') return '✗';
  return '?';
}

/** The truth table and its legend, or a sentence saying why it is not drawn. */
export function reachabilityMatrix(results: readonly TestResult[], mode: 'run' | 'predict' = 'run'): string {
  const sources = new Map<string, string>();
  const targets = new Map<string, number>();
  const cells = new Map<string, TestResult[]>();
  for (const r of results) {
    const source = `${r.from}|${labelsKey(r.labels)}`;
    if (!sources.has(source)) sources.set(source, sourceText(r));
    if (!targets.has(r.to)) targets.set(r.to, targets.size);
    const key = `${source}\u0000${r.to}`;
    const list = cells.get(key) ?? [];
    list.push(r);
    cells.set(key, list);
  }
  const heading = '### Reachability\n\n';
  if (sources.size > MATRIX_MAX_ROWS || targets.size > MATRIX_MAX_COLUMNS) {
    return `${heading}The reachability matrix is not drawn: it would have ${sources.size} sources × ${targets.size} targets, more than ${MATRIX_MAX_ROWS} × ${MATRIX_MAX_COLUMNS}.\n\n`;
  }
  // targets are numbered in the header and named in a list below: long URLs never widen the table
  const numbered = [...targets.keys()];
  const lines = [
    tableRow(['from \\\\ to', ...numbered.map((_, i) => `**${i + 1}**`)]),
    tableRow(['---', ...numbered.map(() => ':-:')]),
  ];
  for (const [source, shown] of sources) {
    const row = [escapeText(shown)];
    for (const to of numbered) {
      const list = cells.get(`${source}\u0000${to}`) ?? [];
      const marks = new Set(list.map(symbol));
      let cell = list.length === 0 ? '' : marks.size === 1 ? ([...marks][0] ?? '?') : '?';
      if (list.some((r) => r.verdict === 'fail')) cell += ' ❗';
      row.push(cell);
    }
    lines.push(tableRow(row));
  }
  const names = numbered.map((to, i) => `${i + 1}. ${codeSpan(to)}`).join('\n');
  const legend =
    mode === 'predict'
      ? '✓ predicted allowed · ✗ predicted denied · ? cannot be predicted, or the tests of the cell disagree · ' +
        '❗ contradicts the expectation · blank: not tested'
      : '✓ allowed · ✗ denied (timed out, or refused) · ? unknown (the probe could not tell, or the tests of the cell disagree) · ' +
        '❗ contradicts the expectation · blank: not tested';
  return `${heading}${lines.join('\n')}\n\n${names}\n\n${legend}\n\n`;
}

const PASS_HEAD = `${tableRow(['Test', 'From → to', 'Expected'])}\n${tableRow(['---', '---', '---'])}\n`;

function passRow(r: TestResult): string {
  // a default name already says from and to
  const isDefault =
    r.name === defaultTestName(r.from, r.to, r.labels) ||
    (r.name.startsWith(`${r.from} `) && r.name.endsWith(` -> ${r.to}`));
  const route = isDefault ? '' : `${escapeText(sourceText(r))} → ${codeSpan(r.to)}`;
  return `${tableRow([escapeText(r.name), route, `${r.expect}: ${escapeText(r.actual)}`])}\n`;
}

function unverifiedBlock(results: readonly TestResult[], byName: Map<string, TestCase>): string {
  const list = results.filter((r) => byName.get(r.name)?.control === 'none');
  if (list.length === 0) return '';
  const items = list
    .slice(0, UNVERIFIED_MAX)
    .map((r) => `- ${escapeText(r.name)}: ${codeSpan(r.to)}, ${VERDICT[r.verdict]} (address not verified)`);
  if (list.length > UNVERIFIED_MAX) items.push(`- … and ${list.length - UNVERIFIED_MAX} more`);
  return (
    `### Address not verified\n\n` +
    `These deny tests say \`control: none\`: no allow test proves that their address is reachable at all, so a mistyped address would pass them too.\n\n` +
    `${items.join('\n')}\n\n`
  );
}

export function renderSummary(results: readonly TestResult[], opts: SummaryOptions = {}): string {
  const maxBytes = opts.maxBytes ?? DEFAULT_SUMMARY_MAX_BYTES;
  const mode = opts.mode ?? 'run';
  const byName = new Map((opts.tests ?? []).map((t) => [t.name, t]));
  const head = `${heading(opts)}${headline(results, { ...opts, mode })}${warningsBlock(opts.warnings ?? [])}`;
  const sorted = sortForReport(results);
  const bad = sorted.filter((r) => r.verdict !== 'pass');
  const passed = sorted.filter((r) => r.verdict === 'pass');
  const blocks = bad.map((r) => block(r, byName.get(r.name), { ...opts, mode }));
  const rows = passed.map(passRow);
  const unverified = unverifiedBlock(sortForReport(results), byName);
  const matrix = results.length === 0 ? '' : reachabilityMatrix(results, mode);

  const keepBlock = blocks.map(() => true);
  const keepRow = rows.map(() => true);
  const passFrame = (n: number): number =>
    n === 0
      ? 0
      : bytes(
          `<details><summary>✅ ${plural(passed.length, 'passed test')}</summary>\n\n${PASS_HEAD}\n</details>\n\n`,
        );
  let shownRows = rows.length;
  let size =
    bytes(head) +
    blocks.reduce((a, b) => a + bytes(b), 0) +
    bytes(unverified) +
    bytes(matrix) +
    rows.reduce((a, b) => a + bytes(b), 0) +
    passFrame(rows.length);
  let withMatrix = true;
  const fits = (): boolean => size + NOTE_RESERVE <= maxBytes;
  // Passing rows go first (the last ones first), then the matrix, then the blocks.
  for (let i = rows.length - 1; i >= 0 && !fits(); i--) {
    keepRow[i] = false;
    size -= bytes(rows[i] ?? '');
    shownRows--;
    if (shownRows === 0) size -= passFrame(1);
  }
  if (!fits() && matrix !== '') {
    withMatrix = false;
    size -= bytes(matrix);
  }
  for (let i = blocks.length - 1; i >= 0 && !fits(); i--) {
    keepBlock[i] = false;
    size -= bytes(blocks[i] ?? '');
  }
  const droppedBlocks = keepBlock.filter((k) => !k).length;
  const droppedRows = keepRow.filter((k) => !k).length;
  const passTable =
    shownRows === 0
      ? ''
      : `<details><summary>✅ ${plural(passed.length, 'passed test')}</summary>\n\n${PASS_HEAD}${rows.filter((_, i) => keepRow[i]).join('')}\n</details>\n\n`;
  let note = '';
  if (droppedBlocks > 0 || droppedRows > 0 || (!withMatrix && matrix !== '')) {
    const what = [
      droppedBlocks > 0 ? `${droppedBlocks} of ${blocks.length} failed or inconclusive tests` : '',
      droppedRows > 0 ? `${droppedRows} of ${rows.length} passing tests` : '',
      !withMatrix && matrix !== '' ? 'the reachability matrix' : '',
    ]
      .filter(Boolean)
      .join(' and ');
    note = `> **Note:** ${what} are left out to keep this summary under GitHub's size limit for a step summary; every result is in the JUnit report and in the \`results\` output.\n\n`;
  }
  const shownBlocks = blocks.filter((_, i) => keepBlock[i]).join('');
  let out = `${head}${shownBlocks}${note}${unverified}${withMatrix ? matrix : ''}${passTable}`;
  // Only a head larger than the limit (a huge title) can still be too big.
  if (bytes(out) > maxBytes)
    out = Buffer.from(out, 'utf8')
      .subarray(0, maxBytes)
      .toString('utf8')
      .replace(/\uFFFD$/, '');
  return out;
}
