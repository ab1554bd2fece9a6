// Policies of kinds the model does not evaluate (Cilium, Calico, Antrea, OVN...)
// still decide traffic. The model never guesses at them: it names those that
// may apply to a connection, so that an explanation says it may be incomplete
// instead of blaming the CNI.
import type { Snapshot, UnmodelledPolicy } from './types.ts';

/** Those in the given namespaces, and every cluster-wide one: "2 CiliumNetworkPolicies in dark-tower". */
export function unmodelledNotes(snapshot: Snapshot, namespaces: string[]): string[] {
  const groups = new Map<string, { kind: string; namespace?: string; count: number }>();
  for (const p of snapshot.unmodelled ?? []) {
    if (p.namespace !== undefined && !namespaces.includes(p.namespace)) continue;
    const key = `${p.kind}\u0000${p.namespace ?? ''}`;
    const g = groups.get(key) ?? {
      kind: p.kind,
      ...(p.namespace !== undefined ? { namespace: p.namespace } : {}),
      count: 0,
    };
    g.count += 1;
    groups.set(key, g);
  }
  const counted = [...groups.values()]
    .sort((a, b) => (a.namespace ?? '').localeCompare(b.namespace ?? '') || a.kind.localeCompare(b.kind))
    .map(
      (g) =>
        `${g.count} ${g.count === 1 ? g.kind : plural(g.kind)}${g.namespace !== undefined ? ` in ${g.namespace}` : ''}`,
    );
  const unread = (snapshot.unread ?? [])
    .filter((u) => u.namespace === undefined || namespaces.includes(u.namespace))
    .map((u) => u.text);
  return [...counted, ...unread];
}

/** "2 CiliumNetworkPolicies in dark-tower are not modelled: this explanation may be incomplete" */
export function unmodelledSentence(notes: string[]): string {
  const list =
    notes.length <= 1 ? (notes[0] ?? '') : `${notes.slice(0, -1).join(', ')} and ${notes[notes.length - 1]}`;
  const one = notes.length === 1 && /^1 /.test(notes[0] ?? '');
  return `${list} ${one ? 'is' : 'are'} not modelled: this explanation may be incomplete`;
}

function plural(kind: string): string {
  if (/[^aeiou]y$/.test(kind)) return `${kind.slice(0, -1)}ies`;
  return /(s|x|ch|sh)$/.test(kind) ? `${kind}es` : `${kind}s`;
}

/** Kinds that hold for the whole cluster (no namespace), as their CRDs declare them. */
export const CLUSTER_WIDE_KINDS = new Set([
  'CiliumClusterwideNetworkPolicy',
  'GlobalNetworkPolicy',
  'StagedGlobalNetworkPolicy',
  'ClusterNetworkPolicy',
  'AdminNetworkPolicy',
  'BaselineAdminNetworkPolicy',
]);

export type { UnmodelledPolicy };
