// diffReachability: what a change to the manifests opens and closes. Both trees'
// reachability (reachability.ts) is computed for the sources and targets they
// share; a connection whose decision differs is listed with the reason on each
// side and the changed policies that select either end. Sources and targets
// that exist on one side only (a new workload, a removed Service) are counted,
// not compared: their connections did not change, they began or ended.
import { isDeepStrictEqual } from 'node:util';
import { kindText, unmodelledNotes } from '../policy/index.ts';
import type { AdminPolicy, Decision, Evaluation, NetworkPolicy, Snapshot } from '../policy/types.ts';
import { reachCell, reachSources, reachTargets, type ReachSource, type ReachTarget } from './reachability.ts';

export interface PolicyChange {
  /** "NetworkPolicy dark-tower/allow-dns", "ClusterNetworkPolicy deny-all-egress" */
  name: string;
  change: 'added' | 'removed' | 'changed';
}

export interface ReachChange {
  source: ReachSource;
  target: ReachTarget;
  before: Decision;
  after: Decision;
  /** why, in the base and in the head */
  was: string;
  now: string;
  /** the changed policies that select the source (egress) or the destination (ingress) */
  policies: PolicyChange[];
}

export interface ReachDiff {
  /** denied (or cannot tell) before, allowed now */
  opens: ReachChange[];
  /** allowed before, denied (or cannot tell) now */
  closes: ReachChange[];
  /** denied before, cannot tell now, or the other way round */
  uncertain: ReachChange[];
  /** connections judged on both sides */
  compared: number;
  /** sources or targets that exist on one side only */
  onlyBase: { sources: number; targets: number };
  onlyHead: { sources: number; targets: number };
  policies: PolicyChange[];
  /** policies of kinds the model does not evaluate, in either tree: their effect is not in the diff */
  notModelled: string[];
}

export function diffReachability(base: Snapshot, head: Snapshot): ReachDiff {
  const policies = policyChanges(base, head);
  const [bs, hs] = [reachSources(base), reachSources(head)];
  const [bt, ht] = [reachTargets(base), reachTargets(head)];
  const sources = hs.filter((s) => bs.some((b) => b.key === s.key));
  const targets = ht.filter((t) => bt.some((b) => b.key === t.key));
  const diff: ReachDiff = {
    opens: [],
    closes: [],
    uncertain: [],
    compared: sources.length * targets.length,
    onlyBase: {
      sources: bs.filter((s) => !hs.some((h) => h.key === s.key)).length,
      targets: bt.filter((t) => !ht.some((h) => h.key === t.key)).length,
    },
    onlyHead: { sources: hs.length - sources.length, targets: ht.length - targets.length },
    policies,
    notModelled: [
      ...new Set([
        ...unmodelledNotes(base, allNamespaces(base)),
        ...unmodelledNotes(head, allNamespaces(head)),
      ]),
    ],
  };
  for (const source of sources) {
    for (const target of targets) {
      const before = reachCell(base, source, target);
      const after = reachCell(head, source, target);
      if (before.decision === after.decision) continue;
      const change: ReachChange = {
        source,
        target,
        before: before.decision,
        after: after.decision,
        was: before.reason,
        now: after.reason,
        policies: policies.filter((p) => selects(before.evaluation, p) || selects(after.evaluation, p)),
      };
      if (after.decision === 'allowed') diff.opens.push(change);
      else if (before.decision === 'allowed') diff.closes.push(change);
      else diff.uncertain.push(change);
    }
  }
  return diff;
}

/** Whether an evaluation's deciding pod has this policy among those that select it. */
function selects(e: Evaluation, p: PolicyChange): boolean {
  const names = [...(e.egress?.selectedBy ?? []), ...(e.ingress?.selectedBy ?? [])];
  const [kind, id] = splitName(p.name);
  return names.some((n) =>
    kind === 'NetworkPolicy' ? n === id : n === `${kind} ${id}` || n.startsWith(`${kind} ${id} (`),
  );
}

function splitName(name: string): [string, string] {
  const i = name.indexOf(' ');
  return [name.slice(0, i), name.slice(i + 1)];
}

function allNamespaces(s: Snapshot): string[] {
  return [...new Set((s.unmodelled ?? []).flatMap((p) => (p.namespace === undefined ? [] : [p.namespace])))];
}

function policyChanges(base: Snapshot, head: Snapshot): PolicyChange[] {
  const index = (s: Snapshot): Map<string, unknown> =>
    new Map<string, unknown>([
      ...s.policies.map((p: NetworkPolicy): [string, unknown] => [
        `NetworkPolicy ${p.metadata.namespace ?? 'default'}/${p.metadata.name}`,
        p.spec,
      ]),
      ...(s.adminPolicies ?? []).map((p: AdminPolicy): [string, unknown] => [`${p.kind} ${p.name}`, p]),
      // only whether they are there: the model does not read them
      ...(s.unmodelled ?? []).map((p): [string, unknown] => [
        `${kindText(p.kind, p.apiVersion)} ${p.namespace ? `${p.namespace}/` : ''}${p.name} (not modelled)`,
        true,
      ]),
    ]);
  const [b, h] = [index(base), index(head)];
  const out: PolicyChange[] = [];
  for (const [name, spec] of h) {
    if (!b.has(name)) out.push({ name, change: 'added' });
    else if (!isDeepStrictEqual(b.get(name), spec)) out.push({ name, change: 'changed' });
  }
  for (const name of b.keys()) if (!h.has(name)) out.push({ name, change: 'removed' });
  return out.sort((x, y) => x.name.localeCompare(y.name));
}
