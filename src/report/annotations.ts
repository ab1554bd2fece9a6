// One annotation per failed or inconclusive test, for the run's Checks page.
import { labelsKey } from '../matrix/plan.ts';
import { sortForReport } from './results.ts';
import type { Labels, TestCase, TestResult } from '../core/types.ts';
import { storyOf } from '../probe/verdict.ts';

// eslint-disable-next-line no-control-regex -- control characters are what we remove
const CONTROL = /[\u0000-\u001f\u007f]+/g;

function oneLine(text: string): string {
  return text.replace(CONTROL, ' ').trim();
}

/** `a pod labelled app=web in namespace "shop"`, or `a pod without labels in …`. */
export function describeSource(source: { from: string; labels: Labels }): string {
  const labels = labelsKey(source.labels);
  const who = labels === '' ? 'a pod without labels' : `a pod labelled ${labels}`;
  return `${who} in namespace ${JSON.stringify(source.from)}`;
}

/** GitHub shows at most this many error annotations of one step (and as many warnings). */
export const MAX_ERROR_ANNOTATIONS = 10;

export interface Annotation {
  title: string;
  message: string;
  /** the matrix file, relative to the workspace, and the test's line in it */
  file?: string;
  line?: number;
}

export interface AnnotationOptions {
  /** the matrix file as the workspace names it; without one, annotations carry no place */
  file?: string;
  /** the matrix's tests, for their lines, matched by name */
  tests?: readonly TestCase[];
  /** how many error annotations may be made; the last one then counts the rest */
  maxErrors?: number;
}

/**
 * One annotation per failed or inconclusive test, failures first, each on its test's line
 * of the matrix file. Past `maxErrors`, GitHub would drop them silently: the last one
 * says how many more there are and where they are.
 */
export function annotationsFor(results: readonly TestResult[], opts: AnnotationOptions = {}): Annotation[] {
  const lines = new Map((opts.tests ?? []).map((t) => [t.name, t.line]));
  const all = sortForReport(results)
    .filter((r) => r.verdict !== 'pass')
    .map((r): Annotation => {
      const outcome = r.verdict === 'fail' ? 'failed' : 'is inconclusive';
      const detail = oneLine(r.detail);
      // the expectation and the actual value in the words of the contract, then the story
      const outcomeText = `expected ${r.expect}, got ${r.actual}: ${storyOf(detail)}`;
      const parts = [`From ${describeSource(r)} to ${oneLine(r.to)}: ${outcomeText}`];
      if (r.explanation !== undefined && r.explanation !== '') parts.push(`Why: ${oneLine(r.explanation)}`);
      const a: Annotation = {
        title: `netpol-canary: test "${oneLine(r.name)}" ${outcome}`,
        message: parts.join('. '),
      };
      const line = lines.get(r.name);
      if (opts.file !== undefined && line !== undefined) {
        a.file = opts.file;
        a.line = line;
      }
      return a;
    });
  const max = Math.max(1, opts.maxErrors ?? MAX_ERROR_ANNOTATIONS);
  if (all.length <= max) return all;
  const shown = all.slice(0, max - 1);
  const rest = all.slice(max - 1);
  const failed = rest.filter((a) => a.title.endsWith(' failed')).length;
  const unsure = rest.length - failed;
  const split = [failed > 0 ? `${failed} failed` : '', unsure > 0 ? `${unsure} inconclusive` : '']
    .filter(Boolean)
    .join(', ');
  const restLines = rest.flatMap((a) => (a.line === undefined ? [] : [a.line]));
  const listed = restLines.slice(0, 20).join(', ') + (restLines.length > 20 ? ', …' : '');
  const where = opts.file !== undefined && restLines.length > 0 ? `; ${opts.file}, lines ${listed}` : '';
  return [
    ...shown,
    {
      title: `netpol-canary: ${rest.length} more ${rest.length === 1 ? 'test' : 'tests'} did not pass`,
      message:
        `GitHub shows only ${MAX_ERROR_ANNOTATIONS} error annotations per step: the other ${rest.length} tests that did not pass (${split}${where}) have none of their own. ` +
        'Every test is in the job summary, in the JUnit report and in the `results` output.',
    },
  ];
}
