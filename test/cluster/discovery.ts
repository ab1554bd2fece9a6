// Legacy (unaggregated) discovery documents: kubectl asks for aggregated discovery
// first and falls back to these when the answer is plain JSON.
import { GROUPS, RESOURCES, type ResourceDef } from './resources.ts';
import type { Obj } from './store.ts';

export const SUBRESOURCE_KIND: Record<string, { kind: string; verbs: string[] }> = {
  status: { kind: '', verbs: ['get', 'patch', 'update'] },
  exec: { kind: 'PodExecOptions', verbs: ['create', 'get'] },
  log: { kind: 'Pod', verbs: ['get'] },
  finalize: { kind: 'Namespace', verbs: ['update'] },
};

const resourceEntries = (def: ResourceDef): Obj[] => [
  {
    name: def.resource,
    singularName: def.singular,
    namespaced: def.namespaced,
    kind: def.kind,
    verbs: def.verbs,
    ...(def.shortNames.length ? { shortNames: def.shortNames } : {}),
    ...(['pods', 'services'].includes(def.resource) ? { categories: ['all'] } : {}),
  },
  ...def.subresources.map((sub) => ({
    name: `${def.resource}/${sub}`,
    singularName: '',
    namespaced: def.namespaced,
    kind: SUBRESOURCE_KIND[sub]?.kind || def.kind,
    verbs: SUBRESOURCE_KIND[sub]?.verbs ?? ['get'],
  })),
];

export const apiVersions = (hostPort: string): Obj => ({
  kind: 'APIVersions',
  versions: ['v1'],
  serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: hostPort }],
});

export const apiGroupList = (): Obj => ({
  kind: 'APIGroupList',
  apiVersion: 'v1',
  groups: GROUPS.map((g) => ({
    name: g.group,
    versions: [{ groupVersion: `${g.group}/${g.version}`, version: g.version }],
    preferredVersion: { groupVersion: `${g.group}/${g.version}`, version: g.version },
  })),
});

export const apiGroup = (group: string): Obj | undefined =>
  apiGroupList().groups.find((g: Obj) => g.name === group);

export const resourceList = (group: string, version: string): Obj | undefined => {
  const defs = RESOURCES.filter((d) => d.group === group && d.version === version);
  if (!defs.length) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group ? `${group}/${version}` : version,
    resources: defs.flatMap(resourceEntries),
  };
};

export const versionInfo = (serverVersion: string): Obj => {
  const m = /^v(\d+)\.(\d+)/.exec(serverVersion);
  return {
    major: m?.[1] ?? '1',
    minor: m?.[2] ?? '32',
    gitVersion: serverVersion,
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2025-02-12T21:19:47Z',
    goVersion: 'go1.23.6',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
};
