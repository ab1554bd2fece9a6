// resolveTarget: what a probe's host names, the way cluster DNS would answer
// it from a pod in `fromNamespace`.
import { isIp, parseIp } from './cidr.ts';
import { whereText } from './connection.ts';
import type { Destination, Snapshot } from './types.ts';

export type Resolution = { ok: true; destination: Destination } | { ok: false; reason: string };

const CLUSTER_DOMAIN = '.cluster.local';

export function resolveTarget(
  snapshot: Snapshot,
  target: { host: string; port: number },
  fromNamespace: string,
): Resolution {
  const where = whereText(snapshot);
  const port = target.port;
  const host = target.host
    .trim()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
  if (isIp(host)) return { ok: true, destination: { kind: 'ip', ip: host, port } };

  const clusterForm = host.endsWith(CLUSTER_DOMAIN) || host.endsWith('.svc') || host.endsWith('.pod');
  const name = host.endsWith(CLUSTER_DOMAIN) ? host.slice(0, -CLUSTER_DOMAIN.length) : host;
  const parts = name.split('.');
  const kind = parts[parts.length - 1];

  const service = (namespace: string, svc: string): Resolution =>
    snapshot.services.some((s) => s.namespace === namespace && s.name === svc)
      ? { ok: true, destination: { kind: 'service', namespace, name: svc, port, host } }
      : {
          ok: false,
          reason: `there is no Service ${namespace}/${svc} in ${where} (the target is ${target.host})`,
        };

  // <service>.<namespace>.svc
  if (kind === 'svc' && parts.length === 3) return service(parts[1] as string, parts[0] as string);
  // <hostname>.<service>.<namespace>.svc: a StatefulSet pod, whose hostname is its name
  if (kind === 'svc' && parts.length === 4) {
    const [podName, svc, namespace] = parts as [string, string, string];
    const pod = snapshot.pods.find((p) => p.namespace === namespace && p.name === podName);
    if (!pod) {
      return {
        ok: false,
        reason: `there is no pod ${namespace}/${podName} in ${where} (${target.host} names a pod behind Service ${svc})`,
      };
    }
    return { ok: true, destination: { kind: 'pod', namespace, name: podName, port, host } };
  }
  // <ip-with-dashes>.<namespace>.pod
  if (kind === 'pod' && parts.length === 3) {
    const [dashed, namespace] = parts as [string, string];
    const ip = dashed.split('-').length === 4 ? dashed.replace(/-/g, '.') : dashed.replace(/-/g, ':');
    const wanted = parseIp(ip);
    const pod = snapshot.pods.find((p) => {
      const have = p.ip === undefined ? undefined : parseIp(p.ip);
      return (
        p.namespace === namespace &&
        wanted &&
        have &&
        have.family === wanted.family &&
        have.value === wanted.value
      );
    });
    if (!pod)
      return {
        ok: false,
        reason: `no pod in ${namespace} has the IP ${ip} in ${where} (the target is ${target.host})`,
      };
    return { ok: true, destination: { kind: 'pod', namespace, name: pod.name, port, host } };
  }
  if (clusterForm) {
    return { ok: false, reason: `${target.host} is not a Service or pod name that cluster DNS answers` };
  }
  // a bare name is looked up in the source namespace first
  if (parts.length === 1) {
    if (snapshot.services.some((s) => s.namespace === fromNamespace && s.name === name)) {
      return service(fromNamespace, name);
    }
    return {
      ok: false,
      reason: `there is no Service ${name} in namespace ${fromNamespace} in ${where} (a bare name is looked up in the source namespace)`,
    };
  }
  // <service>.<namespace>, when such a namespace or Service is known; else a name outside (example.com)
  if (parts.length === 2) {
    const [svc, namespace] = parts as [string, string];
    const known =
      snapshot.namespaces.some((n) => n.name === namespace) ||
      snapshot.services.some((s) => s.namespace === namespace);
    if (known) return service(namespace, svc);
  }
  return { ok: true, destination: { kind: 'name', host, port } };
}
