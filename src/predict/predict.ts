// predictMatrix: the verdicts a run would give, computed from a snapshot
// (manifests) instead of probes. The canary is a pod in the test's namespace
// with the test's labels, plus the ownership labels every canary carries.
import { evaluate, explainMismatch, resolveTarget } from '../policy/index.ts';
import type { Evaluation, Snapshot } from '../policy/types.ts';
import { MANAGED_BY, MANAGED_BY_KEY, ownershipLabels } from '../core/ownership.ts';
import type { Actual, Matrix, TestCase, TestResult } from '../core/types.ts';
import { decideVerdict } from '../probe/verdict.ts';

export interface PredictOptions {
  /** a source namespace missing from the snapshot is created by a run only with this prefix */
  namespacePrefix?: string;
}

export function predictMatrix(
  snapshot: Snapshot,
  matrix: Matrix,
  options: PredictOptions = {},
): TestResult[] {
  const world = withCanaryNamespaces(withKubeDns(snapshot), matrix, options);
  return matrix.tests.map((test) => predictTest(world.snapshot, test, world.missing.get(test.from)));
}

/**
 * Every cluster answers DNS: when the manifests do not describe kube-system's
 * kube-dns Service, it is taken to be the one kubeadm and kind deploy (CoreDNS
 * pods labelled k8s-app=kube-dns, ports 53 UDP and TCP, 9153), so that a test of
 * tcp://kube-dns.kube-system.svc.cluster.local:53 can be predicted.
 */
export function withKubeDns(snapshot: Snapshot): Snapshot {
  if (snapshot.services.some((s) => s.namespace === 'kube-system' && s.name === 'kube-dns')) return snapshot;
  const labels = { 'k8s-app': 'kube-dns' };
  return {
    ...snapshot,
    namespaces: snapshot.namespaces.some((n) => n.name === 'kube-system')
      ? snapshot.namespaces
      : [...snapshot.namespaces, { name: 'kube-system', labels: {} }],
    services: [
      ...snapshot.services,
      {
        namespace: 'kube-system',
        name: 'kube-dns',
        selector: labels,
        ports: [
          { name: 'dns', port: 53, targetPort: 53, protocol: 'UDP' },
          { name: 'dns-tcp', port: 53, targetPort: 53, protocol: 'TCP' },
          { name: 'metrics', port: 9153, targetPort: 9153, protocol: 'TCP' },
        ],
      },
    ],
    pods: snapshot.pods.some((p) => p.namespace === 'kube-system' && p.labels['k8s-app'] === 'kube-dns')
      ? snapshot.pods
      : [
          ...snapshot.pods,
          {
            namespace: 'kube-system',
            name: 'coredns',
            labels,
            ports: [
              { name: 'dns', containerPort: 53, protocol: 'UDP' },
              { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
              { name: 'metrics', containerPort: 9153, protocol: 'TCP' },
            ],
          },
        ],
  };
}

/** The namespaces a run would create, labelled as it would label them. */
function withCanaryNamespaces(
  snapshot: Snapshot,
  matrix: Matrix,
  { namespacePrefix }: PredictOptions,
): { snapshot: Snapshot; missing: Map<string, string> } {
  const namespaces = [...snapshot.namespaces];
  const missing = new Map<string, string>();
  const where = snapshot.where ?? 'the cluster';
  for (const test of matrix.tests) {
    const ns = test.from;
    if (namespaces.some((n) => n.name === ns) || missing.has(ns)) continue;
    if (namespacePrefix !== undefined && (namespacePrefix === '' || !ns.startsWith(namespacePrefix))) {
      missing.set(
        ns,
        `namespace ${ns} is not in ${where}, and a run creates only namespaces starting with the ` +
          `namespace-prefix "${namespacePrefix}": add its Namespace manifest, or rename it`,
      );
      continue;
    }
    const labels = Object.hasOwn(matrix.namespaces, ns) ? (matrix.namespaces[ns]?.labels ?? {}) : {};
    namespaces.push({ name: ns, labels: { ...labels, [MANAGED_BY_KEY]: MANAGED_BY } });
  }
  return { snapshot: { ...snapshot, namespaces }, missing };
}

function predictTest(snapshot: Snapshot, test: TestCase, namespaceProblem: string | undefined): TestResult {
  const where = snapshot.where ?? 'the cluster';
  const base = {
    name: test.name,
    from: test.from,
    labels: test.labels,
    to: test.to,
    expect: test.expect,
    attempts: 0,
    durationMs: 0,
  };
  const cannotTell = (why: string): TestResult => {
    const detail = `predicted from ${where}: ${why}`;
    const { verdict } = decideVerdict(test.expect, { actual: 'error', detail }, false);
    return { ...base, actual: 'error', verdict, detail, explanation: why };
  };
  if (namespaceProblem) return cannotTell(namespaceProblem);

  const resolved = resolveTarget(snapshot, test.target, test.from);
  if (!resolved.ok) return cannotTell(resolved.reason);
  const evaluation = evaluate(
    snapshot,
    // the run label's value differs per run; no policy should depend on it
    { namespace: test.from, labels: test.labels, hiddenLabels: ownershipLabels('predict') },
    resolved.destination,
  );
  const actual = actualOf(evaluation);
  const detail = `predicted from ${where}: ${summary(evaluation, actual)}`;
  const { verdict, detail: verdictDetail } = decideVerdict(test.expect, { actual, detail }, false);
  return {
    ...base,
    actual,
    verdict,
    detail: verdictDetail,
    explanation: explainMismatch(test.expect, actual, evaluation),
  };
}

function actualOf(e: Evaluation): Actual {
  if (e.decision === 'denied') return 'blocked';
  if (e.decision === 'unknown') return 'error';
  return e.dns?.decision === 'denied' ? 'dns-error' : 'allowed';
}

function summary(e: Evaluation, actual: Actual): string {
  switch (actual) {
    case 'allowed':
      return e.reason.startsWith('allowed by') ? e.reason : `allowed: ${e.reason}`;
    case 'blocked':
      return `denied: ${e.reason}`;
    case 'dns-error':
      return `the connection is allowed, but the name would not resolve: ${e.dns?.reason ?? ''}`;
    default:
      return `cannot tell: ${e.reason}`;
  }
}
