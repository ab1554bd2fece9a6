// The results as JUnit XML, which CI systems and test-report actions understand: one
// testsuite (its time the run's wall time, its properties the run id, context and
// image), one testcase per test with one classname per source, <failure> for a failed
// test and <error type="inconclusive"> for one that could not be told. It follows the
// JUnit format as CI tools read it (test/report/junit.xsd checks it).
import { sortForReport } from './results.ts';
import { labelsKey } from '../matrix/plan.ts';
import type { TestCase, TestResult } from '../core/types.ts';

// Characters XML 1.0 does not allow at all (not even as references): remove them.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlText(text: string): string {
  return text.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** For a double-quoted attribute; whitespace kept as references so parsers keep it. */
export function xmlAttr(text: string): string {
  return xmlText(text)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

const seconds = (ms: number): string => (Math.max(0, ms) / 1000).toFixed(3);

export interface JUnitOptions {
  suiteName?: string;
  /** the run's wall time; without it, the sum of the tests' times */
  wallTimeMs?: number;
  /** `<properties>` of the testsuite: run id, cluster context, image, mode … (empty values left out) */
  properties?: Record<string, string | undefined>;
  /** the matrix file and its tests (for `file` and `line` of each testcase), matched by name */
  file?: string;
  tests?: readonly TestCase[];
}

/** One classname per source: the namespace, and the labels when the canary has some. */
export function classnameOf(r: Pick<TestResult, 'from' | 'labels'>): string {
  const labels = labelsKey(r.labels);
  return labels === '' ? r.from : `${r.from} [${labels}]`;
}

export function renderJUnit(results: readonly TestResult[], opts: JUnitOptions = {}): string {
  const suite = opts.suiteName ?? 'netpol-canary';
  const failures = results.filter((r) => r.verdict === 'fail').length;
  const errors = results.filter((r) => r.verdict === 'inconclusive').length;
  // the tests of a run overlap in time: their sum is not how long the run took
  const time = seconds(opts.wallTimeMs ?? results.reduce((sum, r) => sum + r.durationMs, 0));
  const counts = `tests="${results.length}" failures="${failures}" errors="${errors}" skipped="0" time="${time}"`;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xmlAttr(suite)}" ${counts.replace(' skipped="0"', '')}>`,
    `  <testsuite name="${xmlAttr(suite)}" ${counts}>`,
  ];
  const props = Object.entries(opts.properties ?? {}).filter(
    (e): e is [string, string] => e[1] !== undefined && e[1] !== '',
  );
  if (props.length > 0) {
    lines.push('    <properties>');
    for (const [name, value] of props)
      lines.push(`      <property name="${xmlAttr(name)}" value="${xmlAttr(value)}"/>`);
    lines.push('    </properties>');
  }
  const lineOf = new Map((opts.tests ?? []).map((t) => [t.name, t.line]));
  for (const r of sortForReport(results)) {
    const line = lineOf.get(r.name);
    const place =
      opts.file !== undefined && line !== undefined ? ` file="${xmlAttr(opts.file)}" line="${line}"` : '';
    const open = `    <testcase name="${xmlAttr(r.name)}" classname="${xmlAttr(classnameOf(r))}" time="${seconds(r.durationMs)}"${place}`;
    const labels = labelsKey(r.labels);
    const body = [
      `from: namespace ${r.from}${labels === '' ? '' : `, labels ${labels}`}`,
      `to: ${r.to}`,
      `expected: ${r.expect}, actual: ${r.actual}, attempts: ${r.attempts}`,
      r.detail,
      ...(r.explanation !== undefined && r.explanation !== '' ? [`why: ${r.explanation}`] : []),
    ].join('\n');
    const message = `expected ${r.expect}, got ${r.actual}`;
    if (r.verdict === 'pass') {
      lines.push(`${open}>`, `      <system-out>${xmlText(body)}</system-out>`, '    </testcase>');
    } else {
      const tag = r.verdict === 'fail' ? 'failure' : 'error';
      lines.push(
        `${open}>`,
        `      <${tag} message="${xmlAttr(message)}" type="${r.verdict === 'fail' ? 'fail' : 'inconclusive'}">${xmlText(body)}</${tag}>`,
        '    </testcase>',
      );
    }
  }
  lines.push('  </testsuite>', '</testsuites>', '');
  return lines.join('\n');
}
