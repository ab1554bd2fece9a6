// kubectl's JSON output, as a real API server serves it, to the policy model's snapshot.
import { describe, expect, it } from 'vitest';
import { canarySource, clusterSnapshot, targetNamespaces } from '../../src/cluster/snapshot.ts';
import { parseItems } from '../../src/cluster/namespaces.ts';
import { evaluate, explainMismatch, resolveTarget } from '../../src/policy/index.ts';
import { parseTarget } from '../../src/matrix/target.ts';
import type { TestCase } from '../../src/core/types.ts';

const RUN = '8812345-1-ab12cd34';

// `kubectl get networkpolicies,pods,services -n dark-tower -o json`, trimmed of nothing the
// API server sends that matters here (managedFields, uid, resourceVersion stay in).
const DARK_TOWER = JSON.stringify({
  apiVersion: 'v1',
  items: [
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: {
        annotations: {
          'kubectl.kubernetes.io/last-applied-configuration':
            '{"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"annotations":{},"name":"default-deny","namespace":"dark-tower"},"spec":{"podSelector":{},"policyTypes":["Ingress","Egress"]}}\n',
        },
        creationTimestamp: '2024-11-20T10:02:11Z',
        generation: 1,
        managedFields: [
          {
            apiVersion: 'networking.k8s.io/v1',
            fieldsType: 'FieldsV1',
            fieldsV1: {
              'f:metadata': {
                'f:annotations': { '.': {}, 'f:kubectl.kubernetes.io/last-applied-configuration': {} },
              },
              'f:spec': { 'f:policyTypes': {} },
            },
            manager: 'kubectl-client-side-apply',
            operation: 'Update',
            time: '2024-11-20T10:02:11Z',
          },
        ],
        name: 'default-deny',
        namespace: 'dark-tower',
        resourceVersion: '4711',
        uid: '0b6f2a53-5b1e-4f7e-9f55-0f1c4b7b8a11',
      },
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: {
        creationTimestamp: '2024-11-20T10:02:11Z',
        generation: 1,
        managedFields: [
          {
            apiVersion: 'networking.k8s.io/v1',
            fieldsType: 'FieldsV1',
            fieldsV1: { 'f:spec': { 'f:ingress': {}, 'f:podSelector': {}, 'f:policyTypes': {} } },
            manager: 'kubectl-client-side-apply',
            operation: 'Update',
            time: '2024-11-20T10:02:11Z',
          },
        ],
        name: 'allow-frontend',
        namespace: 'dark-tower',
        resourceVersion: '4712',
        uid: '5d1f4e0c-8a43-4d61-a0e4-2b4b7c0f5d22',
      },
      spec: {
        ingress: [
          {
            from: [{ podSelector: { matchLabels: { app: 'frontend' } } }],
            ports: [{ port: 8080, protocol: 'TCP' }],
          },
        ],
        podSelector: { matchLabels: { app: 'backend' } },
        policyTypes: ['Ingress'],
      },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: {
        creationTimestamp: '2024-11-20T10:02:12Z',
        generation: 1,
        name: 'frontend-egress',
        namespace: 'dark-tower',
        resourceVersion: '4713',
        uid: '7a0e6a51-0f4f-4e0c-9b0a-6f4c5c8d9e33',
      },
      spec: {
        egress: [{ to: [{ podSelector: { matchLabels: { app: 'backend' } } }] }],
        podSelector: { matchLabels: { app: 'frontend' } },
        policyTypes: ['Egress'],
      },
    },
    pod(
      'backend-7c9f8d6b5-x2x4k',
      { app: 'backend', 'pod-template-hash': '7c9f8d6b5' },
      'Running',
      '10.244.1.17',
      [{ containerPort: 8080, name: 'http', protocol: 'TCP' }],
    ),
    // scheduled but not started: no IP, not an endpoint
    pod(
      'backend-7c9f8d6b5-pend1',
      { app: 'backend', 'pod-template-hash': '7c9f8d6b5' },
      'Pending',
      undefined,
      [{ containerPort: 8080, name: 'http', protocol: 'TCP' }],
    ),
    // on its way out: its endpoints are gone already
    {
      ...pod('backend-old-9q8w7', { app: 'backend' }, 'Running', '10.244.1.5', [
        { containerPort: 8080, name: 'http', protocol: 'TCP' },
      ]),
      metadata: {
        ...pod('backend-old-9q8w7', { app: 'backend' }, 'Running', '10.244.1.5', []).metadata,
        deletionGracePeriodSeconds: 30,
        deletionTimestamp: '2024-11-20T10:09:00Z',
      },
    },
    // this run's canary: the source, not a destination
    pod(
      'canary-3f2a9b1c',
      { app: 'frontend', 'app.kubernetes.io/managed-by': 'netpol-canary', 'netpol-canary.io/run': RUN },
      'Running',
      '10.244.1.23',
      [],
    ),
    // another run's canary is a pod like any other
    pod(
      'canary-0d0d0d0d',
      {
        app: 'frontend',
        'app.kubernetes.io/managed-by': 'netpol-canary',
        'netpol-canary.io/run': 'other-run',
      },
      'Running',
      '10.244.1.24',
      [],
    ),
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        creationTimestamp: '2024-11-20T10:02:11Z',
        managedFields: [
          {
            apiVersion: 'v1',
            fieldsType: 'FieldsV1',
            fieldsV1: { 'f:spec': { 'f:ports': {}, 'f:selector': {}, 'f:type': {} } },
            manager: 'kubectl-client-side-apply',
            operation: 'Update',
            time: '2024-11-20T10:02:11Z',
          },
        ],
        name: 'backend',
        namespace: 'dark-tower',
        resourceVersion: '4702',
        uid: 'c1e6f8e2-3d7b-4b4e-8f0a-9d2c1b0a7e44',
      },
      spec: {
        clusterIP: '10.96.113.40',
        clusterIPs: ['10.96.113.40'],
        internalTrafficPolicy: 'Cluster',
        ipFamilies: ['IPv4'],
        ipFamilyPolicy: 'SingleStack',
        ports: [{ name: 'web', port: 80, protocol: 'TCP', targetPort: 'http' }],
        selector: { app: 'backend' },
        sessionAffinity: 'None',
        type: 'ClusterIP',
      },
      status: { loadBalancer: {} },
    },
  ],
  kind: 'List',
  metadata: { resourceVersion: '' },
});

