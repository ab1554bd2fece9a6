// A Kubernetes API server double for end-to-end tests: the real kubectl talks to it
// over plain HTTP on a loopback port. See README.md in this folder.
import http from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecHost, ExecService, Labels, NetworkFn } from './types.ts';
import { createStore, type Obj } from './store.ts';
import { createRbac, type DenyRule } from './rbac.ts';
import { createFaults, type Fault } from './faults.ts';
import type { AuditEntry } from './audit.ts';
import { defaultOptions, nowIso, prng, type ClusterOptions, type Ctx, type NodeSpec } from './options.ts';
import { createLifecycle } from './lifecycle.ts';
import { resolveResource, type ResourceDef } from './resources.ts';
import { createObject, deleteObject } from './crud.ts';
import { nodeObject } from './scheduler.ts';
import { createRoutes } from './routes.ts';

export type { ClusterOptions, NodeSpec, Taint } from './options.ts';
export type { AuditEntry } from './audit.ts';
export type { DenyRule } from './rbac.ts';
export type { Fault } from './faults.ts';

export interface ClusterStartOptions extends Partial<Omit<ClusterOptions, 'unpullableImages'>> {
  unpullableImages?: ClusterOptions['unpullableImages'];
}

export interface Cluster {
  url: string;
  kubeconfigPath: string;
  dir: string;
  /** live: changes apply to the next request or lifecycle step */
  options: ClusterOptions;
  setNetwork(fn: NetworkFn): void;
  setUnpullableImages(images: ClusterOptions['unpullableImages']): void;
  setNodes(nodes: NodeSpec[]): void;
  setNamespaceStuck(name: string, stuck?: boolean): void;
  denyRbac(rule: DenyRule): () => void;
  clearRbac(): void;
  addFault(fault: Fault): () => void;
  clearFaults(): void;
  audit: AuditEntry[];
  mutations(): AuditEntry[];
  resetAudit(): void;
  namespace(name: string): Obj | undefined;
  namespaces(): Obj[];
  pod(namespace: string, name: string): Obj | undefined;
  pods(namespace?: string): Obj[];
  services(namespace?: string): Obj[];
  networkPolicies(namespace?: string): Obj[];
  get(resource: string, namespace: string | undefined, name: string): Obj | undefined;
  list(resource: string, namespace?: string): Obj[];
  createNamespace(name: string, labels?: Labels): Obj;
  createPod(obj: Obj): Obj;
  create(resource: string, obj: Obj): Obj;
  delete(resource: string, namespace: string | undefined, name: string): Obj;
  waitFor<T>(fn: () => T | undefined | null | false, timeoutMs?: number): Promise<T>;
  compact(): void;
  /**
   * Every version of every object the double stores, as it is published (watches see the
   * same): `fn` gets a copy. Returns its remover. For "no version ever showed X" assertions.
   */
  /** when the double started the pod's containers, in ms (its `startedAt` shows whole seconds, as the API does) */
  podStartedAtMs(namespace: string, name: string): number | undefined;
  onChange(
    fn: (change: { type: 'ADDED' | 'MODIFIED' | 'DELETED'; resource: string; object: Obj }) => void,
  ): () => void;
  execStats(): { active: number; total: number };
  /** watches a client holds open now */
  openWatches(): number;
  close(): Promise<void>;
}

const MUTATING = new Set(['create', 'update', 'patch', 'delete', 'deletecollection']);

const loadExec = async (host: ExecHost): Promise<{ service?: ExecService; why?: string }> => {
  // exec.ts is built separately; the double works without it, answering exec with 501
  const spec = new URL('./exec.ts', import.meta.url).href;
  try {
    const mod = (await import(spec)) as { createExecService?: (h: ExecHost) => ExecService };
    if (typeof mod.createExecService !== 'function')
      return { why: `${spec} does not export createExecService` };
    return { service: mod.createExecService(host) };
  } catch (e) {
    return { why: `loading ${spec} failed: ${(e as Error).message}` };
  }
};

const kubeconfigText = (url: string): string =>
  [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: double',
    '  cluster:',
    `    server: ${url}`,
    'users:',
    '- name: double',
    '  user:',
    '    token: double-token',
    'contexts:',
    '- name: double',
    '  context:',
    '    cluster: double',
    '    user: double',
    '    namespace: default',
    'current-context: double',
    '',
  ].join('\n');

