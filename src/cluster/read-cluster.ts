// The whole cluster as the policy model reads it, read-only, for `generate
// --from-cluster`: namespaces, then pods, Services and NetworkPolicies across all
// namespaces at once, and the admin-tier and other policy kinds it serves
// (policy-kinds.ts). Canaries of any run are left out: they are not workloads.
import { MANAGED_BY, MANAGED_BY_KEY } from '../core/ownership.ts';
import type { Snapshot } from '../policy/index.ts';
import { describeFailure, type Kubectl } from './kubectl.ts';
import { parseItems } from './namespaces.ts';
import { discoverPolicyKinds, readPolicyKinds } from './policy-kinds.ts';
import { clusterSnapshot } from './snapshot.ts';

const CALL_MS = 60_000;

export async function readCluster(
  k: Kubectl,
): Promise<{ ok: true; snapshot: Snapshot } | { ok: false; error: string }> {
  const get = async (args: string[], what: string): Promise<unknown[] | string> => {
    const r = await k.run({ args: ['get', ...args, '-o', 'json'], timeoutMs: CALL_MS, idempotent: true });
    if (r.code !== 0) {
      const forbidden = /\(Forbidden\)|is forbidden/.test(r.stderr);
      return forbidden
        ? `${what}: this kubeconfig may not list them across all namespaces (grant list on namespaces, pods, services and networkpolicies, cluster-wide)`
        : describeFailure(what, r);
    }
    try {
      return parseItems(r.stdout);
    } catch {
      return `${what}: kubectl printed output that is not JSON`;
    }
  };
  const [namespaces, objects, kinds] = await Promise.all([
    get(['namespaces'], 'Reading namespaces'),
    get(['pods,services,networkpolicies', '-A'], 'Reading pods, Services and NetworkPolicies'),
    discoverPolicyKinds(k, CALL_MS),
  ]);
  if (typeof namespaces === 'string') return { ok: false, error: namespaces };
  if (typeof objects === 'string') return { ok: false, error: objects };
  const names = namespaces.flatMap((n) => {
    const name = (n as { metadata?: { name?: unknown } })?.metadata?.name;
    return typeof name === 'string' ? [name] : [];
  });
  const policies = await readPolicyKinds(k, kinds, names, CALL_MS);
  const workloads = objects.filter(
    (o) =>
      (o as { metadata?: { labels?: Record<string, string> } })?.metadata?.labels?.[MANAGED_BY_KEY] !==
      MANAGED_BY,
  );
  // no run is excluded by id: every canary is already left out above
  const snapshot = clusterSnapshot(
    { namespaces, objects: workloads, policyObjects: policies.items, unread: policies.unread },
    '',
  );
  return { ok: true, snapshot };
}
