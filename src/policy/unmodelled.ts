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
    const kind = kindText(p.kind, p.apiVersion);
    const key = `${kind}\u0000${p.namespace ?? ''}`;
    const g = groups.get(key) ?? {
      kind,
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

/** Kinds whose names are also modelled kinds' say whose they are: "NetworkPolicy (projectcalico.org)". */
const SHARED_NAMES = new Set([
  'NetworkPolicy',
  'ClusterNetworkPolicy',
  'AdminNetworkPolicy',
  'BaselineAdminNetworkPolicy',
]);

export function kindText(kind: string, apiVersion: string): string {
  if (!SHARED_NAMES.has(kind)) return kind;
  return `${kind} (${apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : apiVersion || 'no apiVersion'})`;
}

function plural(kind: string): string {
  // "NetworkPolicy (projectcalico.org)": the kind is what takes the plural
  const m = /^(\S+)( \(.*\))$/.exec(kind);
  if (m) return `${plural(m[1] as string)}${m[2]}`;
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
