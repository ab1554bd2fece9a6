// The small pure pieces of the shell: kubectl output parsing, pod status, kubeconfig, limits.
import { describe, expect, it } from 'vitest';
import { describePermission, requiredPermissions } from '../../src/cluster/access.ts';
import { errorsByName } from '../../src/cluster/canaries.ts';
import { createJsonSplitter } from '../../src/cluster/json-stream.ts';
import { decodeKubeconfig, kubeconfigSecrets } from '../../src/action/kubeconfig.ts';
import { describeFailure, isTransient, type KubectlResult } from '../../src/cluster/kubectl.ts';
import { createLimiter } from '../../src/cluster/limiter.ts';
import { canaryLifetimeSeconds, canaryPod, documents } from '../../src/cluster/manifests.ts';
import { createdNames, parseItems } from '../../src/cluster/namespaces.ts';
import { containerEnded, hasStarted, notReadyReason, type PodObject } from '../../src/cluster/pod-status.ts';
import type { CanaryGroup, Settings } from '../../src/core/types.ts';
import { SETTINGS } from '../fixtures/settings.ts';

const settings: Settings = { ...SETTINGS };

function result(stderr: string, code = 1): KubectlResult {
  return { code, stdout: '', stderr, timedOut: false, aborted: false, tries: 1 };
}

describe('kubectl output', () => {
  it('splits what `kubectl get -w -o json` prints, whatever the chunk boundaries', () => {
    const seen: unknown[] = [];
    const feed = createJsonSplitter((v) => seen.push(v));
    const text = '{\n "metadata": {"name": "a {b}"}\n}\n{"metadata":{"name":"c\\"d"}}';
    for (const ch of text) feed(ch);
    expect(seen).toEqual([{ metadata: { name: 'a {b}' } }, { metadata: { name: 'c"d' } }]);
  });

  it('reads one object, a List, or several objects one after another', () => {
    expect(parseItems('{"kind":"List","items":[{"a":1},{"a":2}]}')).toEqual([{ a: 1 }, { a: 2 }]);
    expect(parseItems('{"a":1}\n{"a":2}')).toEqual([{ a: 1 }, { a: 2 }]);
    expect(parseItems('')).toEqual([]);
  });

  it('reads created names and per-object errors from `kubectl create -f -`', () => {
    expect([...createdNames('pod/canary-1\nnamespace/x\npod/canary-2\n', 'pod')]).toEqual([
      'canary-1',
      'canary-2',
    ]);
    const errors = errorsByName(
      'Error from server (Forbidden): error when creating "STDIN": pods "canary-1" is forbidden: violates PodSecurity "restricted:latest": runAsNonRoot != true\n',
      'pods',
    );
    expect(errors.get('canary-1')).toMatch(/^pods "canary-1" is forbidden: violates PodSecurity/);
  });

  it('tells transient API failures from real refusals', () => {
    expect(
      isTransient(
        result(
          'Error from server (InternalError): an error on the server ("") has prevented the request from succeeding',
        ),
      ),
    ).toBe(true);
    expect(
      isTransient(result('Error from server (TooManyRequests): the server has received too many requests')),
    ).toBe(true);
    // a reset seen while kubectl was still sending the body (a create): what kubectl printed in the API double
    expect(
      isTransient(
        result(
          'error when creating "STDIN": Post "http://127.0.0.1:44663/api/v1/namespaces/x/pods?fieldManager=kubectl-create": readfrom tcp 127.0.0.1:57770->127.0.0.1:44663: write tcp 127.0.0.1:57770->127.0.0.1:44663: use of closed network connection',
        ),
      ),
    ).toBe(true);
    expect(isTransient(result('read tcp 127.0.0.1:1->127.0.0.1:2: read: connection reset by peer'))).toBe(
      true,
    );
    expect(
      isTransient(
        result('Error from server (Forbidden): pods is forbidden: User "x" cannot create resource "pods"'),
      ),
    ).toBe(false);
    expect(isTransient(result('Error from server (NotFound): namespaces "x" not found'))).toBe(false);
  });

  it('turns failures into sentences that say what to do', () => {
    expect(
      describeFailure(
        'Creating canaries',
        result('Error from server (Forbidden): pods is forbidden: User "u" cannot create resource "pods"'),
      ),
    ).toMatch(/permission denied.*Grant/);
    expect(
      describeFailure(
        'Reading',
        result('Unable to connect to the server: dial tcp 127.0.0.1:1: connect: connection refused'),
      ),
    ).toMatch(/cannot reach the Kubernetes API.*kubeconfig/);
    expect(describeFailure('Reading', { ...result(''), timedOut: true })).toMatch(/did not finish in time/);
    expect(describeFailure('Reading', result(''))).not.toMatch(/undefined/);
  });
});

