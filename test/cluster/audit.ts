// What each request is, in the apiserver's RequestInfo terms, for the audit log,
// RBAC and fault matching.

export type AuditVerb =
  | 'get'
  | 'list'
  | 'watch'
  | 'create'
  | 'update'
  | 'patch'
  | 'delete'
  | 'deletecollection'
  | 'exec'
  | 'discovery'
  | 'other';

export interface AuditEntry {
  time: string;
  method: string;
  path: string;
  query: Record<string, string>;
  verb: AuditVerb;
  resource?: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  code: number;
  userAgent: string;
}

export interface RequestInfo {
  verb: AuditVerb;
  /** true for /api/... and /apis/... resource paths */
  isResource: boolean;
  group: string;
  version: string;
  resource?: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

const DISCOVERY = /^\/(api|apis|version|openapi|healthz|livez|readyz)(\/|$)/;

export const requestInfo = (
  method: string,
  pathname: string,
  query: URLSearchParams,
  namespacedResources: Set<string>,
): RequestInfo => {
  const parts = pathname
    .split('/')
    .filter((p) => p !== '')
    .map(decodeURIComponent);
  let rest: string[];
  let group = '';
  let version = '';
  if (parts[0] === 'api' && parts.length >= 2) {
    version = parts[1]!;
    rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts.length >= 3) {
    group = parts[1]!;
    version = parts[2]!;
    rest = parts.slice(3);
  } else {
    return { verb: DISCOVERY.test(pathname) ? 'discovery' : 'other', isResource: false, group, version };
  }
  if (rest.length === 0) return { verb: 'discovery', isResource: false, group, version };
  let namespace: string | undefined;
  // /namespaces/{ns}/{resource}/... is namespaced; /namespaces/{name}[/{sub}] is the namespace itself
  if (rest[0] === 'namespaces' && rest.length >= 3 && namespacedResources.has(rest[2]!)) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [resource, name, subresource] = rest;
  if (rest.length > 3) return { verb: 'other', isResource: true, group, version, resource, namespace };
  const watch = query.get('watch') === 'true' || query.get('watch') === '1';
  let verb: AuditVerb;
  switch (method) {
    case 'GET':
    case 'HEAD':
      verb = watch ? 'watch' : name ? 'get' : 'list';
      break;
    case 'POST':
      verb = 'create';
      break;
    case 'PUT':
      verb = 'update';
      break;
    case 'PATCH':
      verb = 'patch';
      break;
    case 'DELETE':
      verb = name ? 'delete' : 'deletecollection';
      break;
    default:
      verb = 'other';
  }
  if (subresource === 'exec') verb = 'exec';
  if (resource === 'namespaces' && name && !subresource && !namespace) namespace = name;
  return {
    verb,
    isResource: true,
    group,
    version,
    ...(resource ? { resource } : {}),
    ...(subresource ? { subresource } : {}),
    ...(namespace ? { namespace } : {}),
    ...(name ? { name } : {}),
  };
};

/** The RBAC verb of a request: exec is `create` on pods/exec (or `get` for a GET). */
export const rbacVerb = (info: RequestInfo, method: string): string => {
  if (info.verb === 'exec') return method === 'GET' ? 'get' : 'create';
  return info.verb;
};
