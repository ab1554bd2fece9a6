// generateMatrix's bounds and choices on small manifests: ports per pair, what
// probes cannot check, and a canary a Service would select.
import { describe, expect, it } from 'vitest';
import { generateMatrix, parseManifests, predictMatrix } from '../../src/predict/index.ts';

const APP = `
apiVersion: v1
kind: Namespace
metadata: { name: shop }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: w, image: i, ports: [{ containerPort: 80 }, { containerPort: 443 }, { containerPort: 53, protocol: UDP }] }] }
---
apiVersion: v1
kind: Service
metadata: { name: web, namespace: shop }
spec:
  selector: { app: web }
  ports: [{ name: http, port: 80 }, { name: https, port: 443 }, { name: dns, port: 53, protocol: UDP }]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: web-ingress, namespace: shop }
spec:
  podSelector: { matchLabels: { app: web } }
  ingress: [{ ports: [{ port: 80 }] }]`;

const snapshot = parseManifests([{ path: 'app.yaml', text: APP }]).snapshot;

describe('generateMatrix', () => {
  it('covers every TCP port, leaves out what probes cannot check, and predicts each', () => {
    const g = generateMatrix(snapshot, { outsider: false });
    expect(g.tests.map((t) => `${t.test.name}: ${t.test.expect}`)).toEqual([
      'shop/web -> DNS (kube-dns, TCP port 53): allow',
      'shop/web -> https://example.com/ (outside the cluster): allow',
      'shop/web -> Service shop/web port 80: allow',
      'shop/web -> Service shop/web port 443: deny',
    ]);
    expect(g.leftOut).toEqual([
      { name: 'shop/web -> Service shop/web UDP port 53', why: 'probes connect over TCP only' },
    ]);
    expect(
      predictMatrix(snapshot, g.matrix, { namespacePrefix: 'canary-test-' }).map((r) => r.verdict),
    ).toEqual(['pass', 'pass', 'pass', 'pass']);
  });

  it('samples ports per pair, and warns when the canary must carry what a Service selects', () => {
    const g = generateMatrix(snapshot, { outsider: false, perPair: 1 });
    expect(g.tests.map((t) => t.test.to)).toEqual([
      'tcp://kube-dns.kube-system.svc.cluster.local:53',
      'https://example.com/',
      'tcp://web.shop.svc.cluster.local:80',
    ]);
    // the policy reads app, which is also all the Service selects
    expect(g.warnings).toEqual([
      'the canary for shop/web carries the labels Service shop/web selects, because policies read them: probes to that Service may land on the canary',
    ]);
    expect(g.text).toContain('# warning: the canary for shop/web carries the labels');
  });
});
