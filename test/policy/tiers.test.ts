// The admin and baseline tiers beyond what the conformance suite probes: ties of
// priority, domainNames, nodes the manifests cannot know, reading errors, and the
// sentences about policies of kinds the model does not evaluate.
import { describe, expect, it } from 'vitest';
import { domainMatches, evaluate, explainMismatch } from '../../src/policy/index.ts';
import type { Destination, Snapshot, Source } from '../../src/policy/index.ts';
import { parseManifests } from '../../src/predict/index.ts';

function snapshot(...docs: string[]): Snapshot {
  const loaded = parseManifests([{ path: 'm.yaml', text: docs.join('\n---\n') }]);
  expect(loaded.errors).toEqual([]);
  return { ...loaded.snapshot, where: 'the cluster' };
}

const WORLD = `
apiVersion: v1
kind: Namespace
metadata: { name: dark-tower }
---
apiVersion: v1
kind: Namespace
metadata: { name: data, labels: { tier: restricted } }
---
apiVersion: v1
kind: Pod
metadata: { name: backend, namespace: dark-tower, labels: { app: backend } }
spec: { containers: [{ name: a, image: i, ports: [{ name: http, containerPort: 8080 }] }] }`;

const cnp = (name: string, priority: number, tier: string, egress: string): string => `
apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: { name: ${name} }
spec:
  tier: ${tier}
  priority: ${priority}
  subject: { namespaces: { matchLabels: { tier: restricted } } }
  egress:
${egress}`;

const fromData: Source = { namespace: 'data', labels: { app: 'reports' } };
const toBackend: Destination = { kind: 'pod', namespace: 'dark-tower', name: 'backend', port: 8080 };

describe('admin tier', () => {
  it('two policies of one priority that disagree leave it to the implementation: cannot tell', () => {
    const s = snapshot(
      WORLD,
      cnp('allow-backend', 5, 'Admin', '    - { action: Accept, to: [{ namespaces: {} }] }'),
      cnp('deny-all', 5, 'Admin', '    - { action: Deny, to: [{ networks: [0.0.0.0/0] }] }'),
    );
    const e = evaluate(s, fromData, toBackend);
    expect(e.decision).toBe('unknown');
    expect(e.reason).toContain('both have priority 5, and the API leaves the choice between them');
  });

  it('the lower priority number wins; an AdminNetworkPolicy says Allow where v1alpha2 says Accept', () => {
    const anp = `
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: { name: allow-backend }
spec:
  priority: 4
  subject: { namespaces: { matchLabels: { tier: restricted } } }
  egress:
    - { action: Allow, to: [{ pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: backend } } } }], ports: [{ portNumber: { protocol: TCP, port: 8080 } }] }`;
    const s = snapshot(
      WORLD,
      anp,
      cnp('deny-all', 5, 'Admin', '    - { action: Deny, to: [{ networks: [0.0.0.0/0] }] }'),
    );
    const e = evaluate(s, fromData, toBackend);
    expect(e.decision).toBe('allowed');
    expect(e.egress?.reason).toBe(
      'admin tier: AdminNetworkPolicy allow-backend (priority 4) egress rule #1 (to pods app=backend in namespaces {} (all), 8080/TCP) accepts; NetworkPolicy tier not reached',
    );
  });

  it('domainNames match a name as it is reached, never a pod; an address is unknowable', () => {
    const s = snapshot(
      WORLD,
      cnp('allow-github', 1, 'Admin', '    - { action: Accept, to: [{ domainNames: ["*.github.com"] }] }'),
      cnp('deny-all', 2, 'Admin', '    - { action: Deny, to: [{ networks: [0.0.0.0/0] }] }'),
    );
    const api = evaluate(s, fromData, { kind: 'name', host: 'api.github.com', port: 443 });
    expect(api.egress?.decision).toBe('allowed');
    expect(evaluate(s, fromData, { kind: 'name', host: 'github.com', port: 443 }).decision).toBe('denied');
    const ip = evaluate(s, fromData, { kind: 'ip', ip: '140.82.112.3', port: 443 });
    expect(ip.decision).toBe('unknown');
    expect(ip.reason).toContain('depends on DNS answers, which cannot be known ahead');
    expect(evaluate(s, fromData, toBackend).decision).toBe('denied');
    expect(domainMatches('*.github.com', 'a.b.github.com')).toBe(true);
    expect(domainMatches('github.com', 'www.github.com')).toBe(false);
  });

  it('a nodes peer cannot be decided from manifests, which know no nodes', () => {
    const s = snapshot(
      WORLD,
      cnp(
        'deny-nodes',
        1,
        'Admin',
        '    - { action: Deny, to: [{ nodes: { matchLabels: { kubernetes.io/os: linux } } }] }',
      ),
    );
    const e = evaluate({ ...s, where: 'the manifests', nodes: undefined }, fromData, {
      kind: 'ip',
      ip: '172.18.0.2',
      port: 10250,
    });
    expect(e.decision).toBe('unknown');
    expect(e.reason).toContain(
      'which nodes have the labels kubernetes.io/os=linux is not known from the manifests',
    );
    // a pod on the pod network is never a node
    expect(evaluate(s, fromData, toBackend).decision).toBe('allowed');
  });

  it('reports what it cannot read, naming the field', () => {
    const loaded = parseManifests([
      {
        path: 'bad.yaml',
        text: `
apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: { name: bad }
spec:
  tier: Middle
  priority: 2000
  subject: { namespaces: {}, pods: { namespaceSelector: {}, podSelector: {} } }
  ingress:
    - { action: Allow, from: [{ networks: [10.0.0.0/8] }] }`,
      },
    ]);
    expect(loaded.errors).toEqual([
      'bad.yaml, line 2: ClusterNetworkPolicy bad: spec.tier must be Admin or Baseline',
      'bad.yaml, line 2: ClusterNetworkPolicy bad: spec.priority must be a whole number from 0 to 1000',
      'bad.yaml, line 2: ClusterNetworkPolicy bad: spec.subject must set exactly one of namespaces and pods',
      'bad.yaml, line 2: ClusterNetworkPolicy bad: spec.ingress[0].action must be Accept, Deny or Pass',
    ]);
  });
});

