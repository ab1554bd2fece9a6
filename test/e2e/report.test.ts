// The reports of a real run, end to end (bundled action, runner simulator, real kubectl,
// the API double): annotations on the tests' lines of matrix-file, the summary's heading,
// blocks and evidence (the policies an explanation used; a canary's events), acknowledged
// denies, and a JUnit file that the JUnit schema accepts.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../cluster/network.ts';
import { runAgainst, withCluster } from './helpers.ts';

const BACKEND = 'http://backend.dark-tower.svc.cluster.local:8080/healthz';
const network = rules([
  { to: 'backend.dark-tower.svc.cluster.local:8080', from: { labels: { app: 'frontend' } }, outcome: 200 },
  { to: 'backend.dark-tower.svc.cluster.local:8080', outcome: 'timeout' },
  { to: '1.1.1.1:443', outcome: 'timeout' },
]);

// the lines matter: annotations point at them
const MATRIX = `namespaces:
  canary-test-outsider: { labels: { team: outsider } }
tests:
  - name: frontend reaches backend
    from: dark-tower
    labels: { app: frontend }
    to: ${BACKEND}
    expect: allow
  - name: outsider reaches backend (wrong)
    from: canary-test-outsider
    to: ${BACKEND}
    expect: allow
  - from: dark-tower
    labels: { app: pinned }
    node: no-such-node
    to: ${BACKEND}
    expect: allow
  - name: no internet
    from: dark-tower
    labels: { app: frontend }
    to: tcp://1.1.1.1:443
    expect: deny
    control: none
`;

describe('the reports of a run', () => {
  it('point at the matrix lines, show the evidence, and validate as JUnit', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'netpol-report-ws-'));
    try {
      mkdirSync(join(workspace, 'ci'));
      writeFileSync(join(workspace, 'ci/matrix.yaml'), MATRIX);
      await withCluster({ network, podStartDelayMs: 20 }, async (cluster) => {
        cluster.createNamespace('dark-tower');
        cluster.create('networkpolicies', {
          apiVersion: 'networking.k8s.io/v1',
          kind: 'NetworkPolicy',
          metadata: { name: 'backend-from-frontend', namespace: 'dark-tower' },
          spec: {
            podSelector: { matchLabels: { app: 'backend' } },
            policyTypes: ['Ingress'],
            ingress: [{ from: [{ podSelector: { matchLabels: { app: 'frontend' } } }] }],
          },
        });
        cluster.createPod({
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: 'backend-1', namespace: 'dark-tower', labels: { app: 'backend' } },
          spec: { containers: [{ name: 'http', image: 'http-echo:1', ports: [{ containerPort: 8080 }] }] },
        });
        cluster.create('services', {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: 'backend', namespace: 'dark-tower' },
          spec: { selector: { app: 'backend' }, ports: [{ port: 8080, targetPort: 8080 }] },
        });
        const run = await runAgainst(cluster, {
          inputs: {
            'matrix-file': './ci/../ci/matrix.yaml',
            timeout: '1s',
            attempts: '1',
            'ready-timeout': '3s',
            title: 'policy gate',
          },
          workspace,
        });
        try {
          const main = run.main;
          // annotations: on the tests' lines of the file, as the workspace names it
          const errors = main.annotations.filter((a) => a.level === 'error' && a.file !== undefined);
          expect(errors.map((a) => [a.title, a.file, a.line])).toEqual([
            ['netpol-canary: test "outsider reaches backend (wrong)" failed', 'ci/matrix.yaml', 9],
            [
              'netpol-canary: test "dark-tower [app=pinned] on no-such-node -> http://backend.dark-tower.svc.cluster.local:8080/healthz" is inconclusive',
              'ci/matrix.yaml',
              13,
            ],
          ]);
          // the acknowledged deny is not warned about
          expect(
            main.annotations.filter((a) => a.level === 'warning' && /1\.1\.1\.1/.test(a.message)),
          ).toEqual([]);

          const summary = main.summary;
          expect(summary).toMatch(
            /^## netpol-canary run: policy gate\n\n\*\*❌ Failed\*\* · 4 tests: ❌ 1 failed · ⚠️ 1 inconclusive · ✅ 2 passed\n/,
          );
          const failed = summary.slice(
            summary.indexOf('### ❌ fail'),
            summary.indexOf('### ⚠️ inconclusive'),
          );
          expect(failed).toContain(
            '- **Policy** `dark-tower/backend-from-frontend`: `kubectl get networkpolicy -n dark-tower backend-from-frontend -o yaml`',
          );
          expect(failed).toContain('- **Matrix:** `ci/matrix.yaml`, line 9');
          // the namespace the run created is created again (and deleted) by the reproduce command
          expect(failed).toMatch(
            /```sh\nkubectl create namespace canary-test-outsider\nkubectl label namespace canary-test-outsider team=outsider\nkubectl run netpol-repro-2 /,
          );
          const unsure = summary.slice(
            summary.indexOf('### ⚠️ inconclusive'),
            summary.indexOf('### Address not verified'),
          );
          expect(unsure).toMatch(
            /- \*\*Canary:\*\* canary dark\\-tower\\\/canary\\-[0-9a-f]+ did not start within the ready\\-timeout \\\(\d+ s\\\)\\: Unschedulable/,
          );
          expect(unsure).toContain('- **Event:** Warning FailedScheduling\\: 0\\/2 nodes are available');
          expect(summary).toContain('- no internet: `tcp://1.1.1.1:443`, ✅ pass (address not verified)');

          // JUnit: valid, with the run's properties and wall time
          const xml = readFileSync(main.outputs.junit ?? '', 'utf8');
          const xsd = resolve(import.meta.dirname, '../report/junit.xsd');
          const lint = spawnSync('xmllint', ['--noout', '--schema', xsd, main.outputs.junit ?? ''], {
            encoding: 'utf8',
          });
          if (lint.error)
            throw new Error(`xmllint is needed (Debian's libxml2-utils): ${lint.error.message}`);
          expect(lint.status, lint.stderr).toBe(0);
          expect(xml).toMatch(/<property name="run" value="[^"]+"\/>/);
          expect(xml).toContain('<property name="image" value="busybox:1.36"/>');
          expect(xml).toContain('classname="canary-test-outsider"');
          expect(xml).toContain('classname="dark-tower [app=frontend]"');
          const time = Number(/<testsuite [^>]*time="([\d.]+)"/.exec(xml)?.[1]);
          // the pinned canary waited its whole ready-timeout, 3 s: the run took at least that
          expect(time).toBeGreaterThanOrEqual(3);
        } finally {
          run.dispose();
        }
      });
    } finally {
      rmSync(workspace, { recursive: true, force: true });
    }
  });
});
