// After a real run: for every test that did not pass, which policy decided it.
// Read-only and cheap: one `kubectl get networkpolicies,pods,services` per
// namespace involved, one read of the namespaces and one `kubectl api-resources`
// (which policy kinds the cluster serves besides NetworkPolicy), at once; then,
// only when such kinds exist, one read of the cluster-wide ones and one per
// namespace of the namespaced ones (policy-kinds.ts). A namespace that
// a name like <service>.<namespace> only might name is read once it is known to
// exist, so example.com costs no read of a namespace "com". It never
// throws and never changes a verdict: at worst a test's explanation says why
// there is none.
import { canarySource, clusterSnapshot, targetNamespaces } from './snapshot.ts';
import { describeFailure, type Kubectl, type KubectlResult } from './kubectl.ts';
import { namespacesByName, parseItems } from './namespaces.ts';
import { discoverPolicyKinds, needsNodes, readNodes, readPolicyKinds } from './policy-kinds.ts';
import { evaluate, explainMismatch, resolveTarget } from '../policy/index.ts';
import type { Evaluation } from '../policy/index.ts';
import type { TestCase, TestResult } from '../core/types.ts';

const CALL_MS = 30_000;
const UNAVAILABLE = 'explanation unavailable';

export interface ExplainOptions {
  /** this run's identity: its canaries are the sources, not part of the cluster */
  run: string;
  /** deadline of each kubectl call */
  timeoutMs?: number;
  /** told, per test (its index), the NetworkPolicies its explanation used */
  onPolicies?: (index: number, policies: PolicyRef[]) => void;
}

/** What one read gave: the objects, or the sentence a test shows instead of an explanation. */
type Read = { ok: true; items: unknown[] } | { ok: false; why: string };

/** results[i] belongs to tests[i]; returns the results with `explanation` on those that did not pass. */
export async function explainResults(
  k: Kubectl,
  tests: TestCase[],
  results: TestResult[],
  opts: ExplainOptions,
): Promise<TestResult[]> {
  const todo = results.flatMap((r, i) => {
    const test = tests[i];
    return r.verdict !== 'pass' && test ? [{ i, test }] : [];
  });
  if (todo.length === 0) return results;
  try {
    return await explain(k, todo, results, opts);
  } catch (e) {
    // a bug in the model must not cost the run its results
    const why = `${UNAVAILABLE}: the policy model failed (${e instanceof Error ? e.message : String(e)})`;
    return results.map((r) => (r.verdict === 'pass' ? r : { ...r, explanation: why }));
  }
}

async function explain(
  k: Kubectl,
  todo: { i: number; test: TestCase }[],
  results: TestResult[],
  opts: ExplainOptions,
): Promise<TestResult[]> {
  const timeoutMs = opts.timeoutMs ?? CALL_MS;
  // per test: the namespaces it needs (its source first), and those that only might be namespaces
  const needs = todo.map(({ test }) => targetNamespaces(test));
  const certain = unique(needs.flatMap((n) => n.certain));
  const maybe = unique(needs.flatMap((n) => n.maybe)).filter((ns) => !certain.includes(ns));

  const reading = certain.map((ns) => readObjects(k, ns, timeoutMs));
  const discovering = discoverPolicyKinds(k, timeoutMs);
  const nsRead = await readNamespaces(k, [...certain, ...maybe], timeoutMs);
  const existing = new Set(
    nsRead.ok ? nsRead.items.map((item) => (item as { metadata?: { name?: string } })?.metadata?.name) : [],
  );
  // read only once known to exist: a name like example.com merely looks like <service>.<namespace>
  const alsoRead = maybe.filter((ns) => existing.has(ns));
  const kinds = await discovering;
  const [reads, policyReads] = await Promise.all([
    Promise.all([...reading, ...alsoRead.map((ns) => readObjects(k, ns, timeoutMs))]),
    readPolicyKinds(k, kinds, [...certain, ...alsoRead], timeoutMs),
  ]);
  const nodes = needsNodes(policyReads.items) ? await readNodes(k, timeoutMs) : undefined;
  const byNamespace = new Map([...certain, ...alsoRead].map((ns, i) => [ns, reads[i] as Read]));
  const objects = [...byNamespace.values()].flatMap((r) => (r.ok ? r.items : []));
  const snapshot = nsRead.ok
    ? clusterSnapshot(
        {
          namespaces: nsRead.items,
          objects,
          policyObjects: policyReads.items,
          unread: policyReads.unread,
          ...(nodes ? { nodes } : {}),
        },
        opts.run,
      )
    : undefined;

  const out = [...results];
  todo.forEach(({ i, test }, n) => {
    const need = needs[n] as { certain: string[]; maybe: string[] };
    const failed = [...need.certain, ...need.maybe].map((ns) => byNamespace.get(ns)).find((r) => r && !r.ok);
    let explanation: string;
    if (failed && !failed.ok) explanation = failed.why;
    else if (!nsRead.ok || !snapshot) explanation = nsRead.ok ? UNAVAILABLE : nsRead.why;
    else {
      const e = explainOne(snapshot, test, results[i] as TestResult, objects, opts.run);
      explanation = e.text;
      opts.onPolicies?.(i, e.policies);
    }
    out[i] = { ...(results[i] as TestResult), explanation };
  });
  return out;
}

