// evaluate: would this source reach this destination under the snapshot's
// NetworkPolicies? Traffic to a Service is judged at every pod behind it, on
// the targetPort that pod resolves; egress and ingress must both allow it.
import type { Labels } from '../core/types.ts';
import { isIp, parseIp } from './cidr.ts';
import {
  labelledParty,
  podParty,
  portText,
  sourceParty,
  whereText,
  type Connection,
  type Party,
  type PodParty,
} from './connection.ts';
import { checkDirection } from './tiers.ts';
import { labelsText } from './selectors.ts';
import { unmodelledNotes } from './unmodelled.ts';
import type {
  Decision,
  Destination,
  DirectionCheck,
  DnsCheck,
  EndpointCheck,
  Evaluation,
  Protocol,
  ServiceInfo,
  Snapshot,
  Source,
} from './types.ts';

interface Target {
  party: Party;
  port: number;
}

type Endpoints = { description: string; targets: Target[] } | { description: string; problem: string };

export function evaluate(snapshot: Snapshot, source: Source, destination: Destination): Evaluation {
  const where = whereText(snapshot);
  const from = sourceParty(snapshot, source);
  const protocol: Protocol = destination.protocol ?? 'TCP';
  const found = endpointsOf(snapshot, destination, protocol);
  const dns = needsDns(destination) ? checkDns(snapshot, from) : undefined;
  const namespaces = [
    from.namespace,
    ...('targets' in found
      ? found.targets.flatMap((t) => (t.party.kind === 'pod' ? [t.party.namespace] : []))
      : []),
    ...(destination.kind === 'service' || destination.kind === 'pod' ? [destination.namespace] : []),
  ];
  const unmodelled = unmodelledNotes(snapshot, [...new Set(namespaces)]);
  const result = (e: Omit<Evaluation, 'destination' | 'where' | 'dns'>): Evaluation => ({
    ...e,
    destination: found.description,
    where,
    ...(dns ? { dns } : {}),
    ...(unmodelled.length > 0 ? { unmodelled } : {}),
  });

  if ('problem' in found) return result({ decision: 'unknown', reason: found.problem, endpoints: [] });

  const [first] = found.targets;
  if (first && first.party.kind === 'external') {
    const egress = checkDirection(snapshot, 'egress', { from, to: first.party, port: first.port, protocol });
    return result({ decision: egress.decision, reason: egress.reason, egress, endpoints: [] });
  }

  const checks = found.targets.map((t) =>
    checkEndpoint(snapshot, { from, to: t.party, port: t.port, protocol }),
  );
  const allowed = checks.filter((c) => c.decision === 'allowed');
  const denied = checks.filter((c) => c.decision === 'denied');
  let decision: Decision;
  let chosen: EndpointCheck;
  let reason: string;
  if (allowed.length === checks.length) {
    decision = 'allowed';
    chosen = checks[0] as EndpointCheck;
    reason = chosen.reason;
  } else if (denied.length === checks.length) {
    decision = 'denied';
    chosen = checks[0] as EndpointCheck;
    reason = chosen.reason;
  } else if (allowed.length > 0 && denied.length > 0) {
    decision = 'unknown';
    chosen = denied[0] as EndpointCheck;
    reason =
      `${allowed.length} of ${checks.length} pods behind ${found.description} allow it, so the answer ` +
      `depends on the pod the connection reaches; for ${chosen.pod}: ${chosen.reason}`;
  } else {
    decision = 'unknown';
    chosen = checks.find((c) => c.decision === 'unknown') as EndpointCheck;
    reason = chosen.reason;
  }
  return result({ decision, reason, egress: chosen.egress, ingress: chosen.ingress, endpoints: checks });
}

function checkEndpoint(snapshot: Snapshot, conn: Connection): EndpointCheck {
  const egress = checkDirection(snapshot, 'egress', conn);
  const ingress = checkDirection(snapshot, 'ingress', conn);
  return {
    pod: conn.to.display,
    port: conn.port,
    protocol: conn.protocol,
    ...combine(egress, ingress),
    egress,
    ingress,
  };
}

