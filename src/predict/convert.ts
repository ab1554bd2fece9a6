// Kubernetes objects (parsed YAML or the API's JSON) to what the policy model
// reads. Shared by predict (manifests) and by whoever reads a live cluster.
import type {
  ContainerPort,
  NamespaceInfo,
  NetworkPolicy,
  PodInfo,
  Protocol,
  ServiceInfo,
} from '../policy/types.ts';
import { fail, ok, type Result } from '../core/result.ts';
import type { Labels } from '../core/types.ts';

type Obj = Record<string, unknown>;

export function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function field(obj: unknown, ...path: string[]): unknown {
  let v: unknown = obj;
  for (const key of path) v = isObject(v) ? v[key] : undefined;
  return v;
}

/** A string map (labels, a selector); YAML scalars such as `true` or `5` become strings. */
export function readStringMap(value: unknown): Labels {
  const out: Labels = {};
  if (!isObject(value)) return out;
  for (const [k, v] of Object.entries(value)) {
    if (v === null || v === undefined || typeof v === 'object') continue;
    out[k] = String(v);
  }
  return out;
}

/** An object's metadata.labels. */
export function readLabels(obj: unknown): Labels {
  return readStringMap(field(obj, 'metadata', 'labels'));
}

/** "Kind namespace/name", for messages. */
export function objectName(obj: unknown): string {
  const kind = typeof field(obj, 'kind') === 'string' ? (field(obj, 'kind') as string) : 'object';
  const name = field(obj, 'metadata', 'name');
  const ns = field(obj, 'metadata', 'namespace');
  const shown = typeof name === 'string' ? name : '(no name)';
  return typeof ns === 'string' && kind !== 'Namespace' ? `${kind} ${ns}/${shown}` : `${kind} ${shown}`;
}

function nameAndNamespace(obj: unknown): Result<{ name: string; namespace: string }> {
  const name = field(obj, 'metadata', 'name');
  if (typeof name !== 'string' || name === '') return fail(`${objectName(obj)} has no metadata.name`);
  const ns = field(obj, 'metadata', 'namespace');
  // objects without a namespace land in "default", as kubectl apply without -n does
  return ok({ name, namespace: typeof ns === 'string' && ns !== '' ? ns : 'default' });
}

function protocolOf(value: unknown): Protocol {
  return value === 'UDP' || value === 'SCTP' ? value : 'TCP';
}

/** intstr: a number, or a digits-only string meaning that number, or a name */
function intOrString(value: unknown): number | string | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return /^\d+$/.test(value) ? Number(value) : value;
  return undefined;
}

export function namespaceFrom(obj: unknown): Result<NamespaceInfo> {
  const name = field(obj, 'metadata', 'name');
  if (typeof name !== 'string' || name === '') return fail(`${objectName(obj)} has no metadata.name`);
  return ok({ name, labels: readLabels(obj) });
}

/** The container ports of a pod spec (sidecar init containers included). */
function containerPorts(podSpec: unknown): ContainerPort[] {
  const containers = field(podSpec, 'containers');
  const inits = field(podSpec, 'initContainers');
  const all = [
    ...(Array.isArray(containers) ? containers : []),
    ...(Array.isArray(inits) ? inits.filter((c) => field(c, 'restartPolicy') === 'Always') : []),
  ];
  const ports: ContainerPort[] = [];
  for (const c of all) {
    const list = field(c, 'ports');
    if (!Array.isArray(list)) continue;
    for (const p of list) {
      const containerPort = intOrString(field(p, 'containerPort'));
      if (typeof containerPort !== 'number') continue;
      const name = field(p, 'name');
      ports.push({
        ...(typeof name === 'string' ? { name } : {}),
        containerPort,
        protocol: protocolOf(field(p, 'protocol')),
      });
    }
  }
  return ports;
}

/** A Pod object; status.podIP is used when present (a live cluster). */
export function podFrom(obj: unknown): Result<PodInfo> {
  const id = nameAndNamespace(obj);
  if (!id.ok) return id;
  const ip = field(obj, 'status', 'podIP');
  return ok({
    ...id.value,
    labels: readLabels(obj),
    ...(typeof ip === 'string' && ip !== '' ? { ip } : {}),
    ports: containerPorts(field(obj, 'spec')),
    ...(field(obj, 'spec', 'hostNetwork') === true ? { hostNetwork: true } : {}),
  });
}

export const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob'];

/**
 * The pods a workload's template makes. One pod named like the workload stands
 * for all its replicas; a StatefulSet's pods are <name>-0, <name>-1, ... as
 * their DNS names need.
 */
export function podsFromWorkload(obj: unknown): Result<PodInfo[]> {
  const id = nameAndNamespace(obj);
  if (!id.ok) return id;
  const kind = field(obj, 'kind');
  const template =
    kind === 'CronJob'
      ? field(obj, 'spec', 'jobTemplate', 'spec', 'template')
      : field(obj, 'spec', 'template');
  if (!isObject(template)) return fail(`${objectName(obj)} has no pod template (spec.template)`);
  const pod = (name: string): PodInfo => ({
    namespace: id.value.namespace,
    name,
    labels: readLabels(template),
    ports: containerPorts(field(template, 'spec')),
    ...(field(template, 'spec', 'hostNetwork') === true ? { hostNetwork: true } : {}),
  });
  if (kind !== 'StatefulSet') return ok([pod(id.value.name)]);
  const replicas = field(obj, 'spec', 'replicas');
  const count = typeof replicas === 'number' ? Math.max(0, Math.min(replicas, 10)) : 1;
  return ok(Array.from({ length: count }, (_, i) => pod(`${id.value.name}-${i}`)));
}

