// The resource types the double serves, as discovery describes them.
import type { Obj } from './store.ts';

export interface ResourceDef {
  resource: string;
  singular: string;
  kind: string;
  group: string;
  version: string;
  namespaced: boolean;
  shortNames: string[];
  verbs: string[];
  subresources: string[];
  /** create-only review types: nothing is stored */
  virtual?: boolean;
  /** a read-only view of another resource's objects (events.k8s.io over core events) */
  storeAs?: string;
  view?: (o: Obj) => Obj;
}

/** events.k8s.io/v1 names the core Event's fields differently. */
const eventsV1 = (e: Obj): Obj => ({
  apiVersion: 'events.k8s.io/v1',
  kind: 'Event',
  metadata: e.metadata,
  eventTime: e.eventTime ?? null,
  reportingController: e.reportingComponent || e.source?.component || '',
  reportingInstance: e.reportingInstance ?? '',
  reason: e.reason,
  regarding: e.involvedObject,
  note: e.message,
  type: e.type,
  deprecatedSource: e.source,
  deprecatedFirstTimestamp: e.firstTimestamp,
  deprecatedLastTimestamp: e.lastTimestamp,
  deprecatedCount: e.count,
});

const RW = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

export const RESOURCES: ResourceDef[] = [
  {
    resource: 'namespaces',
    singular: 'namespace',
    kind: 'Namespace',
    group: '',
    version: 'v1',
    namespaced: false,
    shortNames: ['ns'],
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
    subresources: ['status', 'finalize'],
  },
  {
    resource: 'pods',
    singular: 'pod',
    kind: 'Pod',
    group: '',
    version: 'v1',
    namespaced: true,
    shortNames: ['po'],
    verbs: RW,
    subresources: ['status', 'exec', 'log'],
  },
  {
    resource: 'services',
    singular: 'service',
    kind: 'Service',
    group: '',
    version: 'v1',
    namespaced: true,
    shortNames: ['svc'],
    verbs: RW,
    subresources: ['status'],
  },
  {
    resource: 'nodes',
    singular: 'node',
    kind: 'Node',
    group: '',
    version: 'v1',
    namespaced: false,
    shortNames: ['no'],
    verbs: ['get', 'list', 'watch'],
    subresources: ['status'],
  },
  {
    resource: 'events',
    singular: 'event',
    kind: 'Event',
    group: '',
    version: 'v1',
    namespaced: true,
    shortNames: ['ev'],
    verbs: RW,
    subresources: [],
  },
  {
    resource: 'networkpolicies',
    singular: 'networkpolicy',
    kind: 'NetworkPolicy',
    group: 'networking.k8s.io',
    version: 'v1',
    namespaced: true,
    shortNames: ['netpol'],
    verbs: RW,
    subresources: [],
  },
  {
    resource: 'events',
    singular: 'event',
    kind: 'Event',
    group: 'events.k8s.io',
    version: 'v1',
    namespaced: true,
    // no `ev`: kubectl would warn that the short name is ambiguous on every `get ev`
    shortNames: [],
    verbs: ['get', 'list', 'watch'],
    subresources: [],
    storeAs: 'events',
    view: eventsV1,
  },
  // workload controllers and budgets: stored as given (no controller runs them), so that
  // a test can give a namespace a Deployment whose selector a canary's labels match
  ...(
    [
      ['deployments', 'deployment', 'Deployment', 'apps', ['deploy']],
      ['replicasets', 'replicaset', 'ReplicaSet', 'apps', ['rs']],
      ['statefulsets', 'statefulset', 'StatefulSet', 'apps', ['sts']],
      ['daemonsets', 'daemonset', 'DaemonSet', 'apps', ['ds']],
      ['jobs', 'job', 'Job', 'batch', []],
      ['poddisruptionbudgets', 'poddisruptionbudget', 'PodDisruptionBudget', 'policy', ['pdb']],
    ] as const
  ).map(([resource, singular, kind, group, shortNames]): ResourceDef => ({
    resource,
    singular,
    kind,
    group,
    version: 'v1',
    namespaced: true,
    shortNames: [...shortNames],
    verbs: RW,
    subresources: ['status'],
  })),
  {
    // written only by the double's EndpointSlice controller (endpointslices.ts)
    resource: 'endpointslices',
    singular: 'endpointslice',
    kind: 'EndpointSlice',
    group: 'discovery.k8s.io',
    version: 'v1',
    namespaced: true,
    shortNames: [],
    verbs: ['get', 'list', 'watch'],
    subresources: [],
  },
  // custom resources a cluster with admin-tier policies and Cilium serves (the CRDs installed)
  {
    resource: 'clusternetworkpolicies',
    singular: 'clusternetworkpolicy',
    kind: 'ClusterNetworkPolicy',
    group: 'policy.networking.k8s.io',
    version: 'v1alpha2',
    namespaced: false,
    shortNames: [],
    verbs: RW,
    subresources: ['status'],
  },
  {
    resource: 'ciliumnetworkpolicies',
    singular: 'ciliumnetworkpolicy',
    kind: 'CiliumNetworkPolicy',
    group: 'cilium.io',
    version: 'v2',
    namespaced: true,
    shortNames: [],
    verbs: RW,
    subresources: ['status'],
  },
  {
    resource: 'ciliumclusterwidenetworkpolicies',
    singular: 'ciliumclusterwidenetworkpolicy',
    kind: 'CiliumClusterwideNetworkPolicy',
    group: 'cilium.io',
    version: 'v2',
    namespaced: false,
    shortNames: [],
    verbs: RW,
    subresources: ['status'],
  },
  {
    resource: 'selfsubjectaccessreviews',
    singular: 'selfsubjectaccessreview',
    kind: 'SelfSubjectAccessReview',
    group: 'authorization.k8s.io',
    version: 'v1',
    namespaced: false,
    shortNames: [],
    verbs: ['create'],
    subresources: [],
    virtual: true,
  },
  {
    resource: 'selfsubjectrulesreviews',
    singular: 'selfsubjectrulesreview',
    kind: 'SelfSubjectRulesReview',
    group: 'authorization.k8s.io',
    version: 'v1',
    namespaced: false,
    shortNames: [],
    verbs: ['create'],
    subresources: [],
    virtual: true,
  },
];

