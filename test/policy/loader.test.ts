// Reading manifests: multi-document files, Lists, workloads, folders, and
// errors that point at the file and line.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadManifests, parseManifests, podFrom, serviceFrom } from '../../src/predict/index.ts';

const WORKLOADS = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  template:
    metadata: { labels: { app: web, tier: "1" } }
    spec:
      containers:
        - name: web
          image: nginx:1.27-alpine
          ports: [{ name: http, containerPort: 80 }, { containerPort: 53, protocol: UDP }]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: db, namespace: shop }
spec:
  replicas: 2
  serviceName: db
  template:
    metadata: { labels: { app: db } }
    spec: { containers: [{ name: db, image: postgres:16-alpine }] }
---
apiVersion: batch/v1
kind: CronJob
metadata: { name: report, namespace: shop }
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        metadata: { labels: { app: report } }
        spec: { restartPolicy: Never, containers: [{ name: r, image: busybox:1.36 }] }
---
# a comment-only document is nothing
---
apiVersion: v1
kind: ConfigMap
metadata: { name: settings, namespace: shop }
`;

const LIST = JSON.stringify({
  apiVersion: 'v1',
  kind: 'List',
  items: [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { team: 'web' } } },
    {
      apiVersion: 'v1',
      kind: 'ServiceList',
      items: [
        {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: 'web', namespace: 'shop' },
          spec: {
            selector: { app: 'web' },
            clusterIP: '10.96.3.4',
            ports: [{ port: 8080, targetPort: 'http' }],
          },
        },
      ],
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'deny', namespace: 'shop' },
      spec: { podSelector: {}, ingress: [null] },
    },
  ],
});

describe('parseManifests', () => {
  it('reads multi-document YAML, Lists (nested), workloads and Services', () => {
    const { snapshot, warnings, errors } = parseManifests([
      { path: 'k8s/app.yaml', text: WORKLOADS },
      { path: 'k8s/list.json', text: LIST },
    ]);
    expect(errors).toEqual([]);
    expect(snapshot.where).toBe('the manifests');
    expect(snapshot.namespaces).toEqual([{ name: 'shop', labels: { team: 'web' } }]);
    expect(snapshot.pods.map((p) => p.name)).toEqual(['web', 'db-0', 'db-1', 'report']);
    expect(snapshot.pods[0]).toEqual({
      namespace: 'shop',
      name: 'web',
      labels: { app: 'web', tier: '1' },
      ports: [
        { name: 'http', containerPort: 80, protocol: 'TCP' },
        { containerPort: 53, protocol: 'UDP' },
      ],
    });
    expect(snapshot.services).toEqual([
      {
        namespace: 'shop',
        name: 'web',
        selector: { app: 'web' },
        clusterIP: '10.96.3.4',
        ports: [{ port: 8080, targetPort: 'http', protocol: 'TCP' }],
      },
    ]);
    // an empty list item is an empty rule, as the API server reads it
    expect(snapshot.policies[0]?.spec.ingress).toEqual([{}]);
    expect(warnings).toEqual(['ignored objects that play no part in NetworkPolicy: ConfigMap']);
  });

  it('names the file, line and column of a YAML error, and keeps the other documents', () => {
    const text = [
      'apiVersion: v1',
      'kind: Namespace',
      'metadata: { name: fine }',
      '---',
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: broken',
      '   labels: [',
    ].join('\n');
    const { snapshot, errors } = parseManifests([{ path: 'manifests/bad.yaml', text }]);
    expect(snapshot.namespaces.map((n) => n.name)).toEqual(['fine']);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^manifests\/bad\.yaml, line 8, column \d+: .+; fix the YAML \(this document was skipped\)$/,
    );
  });

  it('reports objects it cannot use and policies it does not model', () => {
    const text = `
