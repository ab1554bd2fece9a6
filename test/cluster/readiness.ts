// The kubelet's readiness conditions, as pkg/kubelet/status/generate.go computes them:
// ContainersReady is True when every container is ready; Ready is True when ContainersReady
// is AND the condition of every spec.readinessGates entry is True. A gate whose condition
// nobody set keeps the pod unready with reason ReadinessGatesNotReady.
import type { Obj } from './store.ts';

const condition = (type: string, status: 'True' | 'False', at: string, extra: Obj = {}): Obj => ({
  type,
  status,
  lastProbeTime: null,
  lastTransitionTime: at,
  ...extra,
});

/** The Ready and ContainersReady conditions the kubelet would publish for this pod's status now. */
export const readinessConditions = (pod: Obj, at: string): { ready: Obj; containersReady: Obj } => {
  const statuses: Obj[] = pod.status?.containerStatuses ?? [];
  const unready = (pod.spec?.containers ?? [])
    .map((c: Obj) => String(c.name))
    .filter((name: string) => !statuses.find((s) => s.name === name)?.ready);
  if (unready.length > 0) {
    const why = {
      reason: 'ContainersNotReady',
      message: `containers with unready status: [${unready.join(' ')}]`,
    };
    return {
      ready: condition('Ready', 'False', at, why),
      containersReady: condition('ContainersReady', 'False', at, why),
    };
  }
  const conditions: Obj[] = pod.status?.conditions ?? [];
  const gateMessages = (pod.spec?.readinessGates ?? []).flatMap((g: Obj) => {
    const type = String(g.conditionType);
    const c = conditions.find((x) => x.type === type);
    if (!c) return [`corresponding condition of pod readiness gate "${type}" does not exist.`];
    if (c.status !== 'True')
      return [`the status of pod readiness gate "${type}" is not "True", but ${String(c.status)}`];
    return [];
  });
  return {
    containersReady: condition('ContainersReady', 'True', at),
    ready:
      gateMessages.length > 0
        ? condition('Ready', 'False', at, {
            reason: 'ReadinessGatesNotReady',
            message: gateMessages.join(', '),
          })
        : condition('Ready', 'True', at),
  };
};

/**
 * The pod's conditions with Ready and ContainersReady brought up to date; a condition whose
 * status did not change keeps its lastTransitionTime (as the kubelet keeps it).
 */
export const withReadiness = (pod: Obj, at: string): Obj[] => {
  const next = readinessConditions(pod, at);
  const old: Obj[] = pod.status?.conditions ?? [];
  const keep = (c: Obj): Obj => {
    const before = old.find((o) => o.type === c.type);
    return before && before.status === c.status ? { ...c, lastTransitionTime: before.lastTransitionTime } : c;
  };
  const replaced = old.map((c) =>
    c.type === 'Ready' ? keep(next.ready) : c.type === 'ContainersReady' ? keep(next.containersReady) : c,
  );
  for (const c of [next.ready, next.containersReady])
    if (!replaced.some((o) => o.type === c.type)) replaced.push(c);
  return replaced;
};
