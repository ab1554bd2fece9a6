// What the scheduler, the kubelet and the namespace controller would do: pods get a
// node, start after a delay (or stay Pending), fail at their deadline; deleted
// namespaces empty themselves and disappear. Every step is a real write, so watches see it.
import type { Ctx, LifeHooks } from './options.ts';
import { isUnpullable, nowIso, prng } from './options.ts';
import { createEndpointSliceController } from './endpointslices.ts';
import { createReplicaSetController } from './replicasets.ts';
import { place } from './scheduler.ts';
import { terminationMessage, type ContainerRun } from './container-run.ts';
import { withReadiness } from './readiness.ts';
import { defByKind } from './resources.ts';
import type { Obj } from './store.ts';

export interface Lifecycle extends LifeHooks {
  /** re-run scheduling and image pulls for pods that are stuck (nodes or images changed) */
  retryPending(): void;
  /** finish deleting namespaces whose termination may now complete */
  recheckNamespaces(): void;
  close(): void;
}

const containerNames = (pod: Obj): string[] => (pod.spec?.containers ?? []).map((c: Obj) => String(c.name));

const condition = (type: string, status: 'True' | 'False', at: string, extra: Obj = {}): Obj => ({
  type,
  status,
  lastProbeTime: null,
  lastTransitionTime: at,
  ...extra,
});

/** a probe's delay field in ms: seconds as Kubernetes gives them (initialDelaySeconds 0, periodSeconds 10 by default) */
const probeDelayMs = (probe: Obj, field: 'initialDelaySeconds' | 'periodSeconds'): number => {
  const v = probe?.[field];
  return (typeof v === 'number' ? v : field === 'periodSeconds' ? 10 : 0) * 1000;
};

