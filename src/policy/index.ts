// A pure model of Kubernetes NetworkPolicy (networking.k8s.io/v1) and of the admin and
// baseline tiers around it (policy.networking.k8s.io): decide and explain.
export { evaluate } from './evaluate.ts';
export { explainMismatch } from './explain.ts';
export { resolveTarget, type Resolution } from './resolve.ts';
export { matchesSelector, selectorText, labelsText } from './selectors.ts';
export { policyTypes } from './rules.ts';
export { parseIp, parseCidr, blockContains } from './cidr.ts';
export { NAMESPACE_NAME_KEY } from './connection.ts';
export { unmodelledNotes, unmodelledSentence, kindText, CLUSTER_WIDE_KINDS } from './unmodelled.ts';
export { domainMatches } from './admin-rules.ts';
export type * from './types.ts';