/** Both directions must allow; a denial anywhere decides, then an unknown. */
function combine(egress: DirectionCheck, ingress: DirectionCheck): { decision: Decision; reason: string } {
  for (const d of ['denied', 'unknown'] as const) {
    if (egress.decision === d) return { decision: d, reason: egress.reason };
    if (ingress.decision === d) return { decision: d, reason: ingress.reason };
  }
  let reason: string;
  if (egress.decidedBy || ingress.decidedBy) reason = `egress: ${egress.reason}; ingress: ${ingress.reason}`;
  else if (egress.isolated && ingress.isolated)
    reason = `allowed by ${egress.allowedBy} and ${ingress.allowedBy}`;
  else if (egress.isolated) reason = egress.reason;
  else if (ingress.isolated) reason = ingress.reason;
  else reason = `${ingress.reason}; ${egress.reason}`;
  return { decision: 'allowed', reason };
}

function endpointsOf(snapshot: Snapshot, dest: Destination, protocol: Protocol): Endpoints {
  const where = whereText(snapshot);
  const at = portText(dest.port, protocol);
  switch (dest.kind) {
    case 'service': {
      const svc = snapshot.services.find((s) => s.namespace === dest.namespace && s.name === dest.name);
      const description = `Service ${dest.namespace}/${dest.name} ${at}`;
      if (!svc)
        return { description, problem: `there is no Service ${dest.namespace}/${dest.name} in ${where}` };
      return serviceEndpoints(snapshot, svc, dest.port, protocol, description);
    }
    case 'pod': {
      if (dest.name !== undefined) {
        const description = `pod ${dest.namespace}/${dest.name} ${at}`;
        const pod = snapshot.pods.find((p) => p.namespace === dest.namespace && p.name === dest.name);
        if (!pod)
          return { description, problem: `there is no pod ${dest.namespace}/${dest.name} in ${where}` };
        return { description, targets: [{ party: podParty(snapshot, pod), port: dest.port }] };
      }
      const labels = dest.labels ?? {};
      const description = `pods ${labelsText(labels) || '(any)'} in ${dest.namespace} ${at}`;
      const pods = snapshot.pods.filter((p) => p.namespace === dest.namespace && hasLabels(p.labels, labels));
      const parties =
        pods.length > 0
          ? pods.map((p) => podParty(snapshot, p))
          : [labelledParty(snapshot, dest.namespace, labels)];
      return { description, targets: parties.map((party) => ({ party, port: dest.port })) };
    }
    case 'ip': {
      const ip = parseIp(dest.ip);
      const same = (other: string | undefined): boolean => {
        const o = other === undefined ? undefined : parseIp(other);
        return Boolean(ip && o && o.family === ip.family && o.value === ip.value);
      };
      const pod = snapshot.pods.find((p) => same(p.ip));
      if (pod) {
        return {
          description: `pod ${pod.namespace}/${pod.name} (${dest.ip}) ${at}`,
          targets: [{ party: podParty(snapshot, pod), port: dest.port }],
        };
      }
      const svc = snapshot.services.find((s) => same(s.clusterIP));
      if (svc) {
        const description = `Service ${svc.namespace}/${svc.name} (${dest.ip}) ${at}`;
        return serviceEndpoints(snapshot, svc, dest.port, protocol, description);
      }
      const display = `${dest.ip} (no pod or Service in ${where} has this IP)`;
      return {
        description: `${dest.ip} ${at}`,
        targets: [{ party: { kind: 'external', ip: dest.ip, display }, port: dest.port }],
      };
    }
    case 'name':
      return {
        description: `${dest.host} ${at}`,
        targets: [{ party: { kind: 'external', host: dest.host, display: dest.host }, port: dest.port }],
      };
  }
}

