// Options of the API double and the shared context its pieces work on.
import type { ContainerExit, ExecHost, ExecService, Labels, NetworkFn } from './types.ts';
import type { Obj, Store } from './store.ts';
import type { Rbac } from './rbac.ts';
import type { ContainerRun } from './container-run.ts';

export interface Taint {
  key: string;
  value?: string;
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

export interface NodeSpec {
  name: string;
  labels?: Labels;
  taints?: Taint[];
  unschedulable?: boolean;
}

export interface ClusterOptions {
  /** Pending → Running and Ready after this long */
  podStartDelayMs: number;
  /** extra set-up delay of every exec session */
  execLatencyMs: number;
  /** a deleted namespace stays Terminating this long */
  namespaceTerminationMs: number;
  /** a deleted pod stays (with deletionTimestamp) this long; 0 removes it at once */
  podDeletionDelayMs: number;
  /** images that cannot be pulled: such pods stay Pending in ImagePullBackOff */
  unpullableImages: ((image: string) => boolean) | string[];
  /** the user named in RBAC denials and SelfSubjectAccessReviews */
  user: string;
  serverVersion: string;
  bookmarkIntervalMs: number;
  nodes: NodeSpec[];
  /** namespaces whose deletion never finishes */
  stuckNamespaces: string[];
  network: NetworkFn;
  /** seeds the PRNG behind probabilistic faults and generated names */
  seed: number;
  /** how many past changes a watch can resume from before it gets 410 Expired */
  watchWindow: number;
  /**
   * What a container's command does once it started: it ends after `afterMs` with `exitCode`,
   * leaving `terminationMessage` and `log` (container-run.ts). Undefined: it runs until stopped.
   */
  containerRun: (pod: Obj, container: string) => ContainerRun | undefined;
  /**
   * Containers that containerRun says nothing of run their command for real, through the
   * exec service's stand-ins (ExecService.runContainer), as a kubelet runs them. Off, or
   * with no command: they run until stopped.
   */
  runCommands: boolean;
  /** how long after an object with owners is created the garbage collector judges it */
  garbageCollectorDelayMs: number;
  /** a readiness probe's result (the double runs no probe command): a container with a probe is ready once this says so */
  readinessProbe: (pod: Obj, container: string) => boolean;
  /** replaces the exec service from ./exec.ts */
  execService?: (host: ExecHost) => ExecService;
}

export const defaultNodes = (): NodeSpec[] => [
  {
    name: 'kind-control-plane',
    labels: { 'kubernetes.io/hostname': 'kind-control-plane', 'node-role.kubernetes.io/control-plane': '' },
    taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
  },
  { name: 'kind-worker', labels: { 'kubernetes.io/hostname': 'kind-worker' } },
];

export const defaultOptions = (): ClusterOptions => ({
  podStartDelayMs: 50,
  execLatencyMs: 0,
  namespaceTerminationMs: 20,
  podDeletionDelayMs: 0,
  unpullableImages: [],
  user: 'system:serviceaccount:ci:netpol',
  serverVersion: 'v1.32.2',
  bookmarkIntervalMs: 60_000,
  nodes: defaultNodes(),
  stuckNamespaces: [],
  network: () => ({ kind: 'allowed', status: 200 }),
  seed: 1,
  watchWindow: 1000,
  readinessProbe: () => true,
  garbageCollectorDelayMs: 20,
  containerRun: () => undefined,
  runCommands: true,
});

export const isUnpullable = (opts: ClusterOptions, image: string): boolean =>
  typeof opts.unpullableImages === 'function'
    ? opts.unpullableImages(image)
    : opts.unpullableImages.includes(image);

export interface Ctx {
  store: Store;
  rbac: Rbac;
  opts: ClusterOptions;
  rand(): number;
  /** told when a pod is gone or its containers were killed, so its execs die */
  podGone(namespace: string, name: string): void;
  /** runs a container's command for real, when runCommands is on and the exec service can */
  runContainer(pod: Obj, container: Obj): Promise<ContainerExit> | undefined;
  life: LifeHooks;
}

/** What the object lifecycle (scheduler, kubelet, namespace controller) does on writes. */
export interface LifeHooks {
  created(resource: string, obj: Obj): void;
  /** starts deleting a pod; returns the object as the DELETE answers it */
  deletePod(pod: Obj, gracePeriodSeconds: number | undefined): Obj;
  deleteNamespace(ns: Obj): Obj;
  /** a write to pods/status: the kubelet recomputes Ready (readiness gates) */
  statusWritten(pod: Obj): void;
  /** when the double started the pod's containers, in ms (the API shows whole seconds) */
  startedAtMs(pod: Obj): number | undefined;
  /** what the container has logged, for pods/log; undefined when it never started */
  logOf(pod: Obj, container: string): string | undefined;
}

/** mulberry32: small, seedable, good enough for test fault rolls and names */
export const prng = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

export const nowIso = (d = new Date()): string => d.toISOString().replace(/\.\d+Z$/, 'Z');

const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
export const randomSuffix = (rand: () => number, n = 5): string =>
  Array.from({ length: n }, () => NAME_ALPHABET[Math.floor(rand() * NAME_ALPHABET.length)]).join('');

export const uidFrom = (rand: () => number): string => {
  const hex = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};
