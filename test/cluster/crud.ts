// Create, read, update, patch and delete with the apiserver's admission order:
// namespace lifecycle → defaulting → validation (422) → Pod Security (403) → storage (409).
import type { Ctx } from './options.ts';
import { nowIso, randomSuffix, uidFrom } from './options.ts';
import { apiVersionOf, type ResourceDef } from './resources.ts';
import { matchesFields, matchesLabels, type FieldRequirement, type LabelRequirement } from './selectors.ts';
import {
  alreadyExists,
  badRequest,
  conflict,
  CONFLICT_MODIFIED,
  forbidden,
  invalid,
  methodNotAllowed,
  notFound,
  notSupported,
  type FieldError,
  type GroupResource,
} from './status.ts';
import {
  dns1035Label,
  dns1123Label,
  dns1123Subdomain,
  validateMeta,
  validateNetworkPolicySpec,
  validatePodSpec,
  validateServiceSpec,
} from './validation.ts';
import { defaultNamespace, defaultNetworkPolicy, defaultPod, defaultService } from './defaults.ts';
import { namespacePolicy, podSecurityViolations } from './podsecurity.ts';
import { applyPatch, type PatchType } from './patch.ts';
import type { Obj } from './store.ts';

const gr = (def: ResourceDef): GroupResource => ({ resource: def.resource, group: def.group });
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface WriteOptions {
  dryRun?: boolean;
  /** keep a caller-set creationTimestamp (test seeding), which the API itself never does */
  keepTimestamp?: boolean;
  /** Warning headers for the answer (Pod Security warn mode) */
  warnings?: string[];
}

export const getObject = (ctx: Ctx, def: ResourceDef, ns: string | undefined, name: string): Obj => {
  const obj = ctx.store.get(def.storeAs ?? def.resource, def.namespaced ? ns : undefined, name);
  if (!obj) throw notFound(gr(def), name);
  return def.view ? def.view(obj) : obj;
};

export const listObjects = (
  ctx: Ctx,
  def: ResourceDef,
  ns: string | undefined,
  labels: LabelRequirement[],
  fields: FieldRequirement[],
): Obj[] =>
  ctx.store
    .list(def.storeAs ?? def.resource, def.namespaced ? ns : undefined)
    .filter((o) => matchesLabels(labels, o.metadata?.labels) && matchesFields(fields, o))
    .map((o) => (def.view ? def.view(o) : o));

const nameRule = (def: ResourceDef): ((v: string) => string[]) =>
  def.resource === 'namespaces'
    ? dns1123Label
    : def.resource === 'services'
      ? dns1035Label
      : dns1123Subdomain;

const validate = (def: ResourceDef, obj: Obj): FieldError[] => {
  const errs = validateMeta(obj.metadata ?? {}, nameRule(def), def.namespaced);
  if (def.resource === 'pods') errs.push(...validatePodSpec(obj.spec));
  if (def.resource === 'services') errs.push(...validateServiceSpec(obj.spec));
  if (def.resource === 'networkpolicies') errs.push(...validateNetworkPolicySpec(obj.spec));
  return errs;
};

/** NamespaceLifecycle admission: the namespace must exist and not be terminating. */
const checkNamespace = (ctx: Ctx, def: ResourceDef, ns: string, name: string): void => {
  const nsObj = ctx.store.get('namespaces', undefined, ns);
  if (!nsObj) throw notFound({ resource: 'namespaces', group: '' }, ns);
  if (nsObj.metadata.deletionTimestamp || nsObj.status?.phase === 'Terminating')
    throw forbidden(
      gr(def),
      name,
      `unable to create new content in namespace ${ns} because it is being terminated`,
      [
        {
          reason: 'NamespaceTerminating',
          message: `namespace ${ns} is being terminated`,
          field: 'metadata.namespace',
        },
      ],
    );
};

const podSecurity = (ctx: Ctx, pod: Obj, opts: WriteOptions): void => {
  const labels = ctx.store.get('namespaces', undefined, pod.metadata.namespace)?.metadata?.labels;
  const enforce = namespacePolicy(labels, 'enforce');
  if (enforce) {
    const v = podSecurityViolations(enforce.level, pod.spec);
    if (v.length)
      throw forbidden(
        { resource: 'pods', group: '' },
        pod.metadata.name,
        `violates PodSecurity "${enforce.level}:${enforce.version}": ${v.join(', ')}`,
      );
  }
  const warn = namespacePolicy(labels, 'warn');
  if (warn) {
    const v = podSecurityViolations(warn.level, pod.spec);
    if (v.length)
      (opts.warnings ??= []).push(
        `would violate PodSecurity "${warn.level}:${warn.version}": ${v.join(', ')}`,
      );
  }
};