export const createLifecycle = (ctx: Ctx): Lifecycle => {
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;
  let podIpCounter = 1;
  const later = (ms: number, fn: () => void): void => {
    if (closed) return;
    const t = setTimeout(() => {
      timers.delete(t);
      if (!closed) fn();
    }, ms);
    timers.add(t);
  };
  // its own random source: the names it makes do not shift the seeded ones of everything else
  const slices = createEndpointSliceController(ctx.store, later, prng(ctx.opts.seed ^ 0x5eed));
  // deletePod is defined below; the controller calls it only later
  const replicaSets = createReplicaSetController(ctx.store, later, (pod) => deletePod(pod, undefined));

  // like the kubelet's `<name>.<unix nanos in hex>`: names sort by time, so lists do too
  let lastNanos = 0n;
  const eventSuffix = (): string => {
    const now = BigInt(Date.now()) * 1_000_000n;
    lastNanos = now > lastNanos ? now : lastNanos + 1n;
    return lastNanos.toString(16);
  };
  const hex = (n: number): string =>
    Array.from({ length: n }, () => Math.floor(ctx.rand() * 16).toString(16)).join('');
  const event = (
    pod: Obj,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    component: string,
    fieldPath?: string,
  ): void => {
    const ns = pod.metadata.namespace;
    const nsObj = ctx.store.get('namespaces', undefined, ns);
    if (!nsObj || nsObj.metadata.deletionTimestamp) return;
    const at = nowIso();
    ctx.store.put('events', {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: {
        name: `${pod.metadata.name}.${eventSuffix()}`,
        namespace: ns,
        uid: `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}`,
        creationTimestamp: at,
      },
      involvedObject: {
        kind: 'Pod',
        namespace: ns,
        name: pod.metadata.name,
        uid: pod.metadata.uid,
        apiVersion: 'v1',
        resourceVersion: pod.metadata.resourceVersion,
        ...(fieldPath ? { fieldPath } : {}),
      },
      reason,
      message,
      source: {
        component,
        ...(component === 'kubelet' && pod.spec?.nodeName ? { host: pod.spec.nodeName } : {}),
      },
      firstTimestamp: at,
      lastTimestamp: at,
      count: 1,
      type,
      eventTime: null,
      reportingComponent: component,
      reportingInstance: component === 'kubelet' ? (pod.spec?.nodeName ?? '') : '',
    });
  };

  /** the kubelet's "Killing" event for each container of a pod it stops */
  const stopping = (pod: Obj): void => {
    for (const c of pod.spec.containers as Obj[])
      event(
        pod,
        'Normal',
        'Killing',
        `Stopping container ${c.name}`,
        'kubelet',
        `spec.containers{${c.name}}`,
      );
  };

  const fresh = (pod: Obj): Obj | undefined => {
    const cur = ctx.store.get('pods', pod.metadata.namespace, pod.metadata.name);
    if (!cur || cur.metadata.uid !== pod.metadata.uid || cur.metadata.deletionTimestamp) return undefined;
    return cur;
  };

  const waiting = (pod: Obj, reason: string, messageFor: (image: string) => string | undefined): Obj[] =>
    (pod.spec?.containers ?? []).map((c: Obj) => ({
      name: c.name,
      state: { waiting: { reason, ...(messageFor(c.image) ? { message: messageFor(c.image) } : {}) } },
      lastState: {},
      ready: false,
      restartCount: 0,
      image: c.image,
      imageID: '',
      started: false,
    }));

  const schedule = (p: Obj): void => {
    const pod = fresh(p);
    if (!pod || pod.status?.phase !== 'Pending' || pod.status?.startTime) return;
    const nodes = ctx.opts.nodes;
    const at = nowIso();
    const where = place(pod, nodes, (n) => Math.floor(ctx.rand() * n));
    if ('message' in where) {
      const already = (pod.status.conditions ?? []).find((c: Obj) => c.type === 'PodScheduled');
      if (already?.message === where.message) return;
      pod.status.conditions = [
        condition('PodScheduled', 'False', at, { reason: 'Unschedulable', message: where.message }),
      ];
      const stored = ctx.store.put('pods', pod);
      event(stored, 'Warning', 'FailedScheduling', where.message, 'default-scheduler');
      return;
    }
    const names = containerNames(pod);
    const unready = `containers with unready status: [${names.join(' ')}]`;
    const pullFails = (pod.spec?.containers ?? []).filter((c: Obj) =>
      isUnpullable(ctx.opts, String(c.image)),
    );
    pod.spec.nodeName = where.node.name;
    const hostIP = `172.18.0.${where.index + 2}`;
    pod.status = {
      ...pod.status,
      phase: 'Pending',
      conditions: [
        condition('PodReadyToStartContainers', 'False', at),
        condition('Initialized', 'True', at),
        condition('Ready', 'False', at, { reason: 'ContainersNotReady', message: unready }),
        condition('ContainersReady', 'False', at, { reason: 'ContainersNotReady', message: unready }),
        condition('PodScheduled', 'True', at),
      ],
      hostIP,
      hostIPs: [{ ip: hostIP }],
      startTime: at,
      containerStatuses: waiting(pod, 'ContainerCreating', () => undefined),
    };
    const stored = ctx.store.put('pods', pod);
    event(
      stored,
      'Normal',
      'Scheduled',
      `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${where.node.name}`,
      'default-scheduler',
    );
    const deadline = pod.spec.activeDeadlineSeconds;
    if (typeof deadline === 'number') later(deadline * 1000, () => deadlineExceeded(stored));
    if (pullFails.length) pullBackOff(stored);
    else later(ctx.opts.podStartDelayMs, () => start(stored, where.index));
  };

  const pullBackOff = (p: Obj): void => {
    const pod = fresh(p);
    if (!pod) return;
    const bad = (image: string): boolean => isUnpullable(ctx.opts, image);
    pod.status.containerStatuses = (pod.spec.containers as Obj[]).map((c, i) =>
      bad(c.image)
        ? waiting(
            { spec: { containers: [c] } },
            'ImagePullBackOff',
            (img) => `Back-off pulling image "${img}"`,
          )[0]
        : pod.status.containerStatuses?.[i],
    );
    const stored = ctx.store.put('pods', pod);
    for (const c of pod.spec.containers as Obj[]) {
      if (!bad(c.image)) continue;
      const path = `spec.containers{${c.name}}`;
      event(stored, 'Normal', 'Pulling', `Pulling image "${c.image}"`, 'kubelet', path);
      event(
        stored,
        'Warning',
        'Failed',
        `Failed to pull image "${c.image}": rpc error: code = NotFound desc = failed to pull and unpack image "${c.image}": not found`,
        'kubelet',
        path,
      );
      event(stored, 'Warning', 'Failed', 'Error: ErrImagePull', 'kubelet', path);
      event(stored, 'Normal', 'BackOff', `Back-off pulling image "${c.image}"`, 'kubelet', path);
      event(stored, 'Warning', 'Failed', 'Error: ImagePullBackOff', 'kubelet', path);
    }
  };

  const start = (p: Obj, nodeIndex: number): void => {
    const pod = fresh(p);
    if (!pod || pod.status.phase !== 'Pending') return;
    const startedMs = Date.now();
    const at = nowIso(new Date(startedMs));
    const n = podIpCounter++;
    const podIP = `10.244.${nodeIndex}.${(n % 250) + 2}`;
    pod.status = {
      ...pod.status,
      phase: 'Running',
      conditions: [
        'PodReadyToStartContainers',
        'Initialized',
        'Ready',
        'ContainersReady',
        'PodScheduled',
      ].map((t) => condition(t, 'True', at)),
      podIP,
      podIPs: [{ ip: podIP }],
      containerStatuses: (pod.spec.containers as Obj[]).map((c) => ({
        name: c.name,
        state: { running: { startedAt: at } },
        lastState: {},
        ready: !c.readinessProbe,
        restartCount: 0,
        image: c.image.includes('/') ? c.image : `docker.io/library/${c.image}`,
        imageID: `docker.io/library/${String(c.image).split(':')[0]}@sha256:${hex(64)}`,
        containerID: `containerd://${hex(64)}`,
        started: true,
      })),
    };
    // Ready only when every container is (one with a readiness probe waits for its first
    // success) and every readiness gate's condition is True
    pod.status.conditions = withReadiness(pod, at);
    const stored = ctx.store.put('pods', pod);
    started.set(String(stored.metadata.uid), startedMs);
    for (const c of pod.spec.containers as Obj[]) {
      const run = ctx.opts.containerRun(stored, String(c.name));
      logs.set(logKey(stored, String(c.name)), run?.log ?? '');
      if (run) later(Math.max(0, run.afterMs), () => exited(stored, c, run));
      else {
        const real = ctx.runContainer(stored, c);
        void real?.then((r) => {
          logs.set(logKey(stored, String(c.name)), r.log);
          exited(stored, c, {
            afterMs: 0,
            exitCode: r.exitCode,
            terminationMessage: r.terminationMessage,
            log: r.log,
          });
        });
      }
    }
    for (const c of pod.spec.containers as Obj[])
      if (c.readinessProbe)
        later(probeDelayMs(c.readinessProbe, 'initialDelaySeconds'), () => probe(stored, c));
    for (const c of pod.spec.containers as Obj[]) {
      const path = `spec.containers{${c.name}}`;
      event(
        stored,
        'Normal',
        'Pulled',
        `Container image "${c.image}" already present on machine`,
        'kubelet',
        path,
      );
      event(stored, 'Normal', 'Created', `Created container: ${c.name}`, 'kubelet', path);
      event(stored, 'Normal', 'Started', `Started container ${c.name}`, 'kubelet', path);
    }
  };

  /** what each started container logged, by pod uid and container name */
  const logs = new Map<string, string>();
  const logKey = (pod: Obj, container: string): string => `${pod.metadata.uid}/${container}`;
  /** when start() ran, by pod uid */
  const started = new Map<string, number>();

  /**
   * A container's command ended: its status terminated, with the termination message the
   * kubelet would read. With restartPolicy Never the pod is Succeeded when every container
   * exited 0, else Failed, once all ended (a restarting policy is not modelled: the pod stays Running).
   */
  const exited = (p: Obj, container: Obj, run: ContainerRun): void => {
    const pod = fresh(p);
    if (!pod || pod.status.phase !== 'Running') return;
    const status = (pod.status.containerStatuses ?? []).find((s: Obj) => s.name === container.name);
    if (!status?.state?.running) return;
    const at = nowIso();
    const exitCode = run.exitCode ?? 0;
    const message = terminationMessage(container, run);
    status.state = {
      terminated: {
        exitCode,
        reason: exitCode === 0 ? 'Completed' : 'Error',
        ...(message ? { message } : {}),
        startedAt: status.state.running.startedAt,
        finishedAt: at,
        containerID: status.containerID,
      },
    };
    status.ready = false;
    status.started = false;
    const statuses: Obj[] = pod.status.containerStatuses;
    const allEnded = statuses.every((s) => s.state?.terminated);
    const restartPolicy = pod.spec.restartPolicy ?? 'Always';
    const allZero = statuses.every((s) => s.state?.terminated?.exitCode === 0);
    const phase =
      allEnded && restartPolicy === 'Never'
        ? allZero
          ? 'Succeeded'
          : 'Failed'
        : allEnded && restartPolicy === 'OnFailure' && allZero
          ? 'Succeeded'
          : 'Running';
    pod.status.phase = phase;
    if (phase === 'Running') pod.status.conditions = withReadiness(pod, at);
    else {
      const reason = phase === 'Succeeded' ? 'PodCompleted' : 'PodFailed';
      pod.status.conditions = (pod.status.conditions ?? []).map((c: Obj) =>
        c.type === 'Ready' || c.type === 'ContainersReady' ? condition(c.type, 'False', at, { reason }) : c,
      );
    }
    ctx.store.put('pods', pod);
    if (phase !== 'Running') ctx.podGone(pod.metadata.namespace, pod.metadata.name);
  };

  /** the kubelet's prober: a readiness probe's result, again every periodSeconds until it passes */
  const probe = (p: Obj, container: Obj): void => {
    const pod = fresh(p);
    if (!pod || pod.status.phase !== 'Running') return;
    const ok = ctx.opts.readinessProbe(pod, String(container.name));
    const status = (pod.status.containerStatuses ?? []).find((s: Obj) => s.name === container.name);
    if (ok && status && !status.ready) {
      status.ready = true;
      pod.status.conditions = withReadiness(pod, nowIso());
      ctx.store.put('pods', pod);
    }
    if (!ok) later(probeDelayMs(container.readinessProbe, 'periodSeconds'), () => probe(pod, container));
  };

  /** after a write to pods/status (a controller setting a readiness gate's condition) */
  const statusWritten = (p: Obj): void => {
    const pod = fresh(p);
    if (!pod || pod.status?.phase !== 'Running') return;
    const conditions = withReadiness(pod, nowIso());
    if (JSON.stringify(conditions) === JSON.stringify(pod.status.conditions)) return;
    pod.status.conditions = conditions;
    ctx.store.put('pods', pod);
  };

  /**
   * The garbage collector's verdict on a new object with owners (garbagecollector.go,
   * isDangling): an owner is absent when nothing of its kind has its name where it would
   * live (the dependent's namespace, or the cluster for a cluster-scoped kind), or what
   * has the name has another uid. An object all of whose owners are absent is deleted.
   * An owner of a kind the double does not serve is left alone (the real one retries).
   */
  const collectGarbage = (resource: string, obj: Obj): void => {
    const cur = ctx.store.get(resource, obj.metadata.namespace, obj.metadata.name);
    if (!cur || cur.metadata.uid !== obj.metadata.uid || cur.metadata.deletionTimestamp) return;
    const refs: Obj[] = cur.metadata.ownerReferences ?? [];
    const absent = refs.filter((ref) => {
      const def = defByKind(String(ref.apiVersion), String(ref.kind));
      if (!def) return false;
      const owner = ctx.store.get(
        def.storeAs ?? def.resource,
        def.namespaced ? cur.metadata.namespace : undefined,
        String(ref.name),
      );
      return !owner || owner.metadata.uid !== ref.uid;
    });
    if (refs.length === 0 || absent.length < refs.length) return;
    if (resource === 'pods') deletePod(cur, undefined);
    else ctx.store.remove(resource, cur.metadata.namespace, cur.metadata.name);
  };

  const deadlineExceeded = (p: Obj): void => {
    const pod = fresh(p);
    if (!pod || pod.status.phase === 'Failed' || pod.status.phase === 'Succeeded') return;
    const at = nowIso();
    pod.status = {
      ...pod.status,
      phase: 'Failed',
      reason: 'DeadlineExceeded',
      message: 'Pod was active on the node longer than the specified deadline',
      conditions: (pod.status.conditions ?? []).map((c: Obj) =>
        c.type === 'Ready' || c.type === 'ContainersReady'
          ? condition(c.type, 'False', at, { reason: 'PodFailed' })
          : c,
      ),
      containerStatuses: (pod.status.containerStatuses ?? []).map((s: Obj) => ({
        ...s,
        state: {
          terminated: {
            exitCode: 137,
            reason: 'Error',
            startedAt: s.state?.running?.startedAt ?? at,
            finishedAt: at,
          },
        },
        ready: false,
        started: false,
      })),
    };
    const stored = ctx.store.put('pods', pod);
    event(
      stored,
      'Normal',
      'DeadlineExceeded',
      'Pod was active on the node longer than the specified deadline',
      'kubelet',
    );
    stopping(stored);
    ctx.podGone(pod.metadata.namespace, pod.metadata.name);
  };

  const removePod = (pod: Obj): void => {
    const cur = ctx.store.get('pods', pod.metadata.namespace, pod.metadata.name);
    if (!cur || cur.metadata.uid !== pod.metadata.uid) return;
    ctx.store.remove('pods', pod.metadata.namespace, pod.metadata.name);
    for (const c of (cur.spec?.containers ?? []) as Obj[]) logs.delete(logKey(cur, String(c.name)));
    started.delete(String(cur.metadata.uid));
    ctx.podGone(pod.metadata.namespace, pod.metadata.name);
  };

  const deletePod = (pod: Obj, grace: number | undefined): Obj => {
    const delay = ctx.opts.podDeletionDelayMs;
    if (pod.metadata.deletionTimestamp) return pod;
    if (delay <= 0 || grace === 0) {
      removePod(pod);
      return pod;
    }
    const seconds = grace ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
    pod.metadata.deletionTimestamp = nowIso(new Date(Date.now() + seconds * 1000));
    pod.metadata.deletionGracePeriodSeconds = seconds;
    const stored = ctx.store.put('pods', pod);
    stopping(stored);
    later(delay, () => removePod(stored));
    return stored;
  };

  const terminating = new Set<string>();
  const finishNamespace = (name: string, fromTimer: boolean): void => {
    const ns = ctx.store.get('namespaces', undefined, name);
    if (!ns || !ns.metadata.deletionTimestamp) {
      terminating.delete(name);
      return;
    }
    const stuck = ctx.opts.stuckNamespaces.includes(name);
    const podsLeft = ctx.store.list('pods', name).length > 0;
    if (stuck || podsLeft) {
      // one polling chain per namespace: rechecks from outside do not start another
      if (fromTimer) later(Math.max(ctx.opts.namespaceTerminationMs, 20), () => finishNamespace(name, true));
      return;
    }
    terminating.delete(name);
    for (const res of ['events', 'services', 'networkpolicies', 'endpointslices'])
      for (const o of ctx.store.list(res, name)) ctx.store.remove(res, name, o.metadata.name);
    ctx.store.remove('namespaces', undefined, name);
  };

  const deleteNamespace = (ns: Obj): Obj => {
    const name = ns.metadata.name;
    if (ns.metadata.deletionTimestamp) return ns;
    const at = nowIso();
    ns.metadata.deletionTimestamp = at;
    ns.status = {
      phase: 'Terminating',
      conditions: [
        {
          type: 'NamespaceDeletionDiscoveryFailure',
          status: 'False',
          lastTransitionTime: at,
          reason: 'ResourcesDiscovered',
          message: 'All resources successfully discovered',
        },
        {
          type: 'NamespaceDeletionGroupVersionParsingFailure',
          status: 'False',
          lastTransitionTime: at,
          reason: 'ParsedGroupVersions',
          message: 'All legacy kube types successfully parsed',
        },
        {
          type: 'NamespaceDeletionContentFailure',
          status: 'False',
          lastTransitionTime: at,
          reason: 'ContentDeleted',
          message: 'All content successfully deleted, may be waiting on finalization',
        },
      ],
    };
    const stored = ctx.store.put('namespaces', ns);
    for (const pod of ctx.store.list('pods', name)) deletePod(pod, undefined);
    for (const res of ['services', 'networkpolicies'])
      for (const o of ctx.store.list(res, name)) ctx.store.remove(res, name, o.metadata.name);
    terminating.add(name);
    later(ctx.opts.namespaceTerminationMs, () => finishNamespace(name, true));
    return stored;
  };

  return {
    created: (resource, obj) => {
      if (resource === 'pods') later(0, () => schedule(obj));
      if (obj.metadata?.ownerReferences?.length)
        later(ctx.opts.garbageCollectorDelayMs, () => collectGarbage(resource, obj));
    },
    deletePod,
    deleteNamespace,
    statusWritten: (pod) => later(0, () => statusWritten(pod)),
    logOf: (pod, container) => logs.get(logKey(pod, container)),
    startedAtMs: (pod) => started.get(String(pod.metadata.uid)),
    retryPending: () => {
      for (const pod of ctx.store.list('pods')) {
        if (pod.status?.phase !== 'Pending' || pod.metadata.deletionTimestamp) continue;
        if (!pod.status.startTime) schedule(pod);
        else if (
          (pod.status.containerStatuses ?? []).some(
            (s: Obj) => s.state?.waiting?.reason === 'ImagePullBackOff',
          )
        ) {
          const stillBad = (pod.spec.containers as Obj[]).some((c) => isUnpullable(ctx.opts, c.image));
          const index = Math.max(
            0,
            ctx.opts.nodes.findIndex((n) => n.name === pod.spec.nodeName),
          );
          if (!stillBad) start(pod, index);
        }
      }
    },
    recheckNamespaces: () => {
      for (const name of [...terminating]) finishNamespace(name, false);
    },
    close: () => {
      closed = true;
      slices.close();
      replicaSets.close();
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
};
