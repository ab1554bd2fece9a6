// Does one rule of an admin or baseline policy match a connection? yes, no, or
// maybe (with why), like rules.ts for NetworkPolicy. What differs: peers are
// namespaces, pods, networks (CIDRs that match pod IPs too), nodes and
// domainNames; host-networked pods are neither subjects nor pod peers.
import { blockContains, parseCidr, parseIp } from './cidr.ts';
import { whereText, type Connection, type Party, type PodParty } from './connection.ts';
import type { Tri } from './rules.ts';
import { isEmptySelector, matchesSelector, selectorText } from './selectors.ts';
import type { AdminPeer, AdminPolicy, AdminPort, AdminRule, AdminSubject, Snapshot } from './types.ts';

const YES: Tri = { value: 'yes' };
const NO: Tri = { value: 'no' };
const maybe = (why: string): Tri => ({ value: 'maybe', why });

export function subjectSelects(subject: AdminSubject, pod: PodParty): boolean {
  if (pod.hostNetwork) return false;
  if (subject.namespaces) return matchesSelector(subject.namespaces, pod.nsLabels);
  if (subject.pods) {
    return (
      matchesSelector(subject.pods.namespaceSelector, pod.nsLabels) &&
      matchesSelector(subject.pods.podSelector, pod.labels)
    );
  }
  return false;
}

export function adminPeerMatches(snapshot: Snapshot, peer: AdminPeer, other: Party): Tri {
  if (peer.namespaces) {
    return other.kind === 'pod' && !other.hostNetwork && matchesSelector(peer.namespaces, other.nsLabels)
      ? YES
      : NO;
  }
  if (peer.pods) {
    return other.kind === 'pod' &&
      !other.hostNetwork &&
      matchesSelector(peer.pods.namespaceSelector, other.nsLabels) &&
      matchesSelector(peer.pods.podSelector, other.labels)
      ? YES
      : NO;
  }
  if (peer.networks) return networksMatch(peer.networks, other);
  if (peer.nodes) return nodesMatch(snapshot, peer.nodes, other);
  if (peer.domainNames) return domainsMatch(peer.domainNames, other);
  // a peer with no field the model knows: the API's "fail closed" is the caller's business
  return NO;
}

function networksMatch(networks: string[], other: Party): Tri {
  const blocks = networks.map(parseCidr).filter((b) => b !== undefined);
  if (other.ip === undefined) {
    // as for a v1 ipBlock: a /0 holds every address, whatever its family
    if (blocks.some((b) => b.bits === 0)) return YES;
    return maybe(
      `the IP of ${other.display} is unknown, so whether it is in ${networks.join(', ')} cannot be told`,
    );
  }
  const ip = parseIp(other.ip);
  if (!ip) return maybe(`"${other.ip}" (${other.display}) is not an IP address`);
  return blocks.some((b) => blockContains(b, ip)) ? YES : NO;
}

function nodesMatch(snapshot: Snapshot, selector: AdminPeer['nodes'], other: Party): Tri {
  // a pod on the pod network is never a node; a name outside the cluster is taken not to be one
  if (other.kind === 'pod' && !other.hostNetwork) return NO;
  if (other.kind === 'external' && other.ip === undefined) return NO;
  const nodes = snapshot.nodes;
  if (nodes === undefined) {
    return maybe(
      `which nodes have the labels ${selectorText(selector ?? {})} is not known from ${whereText(snapshot)}`,
    );
  }
  if (other.ip === undefined) return maybe(`the IP of ${other.display} is unknown`);
  const ip = parseIp(other.ip);
  const node = nodes.find((n) =>
    n.addresses.some((a) => {
      const have = parseIp(a);
      return Boolean(ip && have && have.family === ip.family && have.value === ip.value);
    }),
  );
  return node && matchesSelector(selector ?? {}, node.labels) ? YES : NO;
}

function domainsMatch(domains: string[], other: Party): Tri {
  // names select destinations outside the cluster, and only as they are looked up
  if (other.kind === 'pod') return NO;
  if (other.host === undefined) {
    return maybe(
      `whether ${other.display} is an address of ${domains.join(', ')} depends on DNS answers, which cannot be known ahead`,
    );
  }
  const host = other.host.toLowerCase().replace(/\.$/, '');
  return domains.some((d) => domainMatches(d.toLowerCase().replace(/\.$/, ''), host)) ? YES : NO;
}

