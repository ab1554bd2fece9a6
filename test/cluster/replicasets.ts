// The ReplicaSet controller's claim on pods, as pkg/controller/controller_ref_manager.go
// (claimObject) makes it: a pod whose controller reference names another owner is ignored;
// an orphan that the selector matches, and that is not being deleted, is adopted (a
// controller reference with blockOwnerDeletion is added); of the pods it owns beyond
// spec.replicas, the not-Ready ones are deleted first. The double creates no pods for a
// ReplicaSet that has too few: enough to show who is adopted and who is not.
import type { Obj, Store, StoreEvent } from './store.ts';

interface Requirement {
  key: string;
  operator: string;
  values?: string[];
}

/** metav1.LabelSelector: matchLabels and matchExpressions; `{}` matches every pod, null none */
export const matchesLabelSelector = (
  selector: { matchLabels?: Record<string, string>; matchExpressions?: Requirement[] } | null | undefined,
  labels: Record<string, string> = {},
): boolean => {
  if (!selector) return false;
  if (Object.entries(selector.matchLabels ?? {}).some(([k, v]) => labels[k] !== v)) return false;
  return (selector.matchExpressions ?? []).every((r) => {
    const has = Object.hasOwn(labels, r.key);
    const values = r.values ?? [];
    if (r.operator === 'In') return has && values.includes(labels[r.key]!);
    if (r.operator === 'NotIn') return !has || !values.includes(labels[r.key]!);
    if (r.operator === 'Exists') return has;
    if (r.operator === 'DoesNotExist') return !has;
    return false;
  });
};

const controllerOf = (o: Obj): Obj | undefined =>
  (o.metadata?.ownerReferences ?? []).find((r: Obj) => r.controller === true);

const isReady = (pod: Obj): boolean =>
  (pod.status?.conditions ?? []).some((c: Obj) => c.type === 'Ready' && c.status === 'True');

export const createReplicaSetController = (
  store: Store,
  later: (ms: number, fn: () => void) => void,
  deletePod: (pod: Obj) => void,
): { close(): void } => {
  const pending = new Set<string>();

  const sync = (namespace: string): void => {
    pending.delete(namespace);
    for (const rs of store.list('replicasets', namespace)) {
      if (rs.metadata.deletionTimestamp) continue;
      const owned: Obj[] = [];
      for (const pod of store.list('pods', namespace)) {
        const ref = controllerOf(pod);
        if (ref) {
          if (ref.uid === rs.metadata.uid) owned.push(pod);
          continue; // owned by someone else: ignored
        }
        if (pod.metadata.deletionTimestamp || !matchesLabelSelector(rs.spec?.selector, pod.metadata.labels))
          continue;
        const adopted = {
          ...pod,
          metadata: {
            ...pod.metadata,
            ownerReferences: [
              ...(pod.metadata.ownerReferences ?? []),
              {
                apiVersion: 'apps/v1',
                kind: 'ReplicaSet',
                name: rs.metadata.name,
                uid: rs.metadata.uid,
                controller: true,
                blockOwnerDeletion: true,
              },
            ],
          },
        };
        owned.push(store.put('pods', adopted));
      }
      const live = owned.filter(
        (p) =>
          !p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed',
      );
      const surplus = live.length - (typeof rs.spec?.replicas === 'number' ? rs.spec.replicas : 1);
      if (surplus <= 0) continue;
      // not Ready first, then the newest (controller.ActivePods, simplified)
      const ranked = [...live].sort(
        (a, b) =>
          Number(isReady(a)) - Number(isReady(b)) ||
          String(b.metadata.creationTimestamp).localeCompare(String(a.metadata.creationTimestamp)),
      );
      for (const pod of ranked.slice(0, surplus)) deletePod(pod);
    }
  };

  const onChange = (e: StoreEvent): void => {
    if (e.resource !== 'pods' && e.resource !== 'replicasets') return;
    const ns = e.object.metadata?.namespace;
    if (!ns || pending.has(ns)) return;
    if (store.list('replicasets', ns).length === 0) return;
    pending.add(ns);
    later(0, () => sync(ns));
  };
  return { close: store.subscribe(onChange) };
};
