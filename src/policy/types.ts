// The data the NetworkPolicy model reads and the answers it gives.
// Plain JSON-serialisable data, like src/core/types.ts.
import type { Labels } from '../core/types.ts';

export type Protocol = 'TCP' | 'UDP' | 'SCTP';

// ---- networking.k8s.io/v1 NetworkPolicy, as the API serves it ----

export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Labels;
  matchExpressions?: LabelSelectorRequirement[];
}

export interface IPBlock {
  cidr: string;
  except?: string[];
}

export interface NetworkPolicyPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: IPBlock;
}

export interface NetworkPolicyPort {
  protocol?: Protocol;
  port?: number | string;
  endPort?: number;
}

export interface NetworkPolicyIngressRule {
  from?: NetworkPolicyPeer[];
  ports?: NetworkPolicyPort[];
}

export interface NetworkPolicyEgressRule {
  to?: NetworkPolicyPeer[];
  ports?: NetworkPolicyPort[];
}

export interface NetworkPolicy {
  apiVersion?: string;
  kind?: string;
  metadata: { name: string; namespace?: string; labels?: Labels };
  spec: {
    podSelector: LabelSelector;
    policyTypes?: ('Ingress' | 'Egress')[];
    ingress?: NetworkPolicyIngressRule[];
    egress?: NetworkPolicyEgressRule[];
  };
}

// ---- policy.networking.k8s.io: the admin and baseline tiers ----
// ClusterNetworkPolicy (v1alpha2) and its predecessors AdminNetworkPolicy and
// BaselineAdminNetworkPolicy (v1alpha1), read into one shape: v1alpha1's Allow
// is Accept, a BANP is the Baseline tier, its ports are protocols.

export type Tier = 'Admin' | 'Baseline';
export type AdminAction = 'Accept' | 'Deny' | 'Pass';

export interface NamespacedPodSelector {
  namespaceSelector: LabelSelector;
  podSelector: LabelSelector;
}

/** Exactly one is set. */
export interface AdminSubject {
  namespaces?: LabelSelector;
  pods?: NamespacedPodSelector;
}

/** Exactly one is set; networks, nodes and domainNames only in egress rules. */
export interface AdminPeer {
  namespaces?: LabelSelector;
  pods?: NamespacedPodSelector;
  /** CIDRs; they match pod IPs too */
  networks?: string[];
  nodes?: LabelSelector;
  /** `kubernetes.io`, `*.kubernetes.io` */
  domainNames?: string[];
}

/** One protocol match: a port or range of one protocol, every port of it, or a named port. */
export type AdminPort = { protocol: Protocol; port?: number; endPort?: number } | { namedPort: string };

export interface AdminRule {
  name?: string;
  action: AdminAction;
  peers: AdminPeer[];
  /** absent: every port of every protocol */
  ports?: AdminPort[];
}

export interface AdminPolicy {
  kind: 'ClusterNetworkPolicy' | 'AdminNetworkPolicy' | 'BaselineAdminNetworkPolicy';
  name: string;
  tier: Tier;
  /** 0..1000, lower first; a BaselineAdminNetworkPolicy has none (0) */
  priority: number;
  subject: AdminSubject;
  ingress: AdminRule[];
  egress: AdminRule[];
}

/** A policy of a kind the model does not evaluate (Cilium, Calico, Antrea...): named, never guessed at. */
export interface UnmodelledPolicy {
  kind: string;
  apiVersion: string;
  /** absent for cluster-wide kinds */
  namespace?: string;
  name: string;
}

export interface NodeInfo {
  name: string;
  labels: Labels;
  /** status.addresses; manifests do not know them */
  addresses: string[];
}

// ---- what the model knows about a cluster (live, or described by manifests) ----

export interface NamespaceInfo {
  name: string;
  labels: Labels;
}

export interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol: Protocol;
}

export interface PodInfo {
  namespace: string;
  name: string;
  labels: Labels;
  /** IPv4 or IPv6; manifests do not know it */
  ip?: string;
  /** declared container ports; undefined means unknown (named ports cannot be resolved) */
  ports?: ContainerPort[];
  /** a host-networked pod has its node's IP; admin policies neither select it nor see it as a pod */
  hostNetwork?: boolean;
}

