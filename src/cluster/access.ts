// Least privilege, checked before anything is created: one SelfSubjectAccessReview
// per (verb, resource, namespace) the run will need, all sent by one kubectl call.
import { describeFailure, type Kubectl } from './kubectl.ts';
import { documents } from './manifests.ts';
import { parseItems } from './namespaces.ts';

export interface Permission {
  verb: string;
  resource: string;
  subresource?: string;
  /** absent for cluster-scoped resources */
  namespace?: string;
}

/** What a run needs, given its source namespaces and the ones it creates or shares. */
export function requiredPermissions(sources: string[], managed: string[], creates: boolean): Permission[] {
  const needs: Permission[] = [];
  for (const namespace of sources) {
    needs.push(
      { verb: 'create', resource: 'pods', namespace },
      { verb: 'list', resource: 'pods', namespace },
      { verb: 'watch', resource: 'pods', namespace },
      { verb: 'delete', resource: 'pods', namespace },
    );
    // no pods/exec: a canary probes by itself. get pods/log is not asked for here: it is read
    // only for a canary whose results do not fit its termination message (canary-results.ts)
  }
  if (creates) needs.push({ verb: 'create', resource: 'namespaces' });
  if (managed.length > 0) {
    needs.push({ verb: 'patch', resource: 'namespaces' }, { verb: 'delete', resource: 'namespaces' });
  }
  return needs;
}

export function describePermission(p: Permission): string {
  const what = p.subresource ? `${p.resource}/${p.subresource}` : p.resource;
  return p.namespace ? `${p.verb} ${what} in namespace ${p.namespace}` : `${p.verb} ${what} (cluster-wide)`;
}

function review(p: Permission): object {
  return {
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SelfSubjectAccessReview',
    spec: {
      resourceAttributes: {
        group: '',
        verb: p.verb,
        resource: p.resource,
        ...(p.subresource ? { subresource: p.subresource } : {}),
        ...(p.namespace ? { namespace: p.namespace } : {}),
      },
    },
  };
}

/**
 * The permissions that are denied. When the cluster cannot answer access
 * reviews at all, says why instead: the run goes on and any refusal surfaces
 * where it happens.
 */
export async function missingPermissions(
  k: Kubectl,
  needs: Permission[],
): Promise<{ missing: Permission[] } | { unknown: string }> {
  if (needs.length === 0) return { missing: [] };
  const r = await k.run({
    args: ['create', '-f', '-', '-o', 'json', '--validate=false'],
    stdin: documents(needs.map(review)),
    timeoutMs: 30_000,
    idempotent: true,
  });
  if (r.code !== 0) return { unknown: describeFailure('Checking permissions', r) };
  const items = parseItems(r.stdout);
  if (items.length !== needs.length) {
    return { unknown: 'Checking permissions: the answers did not match the questions' };
  }
  const missing = needs.filter(
    (_, i) => (items[i] as { status?: { allowed?: boolean } })?.status?.allowed !== true,
  );
  return { missing };
}
