// Predicted reachability of a whole snapshot: every workload (one pod per distinct
// label set in a namespace) against every Service port, kube-dns, and one address
// outside the cluster. Pure: what `diff` compares and `generate` writes tests from.
import { evaluate, labelsText } from '../policy/index.ts';
import type { Decision, Destination, Evaluation, PodInfo, Protocol, Snapshot } from '../policy/types.ts';
import type { Labels } from '../core/types.ts';

export interface ReachSource {
  /** stable identity across two snapshots: namespace and labels */
  key: string;
  namespace: string;
  labels: Labels;
  /** "dark-tower/frontend" (the first pod with these labels) */
  display: string;
}

export interface ReachTarget {
  key: string;
  /** "Service data/postgres port 5432", "DNS (kube-dns, UDP port 53)" */
  display: string;
  destination: Destination;
  /** what a matrix test names it: a URL or host:port */
  url: string;
  kind: 'service' | 'dns' | 'external';
  /** the Service's namespace, for bounding by namespace */
  namespace?: string;
}

export interface ReachCell {
  source: ReachSource;
  target: ReachTarget;
  decision: Decision;
  reason: string;
  evaluation: Evaluation;
}

/** An address outside the cluster (TEST-NET-3, never routed), standing for "the internet". */
export const EXTERNAL_ADDRESS = '203.0.113.10';
export const EXTERNAL_PORT = 443;

export function reachSources(snapshot: Snapshot): ReachSource[] {
  const out: ReachSource[] = [];
  for (const pod of snapshot.pods) {
    if (pod.hostNetwork) continue;
    const key = sourceKey(pod.namespace, pod.labels);
    if (out.some((s) => s.key === key)) continue;
    out.push({ key, namespace: pod.namespace, labels: pod.labels, display: displayOf(pod) });
  }
  return out.sort((a, b) => a.key.localeCompare(b.key));
}

function sourceKey(namespace: string, labels: Labels): string {
  const sorted = Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join(',');
  return `${namespace} {${sorted}}`;
}

/** A StatefulSet's first pod stands for it by the StatefulSet's name. */
function displayOf(pod: PodInfo): string {
  return `${pod.namespace}/${pod.name.replace(/-0$/, '')}`;
}

export function reachTargets(
  snapshot: Snapshot,
  options: { dns?: boolean; external?: boolean } = {},
): ReachTarget[] {
  const targets: ReachTarget[] = [];
  for (const svc of [...snapshot.services].sort((a, b) =>
    `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`),
  )) {
    for (const port of svc.ports) {
      const at = port.protocol === 'TCP' ? `port ${port.port}` : `${port.protocol} port ${port.port}`;
      const host = `${svc.name}.${svc.namespace}.svc.cluster.local`;
      targets.push({
        key: `service ${svc.namespace}/${svc.name} ${port.port}/${port.protocol}`,
        display: `Service ${svc.namespace}/${svc.name} ${at}`,
        destination: {
          kind: 'service',
          namespace: svc.namespace,
          name: svc.name,
          port: port.port,
          protocol: port.protocol,
        },
        url: urlOf(port.protocol, host, port.port),
        kind: 'service',
        namespace: svc.namespace,
      });
    }
  }
  if (options.dns !== false) {
    targets.push({
      key: 'dns',
      display: 'DNS (kube-dns, UDP port 53)',
      destination: {
        kind: 'pod',
        namespace: 'kube-system',
        labels: { 'k8s-app': 'kube-dns' },
        port: 53,
        protocol: 'UDP',
      },
      url: 'udp://kube-dns.kube-system.svc.cluster.local:53',
      kind: 'dns',
    });
  }
  if (options.external !== false) {
    targets.push({
      key: 'external',
      display: `an address outside the cluster (${EXTERNAL_ADDRESS} port ${EXTERNAL_PORT})`,
      destination: { kind: 'ip', ip: EXTERNAL_ADDRESS, port: EXTERNAL_PORT },
      url: `tcp://${EXTERNAL_ADDRESS}:${EXTERNAL_PORT}`,
      kind: 'external',
    });
  }
  return targets;
}

function urlOf(protocol: Protocol, host: string, port: number): string {
  if (protocol === 'UDP') return `udp://${host}:${port}`;
  if (protocol === 'SCTP') return `sctp://${host}:${port}`;
  return `tcp://${host}:${port}`;
}

export function reachCell(snapshot: Snapshot, source: ReachSource, target: ReachTarget): ReachCell {
  const evaluation = evaluate(
    snapshot,
    { namespace: source.namespace, labels: source.labels, name: source.display.split('/')[1] },
    target.destination,
  );
  return { source, target, decision: evaluation.decision, reason: evaluation.reason, evaluation };
}

export function sourceText(source: ReachSource): string {
  const labels = labelsText(source.labels);
  return labels ? `${source.display} (${labels})` : source.display;
}