// process-wide, so service IPs stay unique even across clusters
let ipCounter = 0;
const allocateServiceIp = (): string => {
  ipCounter++;
  return `10.96.${Math.floor(ipCounter / 250) % 250}.${(ipCounter % 250) + 2}`;
};

const applyDefaults = (def: ResourceDef, obj: Obj): void => {
  if (def.resource === 'pods') defaultPod(obj);
  if (def.resource === 'namespaces') defaultNamespace(obj);
  if (def.resource === 'services') defaultService(obj, allocateServiceIp);
  if (def.resource === 'networkpolicies') defaultNetworkPolicy(obj);
};

const checkBody = (def: ResourceDef, body: unknown): Obj => {
  if (!isObj(body)) throw badRequest(`the body of the request is not a ${def.kind} object`);
  const apiVersion = apiVersionOf(def);
  if (body.apiVersion !== undefined && body.apiVersion !== apiVersion)
    throw badRequest(
      `the API version in the data (${String(body.apiVersion)}) does not match the expected API version (${apiVersion})`,
    );
  if (body.kind !== undefined && body.kind !== def.kind)
    throw badRequest(
      `${String(body.kind)} in version "${def.version}" cannot be handled as a ${def.kind}: the kind in the data does not match the request path`,
    );
  return body;
};

export const createObject = (
  ctx: Ctx,
  def: ResourceDef,
  ns: string | undefined,
  body: unknown,
  opts: WriteOptions = {},
): Obj => {
  if (!def.verbs.includes('create')) throw methodNotAllowed();
  const obj = structuredClone(checkBody(def, body));
  obj.apiVersion = apiVersionOf(def);
  obj.kind = def.kind;
  const meta: Obj = (obj.metadata = isObj(obj.metadata) ? obj.metadata : {});
  if (def.namespaced) {
    if (meta.namespace !== undefined && ns !== undefined && meta.namespace !== ns)
      throw badRequest(
        'the namespace of the provided object does not match the namespace sent on the request',
      );
    meta.namespace = ns ?? meta.namespace;
  } else delete meta.namespace;
  if (!meta.name && meta.generateName) meta.name = `${meta.generateName}${randomSuffix(ctx.rand)}`;
  const name: string = meta.name ?? '';
  if (def.namespaced && meta.namespace) checkNamespace(ctx, def, meta.namespace, name);
  const createdAt = opts.keepTimestamp && meta.creationTimestamp ? meta.creationTimestamp : nowIso();
  for (const k of [
    'uid',
    'resourceVersion',
    'creationTimestamp',
    'deletionTimestamp',
    'deletionGracePeriodSeconds',
    'generation',
    'selfLink',
    'managedFields',
  ])
    delete meta[k];
  applyDefaults(def, obj);
  const errs = validate(def, obj);
  if (errs.length) throw invalid(def.kind, gr(def), name, errs);
  if (def.resource === 'pods') podSecurity(ctx, obj, opts);
  if (ctx.store.get(def.resource, meta.namespace, name)) throw alreadyExists(gr(def), name);
  meta.uid = uidFrom(ctx.rand);
  meta.creationTimestamp = createdAt;
  if (def.resource === 'pods' || def.resource === 'networkpolicies') meta.generation = 1;
  const ordered = { apiVersion: obj.apiVersion, kind: obj.kind, metadata: meta, ...obj };
  if (opts.dryRun) return { ...ordered, metadata: { ...meta, resourceVersion: '' } };
  const stored = ctx.store.put(def.resource, ordered);
  ctx.life.created(def.resource, stored);
  return stored;
};

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

const POD_UPDATE_FORBIDDEN =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

