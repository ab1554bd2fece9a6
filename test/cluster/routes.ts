// Request routing: audit, faults, RBAC, then discovery documents or the resource
// handlers; exec upgrades are checked here and handed to the exec service.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ExecService } from './types.ts';
import type { Obj } from './store.ts';
import { forbiddenFor } from './rbac.ts';
import type { Faults } from './faults.ts';
import { requestInfo, rbacVerb, type AuditEntry, type RequestInfo } from './audit.ts';
import type { Ctx } from './options.ts';
import { lastLines } from './container-run.ts';
import { RESOURCES, apiVersionOf, findResource, type ResourceDef } from './resources.ts';
import {
  createObject,
  deleteCollection,
  deleteObject,
  getObject,
  listObjects,
  patchObject,
  updateObject,
  type DeleteOptions,
  type WriteOptions,
} from './crud.ts';
import { parseFieldSelector, parseLabelSelector, matchesFields, matchesLabels } from './selectors.ts';
import {
  ApiError,
  badRequest,
  internalError,
  methodNotAllowed,
  notFound,
  pathNotFound,
  serviceUnavailable,
  status,
  tooManyRequests,
  type StatusBody,
} from './status.ts';
import { parseBody, readBody, rejectUpgrade, sendJson, sendStatus } from './http.ts';
import { apiGroup, apiGroupList, apiVersions, resourceList, versionInfo } from './discovery.ts';
import { openApiDoc, openApiIndex } from './openapi.ts';
import { serveWatch } from './watch.ts';
import { partialMetadata, toTable } from './table.ts';
import { patchTypeOf } from './patch.ts';
import { accessReview, rulesReview } from './reviews.ts';
import { SCHEMAS, unknownFields } from './schemas.ts';

const NAMESPACED = new Set(RESOURCES.filter((d) => d.namespaced).map((d) => d.resource));

interface Accept {
  table?: string;
  partial: boolean;
}
const negotiate = (accept: string | undefined): Accept => {
  const a = accept ?? '';
  const table =
    /as=Table;v=(v1beta1|v1);g=meta\.k8s\.io/.exec(a) ?? /as=Table;g=meta\.k8s\.io;v=(v1beta1|v1)/.exec(a);
  return { ...(table ? { table: table[1]! } : {}), partial: /as=PartialObjectMetadata/.test(a) };
};
const num = (v: string | null): number | undefined =>
  v === null || v === '' || Number.isNaN(Number(v)) ? undefined : Number(v);

/** Notes the status of the first HTTP status line written on an upgrade socket. */
const recordStatusLine = (socket: Duplex, entry: AuditEntry): void => {
  let seen = false;
  const note = (chunk: unknown): void => {
    if (seen || chunk === undefined || chunk === null || typeof chunk === 'function') return;
    seen = true;
    const m = /^HTTP\/1\.[01] (\d{3})/.exec(
      Buffer.isBuffer(chunk) ? chunk.toString('latin1', 0, 16) : String(chunk),
    );
    if (m) entry.code = Number(m[1]);
  };
  const write = socket.write.bind(socket) as (...a: unknown[]) => boolean;
  const end = socket.end.bind(socket) as (...a: unknown[]) => Duplex;
  socket.write = ((...a: unknown[]) => (note(a[0]), write(...a))) as typeof socket.write;
  socket.end = ((...a: unknown[]) => (note(a[0]), end(...a))) as typeof socket.end;
};

export interface RouteDeps {
  ctx: Ctx;
  faults: Faults;
  audit: AuditEntry[];
  exec: ExecService | undefined;
  /** why exec is unavailable, for the 501 answer */
  execWhy: string;
  /** brings node objects in line with options.nodes */
  syncNodes(): void;
  /** registers a running watch so close() can end it */
  track(stop: () => void): () => void;
  port(): number;
}

