// How a reachability diff reads: lines for a terminal, Markdown for a job
// summary, and whether a gate fails on it.
import type { ReachChange, ReachDiff } from './diff.ts';
import { sourceText } from './reachability.ts';

export type FailOn = 'opens' | 'closes' | 'changes' | 'never';
export const FAIL_ON: readonly FailOn[] = ['opens', 'closes', 'changes', 'never'];

export function diffFails(diff: ReachDiff, failOn: FailOn): boolean {
  switch (failOn) {
    case 'opens':
      return diff.opens.length > 0;
    case 'closes':
      return diff.closes.length > 0;
    case 'changes':
      return diff.opens.length + diff.closes.length + diff.uncertain.length > 0;
    case 'never':
      return false;
  }
}

const WORD = { allowed: 'allowed', denied: 'denied', unknown: 'cannot tell' } as const;

/** "2 connections open, 1 closes (36 compared)" */
export function diffHeadline(diff: ReachDiff): string {
  const n = (count: number, one: string, many: string): string => `${count} ${count === 1 ? one : many}`;
  const parts = [
    n(diff.opens.length, 'connection opens', 'connections open'),
    n(diff.closes.length, 'closes', 'close'),
  ];
  if (diff.uncertain.length > 0) parts.push(`${diff.uncertain.length} cannot be told on one side`);
  return `${parts.join(', ')} (${diff.compared} compared)`;
}

function policiesText(change: ReachChange): string {
  return change.policies.map((p) => `${p.name} (${p.change})`).join(', ');
}

function changeLines(label: string, change: ReachChange): string[] {
  const lines = [
    `${label.padEnd(6)} ${sourceText(change.source)} -> ${change.target.display}`,
    `       now ${WORD[change.after]}: ${change.now}`,
    `       was ${WORD[change.before]}: ${change.was}`,
  ];
  if (change.policies.length > 0) lines.push(`       policies: ${policiesText(change)}`);
  return lines;
}

export function renderDiffText(diff: ReachDiff): string {
  const lines: string[] = [];
  for (const c of diff.opens) lines.push(...changeLines('opens', c));
  for (const c of diff.closes) lines.push(...changeLines('closes', c));
  for (const c of diff.uncertain) lines.push(...changeLines('?', c));
  if (lines.length === 0) lines.push('no connection changes');
  lines.push('', diffHeadline(diff), ...scopeNotes(diff));
  return lines.join('\n');
}

function scopeNotes(diff: ReachDiff): string[] {
  const notes: string[] = [];
  if (diff.policies.length > 0) {
    notes.push(`policies changed: ${diff.policies.map((p) => `${p.name} (${p.change})`).join(', ')}`);
  }
  if (diff.notModelled.length > 0) {
    notes.push(`not modelled, so not in this diff: ${diff.notModelled.join(', ')}`);
  }
  const side = (what: string, s: { sources: number; targets: number }): string | undefined =>
    s.sources + s.targets > 0
      ? `only in ${what}: ${s.sources} workload(s) and ${s.targets} target(s), not compared`
      : undefined;
  for (const n of [side('the base', diff.onlyBase), side('the head', diff.onlyHead)]) if (n) notes.push(n);
  return notes;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function table(title: string, changes: ReachChange[]): string[] {
  if (changes.length === 0) return [];
  return [
    `### ${title} (${changes.length})`,
    '',
    '| from | to | now | why | before | policies |',
    '|---|---|---|---|---|---|',
    ...changes.map(
      (c) =>
        `| ${cell(sourceText(c.source))} | ${cell(c.target.display)} | ${WORD[c.after]} | ${cell(c.now)} | ` +
        `${WORD[c.before]}: ${cell(c.was)} | ${cell(policiesText(c)) || '—'} |`,
    ),
    '',
  ];
}

export function renderDiffMarkdown(diff: ReachDiff): string {
  return [
    '## netpol-canary: reachability diff',
    '',
    `**${diffHeadline(diff)}**, predicted from the base and the head manifests.`,
    '',
    ...scopeNotes(diff).map((n) => `- ${cell(n)}`),
    ...(scopeNotes(diff).length > 0 ? [''] : []),
    ...table('Opens', diff.opens),
    ...table('Closes', diff.closes),
    ...table('Cannot be told on one side', diff.uncertain),
  ].join('\n');
}
