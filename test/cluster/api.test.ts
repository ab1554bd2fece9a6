// The real kubectl (1.30 … 1.33) against the API double: what the product's
// end-to-end tests rely on, down to the exact messages kubectl prints.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from './server.ts';
import { KUBECTL_VERSIONS, kubectlFor, type Kubectl } from './kubectl.ts';
import type { Obj } from './store.ts';

/** kubectl prints several created objects as pretty JSON documents one after another. */
const jsonStream = (text: string): Obj[] =>
  JSON.parse(`[${text.trim().replace(/\n}\n{/g, '\n},\n{')}]`) as Obj[];

const ssar = (verb: string, resource: string, namespace: string, subresource?: string): string =>
  JSON.stringify({
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SelfSubjectAccessReview',
    spec: { resourceAttributes: { verb, resource, namespace, ...(subresource ? { subresource } : {}) } },
  });

const POD = (name: string, namespace: string, spec: Obj = {}): string =>
  JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels: { app: name } },
    spec: { containers: [{ name: 'c', image: 'busybox:1.36', command: ['sleep', '3600'] }], ...spec },
  });

describe.each(KUBECTL_VERSIONS)('round trip with kubectl %s', (version) => {
  let cluster: Cluster;
  let k: Kubectl;
  beforeAll(async () => {
    cluster = await startCluster();
    k = kubectlFor(cluster, version);
  });
  afterAll(() => cluster.close());

  it('creates, reads, changes, watches, execs into and deletes namespaces and pods', async () => {
    const ok = async (args: string[], stdin?: string): Promise<string> => {
      const r = await k(args, stdin === undefined ? {} : { stdin });
      expect(r.stderr, `kubectl ${args.join(' ')}`).toBe('');
      expect(r.code).toBe(0);
      return r.stdout;
    };
    expect(await ok(['create', 'namespace', 'shop'])).toBe('namespace/shop created\n');
    expect(cluster.namespace('shop')?.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'shop' });
    expect(await ok(['get', 'ns', 'shop', '-o', 'jsonpath={.status.phase}'])).toBe('Active');
    expect(await ok(['label', 'ns', 'shop', 'team=a'])).toBe('namespace/shop labeled\n');
    expect(await ok(['annotate', 'ns', 'shop', 'owner=me'])).toBe('namespace/shop annotated\n');
    await ok(['patch', 'ns', 'shop', '--type=merge', '-p', '{"metadata":{"labels":{"tier":"web"}}}']);
    await ok([
      'patch',
      'ns',
      'shop',
      '--type=json',
      '-p',
      '[{"op":"remove","path":"/metadata/labels/tier"}]',
    ]);
    const ns = cluster.namespace('shop')!;
    expect(ns.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'shop', team: 'a' });
    expect(ns.metadata.annotations).toEqual({ owner: 'me' });
    expect(await ok(['get', 'ns', '-l', 'team=a', '-o', 'name'])).toBe('namespace/shop\n');

    // the product sends JSON documents separated by `---` (a leading `---` makes kubectl split them)
    const stream = `---\n${POD('web', 'shop')}\n---\n${POD('db', 'shop')}\n`;
    expect(await ok(['create', '-f', '-'], stream)).toBe('pod/web created\npod/db created\n');
    const apply = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: applied\n  labels: {v: "1"}\n';
    expect(await ok(['apply', '-f', '-'], apply)).toBe('namespace/applied created\n');
    expect(await ok(['apply', '-f', '-'], apply.replace('"1"', '"2"'))).toBe(
      'namespace/applied configured\n',
    );
    expect(cluster.namespace('applied')?.metadata.labels.v).toBe('2');
    expect(await ok(['apply', '--server-side', '-f', '-'], apply.replace('applied', 'ssa'))).toBe(
      'namespace/ssa serverside-applied\n',
    );
    expect(cluster.namespace('ssa')?.metadata.labels.v).toBe('1');

    expect(
      await ok(['wait', '--for=condition=Ready', 'pod/web', 'pod/db', '-n', 'shop', '--timeout=20s']),
    ).toBe('pod/web condition met\npod/db condition met\n');
    const web = cluster.pod('shop', 'web')!;
    expect(web.status.phase).toBe('Running');
    expect(web.status.podIP).toMatch(/^10\.244\.\d+\.\d+$/);
    expect(web.spec.nodeName).toBe('kind-worker');
    expect(await ok(['get', 'pods', '-n', 'shop', '-l', 'app in (web,api)', '-o', 'name'])).toBe('pod/web\n');
    expect(await ok(['get', 'pods', '-A', '--field-selector', 'status.phase=Running', '-o', 'name'])).toBe(
      'pod/db\npod/web\n',
    );
    const table = await ok(['get', 'pods', '-n', 'shop']);
    expect(table).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\n/);
    expect(table).toMatch(/\nweb\s+1\/1\s+Running\s+0\s+\d+s\n/);

    // get -w sees a change made while it watches
    const watchStarted = cluster.audit.length;
    const watching = k(['get', 'pod', 'web', '-n', 'shop', '-w', '-o', 'json'], {
      // stop once the changed object has been printed completely
      stopWhen: (out) => /"seen": "yes"[\s\S]*\n}\n$/.test(out),
    });
    await cluster.waitFor(
      () => cluster.audit.slice(watchStarted).some((e) => e.verb === 'watch' && e.code === 200),
      10_000,
    );
    await ok(['label', 'pod', 'web', '-n', 'shop', 'seen=yes']);
    const watched = await watching;
    expect(jsonStream(watched.stdout).map((p) => p.metadata.labels.seen ?? '-')).toEqual(['-', 'yes']);

    // exec is handed to the exec service
    const before = cluster.execStats().total;
    expect(await ok(['exec', 'web', '-n', 'shop', '--', 'echo', 'hello'])).toBe('hello\n');
    expect(cluster.execStats().total).toBe(before + 1);

    expect(await ok(['delete', 'pod', 'db', '-n', 'shop'])).toBe('pod "db" deleted\n');
    expect(cluster.pod('shop', 'db')).toBeUndefined();
    expect(await ok(['delete', 'ns', 'shop'])).toBe('namespace "shop" deleted\n');
    expect(cluster.namespace('shop')).toBeUndefined();
    expect(cluster.pods('shop')).toEqual([]);
  });
});

