// NetworkPolicy semantics the e2e tables do not show, on real manifests:
// Services and targetPorts, DNS, unknowable answers, and the sentences users read.
import { describe, expect, it } from 'vitest';
import { evaluate, explainMismatch, parseIp, resolveTarget } from '../../src/policy/index.ts';
import type { Destination, Snapshot, Source } from '../../src/policy/index.ts';
import { parseManifests } from '../../src/predict/index.ts';

function snapshot(...docs: string[]): Snapshot {
  const loaded = parseManifests([{ path: 'test.yaml', text: docs.join('\n---\n') }]);
  expect(loaded.errors).toEqual([]);
  return { ...loaded.snapshot, where: 'the cluster' };
}

const BACKEND = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: backend, namespace: dark-tower }
spec:
  selector: { matchLabels: { app: backend } }
  template:
    metadata: { labels: { app: backend } }
    spec:
      containers:
        - name: app
          image: hashicorp/http-echo:1.0
          ports: [{ name: http, containerPort: 8080 }]
---
apiVersion: v1
kind: Service
metadata: { name: backend, namespace: dark-tower }
spec:
  selector: { app: backend }
  ports: [{ port: 80, targetPort: http }]
---
apiVersion: v1
kind: Namespace
metadata: { name: dark-tower, labels: { team: tower } }`;

const ALLOW_FRONTEND = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: allow-frontend, namespace: dark-tower }
spec:
  podSelector: { matchLabels: { app: backend } }
  ingress:
    - from: [{ podSelector: { matchLabels: { app: frontend } } }]`;

const DEFAULT_DENY_EGRESS = (ns: string): string => `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: default-deny, namespace: ${ns} }
spec:
  podSelector: {}
  policyTypes: [Egress]`;

const ALLOW_DNS = (ns: string): string => `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: allow-dns, namespace: ${ns} }
spec:
  podSelector: {}
  egress:
    - to:
        - namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: kube-system } }
          podSelector: { matchLabels: { k8s-app: kube-dns } }
      ports: [{ port: 53, protocol: UDP }, { port: 53, protocol: TCP }]`;

const toBackend: Destination = { kind: 'service', namespace: 'dark-tower', name: 'backend', port: 80 };
const frontend: Source = { namespace: 'dark-tower', labels: { app: 'frontend' } };