export const startCluster = async (options: ClusterStartOptions = {}): Promise<Cluster> => {
  const opts: ClusterOptions = { ...defaultOptions(), ...options } as ClusterOptions;
  const rand = prng(opts.seed);
  const store = createStore(() => opts.watchWindow);
  const rbac = createRbac();
  const faults = createFaults(rand);
  const audit: AuditEntry[] = [];
  let exec: ExecService | undefined;
  let execWhy = 'the exec service is starting';
  const ctx: Ctx = {
    store,
    rbac,
    opts,
    rand,
    podGone: (ns, name) => exec?.podDeleted(ns, name),
    runContainer: (pod, container) => (opts.runCommands ? exec?.runContainer?.(pod, container) : undefined),
    life: undefined as unknown as Ctx['life'],
  };
  const life = createLifecycle(ctx);
  ctx.life = life;

  const host: ExecHost = {
    getPod: (ns, name) => store.get('pods', ns, name),
    network: (...args) => opts.network(...args),
    execLatencyMs: () => opts.execLatencyMs,
    url: () => url,
  };
  if (opts.execService) exec = opts.execService(host);
  else {
    const loaded = await loadExec(host);
    exec = loaded.service;
    if (loaded.why) execWhy = loaded.why;
  }

  // nodes follow opts.nodes, even when a test assigns it directly
  let nodesSynced = '';
  const syncNodes = (): void => {
    const text = JSON.stringify(opts.nodes);
    if (text === nodesSynced) return;
    nodesSynced = text;
    const created = nowIso();
    const wanted = new Set(opts.nodes.map((n) => n.name));
    for (const o of store.list('nodes'))
      if (!wanted.has(o.metadata.name)) store.remove('nodes', undefined, o.metadata.name);
    opts.nodes.forEach((n, i) => {
      const prev = store.get('nodes', undefined, n.name);
      store.put('nodes', nodeObject(n, i, prev?.metadata?.creationTimestamp ?? created));
    });
    life.retryPending();
  };
  syncNodes();
  for (const name of ['default', 'kube-node-lease', 'kube-public', 'kube-system'])
    createObject(ctx, resolveResource('namespaces'), undefined, { metadata: { name } });

  const watches = new Set<() => void>();
  const track = (stop: () => void): (() => void) => {
    watches.add(stop);
    return () => watches.delete(stop);
  };

  let port = 0;
  const { onRequest, onUpgrade } = createRoutes({
    ctx,
    faults,
    audit,
    exec,
    execWhy,
    syncNodes,
    track,
    port: () => port,
  });

  const server = http.createServer((req, res) => void onRequest(req, res));
  server.on(
    'upgrade',
    (req: IncomingMessage, socket: Duplex, head: Buffer) => void onUpgrade(req, socket, head),
  );
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;
  const dir = mkdtempSync(join(tmpdir(), 'k8s-double-'));
  const kubeconfigPath = join(dir, 'kubeconfig');
  writeFileSync(kubeconfigPath, kubeconfigText(url));

  const defOf = (resource: string): ResourceDef => resolveResource(resource);
  const nsOf = (obj: Obj): string | undefined => obj?.metadata?.namespace;
  let closed = false;

  return {
    url,
    kubeconfigPath,
    dir,
    options: opts,
    setNetwork: (fn) => {
      opts.network = fn;
    },
    setUnpullableImages: (images) => {
      opts.unpullableImages = images;
      life.retryPending();
    },
    setNodes: (nodes) => {
      opts.nodes = nodes;
      syncNodes();
    },
    setNamespaceStuck: (name, stuck = true) => {
      opts.stuckNamespaces = stuck
        ? [...new Set([...opts.stuckNamespaces, name])]
        : opts.stuckNamespaces.filter((n) => n !== name);
      life.recheckNamespaces();
    },
    denyRbac: (rule) => rbac.deny(rule),
    clearRbac: () => rbac.clear(),
    addFault: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    audit,
    // an access review is a create that changes nothing: the API server answers it, stores nothing
    mutations: () => audit.filter((e) => MUTATING.has(e.verb) && !(e.resource ?? '').endsWith('reviews')),
    resetAudit: () => {
      audit.length = 0;
    },
    namespace: (name) => store.get('namespaces', undefined, name),
    namespaces: () => store.list('namespaces'),
    pod: (ns, name) => store.get('pods', ns, name),
    pods: (ns) => store.list('pods', ns),
    services: (ns) => store.list('services', ns),
    networkPolicies: (ns) => store.list('networkpolicies', ns),
    get: (resource, ns, name) => {
      const def = defOf(resource);
      return store.get(def.resource, def.namespaced ? ns : undefined, name);
    },
    list: (resource, ns) => store.list(defOf(resource).resource, ns),
    createNamespace: (name, labels) =>
      createObject(ctx, defOf('namespaces'), undefined, {
        metadata: { name, ...(labels ? { labels } : {}) },
      }),
    createPod: (obj) =>
      createObject(ctx, defOf('pods'), nsOf(obj) ?? 'default', obj, { keepTimestamp: true }),
    create: (resource, obj) => {
      const def = defOf(resource);
      return createObject(ctx, def, def.namespaced ? (nsOf(obj) ?? 'default') : undefined, obj, {
        keepTimestamp: true,
      });
    },
    delete: (resource, ns, name) => deleteObject(ctx, defOf(resource), ns, name),
    waitFor: (fn, timeoutMs = 5000) =>
      new Promise((resolve, reject) => {
        const started = Date.now();
        const tick = (): void => {
          let v;
          try {
            v = fn();
          } catch (e) {
            reject(e as Error);
            return;
          }
          if (v !== undefined && v !== null && v !== false) resolve(v);
          else if (Date.now() - started >= timeoutMs)
            reject(
              new Error(
                `The API double's waitFor condition did not hold within ${timeoutMs} ms: ${fn.toString().slice(0, 200)}`,
              ),
            );
          else setTimeout(tick, 10);
        };
        tick();
      }),
    compact: () => store.compact(),
    podStartedAtMs: (ns, name) => {
      const pod = store.get('pods', ns, name);
      return pod ? life.startedAtMs(pod) : undefined;
    },
    onChange: (fn) =>
      store.subscribe((e) =>
        fn({ type: e.type, resource: e.resource, object: JSON.parse(JSON.stringify(e.object)) as Obj }),
      ),
    execStats: () => exec?.stats() ?? { active: 0, total: 0 },
    openWatches: () => watches.size,
    close: async () => {
      if (closed) return;
      closed = true;
      life.close();
      for (const stop of [...watches]) stop();
      await exec?.close();
      const done = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await done;
      // only the temp dir this cluster made itself
      rmSync(dir, { recursive: true, force: true });
    },
  };
};