apiVersion: v1
kind: Service
metadata: { namespace: shop }
---
kind: NetworkPolicy
apiVersion: projectcalico.org/v3
metadata: { name: calico, namespace: shop }
---
just a string
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: wrong, namespace: shop }
spec: { podSelector: {}, ingress: { from: [] } }`;
    const { errors, warnings } = parseManifests([{ path: 'm.yaml', text }]);
    expect(errors).toEqual([
      'm.yaml, line 2: Service shop/(no name) has no metadata.name',
      'm.yaml, line 12: NetworkPolicy shop/wrong: spec.ingress must be a list of rules',
    ]);
    expect(warnings).toEqual([
      'm.yaml, line 6: NetworkPolicy shop/calico (projectcalico.org/v3) is not a networking.k8s.io/v1 NetworkPolicy; predict does not model it, so the cluster may behave differently',
      'm.yaml, line 10: not a Kubernetes object (a string); skipped',
    ]);
  });

  it('warns when an object is defined twice and keeps the later one', () => {
    const ns = (team: string): string =>
      `apiVersion: v1\nkind: Namespace\nmetadata: { name: shop, labels: { team: ${team} } }\n`;
    const { snapshot, warnings } = parseManifests([
      { path: 'a.yaml', text: ns('red') },
      { path: 'b.yaml', text: ns('blue') },
    ]);
    expect(snapshot.namespaces).toEqual([{ name: 'shop', labels: { team: 'blue' } }]);
    expect(warnings).toEqual([
      'b.yaml, line 1: Namespace shop is also defined at a.yaml, line 1; the one defined later is used',
    ]);
  });
});

describe('converters on live-cluster JSON', () => {
  it('podFrom takes the IP from status; serviceFrom drops a headless clusterIP and defaults targetPort', () => {
    const pod = podFrom({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web-7d9f', namespace: 'shop', labels: { app: 'web' } },
      spec: { containers: [{ name: 'web', image: 'nginx', ports: [{ containerPort: 80 }] }] },
      status: { podIP: '10.244.1.7' },
    });
    expect(pod).toEqual({
      ok: true,
      value: {
        namespace: 'shop',
        name: 'web-7d9f',
        labels: { app: 'web' },
        ip: '10.244.1.7',
        ports: [{ containerPort: 80, protocol: 'TCP' }],
      },
    });
    const svc = serviceFrom({
      kind: 'Service',
      metadata: { name: 'db', namespace: 'shop' },
      spec: { clusterIP: 'None', selector: { app: 'db' }, ports: [{ port: 5432 }] },
    });
    expect(svc).toEqual({
      ok: true,
      value: {
        namespace: 'shop',
        name: 'db',
        selector: { app: 'db' },
        ports: [{ port: 5432, targetPort: 5432, protocol: 'TCP' }],
      },
    });
  });
});

describe('loadManifests', () => {
  it('reads .yaml, .yml and .json files in nested folders, nothing else', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'netpol-manifests-'));
    try {
      await mkdir(join(dir, 'apps', 'shop'), { recursive: true });
      await writeFile(join(dir, 'ns.yml'), 'apiVersion: v1\nkind: Namespace\nmetadata: { name: shop }\n');
      await writeFile(join(dir, 'apps', 'shop', 'list.json'), LIST);
      await writeFile(join(dir, 'apps', 'shop', 'web.yaml'), WORKLOADS);
      await writeFile(join(dir, 'apps', 'README.md'), '# not a manifest: ---\nkind: Pod\n');
      const loaded = await loadManifests(dir);
      expect(loaded.errors).toEqual([]);
      expect(loaded.snapshot.pods.map((p) => p.name)).toEqual(['web', 'db-0', 'db-1', 'report']);
      expect(loaded.snapshot.services).toHaveLength(1);
      expect(loaded.warnings.some((w) => w.includes('Namespace shop is also defined'))).toBe(true);

      const single = await loadManifests(join(dir, 'apps', 'shop', 'web.yaml'));
      expect(single.snapshot.pods).toHaveLength(4);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('says when the path does not exist', async () => {
    const loaded = await loadManifests('/nonexistent/netpol-canary/manifests');
    expect(loaded.errors).toEqual([
      '/nonexistent/netpol-canary/manifests: cannot read it (it does not exist); give a manifest file or a folder of them',
    ]);
  });
});