export const GROUPS: { group: string; version: string }[] = [
  { group: 'networking.k8s.io', version: 'v1' },
  { group: 'apps', version: 'v1' },
  { group: 'batch', version: 'v1' },
  { group: 'policy', version: 'v1' },
  { group: 'discovery.k8s.io', version: 'v1' },
  { group: 'events.k8s.io', version: 'v1' },
  { group: 'authorization.k8s.io', version: 'v1' },
  { group: 'policy.networking.k8s.io', version: 'v1alpha2' },
  { group: 'cilium.io', version: 'v2' },
];

export const apiVersionOf = (def: ResourceDef): string =>
  def.group ? `${def.group}/${def.version}` : def.version;

export const findResource = (group: string, version: string, resource: string): ResourceDef | undefined =>
  RESOURCES.find((d) => d.group === group && d.version === version && d.resource === resource);

/** For the Cluster helpers: `pods`, `pod`, `po`, `Pod` or `networkpolicies.networking.k8s.io`. */
export const resolveResource = (name: string): ResourceDef => {
  const lower = name.toLowerCase();
  const def = RESOURCES.find(
    (d) =>
      d.resource === lower ||
      d.singular === lower ||
      d.shortNames.includes(lower) ||
      `${d.resource}.${d.group}` === lower,
  );
  if (!def)
    throw new Error(
      `The API double does not serve a resource called "${name}"; it serves ${RESOURCES.map((d) => d.resource).join(', ')}.`,
    );
  return def;
};

export const defByKind = (apiVersion: string, kind: string): ResourceDef | undefined =>
  RESOURCES.find((d) => apiVersionOf(d) === apiVersion && d.kind === kind);
