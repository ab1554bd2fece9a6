// parseManifests: YAML/JSON manifest files to a policy snapshot. Pure: the
// caller reads the files. Multi-document files and `kind: List` are read;
// objects that play no part in NetworkPolicy are counted in one note.
import { LineCounter, parseAllDocuments } from 'yaml';
import { CLUSTER_WIDE_KINDS } from '../policy/unmodelled.ts';
import type { AdminPolicy, Snapshot, UnmodelledPolicy } from '../policy/types.ts';
import type { Result } from '../core/result.ts';
import {
  isObject,
  namespaceFrom,
  objectName,
  podFrom,
  podsFromWorkload,
  policyFrom,
  serviceFrom,
  WORKLOAD_KINDS,
} from './convert.ts';
import { ADMIN_KINDS, adminPolicyFrom, isAdminKind } from './convert-admin.ts';

export interface ManifestFile {
  path: string;
  text: string;
}

export interface LoadedManifests {
  snapshot: Snapshot;
  /** things that were skipped or may make a prediction differ from the cluster */
  warnings: string[];
  /** files or objects that could not be read; they are left out of the snapshot */
  errors: string[];
}

/** Cilium, Calico, Antrea, OVN...: they decide traffic too, but the model does not evaluate them. */
export function isOtherPolicyKind(kind: string): boolean {
  return /NetworkPolicy$/.test(kind) || kind === 'EgressFirewall';
}

export function parseManifests(files: readonly ManifestFile[]): LoadedManifests {
  const adminPolicies: AdminPolicy[] = [];
  const unmodelled: UnmodelledPolicy[] = [];
  const snapshot: Snapshot = {
    namespaces: [],
    pods: [],
    services: [],
    policies: [],
    adminPolicies,
    unmodelled,
    where: 'the manifests',
  };
  const warnings: string[] = [];
  const errors: string[] = [];
  const ignored = new Map<string, number>();
  // kind/namespace/name -> where it was first seen; the last definition wins, as kubectl apply would leave it
  const seen = new Map<string, string>();

  const add = <T>(list: T[], key: (t: T) => string, item: T, at: string): void => {
    const k = key(item);
    const before = seen.get(k);
    if (before !== undefined) {
      warnings.push(`${at}: ${k} is also defined at ${before}; the one defined later is used`);
      const i = list.findIndex((x) => key(x) === k);
      if (i >= 0) list.splice(i, 1);
    }
    seen.set(k, at);
    list.push(item);
  };

  const take = <T>(r: Result<T>, at: string, use: (v: T) => void): void => {
    if (r.ok) use(r.value);
    else errors.push(...r.errors.map((e) => `${at}: ${e}`));
  };

  const visit = (obj: unknown, at: string): void => {
    if (obj === null || obj === undefined) return;
    if (!isObject(obj)) {
      warnings.push(
        `${at}: not a Kubernetes object (a ${Array.isArray(obj) ? 'list' : typeof obj}); skipped`,
      );
      return;
    }
    const kind = obj.kind;
    if (typeof kind !== 'string' || kind === '') {
      warnings.push(`${at}: an object without "kind"; skipped`);
      return;
    }
    if (kind === 'List' || (kind.endsWith('List') && Array.isArray(obj.items))) {
      const items = Array.isArray(obj.items) ? obj.items : [];
      items.forEach((item, i) => visit(item, `${at}, item ${i + 1}`));
      return;
    }
    const apiVersion = typeof obj.apiVersion === 'string' ? obj.apiVersion : '';
    if (kind === 'Namespace') {
      take(namespaceFrom(obj), at, (ns) => add(snapshot.namespaces, (n) => `Namespace ${n.name}`, ns, at));
    } else if (kind === 'Pod') {
      take(podFrom(obj), at, (pod) => add(snapshot.pods, podKey, pod, at));
    } else if (WORKLOAD_KINDS.includes(kind)) {
      take(podsFromWorkload(obj), at, (pods) => pods.forEach((pod) => add(snapshot.pods, podKey, pod, at)));
    } else if (kind === 'Service') {
      take(serviceFrom(obj), at, (svc) =>
        add(snapshot.services, (s) => `Service ${s.namespace}/${s.name}`, svc, at),
      );
    } else if (kind === 'NetworkPolicy' && apiVersion === 'networking.k8s.io/v1') {
      take(policyFrom(obj), at, (p) =>
        add(snapshot.policies, (x) => `NetworkPolicy ${x.metadata.namespace}/${x.metadata.name}`, p, at),
      );
    } else if (isAdminKind(kind, apiVersion)) {
      take(adminPolicyFrom(obj), at, (p) => add(adminPolicies, (x) => `${x.kind} ${x.name}`, p, at));
    } else if (isOtherPolicyKind(kind)) {
      unmodelled.push(unmodelledFrom(obj, kind, apiVersion));
      warnings.push(
        `${at}: ${objectName(obj)} (${apiVersion || 'no apiVersion'}) is not a networking.k8s.io/v1 NetworkPolicy` +
          `${kind in ADMIN_KINDS ? ` nor a ${ADMIN_KINDS[kind]} ${kind}` : ''}; ` +
          `predict does not model it, so the cluster may behave differently`,
      );
    } else {
      ignored.set(kind, (ignored.get(kind) ?? 0) + 1);
    }
  };

  for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    const lines = new LineCounter();
    const docs = parseAllDocuments(file.text, { lineCounter: lines });
    docs.forEach((doc, i) => {
      const offset = doc.contents?.range[0] ?? doc.range[0];
      const where = `${file.path}, line ${lines.linePos(offset).line}`;
      const [first] = doc.errors;
      if (first) {
        const pos = first.linePos?.[0];
        const place = pos
          ? `${file.path}, line ${pos.line}, column ${pos.col}`
          : `${file.path}, document ${i + 1}`;
        const message =
          first.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? first.code;
        errors.push(`${place}: ${message}; fix the YAML (this document was skipped)`);
        return;
      }
      visit(doc.toJS({ maxAliasCount: 1000 }), where);
    });
  }

  if (ignored.size > 0) {
    const kinds = [...ignored.entries()].map(([kind, n]) => (n > 1 ? `${kind} (${n})` : kind)).join(', ');
    warnings.push(`ignored objects that play no part in NetworkPolicy: ${kinds}`);
  }
  return { snapshot, warnings, errors };
}

/** What an explanation needs of a policy it cannot evaluate: its kind and where it applies. */
export function unmodelledFrom(
  obj: Record<string, unknown>,
  kind: string,
  apiVersion: string,
): UnmodelledPolicy {
  const meta = isObject(obj.metadata) ? obj.metadata : {};
  const name = typeof meta.name === 'string' ? meta.name : '(no name)';
  const ns = typeof meta.namespace === 'string' && meta.namespace !== '' ? meta.namespace : undefined;
  // a namespaced kind applied without a namespace lands in "default"
  const namespace = CLUSTER_WIDE_KINDS.has(kind) ? undefined : (ns ?? 'default');
  return { kind, apiVersion, name, ...(namespace !== undefined ? { namespace } : {}) };
}

function podKey(p: { namespace: string; name: string }): string {
  return `Pod ${p.namespace}/${p.name}`;
}