export const createRoutes = (
  d: RouteDeps,
): {
  onRequest(req: IncomingMessage, res: ServerResponse): Promise<void>;
  onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void>;
} => {
  const { ctx, faults, audit, exec, execWhy, syncNodes, track } = d;
  const { store, rbac, opts } = ctx;

  const entryFor = (req: IncomingMessage, url: URL, info: RequestInfo): AuditEntry => {
    const e: AuditEntry = {
      time: new Date().toISOString(),
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      verb: info.verb,
      ...(info.resource ? { resource: info.resource } : {}),
      ...(info.subresource ? { subresource: info.subresource } : {}),
      ...(info.namespace ? { namespace: info.namespace } : {}),
      ...(info.name ? { name: info.name } : {}),
      code: 0,
      userAgent: String(req.headers['user-agent'] ?? ''),
    };
    audit.push(e);
    return e;
  };

  const faultStatus = (code: number): StatusBody =>
    code === 429 ? tooManyRequests() : code === 503 ? serviceUnavailable() : internalError('injected fault');

  /** Runs the fault rules; true when the request was answered (or dropped) by one. */
  const applyFaults = async (
    method: string,
    path: string,
    info: RequestInfo,
    answer: (s: StatusBody) => void,
    drop: () => void,
  ): Promise<{ handled: boolean; dropWatchAfterMs?: number }> => {
    syncNodes();
    const hit = faults.hit(method, path, info);
    if (!hit) return { handled: false };
    if (hit.delayMs > 0) await new Promise((r) => setTimeout(r, hit.delayMs));
    if (hit.reset) {
      drop();
      return { handled: true };
    }
    if (hit.status !== undefined) {
      answer(faultStatus(hit.status));
      return { handled: true };
    }
    return {
      handled: false,
      ...(hit.dropWatchAfterMs !== undefined ? { dropWatchAfterMs: hit.dropWatchAfterMs } : {}),
    };
  };

  const handleNonResource = (req: IncomingMessage, res: ServerResponse, url: URL): void => {
    const p = url.pathname.replace(/\/+$/, '') || '/';
    const parts = p.split('/').filter(Boolean);
    const hostPort = `127.0.0.1:${d.port()}`;
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendStatus(res, pathNotFound());
    if (p === '/version') return sendJson(res, 200, versionInfo(opts.serverVersion));
    if (p === '/healthz' || p === '/livez' || p === '/readyz') {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('ok');
      return;
    }
    if (p === '/api') return sendJson(res, 200, apiVersions(hostPort));
    if (p === '/apis') return sendJson(res, 200, apiGroupList());
    if (parts[0] === 'api' && parts.length === 2) {
      const list = resourceList('', parts[1]!);
      return list ? sendJson(res, 200, list) : sendStatus(res, pathNotFound());
    }
    if (parts[0] === 'apis' && parts.length === 2) {
      const g = apiGroup(parts[1]!);
      return g
        ? sendJson(res, 200, { kind: 'APIGroup', apiVersion: 'v1', ...g })
        : sendStatus(res, pathNotFound());
    }
    if (parts[0] === 'apis' && parts.length === 3) {
      const list = resourceList(parts[1]!, parts[2]!);
      return list ? sendJson(res, 200, list) : sendStatus(res, pathNotFound());
    }
    if (p === '/openapi/v3') return sendJson(res, 200, openApiIndex());
    if (parts[0] === 'openapi' && parts[1] === 'v3') {
      const doc = openApiDoc(parts.slice(2).join('/'));
      return doc ? sendJson(res, 200, doc) : sendStatus(res, pathNotFound());
    }
    return sendStatus(res, pathNotFound());
  };

  const listKind = (def: ResourceDef): string => `${def.kind}List`;

  const render = (def: ResourceDef, accept: Accept, url: URL, items: Obj[], asList: boolean): Obj => {
    const rv = String(store.currentRv());
    if (accept.table) {
      const t = toTable(def.resource, items, rv, url.searchParams.get('includeObject'));
      if (accept.table === 'v1beta1') t.apiVersion = 'meta.k8s.io/v1beta1';
      return t;
    }
    if (accept.partial) {
      const metas = items.map(partialMetadata);
      return asList
        ? {
            kind: 'PartialObjectMetadataList',
            apiVersion: 'meta.k8s.io/v1',
            metadata: { resourceVersion: rv },
            items: metas,
          }
        : metas[0]!;
    }
    return asList
      ? { kind: listKind(def), apiVersion: apiVersionOf(def), metadata: { resourceVersion: rv }, items }
      : items[0]!;
  };

  const writeOptions = (url: URL): WriteOptions => ({
    dryRun: url.searchParams.getAll('dryRun').includes('All'),
  });

  /** Strict (400) or Warn (Warning header) handling of fields the type does not have. */
  const fieldValidation = (def: ResourceDef, url: URL, obj: unknown, w: WriteOptions): void => {
    const mode = url.searchParams.get('fieldValidation') ?? 'Warn';
    const schema = SCHEMAS[def.kind];
    if (mode === 'Ignore' || !schema) return;
    const unknown = unknownFields(obj, schema.schema);
    if (!unknown.length) return;
    const list = unknown.map((f) => `unknown field ${JSON.stringify(f)}`);
    if (mode === 'Strict')
      throw badRequest(
        `${def.kind} in version "${def.version}" cannot be handled as a ${def.kind}: strict decoding error: ${list.join(', ')}`,
      );
    (w.warnings ??= []).push(...list);
  };

  const handleResource = async (
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    info: RequestInfo,
    dropWatchAfterMs?: number,
  ): Promise<void> => {
    const def = info.resource ? findResource(info.group, info.version, info.resource) : undefined;
    if (!def) return sendStatus(res, pathNotFound());
    if (info.subresource && !def.subresources.includes(info.subresource))
      return sendStatus(res, pathNotFound());
    if (info.verb === 'other') return sendStatus(res, methodNotAllowed().status);
    const ns = def.namespaced ? info.namespace : undefined;
    rbac.check(
      {
        verb: rbacVerb(info, req.method ?? 'GET'),
        resource: def.resource,
        group: def.group,
        ...(info.subresource ? { subresource: info.subresource } : {}),
        ...(info.namespace ? { namespace: info.namespace } : {}),
        ...(info.name ? { name: info.name } : {}),
      },
      opts.user,
    );
    const accept = negotiate(req.headers.accept);
    const q = url.searchParams;
    switch (info.verb) {
      case 'get': {
        if (info.subresource === 'log') {
          const pod = getObject(ctx, def, ns, info.name!);
          if (pod.status?.phase === 'Pending') {
            const c = pod.spec?.containers?.[0]?.name ?? '';
            const why = pod.status?.containerStatuses?.[0]?.state?.waiting?.reason ?? 'ContainerCreating';
            throw badRequest(`container "${c}" in pod "${info.name}" is waiting to start: ${why}`);
          }
          // the apiserver's wording (pkg/registry/core/pod/strategy.go) for a container it cannot pick
          const names: string[] = (pod.spec?.containers ?? []).map((c: Obj) => String(c.name));
          const asked = q.get('container');
          if (asked && !names.includes(asked))
            throw badRequest(`container ${asked} is not valid for pod ${info.name}`);
          if (!asked && names.length > 1)
            throw badRequest(
              `a container name must be specified for pod ${info.name}, choose one of: [${names.join(' ')}]`,
            );
          let text = ctx.life.logOf(pod, asked ?? names[0] ?? '') ?? '';
          const tail = q.get('tailLines');
          if (tail !== null && /^\d+$/.test(tail)) text = lastLines(text, Number(tail));
          const limit = q.get('limitBytes');
          if (limit !== null && /^\d+$/.test(limit))
            text = Buffer.from(text).subarray(0, Number(limit)).toString();
          res.writeHead(200, { 'Content-Type': 'text/plain' });
          res.end(text);
          return;
        }
        const obj = getObject(ctx, def, ns, info.name!);
        return sendJson(res, 200, render(def, accept, url, [obj], false));
      }
      case 'list': {
        if (def.virtual) throw badRequest(`the server does not allow this method on the requested resource`);
        const items = listObjects(
          ctx,
          def,
          ns,
          parseLabelSelector(q.get('labelSelector')),
          parseFieldSelector(q.get('fieldSelector'), def.resource),
        );
        return sendJson(res, 200, render(def, accept, url, items, true));
      }
      case 'watch': {
        const labels = parseLabelSelector(q.get('labelSelector'));
        const fieldReqs = parseFieldSelector(q.get('fieldSelector'), def.resource);
        const nameField = info.name ? [{ field: 'metadata.name', op: '=' as const, value: info.name }] : [];
        const timeout = num(q.get('timeoutSeconds'));
        const includeObject = q.get('includeObject');
        serveWatch(
          store,
          req,
          res,
          {
            resource: def.storeAs ?? def.resource,
            kind: def.kind,
            apiVersion: apiVersionOf(def),
            ...(ns !== undefined ? { namespace: ns } : {}),
            matches: (o) =>
              matchesLabels(labels, o.metadata?.labels) && matchesFields([...fieldReqs, ...nameField], o),
            ...(q.get('resourceVersion') !== null ? { resourceVersion: q.get('resourceVersion')! } : {}),
            sendInitialEvents: q.get('sendInitialEvents') === 'true',
            ...(timeout !== undefined ? { timeoutSeconds: timeout } : {}),
            bookmarks: q.get('allowWatchBookmarks') === 'true',
            bookmarkIntervalMs: opts.bookmarkIntervalMs,
            render: (stored, first) => {
              const o = def.view ? def.view(stored) : stored;
              if (accept.table)
                return toTable(def.resource, [o], o.metadata.resourceVersion, includeObject, first);
              return accept.partial ? partialMetadata(o) : o;
            },
            ...(dropWatchAfterMs !== undefined ? { dropAfterMs: dropWatchAfterMs } : {}),
          },
          track,
        );
        return;
      }
      case 'create': {
        if (info.subresource === 'exec') throw badRequest('Upgrade request required');
        if (info.name) return sendStatus(res, methodNotAllowed().status);
        const body = parseBody(await readBody(req), req.headers['content-type']);
        if (def.resource === 'selfsubjectaccessreviews') return sendJson(res, 201, accessReview(rbac, body));
        if (def.resource === 'selfsubjectrulesreviews') return sendJson(res, 201, rulesReview(rbac, body));
        const w = writeOptions(url);
        fieldValidation(def, url, body, w);
        const obj = createObject(ctx, def, ns, body, w);
        return sendJson(res, 201, obj, w.warnings);
      }
      case 'update': {
        const body = parseBody(await readBody(req), req.headers['content-type']);
        const w = writeOptions(url);
        fieldValidation(def, url, body, w);
        const obj = updateObject(ctx, def, ns, info.name!, body, info.subresource, w);
        return sendJson(res, 200, obj, w.warnings);
      }
      case 'patch': {
        const type = patchTypeOf(String(req.headers['content-type'] ?? ''));
        if (!type)
          return sendStatus(
            res,
            status(
              415,
              'UnsupportedMediaType',
              `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json`,
            ),
          );
        const raw = await readBody(req);
        const patch = parseBody(raw, type === 'apply' ? 'application/yaml' : 'application/json');
        const w = writeOptions(url);
        if (type === 'apply') fieldValidation(def, url, patch, w);
        const { obj, created } = patchObject(ctx, def, ns, info.name!, type, patch, info.subresource, w);
        return sendJson(res, created ? 201 : 200, obj, w.warnings);
      }
      case 'delete':
      case 'deletecollection': {
        // as the apiserver's delete handler (endpoints/handlers/delete.go): DeleteOptions come
        // from the body when there is one (kubectl sends them so), else from the query
        const raw = await readBody(req);
        const body = raw.length
          ? (parseBody(raw, req.headers['content-type']) as DeleteOptions & Obj)
          : undefined;
        const grace = body ? body.gracePeriodSeconds : num(q.get('gracePeriodSeconds'));
        const policy = body ? body.propagationPolicy : (q.get('propagationPolicy') ?? undefined);
        const dryRun = body ? (body.dryRun ?? []) : q.getAll('dryRun');
        const delOpts: DeleteOptions = {
          ...(grace !== undefined && grace !== null ? { gracePeriodSeconds: grace } : {}),
          ...(body?.preconditions ? { preconditions: body.preconditions } : {}),
          ...(policy !== undefined && policy !== null ? { propagationPolicy: String(policy) } : {}),
          ...(dryRun.length ? { dryRun } : {}),
        };
        if (info.verb === 'delete')
          return sendJson(res, 200, deleteObject(ctx, def, ns, info.name!, delOpts));
        const items = deleteCollection(
          ctx,
          def,
          ns,
          parseLabelSelector(q.get('labelSelector')),
          parseFieldSelector(q.get('fieldSelector'), def.resource),
          delOpts,
        );
        return sendJson(res, 200, {
          kind: listKind(def),
          apiVersion: apiVersionOf(def),
          metadata: { resourceVersion: String(store.currentRv()) },
          items,
        });
      }
      default:
        return sendStatus(res, methodNotAllowed().status);
    }
  };

  const onRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      if (exec?.handleControl(req, res)) return;
    } catch (e) {
      sendStatus(res, internalError(`the exec service failed on ${req.url}: ${(e as Error).message}`));
      return;
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const info = requestInfo(method, url.pathname, url.searchParams, NAMESPACED);
    const entry = entryFor(req, url, info);
    res.on('finish', () => (entry.code = res.statusCode));
    // code 0 marks a connection a `reset` fault dropped without an answer
    let dropped = false;
    res.on('close', () => (entry.code ||= dropped ? 0 : res.statusCode));
    try {
      const f = await applyFaults(
        method,
        url.pathname,
        info,
        (s) => sendStatus(res, s),
        () => {
          dropped = true;
          req.socket.destroy();
        },
      );
      if (f.handled) return;
      if (!info.isResource) return handleNonResource(req, res, url);
      await handleResource(req, res, url, info, f.dropWatchAfterMs);
      // a watch is still streaming: record that it started
      if (res.headersSent) entry.code ||= res.statusCode;
    } catch (e) {
      if (e instanceof ApiError) sendStatus(res, e.status);
      else
        sendStatus(
          res,
          internalError(`the API double failed on ${method} ${url.pathname}: ${(e as Error).message}`),
        );
    }
  };

  const onUpgrade = async (req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const info = requestInfo(method, url.pathname, url.searchParams, NAMESPACED);
    const entry = entryFor(req, url, info);
    const refuse = (s: StatusBody): void => {
      entry.code = s.code;
      rejectUpgrade(socket, s);
    };
    try {
      const f = await applyFaults(method, url.pathname, info, refuse, () => socket.destroy());
      if (f.handled) return;
      if (info.resource !== 'pods' || info.subresource !== 'exec' || !info.namespace || !info.name)
        return refuse(pathNotFound());
      const attrs = {
        verb: 'create',
        resource: 'pods',
        subresource: 'exec',
        namespace: info.namespace,
        group: '',
        name: info.name,
      };
      if (!rbac.allowed(attrs)) return refuse(forbiddenFor(attrs, opts.user).status);
      const pod = store.get('pods', info.namespace, info.name);
      if (!pod) return refuse(notFound({ resource: 'pods', group: '' }, info.name).status);
      const spec = pod.spec ?? {};
      const names = (list: Obj[] | undefined): string[] => (list ?? []).map((c) => String(c.name));
      const container = url.searchParams.get('container') ?? '';
      const all = [
        ...names(spec.containers),
        ...names(spec.initContainers),
        ...names(spec.ephemeralContainers),
      ];
      if (container && !all.includes(container))
        return refuse(status(400, 'BadRequest', `container ${container} is not valid for pod ${info.name}`));
      if (!container && names(spec.containers).length > 1)
        return refuse(
          status(
            400,
            'BadRequest',
            `a container name must be specified for pod ${info.name}, choose one of: [${names(spec.containers).join(' ')}]`,
          ),
        );
      const phase = pod.status?.phase;
      if (phase === 'Succeeded' || phase === 'Failed')
        return refuse(
          status(
            400,
            'BadRequest',
            `cannot exec into a container in a completed pod; current phase is ${phase}`,
          ),
        );
      if (!spec.nodeName)
        return refuse(status(400, 'BadRequest', `pod ${info.name} does not have a host assigned`));
      if (phase !== 'Running')
        return refuse(
          status(400, 'BadRequest', `container not found ("${container || names(spec.containers)[0]}")`),
        );
      if (!exec)
        return refuse(status(501, 'NotImplemented', `exec is not available in the API double: ${execWhy}`));
      // the exec service answers the upgrade itself (101, or a refusal such as for SPDY):
      // the audit records the status line it writes
      entry.code = 101;
      recordStatusLine(socket, entry);
      exec.handleUpgrade(req, socket, head, info.namespace, info.name);
    } catch (e) {
      refuse(e instanceof ApiError ? e.status : internalError((e as Error).message));
    }
  };

  return { onRequest, onUpgrade };
};