export interface ServicePortInfo {
  name?: string;
  port: number;
  targetPort: number | string;
  protocol: Protocol;
}

export interface ServiceInfo {
  namespace: string;
  name: string;
  /** empty: a Service without selector, whose endpoints are managed by someone else */
  selector: Labels;
  clusterIP?: string;
  ports: ServicePortInfo[];
}

export interface Snapshot {
  namespaces: NamespaceInfo[];
  pods: PodInfo[];
  services: ServiceInfo[];
  policies: NetworkPolicy[];
  /** ClusterNetworkPolicies, AdminNetworkPolicies, BaselineAdminNetworkPolicies */
  adminPolicies?: AdminPolicy[];
  /** policies of other kinds, which decide traffic too: explanations name them */
  unmodelled?: UnmodelledPolicy[];
  /** kinds whose objects could not be read: "CiliumNetworkPolicies in dark-tower (this run may not list them)" */
  unread?: { text: string; namespace?: string }[];
  /** undefined: the nodes are not known (manifests), so a nodes peer cannot be decided */
  nodes?: NodeInfo[];
  /** where the objects come from, for messages: "the cluster" (default) or "the manifests" */
  where?: string;
}

// ---- questions ----

/** The pod that opens the connection. */
export interface Source {
  namespace: string;
  labels: Labels;
  ip?: string;
  name?: string;
  /** count for selectors but stay out of messages (the canary's ownership labels) */
  hiddenLabels?: Labels;
}

export type Destination =
  | { kind: 'service'; namespace: string; name: string; port: number; protocol?: Protocol; host?: string }
  | {
      kind: 'pod';
      namespace: string;
      /** a pod by name, or else every pod carrying `labels` (a pod with those labels if none does) */
      name?: string;
      labels?: Labels;
      port: number;
      protocol?: Protocol;
      host?: string;
    }
  | { kind: 'ip'; ip: string; port: number; protocol?: Protocol }
  /** a name outside the cluster, such as example.com */
  | { kind: 'name'; host: string; port: number; protocol?: Protocol };

// ---- answers ----

export type Decision = 'allowed' | 'denied' | 'unknown';

/** How one direction (the source's egress, or the destination pod's ingress) judges the connection. */
export interface DirectionCheck {
  direction: 'egress' | 'ingress';
  /** the pod whose policies decide, e.g. "dark-tower/backend" or "a pod in data with app=reports" */
  subject: string;
  namespace: string;
  /** namespace/name of every policy that selects the subject for this direction */
  selectedBy: string[];
  /** false: no policy selects the subject for this direction, so everything is allowed */
  isolated: boolean;
  decision: Decision;
  /** the rule that allows it, e.g. "dark-tower/allow-frontend ingress rule #1 (from podSelector app=frontend)" */
  allowedBy?: string;
  reason: string;
  /** the tier whose rule decided: absent when NetworkPolicy decided or nothing did */
  decidedBy?: Tier;
}

/** One pod behind the destination, at the port the connection really reaches. */
export interface EndpointCheck {
  pod: string;
  port: number;
  protocol: Protocol;
  decision: Decision;
  reason: string;
  egress: DirectionCheck;
  ingress: DirectionCheck;
}

export interface DnsCheck {
  decision: Decision;
  reason: string;
}

export interface Evaluation {
  decision: Decision;
  /** one line: why */
  reason: string;
  /** what was judged, e.g. "Service dark-tower/backend port 8080" */
  destination: string;
  /** "the cluster" or "the manifests" */
  where: string;
  /** the deciding endpoint's egress (absent when the destination could not be found) */
  egress?: DirectionCheck;
  /** the deciding endpoint's ingress (absent outside the cluster, where no NetworkPolicy applies) */
  ingress?: DirectionCheck;
  /** every pod behind a Service or a label selection */
  endpoints: EndpointCheck[];
  /** present when the destination is reached by name: the lookup needs egress to kube-dns */
  dns?: DnsCheck;
  /** policies of kinds the model does not evaluate that may apply here: "2 CiliumNetworkPolicies in dark-tower" */
  unmodelled?: string[];
}
