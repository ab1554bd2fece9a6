// predict on the examples users run first, and on what manifests cannot tell.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMatrix } from '../../src/matrix/parse-matrix.ts';
import { loadManifests, parseManifests, predictMatrix } from '../../src/predict/index.ts';
import type { Matrix } from '../../src/core/types.ts';

const EXAMPLES = join(import.meta.dirname, '..', '..', 'examples');

function matrixFrom(text: string, source = 'matrix.yaml'): Matrix {
  const m = parseMatrix(text, source);
  if (!m.ok) throw new Error(m.errors.join('\n'));
  return m.value;
}

async function example(
  name: string,
): Promise<{ results: ReturnType<typeof predictMatrix>; warnings: string[] }> {
  const loaded = await loadManifests(join(EXAMPLES, name, 'manifests'));
  expect(loaded.errors).toEqual([]);
  const matrix = matrixFrom(
    readFileSync(join(EXAMPLES, name, 'matrix.yaml'), 'utf8'),
    `examples/${name}/matrix.yaml`,
  );
  return {
    results: predictMatrix(loaded.snapshot, matrix, { namespacePrefix: 'canary-test-' }),
    warnings: loaded.warnings,
  };
}

describe('predict on examples/demo', () => {
  it('passes every test but the deliberate failure, which it explains', async () => {
    const { results, warnings } = await example('demo');
    expect(warnings).toEqual([]);
    const failed = results.filter((r) => r.verdict !== 'pass');
    expect(results.filter((r) => r.verdict === 'pass')).toHaveLength(8);
    expect(failed.map((r) => [r.name, r.verdict, r.actual])).toEqual([
      ['DELIBERATE FAILURE - outsider reaches backend (the policies forbid it)', 'fail', 'blocked'],
    ]);
    const [deliberate] = failed;
    expect(deliberate?.explanation).toBe(
      'allow expected but blocked: ingress to dark-tower/backend is isolated by default-deny, allow-frontend-to-backend ' +
        '(no ingress rule allows a pod in canary-test-outsider with app=frontend)',
    );
    for (const r of results) {
      expect(r.attempts).toBe(0);
      expect(r.durationMs).toBe(0);
      expect(r.detail).toMatch(/^(expected allow, but it was denied: )?predicted from the manifests: /);
      expect(r.explanation).toBeTruthy();
    }
  });

  it('judges the internet test by the data namespace default-deny', async () => {
    const { results } = await example('demo');
    const internet = results.find((r) => r.name === 'nothing in data reaches the internet');
    expect(internet?.explanation).toBe(
      'egress from a pod in data with app=reports is isolated by default-deny, allow-dns (no egress rule allows example.com)',
    );
  });
});

describe('predict on examples/conformance', () => {
  it('agrees with every expectation taken from the e2e truth table', async () => {
    const { results } = await example('conformance');
    expect(results.length).toBeGreaterThanOrEqual(20);
    expect(results.filter((r) => r.verdict !== 'pass').map((r) => `${r.name}: ${r.detail}`)).toEqual([]);
    expect(new Set(results.map((r) => r.actual))).toEqual(new Set(['allowed', 'blocked']));
  });
});

describe('predict: what the manifests do not settle', () => {
  const manifests = parseManifests([
    {
      path: 'app.yaml',
      text: `
apiVersion: v1
kind: Namespace
metadata: { name: web }
---
apiVersion: v1
kind: Pod
metadata: { name: api, namespace: web, labels: { app: api } }
spec: { containers: [{ name: api, image: i, ports: [{ containerPort: 8080 }] }] }
---
apiVersion: v1
kind: Service
metadata: { name: api, namespace: web }
spec: { selector: { app: api }, ports: [{ port: 8080 }] }
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: only-api, namespace: web }
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress: [{ ports: [{ port: 8080 }] }]`,
    },
  ]).snapshot;

  const run = (tests: string, namespaces = ''): ReturnType<typeof predictMatrix> =>
    predictMatrix(manifests, matrixFrom(`${namespaces}tests:\n${tests}`), {
      namespacePrefix: 'canary-test-',
    });

  it('a target the manifests do not describe is inconclusive, with the reason', () => {
    const [r] = run('  - { from: web, to: "http://nope.web.svc.cluster.local:80/", expect: deny }');
    expect(r?.verdict).toBe('inconclusive');
    expect(r?.actual).toBe('error');
    expect(r?.explanation).toBe(
      'there is no Service web/nope in the manifests (the target is nope.web.svc.cluster.local)',
    );
  });

  it('allowed but DNS egress blocked is a dns-error, inconclusive', () => {
    const [r] = run('  - { from: web, to: "http://api.web.svc.cluster.local:8080/", expect: allow }');
    expect(r?.actual).toBe('dns-error');
    expect(r?.verdict).toBe('inconclusive');
    expect(r?.explanation).toContain('yet the name did not resolve: DNS lookups are blocked');
  });

  it('a source namespace a run would not create is inconclusive; one it would create gets the matrix labels', () => {
    const results = run(
      [
        '  - { from: other, to: "tcp://10.0.0.1:80", expect: deny }',
        '  - { from: canary-test-web, to: "tcp://api.web:8080", expect: allow }',
      ].join('\n') + '\n',
      'namespaces:\n  canary-test-web: { labels: { team: web } }\n',
    );
    expect(results.map((r) => r.verdict)).toEqual(['inconclusive', 'pass']);
    expect(results[0]?.explanation).toBe(
      'namespace other is not in the manifests, and a run creates only namespaces starting with the namespace-prefix "canary-test-": add its Namespace manifest, or rename it',
    );
  });
});