describe('pod status', () => {
  const pending = (status: PodObject['status']): PodObject => ({ metadata: { name: 'canary-1' }, status });

  it('has started once a container runs or ran, and has ended once every container terminated, whatever the Ready condition says', () => {
    const gated = [
      { type: 'Ready', status: 'False', reason: 'ReadinessGatesNotReady' },
      { type: 'ContainersReady', status: 'True' },
    ];
    const running = { name: 'canary', state: { running: { startedAt: '2026-12-07T00:00:00Z' } } };
    const ended = { name: 'canary', state: { terminated: { exitCode: 0, message: '@@ncd 10' } } };
    const waiting = { name: 'canary', state: { waiting: { reason: 'ContainerCreating' } } };
    const at = (c: object, phase = 'Running'): PodObject =>
      pending({ phase, conditions: gated, containerStatuses: [c] as never });
    expect([
      hasStarted(at(waiting, 'Pending')),
      hasStarted(at(running)),
      hasStarted(at(ended, 'Succeeded')),
    ]).toEqual([false, true, true]);
    expect([containerEnded(at(running)), containerEnded(at(ended, 'Succeeded'))]).toEqual([false, true]);
    // one of two containers still running: not ended
    expect(
      containerEnded(
        pending({ phase: 'Running', containerStatuses: [ended, { ...running, name: 'b' }] as never }),
      ),
    ).toBe(false);
    expect(containerEnded(pending({ phase: 'Running' }))).toBe(false);
  });

  it('gives the pod’s own reason: image pull, scheduling, deadline', () => {
    expect(
      notReadyReason(
        pending({
          phase: 'Pending',
          containerStatuses: [
            {
              name: 'canary',
              state: {
                waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "nosuch:1"' },
              },
            },
          ],
        }),
      ),
    ).toBe('ImagePullBackOff: Back-off pulling image "nosuch:1"');
    expect(
      notReadyReason(
        pending({
          phase: 'Pending',
          conditions: [
            {
              type: 'PodScheduled',
              status: 'False',
              reason: 'Unschedulable',
              message: '0/2 nodes are available',
            },
          ],
        }),
      ),
    ).toBe('Unschedulable: 0/2 nodes are available');
    expect(
      notReadyReason(
        pending({ phase: 'Failed', reason: 'DeadlineExceeded', message: 'Pod was active too long' }),
      ),
    ).toMatch(/failed \(DeadlineExceeded\)/);
  });
});

