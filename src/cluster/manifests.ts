// Kubernetes objects the action creates, as plain data.
import { LEASE_PREFIX, MANAGED_BY, MANAGED_BY_KEY, ownershipLabels } from '../core/ownership.ts';
import type { CanaryGroup, Labels, Settings } from '../core/types.ts';
import { buildCanaryScript, canaryProbes, scriptMaxMs } from '../probe/canary-script.ts';
import { CONTAINER_SECURITY, probingPodSpec } from '../probe/canary-spec.ts';

export const CONTAINER = 'canary';

/**
 * A readiness gate nothing ever sets: the canary's container runs and is ready, the Pod
 * never is, so a Service whose selector it matches lists it only as a not-ready endpoint
 * and sends it no traffic (see the README, "Canary pods and your workloads").
 */
export const NEVER_READY_GATE = 'netpol-canary.io/never-ready';

export interface CanaryPodSpec {
  name: string;
  group: CanaryGroup;
  run: string;
  settings: Settings;
  /** seconds until the pod ends itself, should no post step ever run */
  lifetimeSeconds: number;
  /** the uid of the canary's namespace, its controller (a wrong uid would let the garbage collector delete it) */
  namespaceUid: string;
}

/**
 * A pod that passes Pod Security "restricted" and runs its own probes (canary-script.ts),
 * then ends, its results in its termination message: the action never execs into it.
 * It is never Ready (NEVER_READY_GATE) and its controller is its own Namespace, so that no
 * ReplicaSet, StatefulSet, DaemonSet or Job whose selector its labels match adopts it.
 */
export function canaryPod({
  name,
  group,
  run,
  settings,
  lifetimeSeconds,
  namespaceUid,
}: CanaryPodSpec): object {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: group.namespace,
      labels: { ...group.labels, ...ownershipLabels(run) },
      annotations: {
        // a mesh sidecar would change what the probe measures
        'sidecar.istio.io/inject': 'false',
        'linkerd.io/inject': 'disabled',
      },
      // controllers adopt only pods without a controller reference. A cluster-scoped owner
      // may own namespaced objects; no blockOwnerDeletion, which would need more rights on
      // the namespace under OwnerReferencesPermissionEnforcement
      ownerReferences: [
        { apiVersion: 'v1', kind: 'Namespace', name: group.namespace, uid: namespaceUid, controller: true },
      ],
    },
    spec: {
      readinessGates: [{ conditionType: NEVER_READY_GATE }],
      restartPolicy: 'Never',
      activeDeadlineSeconds: lifetimeSeconds,
      terminationGracePeriodSeconds: 0,
      ...probingPodSpec(settings, group.node),
      containers: [
        {
          name: CONTAINER,
          image: settings.image,
          // the script is one argument of the pod spec: no shell on the runner ever sees it,
          // and every user value in it is single-quoted
          command: ['sh', '-c', buildCanaryScript(canaryProbes(group.tests), settings)],
          // The message file is a mount the kubelet makes mode 0666 (kuberuntime_container.go,
          // makeMounts; a conformance test writes it as non-root), so nobody (65534) writes it
          // on a read-only root. Should the script be killed before it writes its message,
          // the kubelet puts the tail of its log there instead: finished attempts still count
          terminationMessagePolicy: 'FallbackToLogsOnError',
          securityContext: CONTAINER_SECURITY,
          resources: {
            requests: { cpu: '10m', memory: '16Mi' },
            limits: { cpu: '200m', memory: '64Mi' },
          },
        },
      ],
    },
  };
}

export function namespaceManifest(name: string, labels: Labels, run: string, leaseUntil: Date): object {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name,
      labels: { ...labels, [MANAGED_BY_KEY]: MANAGED_BY },
      annotations: { [`${LEASE_PREFIX}${run}`]: leaseUntil.toISOString() },
    },
  };
}

/**
 * Several objects for one `kubectl create -f -`: a stream of JSON objects, not a
 * `kind: List` (for a List kubectl validates against the whole /openapi/v2 document,
 * megabytes on a real cluster; separate objects use /openapi/v3 per group), and not
 * `---`-separated documents: a stream that starts with `{` is decoded as JSON, while
 * YAML documents are each converted to JSON first (a fifth of kubectl's CPU for 100
 * canaries, whose scripts are long strings).
 */
export function documents(items: object[]): string {
  return items.map((item) => `${JSON.stringify(item)}\n`).join('');
}

/**
 * How long a canary may live: long enough to start and run its script to the end, with
 * room for a slow node; short enough that a canary left by a dead runner does not linger
 * (it ends by itself anyway, once its script has).
 */
export function canaryLifetimeSeconds(settings: Settings): number {
  const ms = settings.readyTimeoutMs + scriptMaxMs(settings) + 10 * 60_000;
  return Math.ceil(ms / 1000);
}
