// The EndpointSlice controller, as far as the double needs it: one IPv4 slice per Service
// with a selector, listing every selected pod that has an IP and has not ended, with the
// conditions of staging/src/k8s.io/endpointslice/utils.go (podToEndpoint):
//   serving = the pod is Ready; terminating = it has a deletionTimestamp;
//   ready = publishNotReadyAddresses || (serving && !terminating).
// Recomputed after any change to the namespace's pods or Services; nothing else writes slices.
import type { Obj, Store, StoreEvent } from './store.ts';
import { nowIso } from './options.ts';

const SERVICE_NAME = 'kubernetes.io/service-name';
const MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
const CONTROLLER = 'endpointslice-controller.k8s.io';

const selects = (selector: Record<string, string>, labels: Record<string, string> = {}): boolean =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);

const isReady = (pod: Obj): boolean =>
  (pod.status?.conditions ?? []).some((c: Obj) => c.type === 'Ready' && c.status === 'True');

/** ShouldPodBeInEndpoints(pod, includeTerminating: true) */
const inEndpoints = (pod: Obj): boolean =>
  pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed' && Boolean(pod.status?.podIP);

/** the Service port's target on this pod: a number, or a named container port */
const targetPort = (port: Obj, pod: Obj): number | undefined => {
  const t = port.targetPort ?? port.port;
  if (typeof t === 'number') return t;
  for (const c of pod.spec?.containers ?? [])
    for (const p of c.ports ?? [])
      if (p.name === t && (p.protocol ?? 'TCP') === (port.protocol ?? 'TCP')) return p.containerPort;
  return undefined;
};

export const endpointFor = (pod: Obj, service: Obj): Obj => {
  const serving = isReady(pod);
  const terminating = Boolean(pod.metadata.deletionTimestamp);
  return {
    addresses: [pod.status.podIP],
    conditions: {
      ready: Boolean(service.spec?.publishNotReadyAddresses) || (serving && !terminating),
      serving,
      terminating,
    },
    ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
    targetRef: {
      kind: 'Pod',
      namespace: pod.metadata.namespace,
      name: pod.metadata.name,
      uid: pod.metadata.uid,
    },
  };
};

export interface EndpointSliceController {
  close(): void;
}

export const createEndpointSliceController = (
  store: Store,
  later: (ms: number, fn: () => void) => void,
  rand: () => number,
): EndpointSliceController => {
  const pending = new Set<string>();
  const hex = (n: number): string =>
    Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join('');
  const suffix = (): string =>
    Array.from({ length: 5 }, () => 'bcdfghjklmnpqrstvwxz2456789'[Math.floor(rand() * 27)]).join('');

  const sync = (namespace: string): void => {
    pending.delete(namespace);
    const nsObj = store.get('namespaces', undefined, namespace);
    const services = nsObj ? store.list('services', namespace) : [];
    const slices = store.list('endpointslices', namespace);
    // nothing selects pods here and no slice is left to remove: the pods need no reading
    if (slices.length === 0 && !services.some((s) => Object.keys(s.spec?.selector ?? {}).length > 0)) return;
    const pods = store.list('pods', namespace);
    const wanted = new Set<string>();
    for (const svc of services) {
      const selector: Record<string, string> | undefined = svc.spec?.selector;
      if (!selector || Object.keys(selector).length === 0) continue;
      wanted.add(svc.metadata.name);
      const members = pods.filter((p) => selects(selector, p.metadata.labels) && inEndpoints(p));
      const first = members[0];
      const ports = (svc.spec?.ports ?? []).flatMap((port: Obj) => {
        const n = first ? targetPort(port, first) : undefined;
        return n === undefined ? [] : [{ name: port.name ?? '', port: n, protocol: port.protocol ?? 'TCP' }];
      });
      const endpoints = members.map((p) => endpointFor(p, svc));
      const existing = slices.find((s) => s.metadata.labels?.[SERVICE_NAME] === svc.metadata.name);
      const body = { addressType: 'IPv4', endpoints, ports };
      if (existing) {
        if (
          JSON.stringify({ a: existing.addressType, e: existing.endpoints, p: existing.ports }) ===
          JSON.stringify({ a: body.addressType, e: body.endpoints, p: body.ports })
        )
          continue;
        store.put('endpointslices', { ...existing, ...body });
        continue;
      }
      store.put('endpointslices', {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: {
          name: `${svc.metadata.name}-${suffix()}`,
          generateName: `${svc.metadata.name}-`,
          namespace,
          uid: `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}`,
          creationTimestamp: nowIso(),
          labels: { [SERVICE_NAME]: svc.metadata.name, [MANAGED_BY]: CONTROLLER },
          ownerReferences: [
            {
              apiVersion: 'v1',
              kind: 'Service',
              name: svc.metadata.name,
              uid: svc.metadata.uid,
              controller: true,
              blockOwnerDeletion: true,
            },
          ],
        },
        ...body,
      });
    }
    for (const s of slices)
      if (!wanted.has(String(s.metadata.labels?.[SERVICE_NAME])))
        store.remove('endpointslices', namespace, s.metadata.name);
  };

  const onChange = (e: StoreEvent): void => {
    if (e.resource !== 'pods' && e.resource !== 'services') return;
    const ns = e.object.metadata?.namespace;
    if (!ns || pending.has(ns)) return;
    pending.add(ns);
    later(0, () => sync(ns));
  };
  const unsubscribe = store.subscribe(onChange);
  return { close: unsubscribe };
};