describe('the canary pod', () => {
  const group: CanaryGroup = {
    key: 'k',
    namespace: 'dark-tower',
    labels: { app: 'frontend' },
    tests: [],
    node: 'kind-worker',
  };

  const namespaceUid = '6f1c1f9e-0b7e-4d8e-9a53-0a3f2f8c1d11';

  it('carries the test labels and this run’s ownership labels, and ends itself', () => {
    const pod = canaryPod({
      name: 'canary-1',
      group,
      run: 'r1',
      settings,
      lifetimeSeconds: 900,
      namespaceUid,
    }) as {
      metadata: { labels: Record<string, string> };
      spec: Record<string, unknown>;
    };
    expect(pod.metadata.labels).toEqual({
      app: 'frontend',
      'app.kubernetes.io/managed-by': 'netpol-canary',
      'netpol-canary.io/run': 'r1',
    });
    expect(pod.spec.activeDeadlineSeconds).toBe(900);
    expect(pod.spec.automountServiceAccountToken).toBe(false);
    expect(pod.spec.nodeSelector).toEqual({ 'kubernetes.io/hostname': 'kind-worker' });
  });

  it('is never Ready and its controller is its namespace, without blockOwnerDeletion', () => {
    const pod = canaryPod({
      name: 'canary-1',
      group,
      run: 'r1',
      settings,
      lifetimeSeconds: 900,
      namespaceUid,
    }) as {
      metadata: { ownerReferences: unknown };
      spec: Record<string, unknown>;
    };
    expect(pod.spec.readinessGates).toEqual([{ conditionType: 'netpol-canary.io/never-ready' }]);
    expect(pod.metadata.ownerReferences).toEqual([
      { apiVersion: 'v1', kind: 'Namespace', name: 'dark-tower', uid: namespaceUid, controller: true },
    ]);
  });

  it('takes placement and pull secrets from the settings', () => {
    const pod = canaryPod({
      name: 'canary-1',
      group: { ...group, node: undefined },
      run: 'r1',
      settings: {
        ...settings,
        imagePullSecret: 'regcred',
        nodeSelector: { pool: 'canary' },
        tolerations: [{ key: 'dedicated', operator: 'Exists', effect: 'NoSchedule' }],
      },
      lifetimeSeconds: 900,
      namespaceUid,
    }) as { spec: Record<string, unknown> };
    expect(pod.spec.imagePullSecrets).toEqual([{ name: 'regcred' }]);
    expect(pod.spec.nodeSelector).toEqual({ pool: 'canary' });
    expect(pod.spec.tolerations).toEqual([{ key: 'dedicated', operator: 'Exists', effect: 'NoSchedule' }]);
  });

  it('lives long enough for readiness and every attempt, and not for hours', () => {
    const s = canaryLifetimeSeconds(settings);
    expect(s).toBeGreaterThan(60 + 3 * 5);
    expect(s).toBeLessThan(3600);
  });

  it('is sent to kubectl as a stream of JSON objects: neither a List nor YAML documents', () => {
    expect(documents([{ a: 1 }, { b: 2 }])).toBe('{"a":1}\n{"b":2}\n');
  });
});

describe('permissions a run needs', () => {
  it('asks for pods in each source namespace, never pods/exec, and for namespace verbs only when namespaces are created or shared', () => {
    const plain = requiredPermissions(['dark-tower'], [], false).map(describePermission);
    expect(plain).toEqual([
      'create pods in namespace dark-tower',
      'list pods in namespace dark-tower',
      'watch pods in namespace dark-tower',
      'delete pods in namespace dark-tower',
    ]);
    expect(plain.some((p) => p.includes('namespaces'))).toBe(false);
    const creating = requiredPermissions(['canary-test-x'], ['canary-test-x'], true).map(describePermission);
    expect(creating).toEqual(
      expect.arrayContaining(['create namespaces (cluster-wide)', 'delete namespaces (cluster-wide)']),
    );
  });
});

describe('the kubeconfig input', () => {
  const yaml = [
    'apiVersion: v1',
    'kind: Config',
    'clusters: [{name: c, cluster: {server: "https://127.0.0.1:6443"}}]',
    'users: [{name: u, user: {token: s3cr3t-token-value, client-key-data: a2V5LWRhdGEtc2VjcmV0}}]',
    'contexts: [{name: x, context: {cluster: c, user: u}}]',
    'current-context: x',
  ].join('\n');

  it('accepts YAML and base64 of it; refuses anything else with a sentence', () => {
    expect(decodeKubeconfig(yaml)).toEqual({ text: yaml });
    expect(decodeKubeconfig(Buffer.from(yaml).toString('base64'))).toEqual({ text: yaml });
    expect(decodeKubeconfig('hello')).toMatchObject({ error: expect.stringMatching(/input "kubeconfig"/) });
    expect(decodeKubeconfig('a: [')).toMatchObject({ error: expect.stringMatching(/input "kubeconfig"/) });
  });

  it('finds every token and key to mask', () => {
    const secrets = kubeconfigSecrets(yaml, yaml);
    expect(secrets).toEqual(expect.arrayContaining(['s3cr3t-token-value', 'a2V5LWRhdGEtc2VjcmV0']));
  });
});

describe('the process limiter', () => {
  it('never runs more than its limit at once, and runs everything', async () => {
    const limiter = createLimiter(3);
    let now = 0;
    let most = 0;
    const done = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        limiter.run(async () => {
          now++;
          most = Math.max(most, now);
          await new Promise((r) => setTimeout(r, 1));
          now--;
          return i;
        }),
      ),
    );
    expect(done).toHaveLength(20);
    expect(most).toBe(3);
    expect(limiter.peak()).toBe(3);
  });
});