// what the run's read of namespaces dark-tower and kube-system prints (`kubectl get -f - -o json --ignore-not-found`)
const NAMESPACES = JSON.stringify({
  apiVersion: 'v1',
  items: ['dark-tower', 'kube-system'].map((name) => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      creationTimestamp: '2024-11-20T09:58:40Z',
      labels: { 'kubernetes.io/metadata.name': name, ...(name === 'dark-tower' ? { team: 'mordor' } : {}) },
      managedFields: [
        {
          apiVersion: 'v1',
          fieldsType: 'FieldsV1',
          fieldsV1: { 'f:metadata': { 'f:labels': { '.': {}, 'f:kubernetes.io/metadata.name': {} } } },
          manager: 'kubectl-create',
          operation: 'Update',
          time: '2024-11-20T09:58:40Z',
        },
      ],
      name,
      resourceVersion: '310',
      uid: `ns-${name}`,
    },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  })),
  kind: 'List',
  metadata: { resourceVersion: '' },
});

function pod(
  name: string,
  labels: Record<string, string>,
  phase: string,
  ip: string | undefined,
  ports: object[],
): { metadata: Record<string, unknown> } & Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      creationTimestamp: '2024-11-20T10:03:00Z',
      generateName: `${name.slice(0, name.lastIndexOf('-'))}-`,
      labels,
      managedFields: [
        {
          apiVersion: 'v1',
          fieldsType: 'FieldsV1',
          fieldsV1: { 'f:status': { 'f:podIP': {}, 'f:phase': {} } },
          manager: 'kubelet',
          operation: 'Update',
          subresource: 'status',
          time: '2024-11-20T10:03:04Z',
        },
      ],
      name,
      namespace: 'dark-tower',
      resourceVersion: '4800',
      uid: `uid-${name}`,
    },
    spec: {
      containers: [
        {
          image: 'ghcr.io/example/backend:1.4.2',
          imagePullPolicy: 'IfNotPresent',
          name: 'main',
          ...(ports.length > 0 ? { ports } : {}),
          resources: {},
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
        },
      ],
      dnsPolicy: 'ClusterFirst',
      enableServiceLinks: true,
      nodeName: 'kind-worker',
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      serviceAccountName: 'default',
      terminationGracePeriodSeconds: 30,
    },
    status: {
      conditions: [
        { lastProbeTime: null, lastTransitionTime: '2024-11-20T10:03:04Z', status: 'True', type: 'Ready' },
      ],
      hostIP: '172.18.0.3',
      phase,
      ...(ip ? { podIP: ip, podIPs: [{ ip }] } : {}),
      qosClass: 'BestEffort',
      startTime: '2024-11-20T10:03:00Z',
    },
  };
}

function test(overrides: Partial<TestCase> & { to: string }): TestCase {
  const target = parseTarget(overrides.to);
  if (!target.ok) throw new Error(target.errors.join('; '));
  return {
    index: 0,
    name: 'frontend reaches backend',
    from: 'dark-tower',
    labels: { app: 'frontend' },
    expect: 'allow',
    ...overrides,
    target: target.value,
  };
}

const objects = parseItems(DARK_TOWER);
const snapshot = clusterSnapshot({ namespaces: parseItems(NAMESPACES), objects }, RUN);

