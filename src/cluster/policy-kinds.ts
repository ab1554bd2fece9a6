// Which policy kinds besides NetworkPolicy the cluster serves, found by read-only
// discovery (`kubectl api-resources`, which every authenticated user may call),
// and their objects where this run may list them. The admin tiers
// (ClusterNetworkPolicy, AdminNetworkPolicy, BaselineAdminNetworkPolicy) are
// modelled; Cilium, Calico, Antrea... are only named. A kind this run may not
// list is named too, so that an explanation never blames the CNI for it.
import { kindText } from '../policy/index.ts';
import { isAdminKind, isOtherPolicyKind } from '../predict/index.ts';
import { describeFailure, type Kubectl, type KubectlResult } from './kubectl.ts';
import { parseItems } from './namespaces.ts';

export interface ServedKind {
  /** `ciliumnetworkpolicies.cilium.io`, as kubectl get takes it */
  resource: string;
  apiVersion: string;
  kind: string;
  namespaced: boolean;
}

export interface PolicyKinds {
  /** modelled: read cluster-wide */
  admin: ServedKind[];
  /** named only */
  other: ServedKind[];
  /** why discovery gave nothing, when it failed */
  problem?: string;
}

/** A kind whose objects could not be read, as the explanation names it. */
export interface Unread {
  text: string;
  /** absent: cluster-wide */
  namespace?: string;
}

/**
 * `kubectl api-resources -o wide`, a table whose columns line up under its header
 * (NAME SHORTNAMES APIVERSION NAMESPACED KIND VERBS CATEGORIES); SHORTNAMES is
 * often empty, so the header's positions are used, not the words.
 */
export function parseApiResources(text: string): ServedKind[] {
  const [header, ...rows] = text.split('\n');
  if (!header) return [];
  const at = (name: string): number => header.search(new RegExp(`\\b${name}\\b`));
  const cols = ['NAME', 'APIVERSION', 'NAMESPACED', 'KIND', 'VERBS'].map(at);
  if (cols.some((c) => c < 0)) return [];
  const [name, apiVersion, namespaced, kind, verbs] = cols as [number, number, number, number, number];
  const cell = (row: string, from: number, to: number): string => row.slice(from, to).trim();
  return rows.flatMap((row) => {
    if (row.trim() === '') return [];
    const version = cell(row, apiVersion, namespaced);
    const group = version.includes('/') ? version.slice(0, version.indexOf('/')) : '';
    const resource = cell(row, name, apiVersion).split(/\s+/)[0] ?? '';
    return [
      {
        resource: group ? `${resource}.${group}` : resource,
        apiVersion: version,
        kind: cell(row, kind, verbs),
        namespaced: cell(row, namespaced, kind) === 'true',
      },
    ];
  });
}

export function policyKindsOf(served: ServedKind[]): PolicyKinds {
  const admin = served.filter((s) => isAdminKind(s.kind, s.apiVersion));
  const other = served.filter(
    (s) =>
      !admin.includes(s) &&
      isOtherPolicyKind(s.kind) &&
      !(s.kind === 'NetworkPolicy' && s.apiVersion === 'networking.k8s.io/v1'),
  );
  return { admin, other };
}

export async function discoverPolicyKinds(k: Kubectl, timeoutMs: number): Promise<PolicyKinds> {
  const r = await k.run({ args: ['api-resources', '-o', 'wide'], timeoutMs, idempotent: true });
  // an aggregated API that is down (metrics-server, say) fails the command, yet kubectl
  // still prints every other group: what it printed is used
  const served = parseApiResources(r.stdout);
  if (r.code !== 0 && served.length === 0) {
    return { admin: [], other: [], problem: describeFailure('Listing the API resource types', r) };
  }
  return policyKindsOf(served);
}

/**
 * The objects of the discovered kinds, in one call across all namespaces. Where
 * that is forbidden (least privilege grants per namespace), a namespaced kind is
 * read in each namespace involved instead, and a kind that may not be listed
 * there either is returned as Unread. kubectl prints what it could read when
 * one resource of several is forbidden, so the rest of an answer is kept.
 */
