// SelfSubjectAccessReview and SelfSubjectRulesReview, answered from the same deny
// rules that guard real requests, so `kubectl auth can-i` agrees with what happens.
import type { Rbac } from './rbac.ts';
import { RESOURCES } from './resources.ts';
import { SUBRESOURCE_KIND } from './discovery.ts';
import { badRequest, invalid, required } from './status.ts';
import type { Obj } from './store.ts';

export const accessReview = (rbac: Rbac, body: unknown): Obj => {
  if (typeof body !== 'object' || body === null)
    throw badRequest('the body of the request is not a SelfSubjectAccessReview object');
  const review = structuredClone(body) as Obj;
  const spec = review.spec ?? {};
  const ra = spec.resourceAttributes;
  const nra = spec.nonResourceAttributes;
  const gr = { resource: 'selfsubjectaccessreviews', group: 'authorization.k8s.io' };
  if (!ra && !nra)
    throw invalid('SelfSubjectAccessReview', gr, '', [
      required(
        'spec.resourceAttributes',
        'exactly one of nonResourceAttributes or resourceAttributes must be specified',
      ),
    ]);
  let allowed = true;
  if (ra) {
    allowed = rbac.allowed({
      verb: String(ra.verb ?? ''),
      resource: String(ra.resource ?? ''),
      ...(ra.subresource ? { subresource: String(ra.subresource) } : {}),
      ...(ra.namespace ? { namespace: String(ra.namespace) } : {}),
      group: String(ra.group ?? ''),
      ...(ra.name ? { name: String(ra.name) } : {}),
    });
  }
  return {
    kind: 'SelfSubjectAccessReview',
    apiVersion: 'authorization.k8s.io/v1',
    metadata: { ...(review.metadata ?? {}), creationTimestamp: null },
    spec,
    status: allowed
      ? { allowed: true, reason: 'RBAC: allowed by the API double (no deny rule matches)' }
      : { allowed: false },
  };
};

export const rulesReview = (rbac: Rbac, body: unknown): Obj => {
  const review = (typeof body === 'object' && body !== null ? structuredClone(body) : {}) as Obj;
  const namespace: string | undefined = review.spec?.namespace || undefined;
  const resourceRules: Obj[] = [];
  for (const def of RESOURCES) {
    for (const sub of [undefined, ...def.subresources]) {
      const verbs = (sub ? (SUBRESOURCE_KIND[sub]?.verbs ?? ['get']) : def.verbs).filter((verb) =>
        rbac.allowed({
          verb,
          resource: def.resource,
          group: def.group,
          ...(sub ? { subresource: sub } : {}),
          ...(namespace ? { namespace } : {}),
        }),
      );
      if (verbs.length)
        resourceRules.push({
          verbs,
          apiGroups: [def.group],
          resources: [sub ? `${def.resource}/${sub}` : def.resource],
        });
    }
  }
  return {
    kind: 'SelfSubjectRulesReview',
    apiVersion: 'authorization.k8s.io/v1',
    metadata: { creationTimestamp: null },
    spec: review.spec ?? {},
    status: {
      resourceRules,
      nonResourceRules: [
        {
          verbs: ['get'],
          nonResourceURLs: [
            '/api',
            '/api/*',
            '/apis',
            '/apis/*',
            '/healthz',
            '/openapi',
            '/openapi/*',
            '/version',
            '/version/',
          ],
        },
      ],
      incomplete: false,
    },
  };
};
