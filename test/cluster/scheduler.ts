// Where a pod goes, and kube-scheduler's message when it goes nowhere.
import type { NodeSpec, Taint } from './options.ts';
import type { Obj } from './store.ts';

const tolerates = (tolerations: Obj[], taint: Taint): boolean =>
  tolerations.some((t) => {
    if (t.effect && t.effect !== taint.effect) return false;
    if ((t.operator ?? 'Equal') === 'Exists') return !t.key || t.key === taint.key;
    return t.key === taint.key && (t.value ?? '') === (taint.value ?? '');
  });

const taintText = (t: Taint): string => `{${t.key}: ${t.value ?? ''}}`;

const nodeLabels = (n: NodeSpec): Record<string, string> => ({
  'kubernetes.io/hostname': n.name,
  ...(n.labels ?? {}),
});

/** The first filter a node fails, in kube-scheduler's plugin order, or undefined when it fits. */
const whyNot = (pod: Obj, node: NodeSpec): string | undefined => {
  const spec = pod.spec ?? {};
  if (
    node.unschedulable &&
    !tolerates(spec.tolerations ?? [], { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' })
  )
    return 'node(s) were unschedulable';
  if (spec.nodeName && spec.nodeName !== node.name) return "node(s) didn't match the requested node name";
  const untolerated = (node.taints ?? []).find(
    (t) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerates(spec.tolerations ?? [], t),
  );
  if (untolerated) return `node(s) had untolerated taint ${taintText(untolerated)}`;
  const labels = nodeLabels(node);
  const sel: Record<string, string> = spec.nodeSelector ?? {};
  if (Object.entries(sel).some(([k, v]) => labels[k] !== v))
    return "node(s) didn't match Pod's node affinity/selector";
  return undefined;
};

export type Placement = { node: NodeSpec; index: number } | { message: string };

export const place = (pod: Obj, nodes: NodeSpec[], pick: (n: number) => number): Placement => {
  const fits: number[] = [];
  const reasons = new Map<string, number>();
  nodes.forEach((n, i) => {
    const why = whyNot(pod, n);
    if (why === undefined) fits.push(i);
    else reasons.set(why, (reasons.get(why) ?? 0) + 1);
  });
  if (fits.length) {
    const index = fits[pick(fits.length)]!;
    return { node: nodes[index]!, index };
  }
  const total = nodes.length;
  const parts = [...reasons.entries()].map(([why, n]) => `${n} ${why}`).sort();
  const head =
    total === 0 ? `0/0 nodes are available` : `0/${total} nodes are available: ${parts.join(', ')}`;
  return {
    message: `${head}. preemption: 0/${total} nodes are available: ${total} Preemption is not helpful for scheduling.`,
  };
};

export const nodeObject = (n: NodeSpec, index: number, created: string): Obj => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: {
    name: n.name,
    labels: {
      'beta.kubernetes.io/arch': 'amd64',
      'beta.kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
      'kubernetes.io/os': 'linux',
      ...nodeLabels(n),
    },
    creationTimestamp: created,
    uid: `00000000-0000-4000-8000-${String(index + 1).padStart(12, '0')}`,
  },
  spec: {
    podCIDR: `10.244.${index}.0/24`,
    podCIDRs: [`10.244.${index}.0/24`],
    ...(n.taints?.length ? { taints: n.taints.map((t) => ({ ...t })) } : {}),
    ...(n.unschedulable ? { unschedulable: true } : {}),
  },
  status: {
    addresses: [
      { type: 'InternalIP', address: `172.18.0.${index + 2}` },
      { type: 'Hostname', address: n.name },
    ],
    conditions: [
      {
        type: 'Ready',
        status: 'True',
        reason: 'KubeletReady',
        message: 'kubelet is posting ready status',
        lastHeartbeatTime: created,
        lastTransitionTime: created,
      },
    ],
    nodeInfo: {
      kubeletVersion: 'v1.32.2',
      containerRuntimeVersion: 'containerd://2.0.2',
      operatingSystem: 'linux',
      architecture: 'amd64',
      osImage: 'Debian GNU/Linux 12 (bookworm)',
      kernelVersion: '6.8.0',
      kubeProxyVersion: 'v1.32.2',
      machineID: '',
      systemUUID: '',
      bootID: '',
    },
  },
});
