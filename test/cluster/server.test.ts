// The API double over plain HTTP: watch semantics, writes, lifecycle, faults and the
// exec hand-off, checked without kubectl (api.test.ts covers kubectl itself).
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from './server.ts';
import type { ExecHost, ExecService } from './types.ts';
import type { Obj } from './store.ts';

const clusters: Cluster[] = [];
const start = async (...args: Parameters<typeof startCluster>): Promise<Cluster> => {
  const c = await startCluster(...args);
  clusters.push(c);
  return c;
};
afterEach(async () => {
  for (const c of clusters.splice(0)) await c.close();
});

const call = async (
  c: Cluster,
  method: string,
  path: string,
  body?: unknown,
  contentType = 'application/json',
  accept?: string,
): Promise<{ code: number; body: Obj; headers: Headers }> => {
  const res = await fetch(`${c.url}${path}`, {
    method,
    headers: { 'content-type': contentType, ...(accept ? { accept } : {}) },
    ...(body === undefined
      ? {}
      : { body: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  return { code: res.status, body: text ? (JSON.parse(text) as Obj) : {}, headers: res.headers };
};

/** Reads watch events until `count` arrived or the server ended the stream. */
const watch = async (
  c: Cluster,
  path: string,
  count: number,
  during?: () => void | Promise<void>,
): Promise<Obj[]> => {
  const ctrl = new AbortController();
  const res = await fetch(`${c.url}${path}`, { signal: ctrl.signal });
  const reader = res.body!.getReader();
  const events: Obj[] = [];
  let buf = '';
  const pending = during?.();
  try {
    while (events.length < count) {
      const { value, done } = await reader.read();
      if (done) break;
      buf += Buffer.from(value).toString('utf8');
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        events.push(JSON.parse(buf.slice(0, nl)) as Obj);
        buf = buf.slice(nl + 1);
      }
    }
  } finally {
    ctrl.abort();
    await pending;
  }
  return events;
};

const pod = (name: string, namespace = 'default', extra: Obj = {}): Obj => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace, labels: { app: name } },
  spec: { containers: [{ name: 'c', image: 'busybox:1.36' }], ...extra },
});

const summary = (events: Obj[]): string[] =>
  events.map((e) => `${e.type} ${e.object.metadata?.name ?? e.object.reason}`);

describe('discovery and unknown paths', () => {
  it('answers every unknown path at once with a 404 Status', async () => {
    const c = await start();
    for (const path of [
      '/openapi/v2',
      '/apis/storage.k8s.io/v1',
      '/nope',
      '/api/v1/configmaps',
      '/apis/networking.k8s.io/v1/ingresses',
    ]) {
      const r = await call(c, 'GET', path);
      expect([path, r.code, r.body.kind, r.body.reason]).toEqual([path, 404, 'Status', 'NotFound']);
    }
  });

  it('lists resources with verbs, kinds and short names', async () => {
    const c = await start();
    const core = await call(c, 'GET', '/api/v1');
    const pods = core.body.resources.find((r: Obj) => r.name === 'pods');
    expect(pods).toMatchObject({ kind: 'Pod', namespaced: true, shortNames: ['po'] });
    expect(core.body.resources.find((r: Obj) => r.name === 'pods/exec')).toMatchObject({
      kind: 'PodExecOptions',
      verbs: ['create', 'get'],
    });
    const net = await call(c, 'GET', '/apis/networking.k8s.io/v1');
    expect(net.body.resources.map((r: Obj) => r.name)).toEqual(['networkpolicies']);
    expect((await call(c, 'GET', '/version')).body.gitVersion).toBe('v1.32.2');
  });
});

