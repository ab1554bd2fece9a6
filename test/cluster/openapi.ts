// OpenAPI v3 documents: enough for kubectl to see that the server validates fields
// itself (the `fieldValidation` parameter on each PATCH operation), plus schemas for
// client-side validation, `kubectl explain` and apply's merge keys.
import { RESOURCES, type ResourceDef } from './resources.ts';
import { SCHEMAS, type S } from './schemas.ts';
import type { Obj } from './store.ts';

const groupPath = (group: string, version: string): string =>
  group ? `apis/${group}/${version}` : `api/${version}`;

const toOpenApi = (s: S): Obj => {
  if (s === 'string') return { type: 'string' };
  if (s === 'integer') return { type: 'integer', format: 'int64' };
  if (s === 'boolean') return { type: 'boolean' };
  if (s === 'time') return { type: 'string', format: 'date-time' };
  if (s === 'intstr') return { 'x-kubernetes-int-or-string': true, format: 'int-or-string' };
  if (s === 'map') return { type: 'object', additionalProperties: {} };
  if (s === 'any') return { 'x-kubernetes-preserve-unknown-fields': true };
  if (Array.isArray(s)) {
    const [item, key] = s;
    return {
      type: 'array',
      items: toOpenApi(item),
      ...(key
        ? {
            'x-kubernetes-patch-merge-key': key,
            'x-kubernetes-patch-strategy': 'merge',
            'x-kubernetes-list-type': 'map',
            'x-kubernetes-list-map-keys': [key],
          }
        : {}),
    };
  }
  return {
    type: 'object',
    properties: Object.fromEntries(Object.entries(s).map(([k, v]) => [k, toOpenApi(v)])),
  };
};

const hash = (text: string): string => {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h.toString(16).toUpperCase().padStart(8, '0').repeat(4);
};

const versions = (): { group: string; version: string }[] => {
  const seen = new Map<string, { group: string; version: string }>();
  for (const d of RESOURCES) seen.set(groupPath(d.group, d.version), { group: d.group, version: d.version });
  return [...seen.values()];
};

const param = (name: string): Obj => ({ name, in: 'query', schema: { type: 'string', uniqueItems: true } });

const operations = (def: ResourceDef): Obj => {
  const base = `/${groupPath(def.group, def.version)}${def.namespaced ? '/namespaces/{namespace}' : ''}/${def.resource}`;
  const gvk = { group: def.group, version: def.version, kind: def.kind };
  const ref = { $ref: `#/components/schemas/${SCHEMAS[def.kind]?.name}` };
  const op = (action: string, params: string[]): Obj => ({
    operationId: `${action}${def.kind}`,
    parameters: params.map(param),
    ...(action === 'patch' || action === 'replace' || action === 'create'
      ? { requestBody: { content: { '*/*': { schema: ref } } } }
      : {}),
    responses: { '200': { description: 'OK', content: { 'application/json': { schema: ref } } } },
    'x-kubernetes-action': action === 'replace' ? 'put' : action === 'create' ? 'post' : action,
    'x-kubernetes-group-version-kind': gvk,
  });
  const writeParams = ['dryRun', 'fieldManager', 'fieldValidation'];
  const paths: Obj = { [base]: { post: op('create', writeParams) } };
  // The real review types have no PATCH, so kubectl's check for server-side field
  // validation falls back to /openapi/v2 (protobuf). Declaring one keeps kubectl on v3.
  if (def.virtual) paths[`${base}/{name}`] = { patch: op('patch', writeParams) };
  else {
    paths[base].get = op('list', ['labelSelector', 'fieldSelector', 'watch', 'resourceVersion']);
    paths[`${base}/{name}`] = {
      get: op('read', []),
      put: op('replace', writeParams),
      patch: op('patch', [...writeParams, 'force']),
      delete: op('delete', ['gracePeriodSeconds', 'propagationPolicy']),
    };
  }
  return paths;
};

export const openApiIndex = (): Obj => ({
  paths: Object.fromEntries(
    versions().map((v) => {
      const p = groupPath(v.group, v.version);
      return [p, { serverRelativeURL: `/openapi/v3/${p}?hash=${hash(JSON.stringify(openApiDoc(p)))}` }];
    }),
  ),
});

/** The document for `api/v1` or `apis/{group}/{version}`, or undefined. */
export const openApiDoc = (path: string): Obj | undefined => {
  const defs = RESOURCES.filter((d) => groupPath(d.group, d.version) === path);
  if (!defs.length) return undefined;
  const schemas: Obj = {};
  for (const d of defs) {
    const s = SCHEMAS[d.kind];
    if (!s) continue;
    schemas[s.name] = {
      ...toOpenApi(s.schema),
      'x-kubernetes-group-version-kind': [{ group: d.group, kind: d.kind, version: d.version }],
    };
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.32.2' },
    paths: Object.assign({}, ...defs.map(operations)),
    components: { schemas },
  };
};
