// Does one rule of one policy match a connection? Three answers: yes, no, or
// maybe (with why), for what the snapshot cannot know (IPs, undeclared ports).
import { blockContains, parseCidr, parseIp } from './cidr.ts';
import type { Connection, Party } from './connection.ts';
import { isEmptySelector, matchesSelector, selectorText } from './selectors.ts';
import type { IPBlock, NetworkPolicy, NetworkPolicyPeer, NetworkPolicyPort } from './types.ts';

export type Tri = { value: 'yes' } | { value: 'no' } | { value: 'maybe'; why: string };

const YES: Tri = { value: 'yes' };
const NO: Tri = { value: 'no' };
const maybe = (why: string): Tri => ({ value: 'maybe', why });

/** policyTypes as the API server defaults them: Ingress always, Egress when there are egress rules. */
export function policyTypes(policy: NetworkPolicy): ('Ingress' | 'Egress')[] {
  const declared = policy.spec.policyTypes;
  if (declared && declared.length > 0) return declared;
  return (policy.spec.egress?.length ?? 0) > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

export function peerMatches(peer: NetworkPolicyPeer, policyNs: string, other: Party): Tri {
  if (peer.ipBlock) return ipBlockMatches(peer.ipBlock, other);
  // a peer with neither selector is rejected by the API server
  if (!peer.podSelector && !peer.namespaceSelector) return NO;
  // selectors only ever pick pods, never addresses outside the cluster
  if (other.kind === 'external') return NO;
  const nsOk = peer.namespaceSelector
    ? matchesSelector(peer.namespaceSelector, other.nsLabels)
    : other.namespace === policyNs;
  const podOk = peer.podSelector ? matchesSelector(peer.podSelector, other.labels) : true;
  return nsOk && podOk ? YES : NO;
}

function ipBlockMatches(block: IPBlock, other: Party): Tri {
  const cidr = parseCidr(block.cidr);
  if (!cidr) return NO;
  const everything = cidr.bits === 0 && (block.except ?? []).length === 0;
  if (other.ip === undefined) {
    return everything ? YES : maybe(`the IP of ${other.display} is unknown`);
  }
  const ip = parseIp(other.ip);
  if (!ip) return maybe(`"${other.ip}" (${other.display}) is not an IP address`);
  if (!blockContains(cidr, ip)) return NO;
  for (const text of block.except ?? []) {
    const except = parseCidr(text);
    if (except && blockContains(except, ip)) return NO;
  }
  return YES;
}

export function portMatches(entry: NetworkPolicyPort, conn: Connection): Tri {
  const protocol = entry.protocol ?? 'TCP';
  if (protocol !== conn.protocol) return NO;
  if (entry.port === undefined || entry.port === null) return YES;
  const port = typeof entry.port === 'string' && /^\d+$/.test(entry.port) ? Number(entry.port) : entry.port;
  if (typeof port === 'number') return conn.port >= port && conn.port <= (entry.endPort ?? port) ? YES : NO;
  // a named port means the port of that name on the destination pod, for egress rules too
  const dest = conn.to;
  if (dest.kind === 'external') return NO;
  if (!dest.ports)
    return maybe(`the ports of ${dest.display} are unknown, so the named port "${port}" cannot be resolved`);
  const declared = dest.ports.find((p) => p.name === port);
  return declared && declared.protocol === protocol && declared.containerPort === conn.port ? YES : NO;
}

export interface RuleOutcome {
  policy: NetworkPolicy;
  /** 0-based position in the policy's ingress or egress list */
  index: number;
  peers: Tri;
  ports: Tri;
  result: Tri;
  /** the peer that matched, or might */
  peer?: NetworkPolicyPeer;
}

export function ruleOutcome(
  policy: NetworkPolicy,
  index: number,
  rule: { peers?: NetworkPolicyPeer[]; ports?: NetworkPolicyPort[] },
  policyNs: string,
  other: Party,
  conn: Connection,
): RuleOutcome {
  let peers: Tri = YES;
  let peer: NetworkPolicyPeer | undefined;
  if (rule.peers && rule.peers.length > 0) {
    const results = rule.peers.map((p) => ({ p, t: peerMatches(p, policyNs, other) }));
    const hit = results.find((r) => r.t.value === 'yes') ?? results.find((r) => r.t.value === 'maybe');
    peers = hit ? hit.t : NO;
    peer = hit?.p;
  }
  const ports =
    rule.ports && rule.ports.length > 0 ? anyOf(rule.ports.map((entry) => portMatches(entry, conn))) : YES;
  return { policy, index, peers, ports, result: allOf([peers, ports]), peer };
}

function anyOf(tris: Tri[]): Tri {
  return tris.find((t) => t.value === 'yes') ?? tris.find((t) => t.value === 'maybe') ?? NO;
}

function allOf(tris: Tri[]): Tri {
  return tris.find((t) => t.value === 'no') ?? tris.find((t) => t.value === 'maybe') ?? YES;
}

// ---- how rules read in messages ----

export function peerText(peer: NetworkPolicyPeer, policyNs: string): string {
  if (peer.ipBlock) {
    const except = peer.ipBlock.except ?? [];
    return `ipBlock ${peer.ipBlock.cidr}${except.length > 0 ? ` except ${except.join(', ')}` : ''}`;
  }
  const ns = peer.namespaceSelector;
  const pod = peer.podSelector;
  const nsText =
    ns && `namespaceSelector ${selectorText(ns)}${isEmptySelector(ns) ? ' (every namespace)' : ''}`;
  const podText =
    pod &&
    `podSelector ${selectorText(pod)}${isEmptySelector(pod) && !ns ? ` (every pod in ${policyNs})` : ''}`;
  return [nsText, podText].filter(Boolean).join(' and ') || 'an empty peer';
}

export function portsText(ports: NetworkPolicyPort[]): string {
  return ports
    .map((p) => {
      const port =
        p.port === undefined ? 'every port' : `${p.port}${p.endPort !== undefined ? `-${p.endPort}` : ''}`;
      return `${port}/${p.protocol ?? 'TCP'}`;
    })
    .join(', ');
}