/** A running pod's spec is immutable apart from images, the deadline and added tolerations. */
const podSpecChanges = (before: Obj | undefined, after: Obj | undefined): FieldError[] => {
  const strip = (spec: Obj | undefined): Obj => {
    const s = structuredClone(spec ?? {});
    for (const c of [...(s.containers ?? []), ...(s.initContainers ?? [])]) delete c.image;
    delete s.activeDeadlineSeconds;
    delete s.tolerations;
    return s;
  };
  const kept = (before?.tolerations ?? []).every((t: Obj) =>
    (after?.tolerations ?? []).some((u: Obj) => sameJson(t, u)),
  );
  if (sameJson(strip(before), strip(after)) && kept) return [];
  return [{ type: 'FieldValueForbidden', field: 'spec', detail: `Forbidden: ${POD_UPDATE_FORBIDDEN}` }];
};

/** Writes a changed object back, keeping what clients cannot change through this endpoint. */
const writeBack = (
  ctx: Ctx,
  def: ResourceDef,
  current: Obj,
  next: Obj,
  subresource: string | undefined,
  opts: WriteOptions,
): Obj => {
  const name = current.metadata.name;
  if (!isObj(next)) throw badRequest(`the body of the request is not a ${def.kind} object`);
  const rv = next.metadata?.resourceVersion;
  if (rv !== undefined && rv !== '' && rv !== current.metadata.resourceVersion)
    throw conflict(gr(def), name, CONFLICT_MODIFIED);
  if (next.metadata?.name !== undefined && next.metadata.name !== name)
    throw badRequest(
      `the name of the object (${String(next.metadata.name)}) does not match the name on the URL (${name})`,
    );
  let merged: Obj;
  if (subresource === 'status') merged = { ...current, status: next.status };
  else {
    merged = { ...next, apiVersion: current.apiVersion, kind: current.kind };
    // status only changes through the status subresource (namespaces keep theirs too)
    if ('status' in current) merged.status = current.status;
    else delete merged.status;
    merged.metadata = {
      ...(isObj(next.metadata) ? next.metadata : {}),
      name,
      uid: current.metadata.uid,
      creationTimestamp: current.metadata.creationTimestamp,
      resourceVersion: current.metadata.resourceVersion,
      ...(current.metadata.namespace ? { namespace: current.metadata.namespace } : {}),
      ...(current.metadata.deletionTimestamp
        ? { deletionTimestamp: current.metadata.deletionTimestamp }
        : {}),
      ...(current.metadata.generation !== undefined ? { generation: current.metadata.generation } : {}),
    };
    if (def.resource === 'namespaces')
      merged.metadata.labels = { ...(merged.metadata.labels ?? {}), 'kubernetes.io/metadata.name': name };
    const errs = validate(def, merged);
    if (def.resource === 'pods') errs.push(...podSpecChanges(current.spec, merged.spec));
    if (errs.length) throw invalid(def.kind, gr(def), name, errs);
    if (!sameJson(merged.spec, current.spec) && merged.metadata.generation !== undefined)
      merged.metadata.generation++;
  }
  if (sameJson(merged, current) || opts.dryRun) return merged;
  const stored = ctx.store.put(def.resource, merged);
  if (def.resource === 'pods' && subresource === 'status') ctx.life.statusWritten(stored);
  return stored;
};

export const updateObject = (
  ctx: Ctx,
  def: ResourceDef,
  ns: string | undefined,
  name: string,
  body: unknown,
  subresource?: string,
  opts: WriteOptions = {},
): Obj => {
  if (!def.verbs.includes('update')) throw methodNotAllowed();
  const current = getObject(ctx, def, ns, name);
  return writeBack(ctx, def, current, checkBody(def, body), subresource, opts);
};

export const patchObject = (
  ctx: Ctx,
  def: ResourceDef,
  ns: string | undefined,
  name: string,
  type: PatchType,
  patch: unknown,
  subresource?: string,
  opts: WriteOptions = {},
): { obj: Obj; created: boolean } => {
  if (!def.verbs.includes('patch')) throw methodNotAllowed();
  const current = ctx.store.get(def.resource, def.namespaced ? ns : undefined, name);
  if (!current) {
    if (type !== 'apply') throw notFound(gr(def), name);
    const body = { ...(patch as Obj), metadata: { ...((patch as Obj)?.metadata ?? {}), name } };
    return { obj: createObject(ctx, def, ns, body, opts), created: true };
  }
  if (type !== 'json' && !isObj(patch))
    throw badRequest(`the patch body must be a JSON object for a ${type} patch`);
  const next = applyPatch(type, current, patch);
  return { obj: writeBack(ctx, def, current, next, subresource, opts), created: false };
};

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: string;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: string[];
}

