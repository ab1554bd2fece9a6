// The two ends of one connection as the model sees them, and what is known
// about each: labels for selectors, an IP for ipBlocks, ports for named ports.
import type { Labels } from '../core/types.ts';
import { labelsText } from './selectors.ts';
import type { ContainerPort, NetworkPolicy, PodInfo, Protocol, Snapshot, Source } from './types.ts';

export const NAMESPACE_NAME_KEY = 'kubernetes.io/metadata.name';

export interface PodParty {
  kind: 'pod';
  namespace: string;
  /** every label, hidden ones included: what selectors see */
  labels: Labels;
  nsLabels: Labels;
  ip?: string;
  ports?: ContainerPort[];
  /** how messages name it: "dark-tower/backend", "a pod in data with app=reports" */
  display: string;
  /** how "no NetworkPolicy in <ns> selects <this>" names it */
  selectText: string;
  /** on its node's network: admin policies neither select it nor see it as a pod */
  hostNetwork?: boolean;
}

export interface ExternalParty {
  kind: 'external';
  ip?: string;
  /** the name it was reached by (example.com), for domainNames peers */
  host?: string;
  display: string;
}

export type Party = PodParty | ExternalParty;

export interface Connection {
  from: PodParty;
  to: Party;
  /** the port at the destination pod (a Service's targetPort, resolved) */
  port: number;
  protocol: Protocol;
}

export function whereText(snapshot: Snapshot): string {
  return snapshot.where ?? 'the cluster';
}

/** A namespace's labels, with the name label the API server always sets. */
export function namespaceLabels(snapshot: Snapshot, name: string): Labels {
  const found = snapshot.namespaces.find((n) => n.name === name);
  return { ...(found?.labels ?? {}), [NAMESPACE_NAME_KEY]: name };
}

export function policyNamespace(policy: NetworkPolicy): string {
  return policy.metadata.namespace ?? 'default';
}

export function policyName(policy: NetworkPolicy): string {
  return `${policyNamespace(policy)}/${policy.metadata.name}`;
}

export function sourceParty(snapshot: Snapshot, source: Source): PodParty {
  const visible = labelsText(source.labels);
  const display = source.name ? `${source.namespace}/${source.name}` : unnamedPod(source.namespace, visible);
  return {
    kind: 'pod',
    namespace: source.namespace,
    labels: { ...source.labels, ...(source.hiddenLabels ?? {}) },
    nsLabels: namespaceLabels(snapshot, source.namespace),
    ip: source.ip,
    display,
    selectText: visible || (source.name ? `pod ${source.name}` : 'pods without labels'),
  };
}

export function podParty(snapshot: Snapshot, pod: PodInfo): PodParty {
  return {
    kind: 'pod',
    namespace: pod.namespace,
    labels: pod.labels,
    nsLabels: namespaceLabels(snapshot, pod.namespace),
    ip: pod.ip,
    ports: pod.ports,
    display: `${pod.namespace}/${pod.name}`,
    selectText: labelsText(pod.labels) || `pod ${pod.name}`,
    ...(pod.hostNetwork ? { hostNetwork: true } : {}),
  };
}

/** A pod the snapshot does not list, known only by its labels. */
export function labelledParty(snapshot: Snapshot, namespace: string, labels: Labels): PodParty {
  const text = labelsText(labels);
  return {
    kind: 'pod',
    namespace,
    labels,
    nsLabels: namespaceLabels(snapshot, namespace),
    display: unnamedPod(namespace, text),
    selectText: text || 'pods without labels',
  };
}

/** "a pod in data with app=reports" */
function unnamedPod(namespace: string, labels: string): string {
  return labels ? `a pod in ${namespace} with ${labels}` : `a pod in ${namespace}`;
}

export function portText(port: number, protocol: Protocol): string {
  return protocol === 'TCP' ? `port ${port}` : `${protocol} port ${port}`;
}
