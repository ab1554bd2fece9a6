// Pod Security admission (baseline and restricted levels) with the messages the
// pod-security-admission plugin prints: `violates PodSecurity "restricted:latest": …`.
import type { Obj } from './store.ts';

const quoteList = (xs: string[]): string => xs.map((x) => JSON.stringify(x)).join(', ');
const containersPhrase = (names: string[]): string =>
  `${names.length === 1 ? 'container' : 'containers'} ${quoteList(names)}`;

const BASELINE_CAPS = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);
const RESTRICTED_VOLUMES = new Set([
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'persistentVolumeClaim',
  'projected',
  'secret',
]);

const allContainers = (spec: Obj): Obj[] => [
  ...(spec.initContainers ?? []),
  ...(spec.containers ?? []),
  ...(spec.ephemeralContainers ?? []),
];

type Check = (spec: Obj) => string | undefined;

const hostNamespaces: Check = (spec) => {
  const on = ['hostNetwork', 'hostPID', 'hostIPC'].filter((k) => spec[k] === true).map((k) => `${k}=true`);
  return on.length ? `host namespaces (${on.join(', ')})` : undefined;
};

const hostPathVolumes: Check = (spec) => {
  const names = (spec.volumes ?? []).filter((v: Obj) => v.hostPath).map((v: Obj) => String(v.name));
  if (!names.length) return undefined;
  return `hostPath volumes (${names.length === 1 ? 'volume' : 'volumes'} ${quoteList(names)})`;
};

const hostPorts: Check = (spec) => {
  const names: string[] = [];
  const ports: number[] = [];
  for (const c of allContainers(spec)) {
    const hp = (c.ports ?? [])
      .map((p: Obj) => p.hostPort)
      .filter((n: unknown) => typeof n === 'number' && n !== 0);
    if (hp.length) {
      names.push(c.name);
      ports.push(...hp);
    }
  }
  if (!names.length) return undefined;
  const one = names.length === 1;
  return `hostPort (${containersPhrase(names)} ${one ? 'uses' : 'use'} ${ports.length === 1 ? 'hostPort' : 'hostPorts'} ${ports.join(', ')})`;
};

const privileged: Check = (spec) => {
  const names = allContainers(spec)
    .filter((c) => c.securityContext?.privileged === true)
    .map((c) => c.name);
  return names.length
    ? `privileged (${containersPhrase(names)} must not set securityContext.privileged=true)`
    : undefined;
};

const capabilitiesBaseline: Check = (spec) => {
  const names: string[] = [];
  const caps = new Set<string>();
  for (const c of allContainers(spec)) {
    const bad = (c.securityContext?.capabilities?.add ?? []).filter((x: string) => !BASELINE_CAPS.has(x));
    if (bad.length) {
      names.push(c.name);
      bad.forEach((x: string) => caps.add(x));
    }
  }
  return names.length
    ? `non-default capabilities (${containersPhrase(names)} must not include ${quoteList([...caps].sort())} in securityContext.capabilities.add)`
    : undefined;
};

const allowPrivilegeEscalation: Check = (spec) => {
  const names = allContainers(spec)
    .filter((c) => c.securityContext?.allowPrivilegeEscalation !== false)
    .map((c) => c.name);
  return names.length
    ? `allowPrivilegeEscalation != false (${containersPhrase(names)} must set securityContext.allowPrivilegeEscalation=false)`
    : undefined;
};

const capabilitiesRestricted: Check = (spec) => {
  const noDrop: string[] = [];
  const adders: string[] = [];
  const caps = new Set<string>();
  for (const c of allContainers(spec)) {
    const cap = c.securityContext?.capabilities ?? {};
    if (!(cap.drop ?? []).includes('ALL')) noDrop.push(c.name);
    const bad = (cap.add ?? []).filter((x: string) => x !== 'NET_BIND_SERVICE');
    if (bad.length) {
      adders.push(c.name);
      bad.forEach((x: string) => caps.add(x));
    }
  }
  const parts: string[] = [];
  if (noDrop.length)
    parts.push(`${containersPhrase(noDrop)} must set securityContext.capabilities.drop=["ALL"]`);
  if (adders.length)
    parts.push(
      `${containersPhrase(adders)} must not include ${quoteList([...caps].sort())} in securityContext.capabilities.add`,
    );
  return parts.length ? `unrestricted capabilities (${parts.join('; ')})` : undefined;
};

const restrictedVolumes: Check = (spec) => {
  const names: string[] = [];
  const types = new Set<string>();
  for (const v of spec.volumes ?? []) {
    const type = Object.keys(v).find((k) => k !== 'name');
    if (type && !RESTRICTED_VOLUMES.has(type)) {
      names.push(v.name);
      types.add(type);
    }
  }
  if (!names.length) return undefined;
  const one = names.length === 1;
  return `restricted volume types (${one ? 'volume' : 'volumes'} ${quoteList(names)} ${one ? 'uses' : 'use'} ${types.size === 1 ? 'restricted volume type' : 'restricted volume types'} ${quoteList([...types].sort())})`;
};