describe('evaluate: isolation and rules', () => {
  it('allows everything to a pod no policy selects, and says so', () => {
    const e = evaluate(snapshot(BACKEND), { namespace: 'x', labels: { app: 'a' } }, toBackend);
    expect(e.decision).toBe('allowed');
    expect(e.reason).toContain('no NetworkPolicy in dark-tower selects app=backend for ingress');
    expect(e.ingress?.isolated).toBe(false);
  });

  it('names the rule that allows, and judges the pod behind the Service on its named targetPort', () => {
    const e = evaluate(snapshot(BACKEND, ALLOW_FRONTEND), frontend, toBackend);
    expect(e.decision).toBe('allowed');
    expect(e.reason).toBe(
      'allowed by dark-tower/allow-frontend ingress rule #1 (from podSelector app=frontend)',
    );
    expect(e.endpoints.map((p) => `${p.pod}:${p.port}`)).toEqual(['dark-tower/backend:8080']);
    expect(e.ingress?.selectedBy).toEqual(['dark-tower/allow-frontend']);
  });

  it('denies what no rule allows and lists the isolating policies', () => {
    const e = evaluate(
      snapshot(BACKEND, ALLOW_FRONTEND),
      { namespace: 'dark-tower', labels: { app: 'x' } },
      toBackend,
    );
    expect(e.decision).toBe('denied');
    expect(e.reason).toBe(
      'ingress to dark-tower/backend is isolated by allow-frontend (no ingress rule allows a pod in dark-tower with app=x)',
    );
  });

  it('needs egress and ingress both: an egress default-deny blocks what ingress allows', () => {
    const s = snapshot(BACKEND, ALLOW_FRONTEND, DEFAULT_DENY_EGRESS('dark-tower'));
    const e = evaluate(s, frontend, toBackend);
    expect(e.decision).toBe('denied');
    expect(e.reason).toBe(
      'egress from a pod in dark-tower with app=frontend is isolated by default-deny (no egress rule)',
    );
    expect(e.ingress?.decision).toBe('allowed');
  });

  it('tells a port mismatch apart from a peer mismatch', () => {
    const toPostgres = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: to-backend-only, namespace: outsider }
spec:
  podSelector: {}
  egress: [{ ports: [{ port: 8080 }, { port: 9000, endPort: 9100 }] }]`;
    const s = snapshot(BACKEND, toPostgres);
    const outsider = { namespace: 'outsider', labels: {} };
    const dest = (port: number): Destination => ({
      kind: 'pod',
      namespace: 'dark-tower',
      name: 'backend',
      port,
    });
    expect(evaluate(s, outsider, dest(5432)).reason).toBe(
      'egress from a pod in outsider is isolated by to-backend-only (no egress rule allows port 5432)',
    );
    // endPort makes a range
    expect(evaluate(s, outsider, dest(9050)).decision).toBe('allowed');
    expect(evaluate(s, outsider, dest(9101)).decision).toBe('denied');
  });

  it('an empty rule allows everything, `ingress: []` allows nothing', () => {
    const policy = (ingress: string): string => `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: p, namespace: dark-tower }
spec:
  podSelector: {}
  ingress: ${ingress}`;
    const src = { namespace: 'elsewhere', labels: {} };
    expect(evaluate(snapshot(BACKEND, policy('[{}]')), src, toBackend).decision).toBe('allowed');
    expect(evaluate(snapshot(BACKEND, policy('[]')), src, toBackend).decision).toBe('denied');
  });

  it('counts hidden labels for selectors but leaves them out of messages', () => {
    const byOwner = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: canaries-only, namespace: dark-tower }
spec:
  podSelector: { matchLabels: { app: backend } }
  ingress:
    - from:
        - namespaceSelector: {}
          podSelector: { matchExpressions: [{ key: app.kubernetes.io/managed-by, operator: In, values: [netpol-canary] }] }`;
    const s = snapshot(BACKEND, byOwner);
    const hidden = { 'app.kubernetes.io/managed-by': 'netpol-canary' };
    const withHidden = evaluate(
      s,
      { namespace: 'ci', labels: { role: 'probe' }, hiddenLabels: hidden },
      toBackend,
    );
    expect(withHidden.decision).toBe('allowed');
    const without = evaluate(s, { namespace: 'ci', labels: { role: 'probe' } }, toBackend);
    expect(without.decision).toBe('denied');
    expect(without.reason).toContain('a pod in ci with role=probe');
    expect(without.reason).not.toContain('managed-by=');
  });

  it('judges a Service per pod: pods that resolve a named targetPort differently can disagree', () => {
    const two = `
apiVersion: v1
kind: Pod
metadata: { name: old, namespace: shop, labels: { app: api } }
spec: { containers: [{ name: c, image: i, ports: [{ name: web, containerPort: 8080 }] }] }
---
apiVersion: v1
kind: Pod
metadata: { name: new, namespace: shop, labels: { app: api } }
spec: { containers: [{ name: c, image: i, ports: [{ name: web, containerPort: 9090 }] }] }
---
apiVersion: v1
kind: Service
metadata: { name: api, namespace: shop }
spec: { selector: { app: api }, ports: [{ port: 80, targetPort: web }] }
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: only-8080, namespace: shop }
spec:
  podSelector: {}
  ingress: [{ ports: [{ port: 8080 }] }]`;
    const e = evaluate(
      snapshot(two),
      { namespace: 'x', labels: {} },
      { kind: 'service', namespace: 'shop', name: 'api', port: 80 },
    );
    expect(e.endpoints.map((p) => [p.pod, p.port, p.decision])).toEqual([
      ['shop/old', 8080, 'allowed'],
      ['shop/new', 9090, 'denied'],
    ]);
    expect(e.decision).toBe('unknown');
    expect(e.reason).toMatch(/^1 of 2 pods behind Service shop\/api port 80 allow it/);
  });
});