function serviceEndpoints(
  snapshot: Snapshot,
  svc: ServiceInfo,
  port: number,
  protocol: Protocol,
  description: string,
): Endpoints {
  const where = whereText(snapshot);
  const id = `Service ${svc.namespace}/${svc.name}`;
  const servicePort = svc.ports.find((p) => p.port === port && p.protocol === protocol);
  if (!servicePort) {
    const has = svc.ports.map((p) => portText(p.port, p.protocol)).join(', ') || 'none';
    return { description, problem: `${id} has no ${portText(port, protocol)} (it has ${has})` };
  }
  if (Object.keys(svc.selector).length === 0) {
    return {
      description,
      problem: `${id} has no selector, so which pods serve it is not described in ${where}`,
    };
  }
  const pods = snapshot.pods.filter(
    (p) => p.namespace === svc.namespace && hasLabels(p.labels, svc.selector),
  );
  if (pods.length === 0) {
    return {
      description,
      problem: `${id} selects no pod in ${where} (selector ${labelsText(svc.selector)}), so nothing answers it`,
    };
  }
  const targets: Target[] = [];
  for (const pod of pods) {
    const target = servicePort.targetPort;
    if (typeof target === 'number') {
      targets.push({ party: podParty(snapshot, pod), port: target });
      continue;
    }
    if (!pod.ports) {
      return {
        description,
        problem: `the ports of pod ${pod.namespace}/${pod.name} are unknown, so targetPort "${target}" of ${id} cannot be resolved`,
      };
    }
    // a pod that does not declare the named port is not an endpoint of this Service port
    const declared = pod.ports.find((p) => p.name === target && p.protocol === protocol);
    if (declared) targets.push({ party: podParty(snapshot, pod), port: declared.containerPort });
  }
  if (targets.length === 0) {
    return {
      description,
      problem: `no pod behind ${id} declares a ${protocol} port named "${String(servicePort.targetPort)}", so nothing answers it`,
    };
  }
  return { description, targets };
}

function hasLabels(labels: Labels, wanted: Labels): boolean {
  return Object.entries(wanted).every(([k, v]) => labels[k] === v);
}

function needsDns(dest: Destination): boolean {
  if (dest.kind === 'name') return true;
  if (dest.kind === 'service' || dest.kind === 'pod') return dest.host !== undefined && !isIp(dest.host);
  return false;
}

// kube-dns as kubeadm and kind deploy it: CoreDNS pods labelled k8s-app=kube-dns in kube-system
const KUBE_DNS_LABELS = { 'k8s-app': 'kube-dns' };
const KUBE_DNS_PORTS = [
  { name: 'dns', containerPort: 53, protocol: 'UDP' as const },
  { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' as const },
  { name: 'metrics', containerPort: 9153, protocol: 'TCP' as const },
];

/** A name is looked up first: over UDP port 53 to kube-dns, which egress must allow. */
function checkDns(snapshot: Snapshot, from: PodParty): DnsCheck {
  const listed = snapshot.pods.find(
    (p) => p.namespace === 'kube-system' && hasLabels(p.labels, KUBE_DNS_LABELS),
  );
  const dns: PodParty = listed
    ? podParty(snapshot, listed)
    : { ...labelledParty(snapshot, 'kube-system', KUBE_DNS_LABELS), ports: KUBE_DNS_PORTS };
  const udp = checkEndpoint(snapshot, { from, to: dns, port: 53, protocol: 'UDP' });
  if (udp.decision === 'allowed') {
    return {
      decision: 'allowed',
      reason: udp.egress.isolated
        ? `DNS lookups are allowed by ${udp.egress.allowedBy}`
        : `egress from ${from.display} is not isolated, so DNS lookups reach kube-dns`,
    };
  }
  if (udp.decision === 'unknown') {
    return { decision: 'unknown', reason: `cannot tell whether DNS lookups reach kube-dns: ${udp.reason}` };
  }
  const tcp = checkEndpoint(snapshot, { from, to: dns, port: 53, protocol: 'TCP' });
  const also = tcp.decision === 'allowed' ? ' (TCP port 53 is allowed, but lookups go over UDP)' : '';
  return { decision: 'denied', reason: `DNS lookups are blocked${also}: ${udp.reason}` };
}
