// What `kubectl get … -o json` printed, as the policy model's Snapshot: the
// cluster as it is apart from this run's canaries, which are the sources of the
// connections being judged and not destinations.
import { parseIp, type NodeInfo, type Snapshot, type Source } from '../policy/index.ts';
import {
  adminPolicyFrom,
  isAdminKind,
  isOtherPolicyKind,
  namespaceFrom,
  podFrom,
  policyFrom,
  readLabels,
  serviceFrom,
  unmodelledFrom,
} from '../predict/index.ts';
import { ownershipLabels, RUN_KEY } from '../core/ownership.ts';
import type { Labels, TestCase } from '../core/types.ts';

/** Items read from the cluster. */
export interface ClusterReads {
  /** from `kubectl get namespaces … -o json` */
  namespaces: unknown[];
  /** from every `kubectl get networkpolicies,pods,services -n NS -o json` */
  objects: unknown[];
  /** admin-tier policies and policies of other kinds (policy-kinds.ts) */
  policyObjects?: unknown[];
  /** the kinds that could not be read */
  unread?: { text: string; namespace?: string }[];
  /** from `kubectl get nodes -o json`, when a nodes peer needs them and they could be read */
  nodes?: unknown[];
}

const HOSTNAME_KEY = 'kubernetes.io/hostname';
const CLUSTER_DOMAIN = '.cluster.local';

interface K8sObject {
  apiVersion?: string;
  kind?: string;
  metadata?: { namespace?: string; name?: string; deletionTimestamp?: string };
  spec?: { nodeSelector?: Labels };
  status?: { phase?: string; podIP?: string };
}

/**
 * The model's view of what was read. Left out: this run's canaries, pods not
 * Running (no IP that traffic could reach) and pods being deleted (their
 * endpoints are already gone).
 */
export function clusterSnapshot(reads: ClusterReads, run: string): Snapshot {
  const snapshot: Snapshot = {
    namespaces: [],
    pods: [],
    services: [],
    policies: [],
    adminPolicies: [],
    unmodelled: [],
    unread: reads.unread ?? [],
    where: 'the cluster',
  };
  for (const item of reads.namespaces) {
    const ns = namespaceFrom(item);
    if (ns.ok) snapshot.namespaces.push(ns.value);
  }
  // objects the API server accepted are well-formed; one that is not is left out rather than guessed at
  for (const item of reads.objects) {
    const obj = item as K8sObject;
    if (obj?.kind === 'Pod') {
      if (!isLive(obj) || readLabels(obj)[RUN_KEY] === run) continue;
      const pod = podFrom(obj);
      if (pod.ok) snapshot.pods.push(pod.value);
    } else if (obj?.kind === 'Service') {
      const svc = serviceFrom(obj);
      if (svc.ok) snapshot.services.push(svc.value);
    } else if (obj?.kind === 'NetworkPolicy') {
      const policy = policyFrom(obj);
      if (policy.ok) snapshot.policies.push(policy.value);
    }
  }
  if (reads.nodes) snapshot.nodes = reads.nodes.flatMap(nodeFrom);
  for (const item of reads.policyObjects ?? []) {
    const obj = item as K8sObject;
    const kind = obj?.kind ?? '';
    const apiVersion = obj?.apiVersion ?? '';
    if (isAdminKind(kind, apiVersion)) {
      const policy = adminPolicyFrom(obj);
      if (policy.ok) snapshot.adminPolicies?.push(policy.value);
    } else if (isOtherPolicyKind(kind)) {
      snapshot.unmodelled?.push(unmodelledFrom(item as Record<string, unknown>, kind, apiVersion));
    }
  }
  return snapshot;
}

function nodeFrom(item: unknown): NodeInfo[] {
  const node = item as { metadata?: { name?: unknown }; status?: { addresses?: { address?: unknown }[] } };
  if (typeof node?.metadata?.name !== 'string') return [];
  const addresses = (node.status?.addresses ?? []).flatMap((a) =>
    typeof a?.address === 'string' && parseIp(a.address) ? [a.address] : [],
  );
  return [{ name: node.metadata.name, labels: readLabels(item), addresses }];
}

function isLive(pod: K8sObject): boolean {
  return pod.status?.phase === 'Running' && !pod.metadata?.deletionTimestamp;
}

/**
 * The test's canary as the source of the connection: its namespace and labels, the
 * ownership labels (selectors see them, messages do not), and the IP of this run's
 * canary for the test's group when one was read (for ipBlock rules).
 */
export function canarySource(test: TestCase, objects: unknown[], run: string): Source {
  const hidden = ownershipLabels(run);
  const wanted = { ...test.labels, ...hidden };
  const canaries = objects.filter((item): item is K8sObject => {
    const obj = item as K8sObject;
    return (
      obj?.kind === 'Pod' && obj.metadata?.namespace === test.from && sameLabels(readLabels(obj), wanted)
    );
  });
  const pinned = (pod: K8sObject): string | undefined => pod.spec?.nodeSelector?.[HOSTNAME_KEY];
  const canary =
    canaries.find((pod) => pinned(pod) === test.node && pod.status?.podIP) ??
    (test.node === undefined ? canaries.find((pod) => pod.status?.podIP) : undefined);
  const ip = canary?.status?.podIP;
  return {
    namespace: test.from,
    labels: test.labels,
    hiddenLabels: hidden,
    ...(ip ? { ip } : {}),
  };
}

function sameLabels(a: Labels, b: Labels): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

/**
 * The namespaces whose objects decide a test: its source namespace and the one
 * its target names, as cluster DNS reads the name from the source namespace.
 * `maybe` holds a namespace that `<a>.<b>` names only if namespace b exists
 * (backend.dark-tower is a Service; example.com is not).
 */
export function targetNamespaces(test: TestCase): { certain: string[]; maybe: string[] } {
  const certain = [test.from];
  const maybe: string[] = [];
  const host = test.target.host.toLowerCase().replace(/\.$/, '');
  if (parseIp(host.replace(/^\[|\]$/g, '')) === undefined) {
    const name = host.endsWith(CLUSTER_DOMAIN) ? host.slice(0, -CLUSTER_DOMAIN.length) : host;
    const parts = name.split('.');
    const last = parts[parts.length - 1];
    // <service>.<namespace>.svc, <pod>.<service>.<namespace>.svc, <ip-with-dashes>.<namespace>.pod
    const named =
      last === 'svc' && (parts.length === 3 || parts.length === 4)
        ? parts[parts.length - 2]
        : last === 'pod' && parts.length === 3
          ? parts[1]
          : undefined;
    if (named && isNamespaceName(named)) certain.push(named);
    else if (parts.length === 2 && parts[1]) maybe.push(parts[1]);
  }
  return {
    certain: [...new Set(certain)],
    maybe: maybe.filter((ns) => !certain.includes(ns) && isNamespaceName(ns)),
  };
}

function isNamespaceName(name: string): boolean {
  return name.length <= 63 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name);
}