describe('clusterSnapshot', () => {
  it('reads policies, Services and namespaces as the API serves them', () => {
    expect(snapshot.where).toBe('the cluster');
    expect(snapshot.policies.map((p) => `${p.metadata.namespace}/${p.metadata.name}`)).toEqual([
      'dark-tower/default-deny',
      'dark-tower/allow-frontend',
      'dark-tower/frontend-egress',
    ]);
    expect(snapshot.policies[1]?.spec.podSelector).toEqual({ matchLabels: { app: 'backend' } });
    expect(snapshot.namespaces).toEqual([
      { name: 'dark-tower', labels: { 'kubernetes.io/metadata.name': 'dark-tower', team: 'mordor' } },
      { name: 'kube-system', labels: { 'kubernetes.io/metadata.name': 'kube-system' } },
    ]);
    expect(snapshot.services).toEqual([
      {
        namespace: 'dark-tower',
        name: 'backend',
        selector: { app: 'backend' },
        clusterIP: '10.96.113.40',
        ports: [{ name: 'web', port: 80, targetPort: 'http', protocol: 'TCP' }],
      },
    ]);
  });

  it("keeps Running pods with their IP and ports, and leaves out this run's canaries, pending and deleted pods", () => {
    expect(snapshot.pods.map((p) => [p.name, p.ip])).toEqual([
      ['backend-7c9f8d6b5-x2x4k', '10.244.1.17'],
      ['canary-0d0d0d0d', '10.244.1.24'],
    ]);
    expect(snapshot.pods[0]?.ports).toEqual([{ name: 'http', containerPort: 8080, protocol: 'TCP' }]);
  });

  it('resolves a Service with a named targetPort to the port the pod declares', () => {
    // allow-frontend allows port 8080; the Service says targetPort "http"
    const t = test({ to: 'http://backend.dark-tower.svc.cluster.local' });
    const resolved = resolveTarget(snapshot, t.target, t.from);
    if (!resolved.ok) throw new Error(resolved.reason);
    const evaluation = evaluate(snapshot, canarySource(t, objects, RUN), resolved.destination);
    expect(evaluation.decision).toBe('allowed');
    expect(evaluation.endpoints.map((e) => [e.pod, e.port])).toEqual([
      ['dark-tower/backend-7c9f8d6b5-x2x4k', 8080],
    ]);
    expect(evaluation.ingress?.allowedBy).toMatch(/dark-tower\/allow-frontend/);
  });

  it('explains a denial with the policy that decides it', () => {
    const t = test({ to: 'http://backend.dark-tower.svc', labels: { app: 'intruder' } });
    const resolved = resolveTarget(snapshot, t.target, t.from);
    if (!resolved.ok) throw new Error(resolved.reason);
    const evaluation = evaluate(snapshot, canarySource(t, objects, RUN), resolved.destination);
    expect(evaluation.decision).toBe('denied');
    expect(explainMismatch('allow', 'blocked', evaluation)).toMatch(
      /^allow expected but blocked: .*default-deny/,
    );
  });
});

describe('canarySource', () => {
  it("is this run's canary for the test's group: its labels, the ownership labels hidden, and its IP", () => {
    expect(canarySource(test({ to: 'http://backend' }), objects, RUN)).toEqual({
      namespace: 'dark-tower',
      labels: { app: 'frontend' },
      hiddenLabels: { 'app.kubernetes.io/managed-by': 'netpol-canary', 'netpol-canary.io/run': RUN },
      ip: '10.244.1.23',
    });
  });

  it('has no IP when no canary of this run carries exactly the test labels', () => {
    const source = canarySource(
      test({ to: 'http://backend', labels: { app: 'frontend', tier: 'web' } }),
      objects,
      RUN,
    );
    expect(source.ip).toBeUndefined();
    expect(source.labels).toEqual({ app: 'frontend', tier: 'web' });
    expect(canarySource(test({ to: 'http://backend' }), objects, 'another-run').ip).toBeUndefined();
  });
});

describe('targetNamespaces', () => {
  const of = (to: string): { certain: string[]; maybe: string[] } =>
    targetNamespaces(test({ to, from: 'village' }));

  it('names the source namespace and the one the target names', () => {
    expect(of('http://backend.dark-tower.svc.cluster.local:8080/health')).toEqual({
      certain: ['village', 'dark-tower'],
      maybe: [],
    });
    expect(of('tcp://backend.dark-tower.svc:5432')).toEqual({
      certain: ['village', 'dark-tower'],
      maybe: [],
    });
    expect(of('tcp://db-0.db.vault.svc.cluster.local:5432')).toEqual({
      certain: ['village', 'vault'],
      maybe: [],
    });
    expect(of('tcp://10-244-1-17.dark-tower.pod:8080')).toEqual({
      certain: ['village', 'dark-tower'],
      maybe: [],
    });
  });

  it('only the source namespace for a bare name or an address', () => {
    expect(of('http://backend')).toEqual({ certain: ['village'], maybe: [] });
    expect(of('tcp://10.96.113.40:80')).toEqual({ certain: ['village'], maybe: [] });
    expect(of('tcp://[fd00::17]:80')).toEqual({ certain: ['village'], maybe: [] });
  });

  it('<a>.<b> only maybe: example.com is not a Service in namespace com', () => {
    expect(of('http://backend.dark-tower')).toEqual({ certain: ['village'], maybe: ['dark-tower'] });
    expect(of('https://example.com')).toEqual({ certain: ['village'], maybe: ['com'] });
    expect(of('https://www.example.com')).toEqual({ certain: ['village'], maybe: [] });
  });
});
