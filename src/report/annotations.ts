// One annotation per failed or inconclusive test, for the run's Checks page.
import { labelsKey } from '../matrix/plan.ts';
import { sortForReport } from './results.ts';
import type { Labels, TestResult } from '../core/types.ts';
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

export function annotationsFor(results: readonly TestResult[]): { title: string; message: string }[] {
  return sortForReport(results)
    .filter((r) => r.verdict !== 'pass')
    .map((r) => {
      const outcome = r.verdict === 'fail' ? 'failed' : 'is inconclusive';
      const detail = oneLine(r.detail);
      // the expectation and the actual value in the words of the contract, then the story
      const outcomeText = `expected ${r.expect}, got ${r.actual}: ${storyOf(detail)}`;
      const parts = [`From ${describeSource(r)} to ${oneLine(r.to)}: ${outcomeText}`];
      if (r.explanation !== undefined && r.explanation !== '') parts.push(`Why: ${oneLine(r.explanation)}`);
      return { title: `netpol-canary: test "${oneLine(r.name)}" ${outcome}`, message: parts.join('. ') };
    });
}