// The plugin names explicit bad setters first ("pod and container \"a\" must not set …")
// and only when there are none the containers that leave the field unset.
const setters = (pod: boolean, names: string[]): string[] => [
  ...(pod ? ['pod'] : []),
  ...(names.length ? [containersPhrase(names)] : []),
];

const runAsNonRoot: Check = (spec) => {
  const podValue = spec.securityContext?.runAsNonRoot;
  const explicitFalse = allContainers(spec)
    .filter((c) => c.securityContext?.runAsNonRoot === false)
    .map((c) => c.name);
  const bad = setters(podValue === false, explicitFalse);
  if (bad.length)
    return `runAsNonRoot != true (${bad.join(' and ')} must not set securityContext.runAsNonRoot=false)`;
  if (podValue === true) return undefined;
  const unset = allContainers(spec)
    .filter((c) => c.securityContext?.runAsNonRoot === undefined)
    .map((c) => c.name);
  return unset.length
    ? `runAsNonRoot != true (pod or ${containersPhrase(unset)} must set securityContext.runAsNonRoot=true)`
    : undefined;
};

const runAsUser: Check = (spec) => {
  const names = allContainers(spec)
    .filter((c) => c.securityContext?.runAsUser === 0)
    .map((c) => c.name);
  const bad = setters(spec.securityContext?.runAsUser === 0, names);
  return bad.length ? `runAsUser=0 (${bad.join(' and ')} must not set runAsUser=0)` : undefined;
};

const GOOD_SECCOMP = ['RuntimeDefault', 'Localhost'];
const seccompRestricted: Check = (spec) => {
  const podType = spec.securityContext?.seccompProfile?.type;
  const podBad = podType !== undefined && !GOOD_SECCOMP.includes(podType);
  const badValues = new Set<string>(podBad ? [String(podType)] : []);
  const explicit = allContainers(spec).filter((c) => {
    const t = c.securityContext?.seccompProfile?.type;
    if (t === undefined || GOOD_SECCOMP.includes(t)) return false;
    badValues.add(String(t));
    return true;
  });
  const bad = setters(
    podBad,
    explicit.map((c) => c.name),
  );
  if (bad.length)
    return `seccompProfile (${bad.join(' and ')} must not set securityContext.seccompProfile.type to ${quoteList([...badValues].sort())})`;
  if (podType !== undefined) return undefined;
  const unset = allContainers(spec)
    .filter((c) => c.securityContext?.seccompProfile?.type === undefined)
    .map((c) => c.name);
  return unset.length
    ? `seccompProfile (pod or ${containersPhrase(unset)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")`
    : undefined;
};

const seccompBaseline: Check = (spec) => {
  const parts: string[] = [];
  if (spec.securityContext?.seccompProfile?.type === 'Unconfined')
    parts.push('pod must not set securityContext.seccompProfile.type to "Unconfined"');
  const names = allContainers(spec)
    .filter((c) => c.securityContext?.seccompProfile?.type === 'Unconfined')
    .map((c) => c.name);
  if (names.length)
    parts.push(`${containersPhrase(names)} must not set securityContext.seccompProfile.type to "Unconfined"`);
  return parts.length ? `seccompProfile (${parts.join('; ')})` : undefined;
};

export type PodSecurityLevel = 'privileged' | 'baseline' | 'restricted';

// In check-ID order, as the plugin reports them; restricted replaces the baseline
// capability, seccomp and hostPath checks with its stricter versions.
const BASELINE: Check[] = [
  capabilitiesBaseline,
  hostNamespaces,
  hostPathVolumes,
  hostPorts,
  privileged,
  seccompBaseline,
];
const RESTRICTED: Check[] = [
  hostNamespaces,
  hostPorts,
  privileged,
  allowPrivilegeEscalation,
  capabilitiesRestricted,
  restrictedVolumes,
  runAsNonRoot,
  runAsUser,
  seccompRestricted,
];

export const podSecurityViolations = (level: PodSecurityLevel, spec: Obj): string[] => {
  if (level === 'privileged') return [];
  return (level === 'baseline' ? BASELINE : RESTRICTED)
    .map((c) => c(spec ?? {}))
    .filter((x): x is string => x !== undefined);
};

const LEVELS = ['privileged', 'baseline', 'restricted'];

/** The level and version label a namespace sets for a mode (enforce, warn, audit). */
export const namespacePolicy = (
  labels: Record<string, string> | undefined,
  mode: 'enforce' | 'warn',
): { level: PodSecurityLevel; version: string } | undefined => {
  const level = labels?.[`pod-security.kubernetes.io/${mode}`];
  if (!level || !LEVELS.includes(level)) return undefined;
  return {
    level: level as PodSecurityLevel,
    version: labels?.[`pod-security.kubernetes.io/${mode}-version`] ?? 'latest',
  };
};