describe('errors, lifecycle and faults as kubectl 1.32 prints them', () => {
  let cluster: Cluster;
  let k: Kubectl;
  beforeAll(async () => {
    cluster = await startCluster({ unpullableImages: ['nosuch:1'] });
    k = kubectlFor(cluster, '1.32');
    cluster.createNamespace('dark-tower');
  });
  afterAll(() => cluster.close());

  const fails = async (args: string[], stdin?: string): Promise<string> => {
    const r = await k(args, stdin === undefined ? {} : { stdin });
    expect(r.code, `kubectl ${args.join(' ')} should fail`).toBe(1);
    return r.stderr.trim();
  };

  it('prints NotFound, AlreadyExists and Invalid', async () => {
    expect(await fails(['get', 'ns', 'nope'])).toBe(
      'Error from server (NotFound): namespaces "nope" not found',
    );
    expect(await fails(['get', 'pod', 'nope', '-n', 'dark-tower'])).toBe(
      'Error from server (NotFound): pods "nope" not found',
    );
    expect(await fails(['create', 'ns', 'dark-tower'])).toBe(
      'Error from server (AlreadyExists): namespaces "dark-tower" already exists',
    );
    expect(await fails(['create', 'ns', 'Bad_Name'])).toBe(
      `The Namespace "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
    );
    const labels = JSON.stringify({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'lab', labels: { team: 'a b' } },
    });
    expect(await fails(['create', '-f', '-'], labels)).toBe(
      `The Namespace "lab" is invalid: metadata.labels: Invalid value: "a b": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
    );
    const typo = POD('typo', 'dark-tower').replace('"image"', '"imagee"');
    expect(await fails(['create', '-f', '-'], typo)).toBe(
      'Error from server (BadRequest): error when creating "STDIN": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagee"',
    );
  });

  it('prints RBAC denials and answers auth can-i and SelfSubjectAccessReviews alike', async () => {
    const remove = cluster.denyRbac({ verb: 'create', resource: 'pods', namespace: 'dark-tower' });
    expect(await fails(['create', '-f', '-'], POD('x', 'dark-tower'))).toBe(
      'Error from server (Forbidden): error when creating "STDIN": pods is forbidden: User "system:serviceaccount:ci:netpol" cannot create resource "pods" in API group "" in the namespace "dark-tower"',
    );
    const no = await k(['auth', 'can-i', 'create', 'pods', '-n', 'dark-tower']);
    expect([no.code, no.stdout]).toEqual([1, 'no\n']);
    const yes = await k(['auth', 'can-i', 'create', 'pods', '-n', 'default']);
    expect([yes.code, yes.stdout]).toEqual([0, 'yes\n']);
    const reviews = `---\n${ssar('create', 'pods', 'dark-tower')}\n---\n${ssar('create', 'pods', 'dark-tower', 'exec')}\n`;
    const r = await k(['create', '-f', '-', '-o', 'json', '--validate=false'], { stdin: reviews });
    expect(r.code).toBe(0);
    expect(
      jsonStream(r.stdout).map((o) => [
        o.kind,
        o.spec.resourceAttributes.subresource ?? '',
        o.status.allowed,
      ]),
    ).toEqual([
      ['SelfSubjectAccessReview', '', false],
      ['SelfSubjectAccessReview', 'exec', true],
    ]);
    remove();
    cluster.createPod(JSON.parse(POD('target', 'dark-tower')) as Obj);
    await cluster.waitFor(() => cluster.pod('dark-tower', 'target')?.status.phase === 'Running');
    cluster.denyRbac({ verb: 'create', resource: 'pods', subresource: 'exec', namespace: 'dark-tower' });
    expect(await fails(['exec', 'target', '-n', 'dark-tower', '--', 'true'])).toBe(
      'Error from server (Forbidden): pods "target" is forbidden: User "system:serviceaccount:ci:netpol" cannot create resource "pods/exec" in API group "" in the namespace "dark-tower"',
    );
    cluster.clearRbac();
  });

  it('prints Pod Security and terminating-namespace refusals, and conflicts on stale conditional patches', async () => {
    cluster.createNamespace('locked', { 'pod-security.kubernetes.io/enforce': 'restricted' });
    expect(await fails(['create', '-f', '-'], POD('canary', 'locked'))).toBe(
      'Error from server (Forbidden): error when creating "STDIN": pods "canary" is forbidden: violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false (container "c" must set securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container "c" must set securityContext.capabilities.drop=["ALL"]), runAsNonRoot != true (pod or container "c" must set securityContext.runAsNonRoot=true), seccompProfile (pod or container "c" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
    );
    cluster.setNamespaceStuck('doomed');
    cluster.createNamespace('doomed');
    expect((await k(['delete', 'ns', 'doomed', '--wait=false'])).stdout).toBe('namespace "doomed" deleted\n');
    expect(cluster.namespace('doomed')?.status.phase).toBe('Terminating');
    expect(await fails(['create', '-f', '-'], POD('late', 'doomed'))).toBe(
      'Error from server (Forbidden): error when creating "STDIN": pods "late" is forbidden: unable to create new content in namespace doomed because it is being terminated',
    );
    cluster.setNamespaceStuck('doomed', false);
    await cluster.waitFor(() => cluster.namespace('doomed') === undefined);

    cluster.createNamespace('locking');
    const stale = cluster.namespace('locking')!.metadata.resourceVersion as string;
    const patch = (owner: string): string =>
      JSON.stringify({ metadata: { resourceVersion: stale, labels: { owner } } });
    expect((await k(['patch', 'ns', 'locking', '--type=merge', '-p', patch('first')])).code).toBe(0);
    expect(await fails(['patch', 'ns', 'locking', '--type=merge', '-p', patch('second')])).toBe(
      'Error from server (Conflict): Operation cannot be fulfilled on namespaces "locking": the object has been modified; please apply your changes to the latest version and try again',
    );
    expect(cluster.namespace('locking')?.metadata.labels.owner).toBe('first');
  });

  it('keeps unpullable and unschedulable pods Pending and fails pods past their deadline', async () => {
    const stdin = [
      POD('nopull', 'dark-tower').replace('busybox:1.36', 'nosuch:1'),
      POD('nowhere', 'dark-tower', { nodeSelector: { 'kubernetes.io/hostname': 'gpu-node' } }),
      POD('brief', 'dark-tower', { activeDeadlineSeconds: 1 }),
    ].join('\n');
    expect((await k(['create', '-f', '-'], { stdin })).code).toBe(0);
    await cluster.waitFor(() => cluster.pod('dark-tower', 'brief')?.status.phase === 'Failed', 5000);
    const get = async (name: string, path: string): Promise<string> =>
      (await k(['get', 'pod', name, '-n', 'dark-tower', '-o', `jsonpath=${path}`])).stdout;
    expect(
      await get(
        'nopull',
        '{.status.phase} {.status.containerStatuses[0].state.waiting.reason}: {.status.containerStatuses[0].state.waiting.message}',
      ),
    ).toBe('Pending ImagePullBackOff: Back-off pulling image "nosuch:1"');
    expect(
      await get(
        'nowhere',
        '{.status.phase} {.status.conditions[0].type}={.status.conditions[0].status} {.status.conditions[0].reason}: {.status.conditions[0].message}',
      ),
    ).toBe(
      "Pending PodScheduled=False Unschedulable: 0/2 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.",
    );
    expect(await get('brief', '{.status.phase} {.status.reason}')).toBe('Failed DeadlineExceeded');
    const described = (await k(['describe', 'pod', 'nowhere', '-n', 'dark-tower'])).stdout;
    expect(described).toMatch(
      /Warning\s+FailedScheduling\s+\S+\s+default-scheduler\s+0\/2 nodes are available/,
    );
    const table = (await k(['get', 'pods', '-n', 'dark-tower', 'nopull', 'brief'])).stdout;
    expect(table).toMatch(/\nnopull\s+0\/1\s+ImagePullBackOff\s/);
    expect(table).toMatch(/\nbrief\s+0\/1\s+DeadlineExceeded\s/);
  });

  it('keeps every field of kubectl run --overrides: the pod equals what --dry-run=client printed', async () => {
    const overrides = {
      metadata: { annotations: { 'netpol-canary/run': 'abc' } },
      spec: {
        activeDeadlineSeconds: 600,
        terminationGracePeriodSeconds: 0,
        automountServiceAccountToken: false,
        nodeSelector: { 'kubernetes.io/os': 'linux' },
        tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'ci', effect: 'NoSchedule' }],
        securityContext: { runAsNonRoot: true, runAsUser: 65534, seccompProfile: { type: 'RuntimeDefault' } },
        containers: [
          {
            name: 'canary',
            image: 'busybox:1.36',
            command: ['sleep', '3600'],
            env: [{ name: 'MODE', value: 'probe' }],
            ports: [{ containerPort: 8080, protocol: 'TCP' }],
            resources: { limits: { cpu: '100m', memory: '32Mi' }, requests: { cpu: '10m' } },
            securityContext: {
              allowPrivilegeEscalation: false,
              capabilities: { drop: ['ALL'] },
              readOnlyRootFilesystem: true,
              runAsUser: 0,
            },
          },
        ],
      },
    };
    const args = [
      'run',
      'canary',
      '--image=busybox:1.36',
      '--labels=app=canary,team=net',
      '--restart=Never',
      `--overrides=${JSON.stringify(overrides)}`,
    ];
    const dry = await k([...args, '--dry-run=client', '-o', 'json']);
    const meant = JSON.parse(dry.stdout) as Obj;
    expect((await k(args)).stdout).toBe('pod/canary created\n');
    const pod = cluster.pod('default', 'canary')!;
    expect(pod.metadata.labels).toEqual(meant.metadata.labels);
    expect(pod.metadata.annotations).toEqual(meant.metadata.annotations);
    for (const key of [
      'activeDeadlineSeconds',
      'terminationGracePeriodSeconds',
      'automountServiceAccountToken',
      'nodeSelector',
      'securityContext',
      'restartPolicy',
    ])
      expect([key, pod.spec[key]]).toEqual([key, meant.spec[key]]);
    expect(pod.spec.tolerations[0]).toEqual(meant.spec.tolerations[0]);
    const {
      imagePullPolicy: _p,
      terminationMessagePath: _t,
      terminationMessagePolicy: _m,
      ...container
    } = pod.spec.containers[0];
    expect(container).toEqual(meant.spec.containers[0]);
  });

  it('ends a watch from a compacted resourceVersion with 410 Expired', async () => {
    const old = cluster.namespace('dark-tower')!.metadata.resourceVersion as string;
    cluster.createNamespace('after-compaction');
    cluster.compact();
    const r = await k(['get', '--raw', `/api/v1/namespaces?watch=true&resourceVersion=${old}`]);
    const event = JSON.parse(r.stdout) as Obj;
    expect(event.type).toBe('ERROR');
    expect(event.object).toMatchObject({ kind: 'Status', code: 410, reason: 'Expired' });
    expect(event.object.message).toMatch(new RegExp(`^too old resource version: ${old} \\(\\d+\\)$`));
  });

  it('answers an injected 500 once, then normally; kubectl waits out a 429 and retries', async () => {
    cluster.addFault({ match: { verb: 'get', resource: 'namespaces' }, status: 500, times: 1 });
    expect(await fails(['get', 'ns', 'default'])).toBe(
      'Error from server (InternalError): Internal error occurred: injected fault',
    );
    expect((await k(['get', 'ns', 'default', '-o', 'name'])).stdout).toBe('namespace/default\n');
    cluster.resetAudit();
    cluster.addFault({ match: { verb: 'get', resource: 'namespaces' }, status: 429, times: 1 });
    expect((await k(['get', 'ns', 'default', '-o', 'name'])).stdout).toBe('namespace/default\n');
    expect(cluster.audit.filter((e) => e.verb === 'get').map((e) => [e.path, e.code])).toEqual([
      ['/api/v1/namespaces/default', 429],
      ['/api/v1/namespaces/default', 200],
    ]);
  });

  it('audits every request with verb, resource, namespace, name, code and user agent', async () => {
    cluster.resetAudit();
    await k(['create', 'ns', 'audited']);
    await k(['get', 'ns', 'audited', 'nope']);
    await k(['delete', 'ns', 'audited', '--wait=false']);
    expect(cluster.mutations().map((e) => [e.method, e.verb, e.resource, e.name ?? '', e.code])).toEqual([
      ['POST', 'create', 'namespaces', '', 201],
      ['DELETE', 'delete', 'namespaces', 'audited', 200],
    ]);
    // the user agent is the binary's name: kubectl.1.32/v1.32.5 (linux/amd64) …
    expect(cluster.mutations().every((e) => /^kubectl(\.1\.32)?\/v1\.32\.\d+ /.test(e.userAgent))).toBe(true);
    expect(
      cluster.audit.filter((e) => e.verb === 'get').map((e) => [e.path, e.namespace, e.name, e.code]),
    ).toEqual([
      ['/api/v1/namespaces/audited', 'audited', 'audited', 200],
      ['/api/v1/namespaces/nope', 'nope', 'nope', 404],
    ]);
  });
});
