// explainMismatch: one sentence on why an observation differs from (or
// matches) the expectation, in the words of the policies. When policies of
// kinds the model does not evaluate may apply, it names them, and where the
// model and the probe disagree it says they may be why instead of doubting the CNI.
import type { Actual, Expect } from '../core/types.ts';
import type { Evaluation } from './types.ts';
import { unmodelledSentence } from './unmodelled.ts';

const WHAT_HAPPENED: Record<Actual, string> = {
  allowed: 'the connection succeeded',
  blocked: 'the connection timed out',
  refused: 'the connection was refused',
  'dns-error': 'the name did not resolve',
  error: 'the probe failed',
};

export function explainMismatch(expect: Expect, actual: Actual, evaluation: Evaluation): string {
  const notes = evaluation.unmodelled ?? [];
  const note = notes.length > 0 ? unmodelledSentence(notes) : undefined;
  const suspect = note
    ? `the model and the probe disagree, and ${note.replace(/: this explanation may be incomplete$/, '')}: they may be what decides this`
    : cniQuestion(evaluation);
  const { text, suspected } = explainModelled(expect, actual, evaluation, suspect);
  return note && !suspected ? `${text}; ${note}` : text;
}

/** Which API the CNI would be failing to enforce: that of the tier that decided. */
function cniQuestion(evaluation: Evaluation): string {
  const tiers = [evaluation.egress?.decidedBy, evaluation.ingress?.decidedBy];
  if (tiers.some((t) => t !== undefined)) {
    return 'does the CNI implement ClusterNetworkPolicy / AdminNetworkPolicy (policy.networking.k8s.io)?';
  }
  return 'is the CNI enforcing NetworkPolicy?';
}

function explainModelled(
  expect: Expect,
  actual: Actual,
  evaluation: Evaluation,
  suspect: string,
): { text: string; suspected: boolean } {
  const plain = (text: string): { text: string; suspected: boolean } => ({ text, suspected: false });
  const blamed = (text: string): { text: string; suspected: boolean } => ({ text, suspected: true });
  const where = evaluation.where;
  const dnsBlocked = evaluation.dns?.decision === 'denied' ? evaluation.dns.reason : undefined;
  if (evaluation.decision === 'unknown') {
    return plain(`the policies in ${where} cannot decide this: ${evaluation.reason}`);
  }
  // a refused connection reached the destination: no policy dropped it
  const reached = actual === 'allowed' || actual === 'refused';

  if (expect === 'deny') {
    if (!reached) {
      if (evaluation.decision === 'denied') return plain(evaluation.reason);
      return plain(
        `${WHAT_HAPPENED[actual]}, though the policies in ${where} allow it: ${evaluation.reason}`,
      );
    }
    if (evaluation.decision === 'allowed') {
      return plain(`deny expected but ${actualWord(actual)}: ${evaluation.reason}`);
    }
    return blamed(
      `the policies in ${where} deny this (${evaluation.reason}), yet ${WHAT_HAPPENED[actual]}: ${suspect}`,
    );
  }

  if (actual === 'allowed') {
    if (evaluation.decision === 'allowed') return plain(evaluation.reason);
    return blamed(
      `the connection succeeded, though the policies in ${where} deny it (${evaluation.reason}): ${suspect}`,
    );
  }
  if (evaluation.decision === 'denied') {
    return plain(`allow expected but ${actualWord(actual)}: ${evaluation.reason}`);
  }
  if (dnsBlocked) {
    return plain(
      `the policies in ${where} allow the connection, yet ${WHAT_HAPPENED[actual]}: ${dnsBlocked}`,
    );
  }
  if (actual === 'refused') {
    return plain(
      `the policies in ${where} allow this, yet the connection was refused: is the server listening on that port? ` +
        `(a CNI that rejects instead of dropping needs refused-means-denied)`,
    );
  }
  return blamed(
    `the policies in ${where} allow this, yet ${WHAT_HAPPENED[actual]}: ${suspect}` +
      (suspect.endsWith('?') ? ' is DNS egress allowed?' : '; is DNS egress allowed?'),
  );
}

function actualWord(actual: Actual): string {
  switch (actual) {
    case 'allowed':
      return 'allowed';
    case 'blocked':
      return 'blocked';
    case 'refused':
      return 'refused (the destination was reached)';
    case 'dns-error':
      return 'the name did not resolve';
    case 'error':
      return 'the probe failed';
  }
}