export async function readPolicyKinds(
  k: Kubectl,
  kinds: PolicyKinds,
  namespaces: string[],
  timeoutMs: number,
): Promise<{ items: unknown[]; unread: Unread[] }> {
  const unread: Unread[] = [];
  if (kinds.problem) {
    unread.push({ text: `policies of kinds other than NetworkPolicy (${kinds.problem})` });
  }
  const all = [...kinds.admin, ...kinds.other];
  if (all.length === 0) return { items: [], unread };
  const first = await readKinds(k, all, undefined, timeoutMs);
  const retry = first.failed.filter((s) => s.namespaced);
  unread.push(...first.failed.filter((s) => !s.namespaced).map((s) => unreadOf(s, undefined, first.why)));
  const again =
    retry.length > 0 ? await Promise.all(namespaces.map((ns) => readKinds(k, retry, ns, timeoutMs))) : [];
  again.forEach((a, i) => unread.push(...a.failed.map((s) => unreadOf(s, namespaces[i], a.why))));
  return { items: [...first.items, ...again.flatMap((a) => a.items)], unread };
}

function unreadOf(s: ServedKind, namespace: string | undefined, why: string): Unread {
  return {
    // a modelled kind needs no group; another group's NetworkPolicy does
    text: `${plural(isAdminKind(s.kind, s.apiVersion) ? s.kind : kindText(s.kind, s.apiVersion))}${namespace ? ` in ${namespace}` : ''} (${why})`,
    ...(namespace ? { namespace } : {}),
  };
}

/** One `kubectl get` of several kinds, in a namespace or across all (-A). */
async function readKinds(
  k: Kubectl,
  kinds: ServedKind[],
  namespace: string | undefined,
  timeoutMs: number,
): Promise<{ items: unknown[]; failed: ServedKind[]; why: string }> {
  const resources = kinds.map((s) => s.resource).join(',');
  const r = await k.run({
    args: ['get', resources, ...(namespace ? ['-n', namespace] : ['-A']), '-o', 'json'],
    timeoutMs,
    idempotent: true,
  });
  const items = parsedItems(r);
  if (r.code === 0 && items) return { items, failed: [], why: '' };
  const forbidden = kinds.filter((s) => isForbiddenFor(r, s));
  if (forbidden.length > 0)
    return { items: items ?? [], failed: forbidden, why: 'this run may not list them' };
  const where = namespace ? ` in ${namespace}` : '';
  return { items: items ?? [], failed: kinds, why: describeFailure(`Reading ${resources}${where}`, r) };
}

function parsedItems(r: KubectlResult): unknown[] | undefined {
  if (r.stdout.trim() === '') return r.code === 0 ? [] : undefined;
  try {
    return parseItems(r.stdout);
  } catch {
    return undefined;
  }
}

/** `cannot list resource "ciliumnetworkpolicies" in API group "cilium.io"` */
function isForbiddenFor(r: KubectlResult, s: ServedKind): boolean {
  const [resource, ...group] = s.resource.split('.');
  return r.stderr.includes(`cannot list resource "${resource}" in API group "${group.join('.')}"`);
}

function plural(kind: string): string {
  return kind.replace(/^(\S+?)(y?)( \(.*\))?$/, (_, stem: string, y: string, rest = '') =>
    y ? `${stem}ies${rest}` : `${stem}s${rest}`,
  );
}

/** Whether an admin-tier policy read has a `nodes` peer: only then are the nodes worth a read. */
export function needsNodes(items: unknown[]): boolean {
  return items.some((item) => {
    const spec = (item as { spec?: { egress?: unknown } })?.spec;
    const egress = Array.isArray(spec?.egress) ? spec.egress : [];
    return egress.some(
      (rule: { to?: unknown }) =>
        Array.isArray(rule?.to) && rule.to.some((peer: { nodes?: unknown }) => peer?.nodes != null),
    );
  });
}

/**
 * The nodes, for `nodes` peers: labels and addresses. Listing nodes is a
 * cluster-wide right few runs have; without it a nodes peer stays undecided.
 */
export async function readNodes(k: Kubectl, timeoutMs: number): Promise<unknown[] | undefined> {
  const r = await k.run({ args: ['get', 'nodes', '-o', 'json'], timeoutMs, idempotent: true });
  return r.code === 0 ? parsedItems(r) : undefined;
}
