// Server-side printing: the meta.k8s.io/v1 Table that plain `kubectl get` asks for.
import type { Obj } from './store.ts';

interface Column {
  name: string;
  type: string;
  format?: string;
  description: string;
  priority: number;
  cell: (o: Obj, now: number) => unknown;
}

/** duration.HumanDuration, as the AGE column prints it */
export const humanDuration = (ms: number): string => {
  const s = Math.floor(ms / 1000);
  if (s < -1) return '<invalid>';
  if (s < 0) return '0s';
  if (s < 60 * 2) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return s % 60 === 0 ? `${m}m` : `${m}m${s % 60}s`;
  if (m < 60 * 3) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 8) return m % 60 === 0 ? `${h}h` : `${h}h${m % 60}m`;
  if (h < 48) return `${h}h`;
  if (h < 24 * 8) return h % 24 === 0 ? `${Math.floor(h / 24)}d` : `${Math.floor(h / 24)}d${h % 24}h`;
  if (h < 24 * 365 * 2) return `${Math.floor(h / 24)}d`;
  if (h < 24 * 365 * 8) return `${Math.floor(h / 24 / 365)}y${Math.floor(h / 24) % 365}d`;
  return `${Math.floor(h / 24 / 365)}y`;
};

const age = (o: Obj, now: number): string => {
  const t = Date.parse(o.metadata?.creationTimestamp ?? '');
  return Number.isNaN(t) ? '<unknown>' : humanDuration(now - t);
};

const col = (name: string, cell: Column['cell'], priority = 0, type = 'string', format?: string): Column => ({
  name,
  type,
  ...(format ? { format } : {}),
  description: name,
  priority,
  cell,
});

const nameCol = col('Name', (o) => o.metadata.name, 0, 'string', 'name');
const ageCol = col('Age', age);

const podStatus = (p: Obj): string => {
  if (p.metadata.deletionTimestamp) return 'Terminating';
  if (p.status?.reason) return p.status.reason;
  for (const s of p.status?.containerStatuses ?? []) {
    if (s.state?.waiting?.reason) return s.state.waiting.reason;
    if (s.state?.terminated?.reason) return s.state.terminated.reason;
  }
  return p.status?.phase ?? 'Unknown';
};

const selectorText = (sel: Obj | undefined): string => {
  const parts = Object.entries(sel?.matchLabels ?? {}).map(([k, v]) => `${k}=${String(v)}`);
  for (const e of sel?.matchExpressions ?? [])
    parts.push(`${e.key} ${String(e.operator).toLowerCase()} (${(e.values ?? []).join(',')})`);
  return parts.length ? parts.join(',') : '<none>';
};

const COLUMNS: Record<string, Column[]> = {
  pods: [
    nameCol,
    col('Ready', (p) => {
      const cs = p.status?.containerStatuses ?? [];
      return `${cs.filter((s: Obj) => s.ready).length}/${(p.spec?.containers ?? []).length}`;
    }),
    col('Status', podStatus),
    col('Restarts', (p) =>
      String((p.status?.containerStatuses ?? []).reduce((n: number, s: Obj) => n + (s.restartCount ?? 0), 0)),
    ),
    ageCol,
    col('IP', (p) => p.status?.podIP ?? '<none>', 1),
    col('Node', (p) => p.spec?.nodeName ?? '<none>', 1),
    col('Nominated Node', (p) => p.status?.nominatedNodeName ?? '<none>', 1),
    col(
      'Readiness Gates',
      // as the apiserver's printer: gates whose condition is True, of all gates
      (p) => {
        const gates: Obj[] = p.spec?.readinessGates ?? [];
        if (gates.length === 0) return '<none>';
        const isTrue = (g: Obj): boolean =>
          (p.status?.conditions ?? []).some((c: Obj) => c.type === g.conditionType && c.status === 'True');
        return `${gates.filter(isTrue).length}/${gates.length}`;
      },
      1,
    ),
  ],
  namespaces: [nameCol, col('Status', (n) => n.status?.phase ?? ''), ageCol],
  services: [
    nameCol,
    col('Type', (s) => s.spec?.type ?? 'ClusterIP'),
    col('Cluster-IP', (s) => s.spec?.clusterIP ?? '<none>'),
    col('External-IP', (s) => s.spec?.externalName ?? '<none>'),
    col(
      'Port(s)',
      (s) => (s.spec?.ports ?? []).map((p: Obj) => `${p.port}/${p.protocol ?? 'TCP'}`).join(',') || '<none>',
    ),
    ageCol,
    col(
      'Selector',
      (s) =>
        Object.entries(s.spec?.selector ?? {})
          .map(([k, v]) => `${k}=${String(v)}`)
          .join(',') || '<none>',
      1,
    ),
  ],
  networkpolicies: [
    nameCol,
    col('Pod-Selector', (n) =>
      selectorText(n.spec?.podSelector) === '<none>' ? '<none>' : selectorText(n.spec?.podSelector),
    ),
    ageCol,
  ],
  nodes: [
    nameCol,
    col('Status', (n) => (n.spec?.unschedulable ? 'Ready,SchedulingDisabled' : 'Ready')),
    col('Roles', (n) => {
      const roles = Object.keys(n.metadata.labels ?? {})
        .filter((k) => k.startsWith('node-role.kubernetes.io/'))
        .map((k) => k.slice('node-role.kubernetes.io/'.length));
      return roles.length ? roles.join(',') : '<none>';
    }),
    ageCol,
    col('Version', (n) => n.status?.nodeInfo?.kubeletVersion ?? ''),
    col(
      'Internal-IP',
      (n) => (n.status?.addresses ?? []).find((a: Obj) => a.type === 'InternalIP')?.address ?? '<none>',
      1,
    ),
  ],
  // core/v1 and events.k8s.io/v1 name these fields differently
  events: [
    col('Last Seen', (e, now) =>
      humanDuration(
        now - Date.parse(e.lastTimestamp ?? e.deprecatedLastTimestamp ?? e.metadata.creationTimestamp),
      ),
    ),
    col('Type', (e) => e.type ?? ''),
    col('Reason', (e) => e.reason ?? ''),
    col('Object', (e) => {
      const ref = e.involvedObject ?? e.regarding ?? {};
      return `${String(ref.kind ?? '').toLowerCase()}/${ref.name ?? ''}`;
    }),
    col('Message', (e) => e.message ?? e.note ?? ''),
  ],
};

const defaultColumns = [nameCol, col('Created At', (o) => o.metadata.creationTimestamp ?? '', 0, 'date')];

export const toTable = (
  resource: string,
  items: Obj[],
  resourceVersion: string,
  includeObject: string | null,
  withColumns = true,
): Obj => {
  const cols = COLUMNS[resource] ?? defaultColumns;
  const now = Date.now();
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion },
    columnDefinitions: withColumns ? cols.map(({ cell: _c, ...d }) => d) : [],
    rows: items.map((o) => ({
      cells: cols.map((c) => c.cell(o, now)),
      object:
        includeObject === 'None'
          ? undefined
          : includeObject === 'Object'
            ? o
            : { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata },
    })),
  };
};

export const partialMetadata = (o: Obj): Obj => ({
  kind: 'PartialObjectMetadata',
  apiVersion: 'meta.k8s.io/v1',
  metadata: o.metadata,
});