/** `*.example.com` matches one or more whole labels before example.com, never example.com itself. */
export function domainMatches(pattern: string, host: string): boolean {
  if (pattern.startsWith('*.')) {
    const suffix = pattern.slice(1);
    return host.endsWith(suffix) && host.length > suffix.length;
  }
  return pattern === host;
}

export function adminPortMatches(entry: AdminPort, conn: Connection): Tri {
  if ('namedPort' in entry) {
    const dest = conn.to;
    if (dest.kind === 'external') return NO;
    if (!dest.ports) {
      return maybe(
        `the ports of ${dest.display} are unknown, so the named port "${entry.namedPort}" cannot be resolved`,
      );
    }
    const declared = dest.ports.find((p) => p.name === entry.namedPort);
    return declared && declared.protocol === conn.protocol && declared.containerPort === conn.port ? YES : NO;
  }
  if (entry.protocol !== conn.protocol) return NO;
  if (entry.port === undefined) return YES;
  return conn.port >= entry.port && conn.port <= (entry.endPort ?? entry.port) ? YES : NO;
}

export function adminRuleMatches(snapshot: Snapshot, rule: AdminRule, other: Party, conn: Connection): Tri {
  const peers = anyOf(rule.peers.map((p) => adminPeerMatches(snapshot, p, other)));
  if (peers.value === 'no') return NO;
  const ports =
    rule.ports && rule.ports.length > 0 ? anyOf(rule.ports.map((p) => adminPortMatches(p, conn))) : YES;
  if (ports.value === 'no') return NO;
  return peers.value === 'maybe' ? peers : ports;
}

function anyOf(tris: Tri[]): Tri {
  return tris.find((t) => t.value === 'yes') ?? tris.find((t) => t.value === 'maybe') ?? NO;
}

// ---- how they read in messages ----

const TIER_WORD = { Admin: 'admin', Baseline: 'baseline' } as const;

export function tierWord(tier: AdminPolicy['tier']): string {
  return TIER_WORD[tier];
}

/** "ClusterNetworkPolicy deny-all-egress (priority 10)"; a BANP has no priority. */
export function adminPolicyText(policy: AdminPolicy): string {
  const priority = policy.kind === 'BaselineAdminNetworkPolicy' ? '' : ` (priority ${policy.priority})`;
  return `${policy.kind} ${policy.name}${priority}`;
}

/** `egress rule #3 "deny-to-slytherin" (to namespaces conformance-house=slytherin, 80/TCP)` */
export function adminRuleText(rule: AdminRule, index: number, direction: 'egress' | 'ingress'): string {
  const named = rule.name ? ` "${rule.name}"` : '';
  const where = direction === 'egress' ? 'to' : 'from';
  const peers = rule.peers.map(adminPeerText).join(' or ') || 'no peer';
  const ports = rule.ports && rule.ports.length > 0 ? `, ${rule.ports.map(adminPortText).join(', ')}` : '';
  return `${direction} rule #${index + 1}${named} (${where} ${peers}${ports})`;
}

function adminPeerText(peer: AdminPeer): string {
  const sel = (s: Parameters<typeof selectorText>[0]): string =>
    isEmptySelector(s) ? '{} (all)' : selectorText(s);
  if (peer.namespaces) return `namespaces ${sel(peer.namespaces)}`;
  if (peer.pods) {
    return `pods ${sel(peer.pods.podSelector)} in namespaces ${sel(peer.pods.namespaceSelector)}`;
  }
  if (peer.networks) return `networks ${peer.networks.join(', ')}`;
  if (peer.nodes) return `nodes ${sel(peer.nodes)}`;
  if (peer.domainNames) return `domainNames ${peer.domainNames.join(', ')}`;
  return 'an empty peer';
}

function adminPortText(port: AdminPort): string {
  if ('namedPort' in port) return `named port ${port.namedPort}`;
  if (port.port === undefined) return `every ${port.protocol} port`;
  return `${port.port}${port.endPort !== undefined ? `-${port.endPort}` : ''}/${port.protocol}`;
}
