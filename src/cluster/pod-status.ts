// Reading a pod's status: have its containers started and are they ready, and if not,
// why not, in the pod's own words.
export interface PodObject {
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; deletionTimestamp?: string };
  spec?: { nodeName?: string };
  status?: {
    phase?: string;
    reason?: string;
    message?: string;
    conditions?: { type: string; status: string; reason?: string; message?: string }[];
    containerStatuses?: {
      name: string;
      ready?: boolean;
      state?: {
        waiting?: { reason?: string; message?: string };
        running?: { startedAt?: string };
        terminated?: { reason?: string; message?: string; exitCode?: number };
      };
    }[];
  };
}

/** The pod's containers have started (they run, or ran): its own clock is going. */
export function hasStarted(pod: PodObject): boolean {
  return (pod.status?.containerStatuses ?? []).some((c) => c.state?.running || c.state?.terminated);
}

/**
 * Every container of the pod has ended: a canary's results are in its termination message.
 * (Not the Pod's Ready condition: a canary is never Ready, see NEVER_READY_GATE.)
 */
export function containerEnded(pod: PodObject): boolean {
  const statuses = pod.status?.containerStatuses ?? [];
  return statuses.length > 0 && statuses.every((c) => c.state?.terminated !== undefined);
}

/** The pod can never report (more): it ended or is being deleted. */
export function isFinished(pod: PodObject): boolean {
  return (
    pod.status?.phase === 'Failed' ||
    pod.status?.phase === 'Succeeded' ||
    Boolean(pod.metadata.deletionTimestamp)
  );
}

/** Why the pod's container has not run to its end, as specifically as its status says. */
export function notReadyReason(pod: PodObject | undefined): string {
  if (!pod) return 'the pod was never seen by the watch';
  const status = pod.status ?? {};
  if (pod.metadata.deletionTimestamp) return 'the pod is being deleted';
  for (const c of status.containerStatuses ?? []) {
    const waiting = c.state?.waiting;
    if (waiting?.reason && waiting.reason !== 'ContainerCreating') {
      return `${waiting.reason}${waiting.message ? `: ${waiting.message}` : ''}`;
    }
    const term = c.state?.terminated;
    if (term) {
      const why = term.reason ?? `exit code ${term.exitCode ?? 'unknown'}`;
      return `container ended (${why})${term.message ? `: ${term.message}` : ''}`;
    }
  }
  const scheduled = (status.conditions ?? []).find((c) => c.type === 'PodScheduled');
  if (scheduled?.status === 'False') {
    return `${scheduled.reason ?? 'not scheduled'}${scheduled.message ? `: ${scheduled.message}` : ''}`;
  }
  if (status.phase === 'Failed' || status.phase === 'Succeeded') {
    const how = status.phase === 'Failed' ? 'failed' : 'ended';
    return `the pod ${how}${status.reason ? ` (${status.reason})` : ''}${status.message ? `: ${status.message}` : ''}`;
  }
  return `still ${status.phase ?? 'Pending'}, its container not ended`;
}
