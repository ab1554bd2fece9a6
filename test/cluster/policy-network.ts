// The double's network decided by the NetworkPolicies stored in the double, as
// the NetworkPolicy model (src/policy) reads them: a test (or the demo) creates
// namespaces, pods, Services and policies through the API, and the canaries'
// probes meet what those policies say. What a probe gets, checked in this order:
//
//   1. dns-failure  the name does not resolve: no such Service (or StatefulSet pod)
//                   in the double; a cluster name (*.svc, *.cluster.local) that is
//                   nothing; a reserved name (*.invalid, *.test, *.example, *.local,
//                   *.localhost); or the source's egress policies deny DNS to
//                   kube-dns, so the lookup never gets an answer
//   2. refused      the name resolves but nothing listens: the Service has no such
//                   port, selects no Running pod, or no pod behind it declares the
//                   target port (a pod listens on the container ports it declares)
//   3. timeout      the policies deny the connection (packets are dropped), or the
//                   model cannot decide (an unknown answer is never an allow)
//   4. allowed      HTTP status 200, or the Service's annotation
//                   double.netpol-canary.io/http-status (e.g. "404"), for demos
//
// Any other host (example.com, an IP outside the cluster) is the internet: it
// resolves and answers whenever the source's egress policies allow it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { evaluate, resolveTarget } from '../../src/policy/index.ts';
import type { Destination, PodInfo, ServiceInfo, Snapshot } from '../../src/policy/index.ts';
import { namespaceFrom, podFrom, policyFrom, serviceFrom } from '../../src/predict/index.ts';
import type { Labels, NetOutcome, NetworkFn } from './types.ts';

export const HTTP_STATUS_ANNOTATION = 'double.netpol-canary.io/http-status';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- objects as the API serves them
type Obj = Record<string, any>;

/** What policyNetwork reads from the double (a Cluster has all of it). */
export interface PolicyWorld {
  namespaces(): Obj[];
  pods(namespace?: string): Obj[];
  services(namespace?: string): Obj[];
  networkPolicies(namespace?: string): Obj[];
}

const RESERVED_TLDS = ['invalid', 'test', 'example', 'local', 'localhost'];

const isRunning = (pod: Obj): boolean => pod.status?.phase === 'Running' && !pod.metadata?.deletionTimestamp;

/** The double's objects as the model sees them. Pods that are not Running serve nothing. */
export function worldSnapshot(world: PolicyWorld): Snapshot {
  const take = <T>(r: { ok: true; value: T } | { ok: false }): T[] => (r.ok ? [r.value] : []);
  return {
    namespaces: world.namespaces().flatMap((o) => take(namespaceFrom(o))),
    pods: world
      .pods()
      .filter(isRunning)
      .flatMap((o) => take(podFrom(o))),
    services: world.services().flatMap((o) => take(serviceFrom(o))),
    policies: world.networkPolicies().flatMap((o) => take(policyFrom(o))),
    where: 'the API double',
  };
}

export function policyNetwork(world: PolicyWorld): NetworkFn {
  return (src, host, port) => {
    const snapshot = worldSnapshot(world);
    const resolved = resolveTarget(snapshot, { host, port }, src.namespace);
    if (!resolved.ok) return { kind: 'dns-failure' };
    const dest = resolved.destination;
    if (dest.kind === 'name' && RESERVED_TLDS.includes(dest.host.slice(dest.host.lastIndexOf('.') + 1))) {
      return { kind: 'dns-failure' };
    }
    const self = world.pods(src.namespace).find((p) => p.metadata?.name === src.pod);
    const ip: unknown = self?.status?.podIP;
    const ev = evaluate(
      snapshot,
      {
        namespace: src.namespace,
        labels: src.labels,
        name: src.pod,
        ...(typeof ip === 'string' ? { ip } : {}),
      },
      dest,
    );
    if (ev.dns && ev.dns.decision !== 'allowed') {
      return ev.dns.decision === 'denied' ? { kind: 'dns-failure' } : { kind: 'timeout' };
    }
    const service = serviceOf(snapshot, dest);
    if (!listens(snapshot, dest, service)) return { kind: 'refused' };
    if (ev.decision !== 'allowed') return { kind: 'timeout' };
    return allowed(world, service);
  };
}