/** The propagation policies `ValidateDeleteOptions` accepts (and "nil": none given). */
const PROPAGATION_POLICIES = ['Foreground', 'Background', 'Orphan'];

/**
 * Preconditions as the apiserver checks them on a delete. Namespaces have their own
 * `Delete` (pkg/registry/core/namespace/storage/storage.go): a Conflict on `namespaces`
 * saying "Precondition failed: UID in precondition: …, UID in object meta: …" (or
 * ResourceVersion), checked on a read and again inside the GuaranteedUpdate that sets
 * deletionTimestamp (the double has no race between the two, so one check stands for
 * both). Everything else goes through the generic store's `rest.BeforeDelete`
 * (staging/src/k8s.io/apiserver/pkg/registry/rest/delete.go), whose Conflict names the
 * Kind, not the resource: `Operation cannot be fulfilled on Pod "x": the UID in the
 * precondition (…) does not match the UID in record (…). …`.
 */
const checkDeletePreconditions = (def: ResourceDef, current: Obj, opts: DeleteOptions): void => {
  const pre = opts.preconditions ?? {};
  const name = String(current.metadata.name);
  const uid = String(current.metadata.uid);
  const rv = String(current.metadata.resourceVersion);
  if (def.resource === 'namespaces') {
    if (pre.uid && pre.uid !== uid)
      throw conflict(
        gr(def),
        name,
        `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${uid}`,
      );
    if (pre.resourceVersion && pre.resourceVersion !== rv)
      throw conflict(
        gr(def),
        name,
        `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${rv}`,
      );
    return;
  }
  const byKind = { resource: def.kind, group: def.group };
  if (pre.uid && pre.uid !== uid)
    throw conflict(
      byKind,
      name,
      `the UID in the precondition (${pre.uid}) does not match the UID in record (${uid}). The object might have been deleted and then recreated`,
    );
  if (pre.resourceVersion && pre.resourceVersion !== rv)
    throw conflict(
      byKind,
      name,
      `the ResourceVersion in the precondition (${pre.resourceVersion}) does not match the ResourceVersion in record (${rv}). The object might have been modified`,
    );
};

export const deleteObject = (
  ctx: Ctx,
  def: ResourceDef,
  ns: string | undefined,
  name: string,
  opts: DeleteOptions = {},
): Obj => {
  if (!def.verbs.includes('delete')) throw methodNotAllowed();
  const current = getObject(ctx, def, ns, name);
  validateDeleteOptions(opts);
  checkDeletePreconditions(def, current, opts);
  if (opts.dryRun?.length) return current;
  // propagationPolicy decides only which dependents the garbage collector removes; the
  // double's collector judges owners by presence alone, so Background, Foreground and
  // Orphan delete alike here
  if (def.resource === 'pods') return ctx.life.deletePod(current, opts.gracePeriodSeconds);
  if (def.resource === 'namespaces') return ctx.life.deleteNamespace(current);
  return ctx.store.remove(def.resource, current.metadata.namespace, name) ?? current;
};

/** `ValidateDeleteOptions` (apimachinery's meta/v1/validation): 422 on DeleteOptions. */
const validateDeleteOptions = (opts: DeleteOptions): void => {
  if (opts.propagationPolicy === undefined || PROPAGATION_POLICIES.includes(opts.propagationPolicy)) return;
  throw invalid('DeleteOptions.meta.k8s.io', { resource: 'DeleteOptions', group: 'meta.k8s.io' }, '', [
    notSupported('propagationPolicy', opts.propagationPolicy, [...PROPAGATION_POLICIES, 'nil']),
  ]);
};

export const deleteCollection = (
  ctx: Ctx,
  def: ResourceDef,
  ns: string | undefined,
  labels: LabelRequirement[],
  fields: FieldRequirement[],
  opts: DeleteOptions = {},
): Obj[] => {
  if (!def.verbs.includes('deletecollection')) throw methodNotAllowed();
  return listObjects(ctx, def, ns, labels, fields).map((o) =>
    deleteObject(ctx, def, o.metadata.namespace, o.metadata.name, opts),
  );
};
