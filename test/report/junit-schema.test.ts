// The JUnit report, validated against the JUnit format as CI tools read it
// (test/report/junit.xsd, see its header) by xmllint (Debian's libxml2-utils):
// the report CI tools read must be one they can read.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderJUnit } from '../../src/report/junit.ts';
import type { TestCase, TestResult } from '../../src/core/types.ts';

const XSD = resolve(import.meta.dirname, 'junit.xsd');
const dir = mkdtempSync(join(tmpdir(), 'netpol-junit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function validate(xml: string): { ok: boolean; output: string } {
  const file = join(dir, `report-${Math.random().toString(36).slice(2)}.xml`);
  writeFileSync(file, xml);
  const r = spawnSync('xmllint', ['--noout', '--schema', XSD, file], { encoding: 'utf8' });
  if (r.error) {
    throw new Error(
      `xmllint could not be started (${r.error.message}): install Debian's libxml2-utils (apt-get install libxml2-utils); .ci/run does`,
    );
  }
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

const base = {
  from: 'dark-tower',
  labels: { app: 'frontend' },
  to: 'http://backend.dark-tower:8080/',
  expect: 'allow' as const,
  attempts: 1,
  durationMs: 4000,
};
const results: TestResult[] = [
  { ...base, name: 'reaches backend', actual: 'allowed', verdict: 'pass', detail: 'connected' },
  {
    ...base,
    name: 'wrong <one> & "quoted"\u0007',
    labels: {},
    actual: 'blocked',
    verdict: 'fail',
    detail: 'expected allow, but it was denied: no answer',
    explanation: 'policy dark-tower/deny-all selects every pod',
  },
  {
    ...base,
    name: 'typo',
    from: 'shop',
    actual: 'dns-error',
    verdict: 'inconclusive',
    detail: 'bad address',
    durationMs: 6000,
  },
];
const tests = results.map((r, i) => ({ name: r.name, line: 3 + 4 * i }) as TestCase);

describe('the JUnit report', () => {
  const xml = renderJUnit(results, {
    wallTimeMs: 9100,
    properties: { mode: 'run', run: '123-1-abcd', context: 'kind-kind', image: 'busybox:1.36', empty: '' },
    file: 'ci/matrix.yaml',
    tests,
  });

  it('is valid against the JUnit schema', () => {
    const r = validate(xml);
    expect(r.output).toMatch(/validates/);
    expect(r.ok).toBe(true);
    expect(validate(renderJUnit([])).ok).toBe(true);
  });

  it('is refused by the schema when broken (the check can fail)', () => {
    const r = validate(
      xml.replace(/<testsuite name="netpol-canary" tests="3"/, '<testsuite name="netpol-canary"'),
    );
    expect(r.ok).toBe(false);
    expect(r.output).toMatch(/tests.*required|required.*tests/i);
  });

  it("gives the run's wall time, not the sum of its tests' times", () => {
    expect(xml).toMatch(
      /<testsuite name="netpol-canary" tests="3" failures="1" errors="1" skipped="0" time="9\.100">/,
    );
    expect(xml).toMatch(/<testsuites name="netpol-canary" tests="3" failures="1" errors="1" time="9\.100">/);
  });

  it('has one classname per source, and the file and line of each test', () => {
    const names = [...xml.matchAll(/<testcase name="([^"]*)" classname="([^"]*)"[^>]*line="(\d+)"/g)].map(
      (m) => [m[1], m[2], m[3]],
    );
    expect(names).toEqual([
      ['wrong &lt;one&gt; &amp; &quot;quoted&quot;', 'dark-tower', '7'],
      ['typo', 'shop [app=frontend]', '11'],
      ['reaches backend', 'dark-tower [app=frontend]', '3'],
    ]);
    expect(xml).toContain('file="ci/matrix.yaml"');
  });

  it('carries the run id, the cluster context and the image as properties', () => {
    expect(xml).toContain(
      [
        '    <properties>',
        '      <property name="mode" value="run"/>',
        '      <property name="run" value="123-1-abcd"/>',
        '      <property name="context" value="kind-kind"/>',
        '      <property name="image" value="busybox:1.36"/>',
        '    </properties>',
      ].join('\n'),
    );
  });
});