describe('writes', () => {
  it('decodes the protobuf body kubectl create namespace sends', async () => {
    const c = await start();
    // captured from `kubectl create namespace foo` (kubectl 1.32)
    const body = Buffer.from(
      '6b3873000a0f0a02763112094e616d657370616365121b0a130a03666f6f12001a0022002a0032003800420012001a020a001a002200',
      'hex',
    );
    const r = await call(c, 'POST', '/api/v1/namespaces', body, 'application/vnd.kubernetes.protobuf');
    expect(r.code).toBe(201);
    expect(r.body).toMatchObject({
      kind: 'Namespace',
      metadata: { name: 'foo' },
      status: { phase: 'Active' },
    });
  });

  it('makes merge, strategic and JSON patches conditional on a resourceVersion they carry', async () => {
    const c = await start();
    const ns = c.createNamespace('locks');
    const stale = ns.metadata.resourceVersion;
    const path = '/api/v1/namespaces/locks';
    const first = await call(
      c,
      'PATCH',
      path,
      { metadata: { resourceVersion: stale, labels: { a: '1' } } },
      'application/strategic-merge-patch+json',
    );
    expect(first.code).toBe(200);
    const second = await call(
      c,
      'PATCH',
      path,
      { metadata: { resourceVersion: stale, labels: { a: '2' } } },
      'application/merge-patch+json',
    );
    expect([second.code, second.body.reason, second.body.message]).toEqual([
      409,
      'Conflict',
      'Operation cannot be fulfilled on namespaces "locks": the object has been modified; please apply your changes to the latest version and try again',
    ]);
    const json = await call(
      c,
      'PATCH',
      path,
      [{ op: 'test', path: '/metadata/resourceVersion', value: stale }],
      'application/json-patch+json',
    );
    expect(json.code).toBe(422);
    const put = await call(c, 'PUT', path, {
      ...c.namespace('locks'),
      metadata: { ...c.namespace('locks')!.metadata, resourceVersion: stale },
    });
    expect(put.code).toBe(409);
    expect(c.namespace('locks')?.metadata.labels.a).toBe('1');
  });

  it('merges containers by name in a strategic merge patch and creates on server-side apply', async () => {
    const c = await start();
    c.createPod(pod('web'));
    const r = await call(
      c,
      'PATCH',
      '/api/v1/namespaces/default/pods/web',
      { spec: { containers: [{ name: 'c', image: 'busybox:1.37' }] } },
      'application/strategic-merge-patch+json',
    );
    expect(r.body.spec.containers).toHaveLength(1);
    expect(r.body.spec.containers[0]).toMatchObject({
      name: 'c',
      image: 'busybox:1.37',
      terminationMessagePath: '/dev/termination-log',
    });
    const applied = await call(
      c,
      'PATCH',
      '/api/v1/namespaces/fresh?fieldManager=t',
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: fresh\n',
      'application/apply-patch+yaml',
    );
    expect(applied.code).toBe(201);
    expect(c.namespace('fresh')?.status.phase).toBe('Active');
  });

  it('generates names, validates pods and keeps seeded creation timestamps only for tests', async () => {
    const c = await start({ seed: 7 });
    const gen = await call(c, 'POST', '/api/v1/namespaces/default/pods', {
      ...pod(''),
      metadata: { generateName: 'canary-' },
    });
    expect(gen.body.metadata.name).toMatch(/^canary-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    const bad = await call(c, 'POST', '/api/v1/namespaces/default/pods', {
      metadata: { name: 'empty' },
      spec: {},
    });
    expect([bad.code, bad.body.message]).toEqual([
      422,
      'Pod "empty" is invalid: spec.containers: Required value',
    ]);
    const old = c.create('namespaces', {
      metadata: { name: 'old', creationTimestamp: '2020-01-01T00:00:00Z' },
    });
    expect(old.metadata.creationTimestamp).toBe('2020-01-01T00:00:00Z');
    const viaApi = await call(c, 'POST', '/api/v1/namespaces', {
      metadata: { name: 'new', creationTimestamp: '2020-01-01T00:00:00Z' },
    });
    expect(viaApi.body.metadata.creationTimestamp).not.toBe('2020-01-01T00:00:00Z');
  });

  it('deletes a collection by label selector', async () => {
    const c = await start();
    c.createPod({ ...pod('a'), metadata: { name: 'a', namespace: 'default', labels: { canary: 'yes' } } });
    c.createPod({ ...pod('b'), metadata: { name: 'b', namespace: 'default', labels: { canary: 'yes' } } });
    c.createPod(pod('keep'));
    const r = await call(c, 'DELETE', '/api/v1/namespaces/default/pods?labelSelector=canary%3Dyes');
    expect(r.body.items.map((p: Obj) => p.metadata.name)).toEqual(['a', 'b']);
    expect(c.pods('default').map((p) => p.metadata.name)).toEqual(['keep']);
  });

  it("deletes a namespace only when a DeleteOptions body's uid and resourceVersion preconditions hold, in the namespace registry's words", async () => {
    const c = await start({ namespaceTerminationMs: 5000 });
    c.createNamespace('canary-test-x');
    const { uid, resourceVersion } = c.namespace('canary-test-x')!.metadata;
    const path = '/api/v1/namespaces/canary-test-x';
    const options = (pre: Record<string, string>): Obj => ({
      kind: 'DeleteOptions',
      apiVersion: 'v1',
      preconditions: pre,
      propagationPolicy: 'Background',
    });
    const wrongUid = await call(c, 'DELETE', path, options({ uid: 'other', resourceVersion }));
    expect(wrongUid.code).toBe(409);
    expect(wrongUid.body).toMatchObject({
      reason: 'Conflict',
      message: `Operation cannot be fulfilled on namespaces "canary-test-x": Precondition failed: UID in precondition: other, UID in object meta: ${uid}`,
      details: { name: 'canary-test-x', kind: 'namespaces' },
    });
    // a change since (another run's lease) moves the resourceVersion on
    await call(
      c,
      'PATCH',
      path,
      { metadata: { annotations: { 'lease.netpol-canary.io/b': 'x' } } },
      'application/merge-patch+json',
    );
    const stale = await call(c, 'DELETE', path, options({ uid: String(uid), resourceVersion }));
    const now = c.namespace('canary-test-x')!.metadata.resourceVersion;
    expect([stale.code, stale.body.message]).toEqual([
      409,
      `Operation cannot be fulfilled on namespaces "canary-test-x": Precondition failed: ResourceVersion in precondition: ${resourceVersion}, ResourceVersion in object meta: ${now}`,
    ]);
    expect(c.namespace('canary-test-x')?.metadata.deletionTimestamp).toBeUndefined();
    const bad = await call(c, 'DELETE', path, { ...options({}), propagationPolicy: 'Later' });
    expect([bad.code, bad.body.message]).toEqual([
      422,
      'DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "Later": supported values: "Foreground", "Background", "Orphan", "nil"',
    ]);
    const badQuery = await call(c, 'DELETE', `${path}?propagationPolicy=Later`);
    expect([badQuery.code, badQuery.body.reason]).toEqual([422, 'Invalid']);
    const ok = await call(c, 'DELETE', path, options({ uid: String(uid), resourceVersion: String(now) }));
    expect(ok.code).toBe(200);
    expect(ok.body.metadata.deletionTimestamp).toBeDefined();
    expect(c.namespace('canary-test-x')?.status.phase).toBe('Terminating');
  });

  it("checks a pod's delete preconditions as the generic registry does: the Kind in the Conflict", async () => {
    const c = await start({ podStartDelayMs: 60_000 });
    c.createPod(pod('p'));
    // the scheduler binds it at once: the resourceVersion after that
    await c.waitFor(() => c.pod('default', 'p')?.spec.nodeName);
    const { uid, resourceVersion } = c.pod('default', 'p')!.metadata;
    const path = '/api/v1/namespaces/default/pods/p';
    const wrongUid = await call(c, 'DELETE', path, { preconditions: { uid: 'other' } });
    expect([wrongUid.code, wrongUid.body.message]).toEqual([
      409,
      `Operation cannot be fulfilled on Pod "p": the UID in the precondition (other) does not match the UID in record (${uid}). The object might have been deleted and then recreated`,
    ]);
    const stale = await call(c, 'DELETE', path, { preconditions: { resourceVersion: '1' } });
    expect([stale.code, stale.body.message]).toEqual([
      409,
      `Operation cannot be fulfilled on Pod "p": the ResourceVersion in the precondition (1) does not match the ResourceVersion in record (${resourceVersion}). The object might have been modified`,
    ]);
    expect(c.pod('default', 'p')).toBeDefined();
    // with a body, the query's DeleteOptions are not read at all (the apiserver's delete handler)
    const ok = await call(c, 'DELETE', `${path}?propagationPolicy=Later`, {
      preconditions: { uid, resourceVersion },
    });
    expect(ok.code).toBe(200);
    expect(c.pod('default', 'p')).toBeUndefined();
  });

  it('refuses pod spec changes other than images, and warns for a Pod Security warn label', async () => {
    const c = await start();
    c.createPod(pod('fixed'));
    const path = '/api/v1/namespaces/default/pods/fixed';
    const bad = await call(
      c,
      'PATCH',
      path,
      { spec: { restartPolicy: 'Never' } },
      'application/merge-patch+json',
    );
    expect([bad.code, bad.body.reason]).toEqual([422, 'Invalid']);
    expect(bad.body.message).toMatch(
      /^Pod "fixed" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers\[\*\].image`/,
    );
    const image = await call(
      c,
      'PATCH',
      path,
      { spec: { containers: [{ name: 'c', image: 'busybox:1.37' }] } },
      'application/strategic-merge-patch+json',
    );
    expect(image.code).toBe(200);
    c.createNamespace('warned', { 'pod-security.kubernetes.io/warn': 'baseline' });
    const warned = await call(
      c,
      'POST',
      '/api/v1/namespaces/warned/pods',
      pod('hp', 'warned', { hostPID: true }),
    );
    expect(warned.code).toBe(201);
    expect(warned.headers.get('warning')).toBe(
      '299 - "would violate PodSecurity \\"baseline:latest\\": host namespaces (hostPID=true)"',
    );
  });

  it('applies baseline Pod Security with the plugin wording', async () => {
    const c = await start();
    c.createNamespace('base', { 'pod-security.kubernetes.io/enforce': 'baseline' });
    const r = await call(
      c,
      'POST',
      '/api/v1/namespaces/base/pods',
      pod('host', 'base', { hostNetwork: true, volumes: [{ name: 'root', hostPath: { path: '/' } }] }),
    );
    expect([r.code, r.body.message]).toEqual([
      403,
      'pods "host" is forbidden: violates PodSecurity "baseline:latest": host namespaces (hostNetwork=true), hostPath volumes (volume "root")',
    ]);
  });
});

describe('watch', () => {
  it('replays changes after a resourceVersion and sends objects leaving a selector as DELETED', async () => {
    // pods get scheduled but do not start within the test
    const c = await start({ podStartDelayMs: 60_000 });
    const rv = c.createPod(pod('w1')).metadata.resourceVersion;
    c.createPod({ ...pod('w2'), metadata: { name: 'w2', namespace: 'default', labels: { app: 'other' } } });
    const events = await watch(
      c,
      `/api/v1/namespaces/default/pods?watch=true&labelSelector=app%3Dw1&resourceVersion=${rv}`,
      2,
      async () => {
        await new Promise((r) => setTimeout(r, 20));
        await call(
          c,
          'PATCH',
          '/api/v1/namespaces/default/pods/w1',
          { metadata: { labels: { app: 'moved' } } },
          'application/merge-patch+json',
        );
      },
    );
    // the scheduler's update of w1 (still matching), then w1 leaving the selector
    expect(summary(events)).toEqual(['MODIFIED w1', 'DELETED w1']);
    expect(events[1]!.object.metadata.labels.app).toBe('moved');
  });

  it('starts from the current state without a resourceVersion and ends at timeoutSeconds', async () => {
    const c = await start();
    c.createNamespace('one');
    const events = await watch(
      c,
      '/api/v1/namespaces?watch=true&timeoutSeconds=1&fieldSelector=metadata.name%3Done',
      10,
    );
    expect(summary(events)).toEqual(['ADDED one']);
  });

  it('answers a resourceVersion older than the window with 410 Expired', async () => {
    const c = await start({ watchWindow: 3 });
    const rv = c.createNamespace('first').metadata.resourceVersion;
    for (const n of ['a', 'b', 'c', 'd']) c.createNamespace(n);
    const events = await watch(c, `/api/v1/namespaces?watch=true&resourceVersion=${rv}`, 5);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'ERROR',
      object: { kind: 'Status', code: 410, reason: 'Expired' },
    });
  });

  it('sends bookmarks when asked and ends a watch a fault cuts', async () => {
    const c = await start({ bookmarkIntervalMs: 20 });
    const events = await watch(
      c,
      '/api/v1/namespaces/default/pods?watch=true&allowWatchBookmarks=true&resourceVersion=1000',
      2,
    );
    expect(events.map((e) => e.type)).toEqual(['BOOKMARK', 'BOOKMARK']);
    expect(events[0]!.object).toMatchObject({ kind: 'Pod', apiVersion: 'v1' });
    c.addFault({ match: { verb: 'watch', resource: 'pods' }, dropWatchAfterMs: 30 });
    const cut = await watch(c, '/api/v1/namespaces/default/pods?watch=true', 100);
    expect(cut).toEqual([]);
  });
});

describe('lifecycle', () => {
  it('schedules pods once a fitting node appears and starts them', async () => {
    const c = await start({ podStartDelayMs: 0 });
    c.createPod(pod('gpu', 'default', { nodeSelector: { gpu: 'yes' } }));
    await c.waitFor(() => c.pod('default', 'gpu')?.status.conditions?.[0]?.reason === 'Unschedulable');
    c.setNodes([...c.options.nodes, { name: 'kind-gpu', labels: { gpu: 'yes' } }]);
    const running = await c.waitFor(() =>
      c.pod('default', 'gpu')?.status.phase === 'Running' ? c.pod('default', 'gpu') : undefined,
    );
    expect(running.spec.nodeName).toBe('kind-gpu');
    expect(running.status.podIP).toMatch(/^10\.244\.2\.\d+$/);
    expect((await call(c, 'GET', '/api/v1/nodes')).body.items.map((n: Obj) => n.metadata.name)).toEqual([
      'kind-control-plane',
      'kind-gpu',
      'kind-worker',
    ]);
  });

  it('keeps a deleted pod Terminating for podDeletionDelayMs and a deleted namespace for namespaceTerminationMs', async () => {
    const c = await start({ podDeletionDelayMs: 100, namespaceTerminationMs: 50 });
    c.createNamespace('gone');
    c.createPod(pod('slow', 'gone'));
    const r = await call(c, 'DELETE', '/api/v1/namespaces/gone/pods/slow');
    expect(r.body.metadata.deletionTimestamp).toBeDefined();
    expect(c.pod('gone', 'slow')?.metadata.deletionTimestamp).toBeDefined();
    await call(c, 'DELETE', '/api/v1/namespaces/gone');
    expect(c.namespace('gone')?.status.phase).toBe('Terminating');
    await c.waitFor(() => c.namespace('gone') === undefined, 3000);
    expect(c.pods('gone')).toEqual([]);
  });

  it('writes events that describe a pod, in order, also as events.k8s.io/v1', async () => {
    const c = await start({ podStartDelayMs: 0 });
    c.createPod(pod('ev'));
    await c.waitFor(() => c.pod('default', 'ev')?.status.phase === 'Running');
    const r = await call(
      c,
      'GET',
      '/api/v1/namespaces/default/events?fieldSelector=involvedObject.name%3Dev',
    );
    expect(r.body.items.map((e: Obj) => e.reason)).toEqual(['Scheduled', 'Pulled', 'Created', 'Started']);
    const v1 = await call(c, 'GET', '/apis/events.k8s.io/v1/namespaces/default/events');
    expect(v1.body.items[0]).toMatchObject({
      apiVersion: 'events.k8s.io/v1',
      reason: 'Scheduled',
      regarding: { kind: 'Pod', name: 'ev' },
      reportingController: 'default-scheduler',
    });
  });
});

describe('faults', () => {
  it('rolls probabilistic faults from the seed, so runs repeat', async () => {
    const run = async (): Promise<number[]> => {
      const c = await start({ seed: 42 });
      c.addFault({ match: { resource: 'namespaces' }, status: 503, probability: 0.5 });
      const codes: number[] = [];
      for (let i = 0; i < 12; i++) codes.push((await call(c, 'GET', '/api/v1/namespaces/default')).code);
      return codes;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(first.filter((x) => x === 503).length).toBeGreaterThan(0);
    expect(first.filter((x) => x === 200).length).toBeGreaterThan(0);
  });

  it('drops connections, delays answers and stops after `times`', async () => {
    const c = await start();
    const remove = c.addFault({ match: { path: /^\/api\/v1\/namespaces\/default$/ }, reset: true, times: 1 });
    await expect(call(c, 'GET', '/api/v1/namespaces/default')).rejects.toThrow();
    expect((await call(c, 'GET', '/api/v1/namespaces/default')).code).toBe(200);
    expect(c.audit.map((e) => e.code)).toEqual([0, 200]);
    remove();
    c.addFault({ match: { method: 'GET', namespace: 'default' }, delayMs: 10, times: 1 });
    expect((await call(c, 'GET', '/api/v1/namespaces/default')).code).toBe(200);
  });
});

describe('exec hand-off', () => {
  const fakeExec = (): { calls: string[]; make: (h: ExecHost) => ExecService } => {
    const calls: string[] = [];
    return {
      calls,
      make: (host) => ({
        handleUpgrade: (_req, socket, _head, ns, name) => {
          calls.push(`upgrade ${ns}/${name} ${host.getPod(ns, name)?.status.phase}`);
          socket.end('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n');
        },
        handleControl: (req, res) => {
          if (!req.url?.startsWith('/__double/')) return false;
          res.end('control');
          return true;
        },
        podDeleted: (ns, name) => calls.push(`deleted ${ns}/${name}`),
        stats: () => ({ active: 0, total: calls.length }),
        close: async () => {},
      }),
    };
  };

  const upgrade = (c: Cluster, path: string): Promise<{ code: number; body: string }> =>
    new Promise((resolve, reject) => {
      const req = http.request(`${c.url}${path}`, {
        headers: {
          Connection: 'Upgrade',
          Upgrade: 'websocket',
          'Sec-WebSocket-Version': '13',
          'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
        },
      });
      req.on('upgrade', (res, socket) => {
        socket.destroy();
        resolve({ code: res.statusCode ?? 0, body: '' });
      });
      req.on('response', (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ code: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });

  it('checks RBAC, existence and phase before handing the upgrade over', async () => {
    const fake = fakeExec();
    const c = await start({ execService: fake.make, podStartDelayMs: 0, unpullableImages: ['nosuch:1'] });
    c.createPod(pod('run'));
    c.createPod(pod('stuck', 'default', { containers: [{ name: 'c', image: 'nosuch:1' }] }));
    await c.waitFor(() => c.pod('default', 'run')?.status.phase === 'Running');
    await c.waitFor(
      () =>
        c.pod('default', 'stuck')?.status.containerStatuses?.[0]?.state.waiting?.reason ===
        'ImagePullBackOff',
    );
    const exec = (name: string): string =>
      `/api/v1/namespaces/default/pods/${name}/exec?command=true&container=c&stdout=true`;
    expect((await upgrade(c, exec('missing'))).code).toBe(404);
    const stuck = await upgrade(c, exec('stuck'));
    expect([stuck.code, JSON.parse(stuck.body).message]).toEqual([400, 'container not found ("c")']);
    const wrong = await upgrade(c, exec('run').replace('container=c', 'container=sidecar'));
    expect([wrong.code, JSON.parse(wrong.body).message]).toEqual([
      400,
      'container sidecar is not valid for pod run',
    ]);
    const remove = c.denyRbac({ verb: 'create', resource: 'pods', subresource: 'exec' });
    const denied = await upgrade(c, exec('run'));
    expect([denied.code, JSON.parse(denied.body).message]).toEqual([
      403,
      'pods "run" is forbidden: User "system:serviceaccount:ci:netpol" cannot create resource "pods/exec" in API group "" in the namespace "default"',
    ]);
    remove();
    expect((await upgrade(c, exec('run'))).code).toBe(101);
    expect(fake.calls).toEqual(['upgrade default/run Running']);
    expect(c.audit.filter((e) => e.verb === 'exec').map((e) => e.code)).toEqual([404, 400, 400, 403, 101]);
    const control = await fetch(`${c.url}/__double/anything`);
    expect(await control.text()).toBe('control');
    expect(c.audit.some((e) => e.path.startsWith('/__double/'))).toBe(false);
  });

  it('tells the exec service when pods go away: deletion, namespace deletion, deadline', async () => {
    const fake = fakeExec();
    const c = await start({ execService: fake.make, podStartDelayMs: 0 });
    c.createNamespace('ns1');
    c.createPod(pod('a'));
    c.createPod(pod('b', 'ns1'));
    c.createPod(pod('d', 'default', { activeDeadlineSeconds: 1 }));
    await c.waitFor(() => c.pod('default', 'a')?.status.phase === 'Running');
    c.delete('pods', 'default', 'a');
    c.delete('namespaces', undefined, 'ns1');
    await c.waitFor(() => c.pod('default', 'd')?.status.phase === 'Failed', 3000);
    expect(fake.calls).toEqual(['deleted default/a', 'deleted ns1/b', 'deleted default/d']);
  });
});

describe('access reviews', () => {
  it('reflects deny rules in SelfSubjectRulesReview', async () => {
    const c = await start();
    c.denyRbac({ verb: ['create', 'delete'], resource: 'pods', namespace: 'x' });
    const r = await call(c, 'POST', '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews', {
      spec: { namespace: 'x' },
    });
    const pods = r.body.status.resourceRules.find((rule: Obj) => rule.resources[0] === 'pods');
    expect(pods.verbs).toEqual(['deletecollection', 'get', 'list', 'patch', 'update', 'watch']);
  });
});

describe('tables', () => {
  it('answers plain kubectl get with a Table', async () => {
    const c = await start();
    const r = await call(
      c,
      'GET',
      '/api/v1/namespaces',
      undefined,
      'application/json',
      'application/json;as=Table;v=v1;g=meta.k8s.io,application/json',
    );
    expect(r.body.kind).toBe('Table');
    expect(r.body.columnDefinitions.map((d: Obj) => d.name)).toEqual(['Name', 'Status', 'Age']);
    expect(r.body.rows.map((row: Obj) => row.cells.slice(0, 2))).toContainEqual(['default', 'Active']);
  });
});
