// The four patch flavours the apiserver accepts: JSON merge (RFC 7386), strategic
// merge (lists merged by their Kubernetes merge keys), JSON patch (RFC 6902), and
// server-side apply (approximated as a strategic merge of the applied fields).
import { badRequest, status, ApiError } from './status.ts';
import type { Obj } from './store.ts';

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export const mergePatch = (target: unknown, patch: unknown): unknown => {
  if (!isObj(patch)) return structuredClone(patch);
  const out: Obj = isObj(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
};

/** patchMergeKey of list fields in the types the double serves (by field name). */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  imagePullSecrets: 'name',
  conditions: 'type',
  ownerReferences: 'uid',
  hostAliases: 'ip',
  topologySpreadConstraints: 'topologyKey',
};
// `ports` merges by containerPort in containers but by port in services
const mergeKeyFor = (field: string, items: Obj[]): string | undefined => {
  if (field === 'ports') return items.some((i) => 'containerPort' in i) ? 'containerPort' : 'port';
  return MERGE_KEYS[field];
};
const PRIMITIVE_MERGE = new Set(['finalizers']);

const strategicList = (field: string, target: unknown[], patch: unknown[]): unknown[] => {
  if (patch.length === 1 && isObj(patch[0]) && patch[0].$patch === 'replace') return [];
  if (PRIMITIVE_MERGE.has(field)) return [...target, ...patch.filter((p) => !target.includes(p))];
  const objs = patch.filter(isObj);
  const key = mergeKeyFor(field, [...objs, ...target.filter(isObj)]);
  if (!key || objs.length !== patch.length) return structuredClone(patch);
  const out = target.map((t) => structuredClone(t));
  for (const p of objs) {
    const idx = out.findIndex((t) => isObj(t) && t[key] === p[key]);
    if (p.$patch === 'delete') {
      if (idx >= 0) out.splice(idx, 1);
      continue;
    }
    if (idx >= 0) out[idx] = strategicMerge(out[idx], p);
    else out.push(strategicMerge({}, p));
  }
  return out;
};

export const strategicMerge = (target: unknown, patch: unknown): unknown => {
  if (!isObj(patch)) return structuredClone(patch);
  if (patch.$patch === 'replace') {
    const { $patch: _ignored, ...rest } = patch;
    return strategicMerge({}, rest);
  }
  if (patch.$patch === 'delete') return undefined;
  const out: Obj = isObj(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k === '$patch' || k === '$retainKeys' || k.startsWith('$setElementOrder/')) continue;
    if (k.startsWith('$deleteFromPrimitiveList/')) {
      const field = k.slice('$deleteFromPrimitiveList/'.length);
      if (Array.isArray(out[field]) && Array.isArray(v))
        out[field] = out[field].filter((x: unknown) => !v.includes(x));
      continue;
    }
    if (v === null) delete out[k];
    else if (Array.isArray(v)) out[k] = strategicList(k, Array.isArray(out[k]) ? out[k] : [], v);
    else if (isObj(v)) {
      const merged = strategicMerge(out[k], v);
      if (merged === undefined) delete out[k];
      else out[k] = merged;
    } else out[k] = v;
  }
  if (Array.isArray(patch.$retainKeys))
    for (const k of Object.keys(out)) if (!patch.$retainKeys.includes(k)) delete out[k];
  return out;
};

const unescape = (s: string): string => s.replace(/~1/g, '/').replace(/~0/g, '~');

const pointer = (path: string): string[] => {
  if (path === '') return [];
  if (!path.startsWith('/'))
    throw badRequest(`the JSON patch path ${JSON.stringify(path)} must start with "/"`);
  return path.slice(1).split('/').map(unescape);
};

const invalidPatch = (message: string): ApiError => new ApiError(status(422, 'Invalid', message));