function serviceOf(snapshot: Snapshot, dest: Destination): ServiceInfo | undefined {
  if (dest.kind === 'service') {
    return snapshot.services.find((s) => s.namespace === dest.namespace && s.name === dest.name);
  }
  if (dest.kind === 'ip' && !snapshot.pods.some((p) => p.ip === dest.ip)) {
    return snapshot.services.find((s) => s.clusterIP === dest.ip);
  }
  return undefined;
}

/** Whether some pod behind the destination accepts TCP connections on the port. */
function listens(snapshot: Snapshot, dest: Destination, service: ServiceInfo | undefined): boolean {
  if (service) {
    const svcPort = service.ports.find((p) => p.port === dest.port && p.protocol === 'TCP');
    if (!svcPort || Object.keys(service.selector).length === 0) return false;
    return snapshot.pods.some(
      (p) =>
        p.namespace === service.namespace &&
        hasLabels(p.labels, service.selector) &&
        declares(p, svcPort.targetPort),
    );
  }
  if (dest.kind === 'pod') {
    return snapshot.pods.some(
      (p) =>
        p.namespace === dest.namespace &&
        (dest.name !== undefined ? p.name === dest.name : hasLabels(p.labels, dest.labels ?? {})) &&
        declares(p, dest.port),
    );
  }
  if (dest.kind === 'ip') {
    const pods = snapshot.pods.filter((p) => p.ip === dest.ip);
    return pods.length === 0 || pods.some((p) => declares(p, dest.port));
  }
  return true;
}

function hasLabels(labels: Labels, wanted: Labels): boolean {
  return Object.entries(wanted).every(([k, v]) => labels[k] === v);
}

function declares(pod: PodInfo, port: number | string): boolean {
  return (pod.ports ?? []).some(
    (c) => c.protocol === 'TCP' && (typeof port === 'number' ? c.containerPort === port : c.name === port),
  );
}

function allowed(world: PolicyWorld, service: ServiceInfo | undefined): NetOutcome {
  if (!service) return { kind: 'allowed', status: 200 };
  const obj = world.services(service.namespace).find((s) => s.metadata?.name === service.name);
  const status = Number(obj?.metadata?.annotations?.[HTTP_STATUS_ANNOTATION]);
  return {
    kind: 'allowed',
    status: Number.isInteger(status) && status >= 100 && status <= 599 ? status : 200,
  };
}

// ---- seeding the double from manifests ----

/** Where a workload kind keeps its pod template, and whether its pods have stable names. */
const TEMPLATES: Record<string, { path: string[]; stable?: boolean }> = {
  Deployment: { path: ['spec', 'template'] },
  ReplicaSet: { path: ['spec', 'template'] },
  ReplicationController: { path: ['spec', 'template'] },
  DaemonSet: { path: ['spec', 'template'] },
  StatefulSet: { path: ['spec', 'template'], stable: true },
  Job: { path: ['spec', 'template'] },
  CronJob: { path: ['spec', 'jobTemplate', 'spec', 'template'] },
};

/** What seedCluster needs from the double (a Cluster has all of it). */
export interface Seedable {
  namespace(name: string): Obj | undefined;
  createNamespace(name: string, labels?: Labels): Obj;
  createPod(obj: Obj): Obj;
  create(resource: string, obj: Obj): Obj;
}

export interface SeedReport {
  namespaces: string[];
  /** `namespace/name` of every pod created, from Pods and from workloads' templates */
  pods: string[];
  services: string[];
  policies: string[];
  /** kinds the double does not hold (ConfigMaps, Ingresses, …), with how many of each */
  skipped: Record<string, number>;
}

/**
 * Creates what manifests describe, as a cluster looks after `kubectl apply`:
 * Namespaces, Services, NetworkPolicies, Pods, and for every workload its pods
 * (`replicas` of them, named as its controller would name them). `objects` are
 * parsed manifests; a `kind: List` is unpacked.
 */
