// explainMismatch: one sentence on why an observation differs from (or
// matches) the expectation, in the words of the policies.
import type { Actual, Expect } from '../core/types.ts';
import type { Evaluation } from './types.ts';

const WHAT_HAPPENED: Record<Actual, string> = {
  allowed: 'the connection succeeded',
  blocked: 'the connection timed out',
  refused: 'the connection was refused',
  'dns-error': 'the name did not resolve',
  error: 'the probe failed',
};

export function explainMismatch(expect: Expect, actual: Actual, evaluation: Evaluation): string {
  const where = evaluation.where;
  const dnsBlocked = evaluation.dns?.decision === 'denied' ? evaluation.dns.reason : undefined;
  if (evaluation.decision === 'unknown') {
    return `the policies in ${where} cannot decide this: ${evaluation.reason}`;
  }
  // a refused connection reached the destination: no policy dropped it
  const reached = actual === 'allowed' || actual === 'refused';

  if (expect === 'deny') {
    if (!reached) {
      if (evaluation.decision === 'denied') return evaluation.reason;
      return `${WHAT_HAPPENED[actual]}, though the policies in ${where} allow it: ${evaluation.reason}`;
    }
    if (evaluation.decision === 'allowed')
      return `deny expected but ${actualWord(actual)}: ${evaluation.reason}`;
    return (
      `the policies in ${where} deny this (${evaluation.reason}), yet ${WHAT_HAPPENED[actual]}: ` +
      `is the CNI enforcing NetworkPolicy?`
    );
  }

  if (actual === 'allowed') {
    if (evaluation.decision === 'allowed') return evaluation.reason;
    return (
      `the connection succeeded, though the policies in ${where} deny it (${evaluation.reason}): ` +
      `is the CNI enforcing NetworkPolicy?`
    );
  }
  if (evaluation.decision === 'denied') {
    return `allow expected but ${actualWord(actual)}: ${evaluation.reason}`;
  }
  if (dnsBlocked) {
    return `the policies in ${where} allow the connection, yet ${WHAT_HAPPENED[actual]}: ${dnsBlocked}`;
  }
  if (actual === 'refused') {
    return (
      `the policies in ${where} allow this, yet the connection was refused: is the server listening on that port? ` +
      `(a CNI that rejects instead of dropping needs refused-means-denied)`
    );
  }
  return (
    `the policies in ${where} allow this, yet ${WHAT_HAPPENED[actual]}: ` +
    `is the CNI enforcing NetworkPolicy? is DNS egress allowed?`
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