describe('evaluate: what cannot be known', () => {
  const byCidr = (direction: 'ingress' | 'egress', cidr: string): string => `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: by-cidr, namespace: dark-tower }
spec:
  podSelector: {}
  policyTypes: [${direction === 'ingress' ? 'Ingress' : 'Egress'}]
  ${direction}: [{ ${direction === 'ingress' ? 'from' : 'to'}: [{ ipBlock: { cidr: ${cidr} } }] }]`;

  it('an ipBlock cannot judge a source whose IP is unknown', () => {
    const e = evaluate(
      snapshot(BACKEND, byCidr('ingress', '10.0.0.0/8')),
      { namespace: 'ci', labels: {} },
      toBackend,
    );
    expect(e.decision).toBe('unknown');
    expect(e.reason).toContain(
      'cannot tell whether dark-tower/by-cidr ingress rule #1 (from ipBlock 10.0.0.0/8)',
    );
    expect(e.reason).toContain('the IP of a pod in ci is unknown');
    // with the IP known, it can
    expect(
      evaluate(
        snapshot(BACKEND, byCidr('ingress', '10.0.0.0/8')),
        { namespace: 'ci', labels: {}, ip: '10.1.2.3' },
        toBackend,
      ).decision,
    ).toBe('allowed');
    expect(
      evaluate(
        snapshot(BACKEND, byCidr('ingress', '10.0.0.0/8')),
        { namespace: 'ci', labels: {}, ip: '192.168.0.9' },
        toBackend,
      ).decision,
    ).toBe('denied');
  });

  it('an outside name: selectors never match it, an ipBlock may, 0.0.0.0/0 does', () => {
    const src = { namespace: 'dark-tower', labels: { app: 'backend' } };
    const out: Destination = { kind: 'name', host: 'example.com', port: 443 };
    expect(evaluate(snapshot(BACKEND, ALLOW_DNS('dark-tower')), src, out).decision).toBe('denied');
    const maybe = evaluate(snapshot(BACKEND, byCidr('egress', '93.184.0.0/16')), src, out);
    expect(maybe.decision).toBe('unknown');
    expect(maybe.reason).toContain('the IP of example.com is unknown');
    expect(evaluate(snapshot(BACKEND, byCidr('egress', '0.0.0.0/0')), src, out).decision).toBe('allowed');
    expect(maybe.ingress).toBeUndefined();
  });

  it('a Service that selects no pod, or is missing, is unknown with the reason', () => {
    const lonely = `
apiVersion: v1
kind: Service
metadata: { name: lonely, namespace: dark-tower }
spec: { selector: { app: nobody }, ports: [{ port: 80 }] }`;
    const src = { namespace: 'x', labels: {} };
    const e = evaluate(snapshot(BACKEND, lonely), src, {
      kind: 'service',
      namespace: 'dark-tower',
      name: 'lonely',
      port: 80,
    });
    expect(e.decision).toBe('unknown');
    expect(e.reason).toBe(
      'Service dark-tower/lonely selects no pod in the cluster (selector app=nobody), so nothing answers it',
    );
    const missing = evaluate(snapshot(BACKEND), src, {
      kind: 'service',
      namespace: 'dark-tower',
      name: 'nope',
      port: 80,
    });
    expect(missing.reason).toBe('there is no Service dark-tower/nope in the cluster');
    const wrongPort = evaluate(snapshot(BACKEND), src, { ...toBackend, port: 81 });
    expect(wrongPort.reason).toBe('Service dark-tower/backend has no port 81 (it has port 80)');
  });
});

describe('evaluate: DNS', () => {
  const byName: Destination = { ...toBackend, host: 'backend.dark-tower.svc.cluster.local' };
  const egressToBackend = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: to-backend, namespace: web }
spec:
  podSelector: {}
  egress: [{ to: [{ namespaceSelector: {} }], ports: [{ port: 8080 }] }]`;
  const src = { namespace: 'web', labels: { app: 'shop' } };

  it('a name needs egress to kube-dns on UDP 53 once egress is isolated', () => {
    const e = evaluate(snapshot(BACKEND, egressToBackend), src, byName);
    expect(e.decision).toBe('allowed');
    expect(e.dns?.decision).toBe('denied');
    expect(e.dns?.reason).toBe(
      'DNS lookups are blocked: egress from a pod in web with app=shop is isolated by to-backend (no egress rule allows UDP port 53)',
    );
    const fixed = evaluate(snapshot(BACKEND, egressToBackend, ALLOW_DNS('web')), src, byName);
    expect(fixed.dns?.decision).toBe('allowed');
    expect(fixed.dns?.reason).toMatch(/^DNS lookups are allowed by web\/allow-dns egress rule #1/);
  });

  it('an IP needs no lookup', () => {
    expect(evaluate(snapshot(BACKEND), src, toBackend).dns).toBeUndefined();
    expect(evaluate(snapshot(BACKEND), src, byName).dns?.decision).toBe('allowed');
  });
});

describe('explainMismatch', () => {
  const s = snapshot(BACKEND, ALLOW_FRONTEND);
  const allowed = evaluate(s, frontend, toBackend);
  const denied = evaluate(s, { namespace: 'dark-tower', labels: { app: 'x' } }, toBackend);

  it('says why the policies disagree with the expectation', () => {
    expect(explainMismatch('deny', 'allowed', allowed)).toBe(
      'deny expected but allowed: allowed by dark-tower/allow-frontend ingress rule #1 (from podSelector app=frontend)',
    );
    expect(explainMismatch('allow', 'blocked', denied)).toMatch(
      /^allow expected but blocked: ingress to dark-tower\/backend is isolated by allow-frontend/,
    );
  });

  it('asks about the CNI when the cluster disagrees with its own policies', () => {
    expect(explainMismatch('allow', 'blocked', allowed)).toBe(
      'the policies in the cluster allow this, yet the connection timed out: is the CNI enforcing NetworkPolicy? is DNS egress allowed?',
    );
    expect(explainMismatch('deny', 'allowed', denied)).toMatch(
      /^the policies in the cluster deny this \(.*\), yet the connection succeeded: is the CNI enforcing NetworkPolicy\?$/,
    );
  });

  it('names the DNS rule when that is what blocks', () => {
    const egressOnly = snapshot(
      BACKEND,
      DEFAULT_DENY_EGRESS('web'),
      `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: to-backend, namespace: web }
