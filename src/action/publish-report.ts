// Publishing a run's results the GitHub way: outputs, job summary, one annotation
// per failed or inconclusive test (on its line of the matrix file), a JUnit file, and
// the step's status.
import * as core from '@actions/core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { annotationsFor, MAX_ERROR_ANNOTATIONS } from '../report/annotations.ts';
import { renderJUnit } from '../report/junit.ts';
import { renderSummary } from '../report/summary.ts';
import { reproduceCommand } from '../probe/repro.ts';
import type { Evidence, Matrix, Settings, TestResult } from '../core/types.ts';
import { summarize } from '../probe/verdict.ts';

export interface ReportContext {
  mode: 'run' | 'predict';
  run: string;
  matrix: Matrix;
  settings: Settings;
  warnings: string[];
  /** how long main took to get the results */
  wallTimeMs: number;
  /** the matrix file, relative to the workspace (absent for the `matrix` input) */
  matrixFile?: string;
  /** namespaces the run created (or shared with another run): gone once post has run */
  createdNamespaces?: ReadonlySet<string>;
  /** per test name: events, status reasons and policies for its block in the summary */
  evidence?: ReadonlyMap<string, Evidence>;
}

/**
 * The heading's name for this use of the action: the `title` input, or the step's id.
 * GITHUB_ACTION holds the id when the step has one, else `__owner_repo` (with `_2`, `_3`
 * for later uses in the same job): then the use's number in the job.
 */
export function stepTitle(input: string, env: NodeJS.ProcessEnv): string | undefined {
  if (input.trim() !== '') return input.trim();
  const action = env.GITHUB_ACTION ?? '';
  if (action !== '' && !action.startsWith('__')) return `step ${action}`;
  const use = /_(\d+)$/.exec(action)?.[1];
  const job = env.GITHUB_JOB;
  if (job && use) return `job ${job}, use ${use}`;
  return job ? `job ${job}` : undefined;
}

export async function publishReport(results: TestResult[], x: ReportContext): Promise<void> {
  const { settings, matrix } = x;
  const counts = summarize(results);
  core.setOutput('passed', String(counts.passed));
  core.setOutput('failed', String(counts.failed));
  core.setOutput('inconclusive', String(counts.inconclusive));
  core.setOutput('results', JSON.stringify(results));

  const junitInput = core.getInput('junit-file');
  const junitPath = junitInput
    ? resolve(process.env.GITHUB_WORKSPACE ?? process.cwd(), junitInput)
    : join(process.env.RUNNER_TEMP ?? process.cwd(), `netpol-canary-${x.run}.junit.xml`);
  mkdirSync(dirname(junitPath), { recursive: true });
  writeFileSync(
    junitPath,
    renderJUnit(results, {
      suiteName: 'netpol-canary',
      wallTimeMs: x.wallTimeMs,
      properties: {
        mode: x.mode,
        run: x.run,
        context: settings.context ?? '(current context)',
        image: x.mode === 'run' ? settings.image : undefined,
      },
      tests: matrix.tests,
      ...(x.matrixFile !== undefined ? { file: x.matrixFile } : {}),
    }),
  );
  core.setOutput('junit', junitPath);

  const failing = counts.failed + counts.inconclusive > 0 && settings.failOnMismatch;
  // setFailed is an error annotation too: GitHub shows 10 per step in all
  const maxErrors = MAX_ERROR_ANNOTATIONS - (failing ? 1 : 0);
  const annotations = annotationsFor(results, {
    tests: matrix.tests,
    maxErrors,
    ...(x.matrixFile !== undefined ? { file: x.matrixFile } : {}),
  });
  for (const a of annotations) {
    core.error(a.message, {
      title: a.title,
      ...(a.file !== undefined ? { file: a.file } : {}),
      ...(a.line !== undefined ? { startLine: a.line } : {}),
    });
  }

  if (process.env.GITHUB_STEP_SUMMARY) {
    const byName = new Map(matrix.tests.map((t) => [t.name, t]));
    const created = x.createdNamespaces ?? new Set<string>();
    // a prediction probed nothing: there is nothing to reproduce
    const repro = (r: TestResult): string | undefined => {
      const test = byName.get(r.name);
      if (!test || x.mode !== 'run') return undefined;
      const labels = matrix.namespaces[test.from]?.labels ?? {};
      return reproduceCommand(test, settings, created.has(test.from) ? { createdNamespace: { labels } } : {});
    };
    const title = stepTitle(core.getInput('title'), process.env);
    await core.summary
      .addRaw(
        renderSummary(results, {
          mode: x.mode,
          ...(title !== undefined ? { title } : {}),
          run: x.run,
          wallTimeMs: x.wallTimeMs,
          tests: matrix.tests,
          ...(x.matrixFile !== undefined ? { matrixFile: x.matrixFile } : {}),
          repro,
          evidence: (r) => x.evidence?.get(r.name),
          warnings: x.warnings,
        }),
        true,
      )
      .write();
  }

  const line = `${counts.passed} passed, ${counts.failed} failed, ${counts.inconclusive} inconclusive`;
  if (failing) {
    const why = [
      counts.failed > 0 ? 'A failed test means a NetworkPolicy does not do what the matrix expects.' : '',
      counts.inconclusive > 0
        ? 'An inconclusive test could not be told either way: its block in the job summary says why.'
        : '',
    ];
    core.setFailed(`${line}. ${why.filter(Boolean).join(' ')}`);
  } else {
    core.info(line);
  }
}
