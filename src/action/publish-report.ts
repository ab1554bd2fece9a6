// Publishing a run's results the GitHub way: outputs, job summary, one
// annotation per failed or inconclusive test, a JUnit file, and the step's status.
import * as core from '@actions/core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { annotationsFor } from '../report/annotations.ts';
import { renderJUnit } from '../report/junit.ts';
import { renderSummary } from '../report/summary.ts';
import { reproduceCommand } from '../probe/repro.ts';
import type { Settings, TestCase, TestResult } from '../core/types.ts';
import { summarize } from '../probe/verdict.ts';

export async function publishReport(
  results: TestResult[],
  tests: TestCase[],
  settings: Settings,
  run: string,
  warnings: string[],
): Promise<void> {
  const counts = summarize(results);
  core.setOutput('passed', String(counts.passed));
  core.setOutput('failed', String(counts.failed));
  core.setOutput('inconclusive', String(counts.inconclusive));
  core.setOutput('results', JSON.stringify(results));

  const junitInput = core.getInput('junit-file');
  const junitPath = junitInput
    ? resolve(process.env.GITHUB_WORKSPACE ?? process.cwd(), junitInput)
    : join(process.env.RUNNER_TEMP ?? process.cwd(), `netpol-canary-${run}.junit.xml`);
  mkdirSync(dirname(junitPath), { recursive: true });
  writeFileSync(junitPath, renderJUnit(results, { suiteName: 'netpol-canary' }));
  core.setOutput('junit', junitPath);

  for (const a of annotationsFor(results)) core.error(a.message, { title: a.title });

  if (process.env.GITHUB_STEP_SUMMARY) {
    const byName = new Map(tests.map((t) => [t.name, t]));
    const repro = (r: TestResult): string | undefined => {
      const test = byName.get(r.name);
      return test ? reproduceCommand(test, settings) : undefined;
    };
    await core.summary
      .addRaw(renderSummary(results, { title: 'netpol-canary', repro, warnings }), true)
      .write();
  }

  const line = `${counts.passed} passed, ${counts.failed} failed, ${counts.inconclusive} inconclusive`;
  if (counts.failed + counts.inconclusive > 0 && settings.failOnMismatch) {
    const why = [
      counts.failed > 0 ? 'A failed test means a NetworkPolicy does not do what the matrix expects.' : '',
      counts.inconclusive > 0
        ? 'An inconclusive test could not be told either way: its detail in the summary says why.'
        : '',
    ];
    core.setFailed(`${line}. ${why.filter(Boolean).join(' ')}`);
  } else {
    core.info(line);
  }
}
