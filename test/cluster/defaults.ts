// Defaulting the apiserver applies on create, so objects read back like a real cluster's.
import type { Obj } from './store.ts';

const imagePullPolicy = (image: string): string => {
  const last = image.split('/').pop() ?? '';
  const tag = last.includes('@') ? 'digest' : last.includes(':') ? last.split(':').pop() : 'latest';
  return tag === 'latest' ? 'Always' : 'IfNotPresent';
};

const defaultContainer = (c: Obj): void => {
  c.imagePullPolicy ??= imagePullPolicy(String(c.image ?? ''));
  c.terminationMessagePath ??= '/dev/termination-log';
  c.terminationMessagePolicy ??= 'File';
  c.resources ??= {};
  for (const p of c.ports ?? []) p.protocol ??= 'TCP';
};

export const defaultPod = (pod: Obj): void => {
  const spec = (pod.spec ??= {});
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) defaultContainer(c);
  spec.restartPolicy ??= 'Always';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.serviceAccountName ??= spec.serviceAccount ?? 'default';
  spec.serviceAccount ??= spec.serviceAccountName;
  spec.securityContext ??= {};
  spec.schedulerName ??= 'default-scheduler';
  spec.enableServiceLinks ??= true;
  spec.priority ??= 0;
  spec.preemptionPolicy ??= 'PreemptLowerPriority';
  // DefaultTolerationSeconds admission
  const tol: Obj[] = (spec.tolerations ??= []);
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    if (!tol.some((t) => t.key === key && (t.effect ?? 'NoExecute') === 'NoExecute'))
      tol.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  }
  pod.status = { phase: 'Pending', qosClass: qosClass(spec) };
};

const qosClass = (spec: Obj): string => {
  const cs: Obj[] = spec.containers ?? [];
  const any = cs.some(
    (c) => Object.keys(c.resources?.requests ?? {}).length || Object.keys(c.resources?.limits ?? {}).length,
  );
  if (!any) return 'BestEffort';
  const guaranteed = cs.every((c) => c.resources?.limits?.cpu && c.resources?.limits?.memory);
  return guaranteed ? 'Guaranteed' : 'Burstable';
};

export const defaultNamespace = (ns: Obj): void => {
  ns.metadata.labels = { ...(ns.metadata.labels ?? {}), 'kubernetes.io/metadata.name': ns.metadata.name };
  ns.spec = { ...(ns.spec ?? {}), finalizers: ns.spec?.finalizers ?? ['kubernetes'] };
  ns.status = { phase: 'Active' };
};

export const defaultService = (svc: Obj, allocateIp: () => string): void => {
  const spec = (svc.spec ??= {});
  spec.type ??= 'ClusterIP';
  spec.sessionAffinity ??= 'None';
  if (spec.type !== 'ExternalName') {
    spec.clusterIP ??= allocateIp();
    spec.clusterIPs ??= [spec.clusterIP];
    spec.ipFamilies ??= ['IPv4'];
    spec.ipFamilyPolicy ??= 'SingleStack';
    spec.internalTrafficPolicy ??= 'Cluster';
  }
  for (const p of spec.ports ?? []) {
    p.protocol ??= 'TCP';
    p.targetPort ??= p.port;
  }
  svc.status = { loadBalancer: {} };
};

export const defaultNetworkPolicy = (np: Obj): void => {
  const spec = (np.spec ??= {});
  spec.podSelector ??= {};
  if (!spec.policyTypes) spec.policyTypes = spec.egress ? ['Ingress', 'Egress'] : ['Ingress'];
  for (const rule of [...(spec.ingress ?? []), ...(spec.egress ?? [])])
    for (const p of rule.ports ?? []) p.protocol ??= 'TCP';
};