describe('policies of kinds the model does not evaluate', () => {
  const CILIUM = (name: string): string => `
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: { name: ${name}, namespace: dark-tower }
spec: { endpointSelector: {} }`;
  const CALICO = `
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: { name: deny-egress }
spec: { selector: all() }`;

  it('are named in every explanation they may touch, cluster-wide ones always', () => {
    const s = snapshot(WORLD, CILIUM('a'), CILIUM('b'), CALICO);
    const e = evaluate(s, fromData, toBackend);
    expect(e.unmodelled).toEqual(['1 GlobalNetworkPolicy', '2 CiliumNetworkPolicies in dark-tower']);
    expect(explainMismatch('allow', 'allowed', e)).toMatch(
      /; 1 GlobalNetworkPolicy and 2 CiliumNetworkPolicies in dark-tower are not modelled: this explanation may be incomplete$/,
    );
    // not in a connection between namespaces they are not in
    const other = evaluate(snapshot(WORLD, CILIUM('a')), fromData, {
      kind: 'name',
      host: 'example.com',
      port: 443,
    });
    expect(other.unmodelled).toBeUndefined();
  });

  it("say whose they are when the kind shares a modelled kind's name", () => {
    const calico = (name: string): string => `
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: { name: ${name}, namespace: dark-tower }
spec: { selector: all() }`;
    const e = evaluate(snapshot(WORLD, calico('a'), calico('b')), fromData, toBackend);
    expect(e.unmodelled).toEqual(['2 NetworkPolicies (projectcalico.org) in dark-tower']);
  });

  it('take the blame off the CNI when the model and the probe disagree', () => {
    const e = evaluate(snapshot(WORLD, CILIUM('a')), fromData, toBackend);
    const text = explainMismatch('deny', 'allowed', { ...e, decision: 'denied' });
    expect(text).toMatch(
      /the model and the probe disagree, and 1 CiliumNetworkPolicy in dark-tower is not modelled: they may be what decides this$/,
    );
    expect(text).not.toMatch(/CNI/);
  });

  it('without them, a disagreement decided by the admin tier asks whether the CNI implements that API', () => {
    const s = snapshot(
      WORLD,
      cnp('deny-all', 1, 'Admin', '    - { action: Deny, to: [{ networks: [0.0.0.0/0] }] }'),
    );
    const e = evaluate(s, fromData, toBackend);
    expect(explainMismatch('deny', 'allowed', e)).toMatch(
      /: does the CNI implement ClusterNetworkPolicy \/ AdminNetworkPolicy \(policy\.networking\.k8s\.io\)\?$/,
    );
  });
});