export function serviceFrom(obj: unknown): Result<ServiceInfo> {
  const id = nameAndNamespace(obj);
  if (!id.ok) return id;
  const clusterIP = field(obj, 'spec', 'clusterIP');
  const list = field(obj, 'spec', 'ports');
  const ports = (Array.isArray(list) ? list : []).flatMap((p) => {
    const port = intOrString(field(p, 'port'));
    if (typeof port !== 'number') return [];
    const name = field(p, 'name');
    return [
      {
        ...(typeof name === 'string' ? { name } : {}),
        port,
        // targetPort defaults to port
        targetPort: intOrString(field(p, 'targetPort')) ?? port,
        protocol: protocolOf(field(p, 'protocol')),
      },
    ];
  });
  return ok({
    ...id.value,
    selector: readStringMap(field(obj, 'spec', 'selector')),
    ...(typeof clusterIP === 'string' && clusterIP !== '' && clusterIP !== 'None' ? { clusterIP } : {}),
    ports,
  });
}

/** A networking.k8s.io/v1 NetworkPolicy, checked for the shape the model relies on. */
export function policyFrom(obj: unknown): Result<NetworkPolicy> {
  const id = nameAndNamespace(obj);
  if (!id.ok) return id;
  const spec = field(obj, 'spec');
  const who = `NetworkPolicy ${id.value.namespace}/${id.value.name}`;
  if (!isObject(spec)) return fail(`${who} has no spec`);
  const errors: string[] = [];
  checkSelector(spec.podSelector, 'spec.podSelector', errors);
  if (spec.policyTypes !== undefined) {
    if (!Array.isArray(spec.policyTypes) || spec.policyTypes.some((t) => t !== 'Ingress' && t !== 'Egress')) {
      errors.push('spec.policyTypes must be a list of Ingress and Egress');
    }
  }
  for (const [key, peersKey] of [
    ['ingress', 'from'],
    ['egress', 'to'],
  ] as const) {
    const rules = spec[key];
    if (rules === undefined || rules === null) continue;
    if (!Array.isArray(rules)) {
      errors.push(`spec.${key} must be a list of rules`);
      continue;
    }
    rules.forEach((rule, i) => checkRule(rule, `spec.${key}[${i}]`, peersKey, errors));
  }
  if (errors.length > 0) return fail(...errors.map((e) => `${who}: ${e}`));
  // a copy: the model must never share objects with whoever parsed them
  const copy = structuredClone(spec) as NetworkPolicy['spec'];
  for (const key of ['ingress', 'egress'] as const) {
    const rules = copy[key] as unknown[] | null | undefined;
    if (rules === null) delete copy[key];
    // an empty list item (`- `) is an empty rule, as the API server reads it
    else if (rules) copy[key] = rules.map((r) => r ?? {}) as never;
  }
  copy.podSelector = copy.podSelector ?? {};
  return ok({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: id.value.name, namespace: id.value.namespace },
    spec: copy,
  });
}

function checkSelector(value: unknown, at: string, errors: string[]): void {
  if (value === undefined || value === null) return;
  if (!isObject(value))
    return void errors.push(`${at} must be a label selector (matchLabels, matchExpressions)`);
  if (value.matchLabels !== undefined && value.matchLabels !== null && !isObject(value.matchLabels)) {
    errors.push(`${at}.matchLabels must be a map of labels`);
  }
  const exprs = value.matchExpressions;
  if (exprs === undefined || exprs === null) return;
  if (!Array.isArray(exprs)) return void errors.push(`${at}.matchExpressions must be a list`);
  exprs.forEach((e, i) => {
    const op = field(e, 'operator');
    if (typeof field(e, 'key') !== 'string') errors.push(`${at}.matchExpressions[${i}] has no key`);
    if (op !== 'In' && op !== 'NotIn' && op !== 'Exists' && op !== 'DoesNotExist') {
      errors.push(`${at}.matchExpressions[${i}].operator must be In, NotIn, Exists or DoesNotExist`);
    } else if ((op === 'In' || op === 'NotIn') && !Array.isArray(field(e, 'values'))) {
      errors.push(`${at}.matchExpressions[${i}] (${op}) needs a list of values`);
    }
  });
}

function checkRule(rule: unknown, at: string, peersKey: 'from' | 'to', errors: string[]): void {
  if (rule === null || rule === undefined) return;
  if (!isObject(rule)) return void errors.push(`${at} must be a rule (${peersKey}, ports)`);
  const peers = rule[peersKey];
  if (peers !== undefined && peers !== null) {
    if (!Array.isArray(peers)) errors.push(`${at}.${peersKey} must be a list`);
    else {
      peers.forEach((peer, i) => {
        const p = `${at}.${peersKey}[${i}]`;
        if (!isObject(peer))
          return void errors.push(`${p} must be a peer (podSelector, namespaceSelector, ipBlock)`);
        checkSelector(peer.podSelector, `${p}.podSelector`, errors);
        checkSelector(peer.namespaceSelector, `${p}.namespaceSelector`, errors);
        if (peer.ipBlock !== undefined && typeof field(peer.ipBlock, 'cidr') !== 'string') {
          errors.push(`${p}.ipBlock has no cidr`);
        }
      });
    }
  }
  const ports = rule.ports;
  if (ports !== undefined && ports !== null) {
    if (!Array.isArray(ports)) errors.push(`${at}.ports must be a list`);
    else if (ports.some((p) => !isObject(p))) errors.push(`${at}.ports must be a list of ports`);
  }
}
