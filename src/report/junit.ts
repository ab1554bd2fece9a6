// The results as JUnit XML, which CI systems and test-report actions understand: one
// testsuite, one testcase per test, <failure> for a failed test and
// <error type="inconclusive"> for one that could not be told.
import { sortForReport } from './results.ts';
import type { TestResult } from '../core/types.ts';

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

export function renderJUnit(results: readonly TestResult[], opts: { suiteName?: string } = {}): string {
  const suite = opts.suiteName ?? 'netpol-canary';
  const failures = results.filter((r) => r.verdict === 'fail').length;
  const errors = results.filter((r) => r.verdict === 'inconclusive').length;
  const time = seconds(results.reduce((sum, r) => sum + r.durationMs, 0));
  const counts = `tests="${results.length}" failures="${failures}" errors="${errors}" skipped="0" time="${time}"`;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xmlAttr(suite)}" ${counts}>`,
    `  <testsuite name="${xmlAttr(suite)}" ${counts}>`,
  ];
  for (const r of sortForReport(results)) {
    const open = `    <testcase name="${xmlAttr(r.name)}" classname="${xmlAttr(r.from)}" time="${seconds(r.durationMs)}"`;
    const labels = Object.entries(r.labels)
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
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