export function seedCluster(cluster: Seedable, objects: unknown[]): SeedReport {
  const report: SeedReport = { namespaces: [], pods: [], services: [], policies: [], skipped: {} };
  const all = objects.flatMap(unpack);
  const nsOf = (o: Obj): string =>
    typeof o.metadata?.namespace === 'string' && o.metadata.namespace !== ''
      ? o.metadata.namespace
      : 'default';
  const named = (o: Obj): Obj => ({ ...o, metadata: { ...o.metadata, namespace: nsOf(o) } });
  for (const o of all.filter((x) => x.kind === 'Namespace')) {
    const name = String(o.metadata?.name ?? '');
    if (!cluster.namespace(name)) cluster.createNamespace(name, o.metadata?.labels ?? {});
    report.namespaces.push(name);
  }
  for (const o of all) {
    const ref = `${nsOf(o)}/${String(o.metadata?.name ?? '')}`;
    if (o.kind === 'Namespace') continue;
    if (o.kind === 'Service') {
      cluster.create('services', named(o));
      report.services.push(ref);
    } else if (o.kind === 'NetworkPolicy') {
      cluster.create('networkpolicies', named(o));
      report.policies.push(ref);
    } else if (o.kind === 'Pod') {
      const { status: _status, ...pod } = named(o);
      cluster.createPod(pod);
      report.pods.push(ref);
    } else if (typeof o.kind === 'string' && TEMPLATES[o.kind]) {
      for (const pod of workloadPods(o, nsOf(o))) {
        cluster.createPod(pod);
        report.pods.push(`${nsOf(o)}/${String(pod.metadata.name)}`);
      }
    } else {
      const kind = typeof o.kind === 'string' ? o.kind : 'objects without a kind';
      report.skipped[kind] = (report.skipped[kind] ?? 0) + 1;
    }
  }
  return report;
}

function unpack(o: unknown): Obj[] {
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return [];
  const obj = o as Obj;
  if (typeof obj.kind === 'string' && obj.kind.endsWith('List') && Array.isArray(obj.items)) {
    return (obj.items as unknown[]).flatMap(unpack);
  }
  return [obj];
}

function workloadPods(o: Obj, namespace: string): Obj[] {
  const how = TEMPLATES[String(o.kind)];
  let template: unknown = o;
  for (const key of how?.path ?? []) template = (template as Obj | undefined)?.[key];
  const t = (template ?? {}) as Obj;
  const name = String(o.metadata?.name ?? '');
  const replicas = typeof o.spec?.replicas === 'number' ? o.spec.replicas : 1;
  // a stable stand-in for a ReplicaSet's pod-template-hash, so that names look real
  let hash = 0;
  for (const ch of `${namespace}/${name}`) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  const suffix = hash.toString(36).padStart(6, '0').slice(-6);
  return Array.from({ length: replicas }, (_, i) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: how?.stable ? `${name}-${i}` : `${name}-${suffix}-${i}`,
      namespace,
      labels: { ...(t.metadata?.labels ?? {}) },
      ...(t.metadata?.annotations ? { annotations: { ...t.metadata.annotations } } : {}),
    },
    spec: { ...(t.spec ?? {}) },
  }));
}

/** Every object in a folder of manifests (.yaml, .yml, .json; nested folders too), in file order. */
export function readManifestObjects(dir: string): unknown[] {
  const files: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.name.startsWith('.')) continue;
      const path = join(d, e.name);
      if (e.isDirectory()) walk(path);
      else if (/\.(ya?ml|json)$/i.test(e.name)) files.push(path);
    }
  };
  walk(dir);
  return files.flatMap((path) =>
    parseAllDocuments(readFileSync(path, 'utf8')).flatMap((doc) => {
      const [error] = doc.errors;
      if (error) throw new Error(`${path}: not valid YAML: ${error.message}`);
      const value: unknown = doc.toJS();
      return value === null || value === undefined ? [] : [value];
    }),
  );
}