spec:
  podSelector: {}
  egress: [{ ports: [{ port: 8080 }] }]`,
    );
    const e = evaluate(
      egressOnly,
      { namespace: 'web', labels: {} },
      { ...toBackend, host: 'backend.dark-tower' },
    );
    expect(explainMismatch('allow', 'dns-error', e)).toBe(
      'the policies in the cluster allow the connection, yet the name did not resolve: DNS lookups are blocked: ' +
        'egress from a pod in web is isolated by default-deny, to-backend (no egress rule allows UDP port 53)',
    );
  });

  it('says "in the manifests" when the snapshot comes from manifests', () => {
    const e = evaluate({ ...s, where: 'the manifests' }, frontend, toBackend);
    expect(explainMismatch('allow', 'blocked', e)).toContain('the policies in the manifests allow this');
  });
});

describe('resolveTarget', () => {
  const s = snapshot(
    BACKEND,
    `
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: db, namespace: data }
spec:
  serviceName: db
  template: { metadata: { labels: { app: db } }, spec: { containers: [{ name: c, image: i }] } }
---
apiVersion: v1
kind: Service
metadata: { name: db, namespace: data }
spec: { selector: { app: db }, ports: [{ port: 5432 }] }`,
  );
  const resolve = (host: string, from = 'dark-tower'): unknown => {
    const r = resolveTarget(s, { host, port: 80 }, from);
    return r.ok ? r.destination : r.reason;
  };

  it('reads the forms cluster DNS answers', () => {
    const svc = { kind: 'service', namespace: 'dark-tower', name: 'backend', port: 80 };
    expect(resolve('backend.dark-tower.svc.cluster.local')).toEqual({
      ...svc,
      host: 'backend.dark-tower.svc.cluster.local',
    });
    expect(resolve('backend.dark-tower.svc')).toEqual({ ...svc, host: 'backend.dark-tower.svc' });
    expect(resolve('backend.dark-tower')).toEqual({ ...svc, host: 'backend.dark-tower' });
    expect(resolve('backend')).toEqual({ ...svc, host: 'backend' });
    expect(resolve('db-0.db.data.svc.cluster.local')).toEqual({
      kind: 'pod',
      namespace: 'data',
      name: 'db-0',
      port: 80,
      host: 'db-0.db.data.svc.cluster.local',
    });
    expect(resolve('10.96.0.10')).toEqual({ kind: 'ip', ip: '10.96.0.10', port: 80 });
    expect(resolve('example.com')).toEqual({ kind: 'name', host: 'example.com', port: 80 });
  });

  it('says what the snapshot lacks', () => {
    expect(resolve('backend', 'data')).toBe(
      'there is no Service backend in namespace data in the cluster (a bare name is looked up in the source namespace)',
    );
    expect(resolve('nope.dark-tower.svc.cluster.local')).toBe(
      'there is no Service dark-tower/nope in the cluster (the target is nope.dark-tower.svc.cluster.local)',
    );
    expect(resolve('10-1-2-3.data.pod.cluster.local')).toBe(
      'no pod in data has the IP 10.1.2.3 in the cluster (the target is 10-1-2-3.data.pod.cluster.local)',
    );
  });
});

describe('parseIp', () => {
  it('reads IPv4, IPv6 with :: and an IPv4 tail, and rejects the rest', () => {
    expect(parseIp('10.0.0.1')).toEqual({ family: 4, value: 0x0a000001n });
    expect(parseIp('::ffff:10.0.0.1')).toEqual({ family: 6, value: 0xffff0a000001n });
    expect(parseIp('fd00::1')?.value).toBe((0xfd00n << 112n) | 1n);
    for (const bad of ['10.0.0', '256.0.0.1', '1::2::3', 'fd00:1:2:3:4:5:6:7:8', 'example.com']) {
      expect(parseIp(bad)).toBeUndefined();
    }
  });
});