function explainOne(
  snapshot: ReturnType<typeof clusterSnapshot>,
  test: TestCase,
  result: TestResult,
  objects: unknown[],
  run: string,
): { text: string; policies: PolicyRef[] } {
  const resolved = resolveTarget(snapshot, test.target, test.from);
  if (!resolved.ok) return { text: resolved.reason, policies: [] };
  const evaluation = evaluate(snapshot, canarySource(test, objects, run), resolved.destination);
  return { text: explainMismatch(test.expect, result.actual, evaluation), policies: policiesOf(evaluation) };
}

/** The policies that judged the connection: those selecting the source (egress) and the destination (ingress). */
type PolicyRef = { namespace: string; name: string; kind?: string };

/** "dark-tower/default-deny", or an admin-tier policy as tiers.ts names it: "ClusterNetworkPolicy deny-all (priority 10)". */
function policiesOf(e: Evaluation): PolicyRef[] {
  const refs = [...(e.egress?.selectedBy ?? []), ...(e.ingress?.selectedBy ?? [])];
  return unique(refs).flatMap((ref): PolicyRef[] => {
    const admin = /^(ClusterNetworkPolicy|AdminNetworkPolicy|BaselineAdminNetworkPolicy) (\S+)/.exec(ref);
    if (admin) return [{ namespace: '', name: admin[2] as string, kind: admin[1] as string }];
    const at = ref.indexOf('/');
    return at > 0 ? [{ namespace: ref.slice(0, at), name: ref.slice(at + 1) }] : [];
  });
}

async function readObjects(k: Kubectl, namespace: string, timeoutMs: number): Promise<Read> {
  const r = await k.run({
    args: ['get', 'networkpolicies,pods,services', '-n', namespace, '-o', 'json'],
    timeoutMs,
    idempotent: true,
  });
  if (r.code === 0) return parsed(r);
  if (isForbidden(r)) {
    const resource = /cannot (?:list|get|watch) resource "([^"]+)"/.exec(r.stderr)?.[1] ?? 'networkpolicies';
    return {
      ok: false,
      why:
        `${UNAVAILABLE}: cannot list ${resource} in ${namespace} ` +
        `(grant get/list on networkpolicies, pods and services to explain failures)`,
    };
  }
  return {
    ok: false,
    why: `${UNAVAILABLE}: ${describeFailure(`Reading networkpolicies, pods and services in ${namespace}`, r)}`,
  };
}

async function readNamespaces(k: Kubectl, names: string[], timeoutMs: number): Promise<Read> {
  // kube-system for kube-dns, which every lookup of a name needs to reach
  const r = await k.run({
    ...namespacesByName(unique([...names, 'kube-system'])),
    timeoutMs,
    idempotent: true,
  });
  if (r.code === 0) return parsed(r);
  if (isForbidden(r)) {
    return {
      ok: false,
      why: `${UNAVAILABLE}: cannot get namespaces (grant get on namespaces to explain failures)`,
    };
  }
  return { ok: false, why: `${UNAVAILABLE}: ${describeFailure('Reading namespaces', r)}` };
}

function parsed(r: KubectlResult): Read {
  try {
    return { ok: true, items: parseItems(r.stdout) };
  } catch {
    return { ok: false, why: `${UNAVAILABLE}: kubectl printed output that is not JSON` };
  }
}

function isForbidden(r: KubectlResult): boolean {
  return !r.timedOut && /\(Forbidden\)|is forbidden/.test(r.stderr);
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}