const parentOf = (doc: unknown, parts: string[], path: string): { parent: unknown; key: string } => {
  let cur: unknown = doc;
  for (const p of parts.slice(0, -1)) {
    cur = Array.isArray(cur) ? cur[Number(p)] : isObj(cur) ? cur[p] : undefined;
    if (cur === undefined) throw invalidPatch(`doc is missing path: "${path}": missing value`);
  }
  return { parent: cur, key: parts[parts.length - 1]! };
};

const getAt = (doc: unknown, path: string): unknown => {
  let cur: unknown = doc;
  for (const p of pointer(path)) {
    cur = Array.isArray(cur) ? cur[Number(p)] : isObj(cur) ? cur[p] : undefined;
    if (cur === undefined) throw invalidPatch(`doc is missing path: "${path}": missing value`);
  }
  return cur;
};

const removeAt = (doc: unknown, path: string): unknown => {
  const { parent, key } = parentOf(doc, pointer(path), path);
  if (Array.isArray(parent)) {
    const i = Number(key);
    if (!(i >= 0 && i < parent.length)) throw invalidPatch(`doc is missing path: "${path}": missing value`);
    return parent.splice(i, 1)[0];
  }
  if (!isObj(parent) || !(key in parent)) throw invalidPatch(`doc is missing path: "${path}": missing value`);
  const v = parent[key];
  delete parent[key];
  return v;
};

const addAt = (doc: unknown, path: string, value: unknown, replace: boolean): unknown => {
  const parts = pointer(path);
  if (parts.length === 0) return structuredClone(value);
  const { parent, key } = parentOf(doc, parts, path);
  if (Array.isArray(parent)) {
    const i = key === '-' ? parent.length : Number(key);
    if (!(i >= 0 && i <= parent.length)) throw invalidPatch(`doc is missing path: "${path}": missing value`);
    if (replace) parent[i] = structuredClone(value);
    else parent.splice(i, 0, structuredClone(value));
  } else if (isObj(parent)) {
    if (replace && !(key in parent)) throw invalidPatch(`doc is missing key: ${path}: missing value`);
    parent[key] = structuredClone(value);
  } else throw invalidPatch(`doc is missing path: "${path}": missing value`);
  return doc;
};

export const jsonPatch = (doc: unknown, ops: unknown): unknown => {
  if (!Array.isArray(ops))
    throw badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  let cur = structuredClone(doc);
  for (const op of ops as Obj[]) {
    const path = String(op.path ?? '');
    switch (op.op) {
      case 'add':
        cur = addAt(cur, path, op.value, false);
        break;
      case 'replace':
        cur = addAt(cur, path, op.value, true);
        break;
      case 'remove':
        removeAt(cur, path);
        break;
      case 'move': {
        const v = removeAt(cur, String(op.from));
        cur = addAt(cur, path, v, false);
        break;
      }
      case 'copy':
        cur = addAt(cur, path, getAt(cur, String(op.from)), false);
        break;
      case 'test':
        if (JSON.stringify(getAt(cur, path)) !== JSON.stringify(op.value))
          throw invalidPatch(`testing value ${path} failed: test failed`);
        break;
      default:
        throw badRequest(`Unexpected kind: ${String(op.op)}`);
    }
  }
  return cur;
};

export type PatchType = 'merge' | 'strategic' | 'json' | 'apply';

export const patchTypeOf = (contentType: string): PatchType | undefined => {
  const ct = contentType.split(';')[0]!.trim().toLowerCase();
  if (ct === 'application/merge-patch+json') return 'merge';
  if (ct === 'application/strategic-merge-patch+json') return 'strategic';
  if (ct === 'application/json-patch+json') return 'json';
  if (ct === 'application/apply-patch+yaml' || ct === 'application/apply-patch+cbor') return 'apply';
  return undefined;
};

export const applyPatch = (type: PatchType, current: Obj, patch: unknown): Obj => {
  switch (type) {
    case 'merge':
      return mergePatch(current, patch) as Obj;
    case 'strategic':
    case 'apply':
      return strategicMerge(current, patch) as Obj;
    case 'json':
      return jsonPatch(current, patch) as Obj;
  }
};
