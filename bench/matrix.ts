// The bench's matrices: shaped like a platform team's real one. Several source
// namespaces (some that exist already, some prefixed ones the action creates, with
// labels), several workloads (label sets) per namespace, each probing a mix of
// in-cluster services and external endpoints over http, https and tcp. Every other
// test is a deny, and the network drops those packets, so every canary's exec waits
// its whole probe timeout: the slow case, as on a CNI that drops rather than rejects.
import type { NetworkFn } from '../test/cluster/types.ts';

export type Labels = Record<string, string>;

export interface BenchTest {
  name: string;
  from: string;
  labels: Labels;
  to: string;
  expect: 'allow' | 'deny';
}

export interface BenchMatrix {
  tests: BenchTest[];
  /** namespaces the action creates (prefixed), with the labels the matrix gives them */
  created: Record<string, { labels: Labels }>;
  /** namespaces that exist before the run: the bench creates them in the double */
  existing: string[];
  /** one per (namespace, label set) */
  canaries: { namespace: string; labels: Labels; tests: BenchTest[] }[];
}

export const NAMESPACE_PREFIX = 'canary-test-';

const TEAMS = [
  'shop',
  'payments',
  'identity',
  'search',
  'inventory',
  'billing',
  'media',
  'analytics',
  'ml',
  'ops',
];

// distinct `app` values, so that no label set is a subset of another in the same namespace
const WORKLOADS: Labels[] = [
  { app: 'frontend', tier: 'web' },
  { app: 'checkout', tier: 'api' },
  { app: 'worker', tier: 'jobs' },
  { app: 'cache-warmer' },
  { app: 'reporting', team: 'data' },
];

const TARGETS = [
  'http://api.payments.svc.cluster.local:8080/healthz',
  'tcp://postgres.billing.svc.cluster.local:5432',
  'https://example.com/',
  'tcp://redis.shop.svc.cluster.local:6379',
  'http://search.search.svc.cluster.local:9200/_cluster/health',
  'tcp://kafka.analytics.svc.cluster.local:9092',
  'https://api.github.com/',
  'http://metadata.google.internal/computeMetadata/v1/',
  'tcp://10.96.0.10:53',
  'http://grafana.ops.svc.cluster.local:3000/api/health',
  'tcp://mysql.inventory.svc.cluster.local:3306',
  'https://registry.npmjs.org/',
  'http://auth.identity.svc.cluster.local/.well-known/openid-configuration',
  'tcp://mongo.media.svc.cluster.local:27017',
  'http://169.254.169.254/latest/meta-data/',
  'tcp://rabbitmq.billing.svc.cluster.local:5672',
  'https://hooks.slack.com/',
  'http://prometheus.ops.svc.cluster.local:9090/-/ready',
  'tcp://memcached.shop.svc.cluster.local:11211',
  'http://model.ml.svc.cluster.local:8501/v1/models/ranker',
  'tcp://smtp.example.org:587',
  'http://kubernetes.default.svc/healthz',
  'tcp://elasticsearch.search.svc.cluster.local:9300',
  'https://storage.googleapis.com/',
];

/**
 * `tests` tests over `canaries` canaries (tests / canaries each). Two canaries: two
 * namespaces with one workload each; more: five workloads per namespace. With an even
 * number of canaries exactly half of the tests are denies.
 */
export function benchMatrix(tests: number, canaries: number): BenchMatrix {
  if (canaries < 2 || canaries % 2 !== 0 || tests % canaries !== 0) {
    throw new Error(
      `a bench matrix needs an even number of canaries (${canaries}) and tests (${tests}) a multiple of it`,
    );
  }
  const perCanary = tests / canaries;
  if (perCanary > TARGETS.length) {
    throw new Error(`a canary can probe at most ${TARGETS.length} distinct targets, not ${perCanary}`);
  }
  const perNamespace = canaries <= 2 ? 1 : WORKLOADS.length;
  const namespaceCount = Math.ceil(canaries / perNamespace);
  // even positions exist already; odd ones are prefixed and created by the action
  const namespaces = Array.from({ length: namespaceCount }, (_, i) => {
    const team = `${TEAMS[i % TEAMS.length] ?? 'team'}${i >= TEAMS.length ? `-${Math.floor(i / TEAMS.length)}` : ''}`;
    return i % 2 === 0 ? team : `${NAMESPACE_PREFIX}${team}`;
  });

  const matrix: BenchMatrix = { tests: [], created: {}, existing: [], canaries: [] };
  for (const ns of namespaces) {
    if (ns.startsWith(NAMESPACE_PREFIX)) {
      matrix.created[ns] = {
        labels: {
          team: ns.slice(NAMESPACE_PREFIX.length),
          'pod-security.kubernetes.io/enforce': 'baseline',
        },
      };
    } else {
      matrix.existing.push(ns);
    }
  }

  for (let c = 0; c < canaries; c++) {
    const namespace = namespaces[Math.floor(c / perNamespace)] ?? '';
    const labels = WORKLOADS[c % perNamespace] ?? {};
    const canary = { namespace, labels, tests: [] as BenchTest[] };
    for (let j = 0; j < perCanary; j++) {
      const k = matrix.tests.length;
      // canaries 2i and 2i+1 probe the same targets with opposite expectations, so
      // every target has an allow (a deny alone passes for a mistyped address too)
      const to = TARGETS[(Math.floor(c / 2) * 5 + j) % TARGETS.length] ?? '';
      const test: BenchTest = {
        name: `${namespace}/${labels.app ?? 'pod'} → ${to} (#${k + 1})`,
        from: namespace,
        labels,
        to,
        expect: (c + j) % 2 === 0 ? 'allow' : 'deny',
      };
      canary.tests.push(test);
      matrix.tests.push(test);
    }
    matrix.canaries.push(canary);
  }
  return matrix;
}

/** The matrix input, as a user would write it (JSON is YAML). */
export function matrixText(m: BenchMatrix): string {
  return JSON.stringify({ namespaces: m.created, tests: m.tests }, null, 2);
}

/** host and port of a target URL or tcp://host:port, as the network sees them */
export function hostPort(to: string): { host: string; port: number } {
  const u = new URL(to);
  const port = u.port ? Number(u.port) : u.protocol === 'https:' ? 443 : u.protocol === 'http:' ? 80 : 0;
  return { host: u.hostname.replace(/^\[|\]$/g, '').toLowerCase(), port };
}

/**
 * The cluster network the matrix expects: a deny test's (namespace, app, host:port)
 * drops its packets (the probe waits its whole timeout); everything else connects
 * and HTTP answers 200.
 */
export function benchNetwork(m: BenchMatrix): NetworkFn {
  const key = (ns: string, app: string, host: string, port: number): string =>
    `${ns}|${app}|${host.toLowerCase()}:${port}`;
  const dropped = new Set(
    m.tests
      .filter((t) => t.expect === 'deny')
      .map((t) => {
        const { host, port } = hostPort(t.to);
        return key(t.from, t.labels.app ?? '', host, port);
      }),
  );
  return (src, host, port) =>
    dropped.has(key(src.namespace, src.labels.app ?? '', host, port))
      ? { kind: 'timeout' }
      : { kind: 'allowed', status: 200 };
}

/** every connection the matrix's probes make, for the exec service to answer in advance */
export function benchConnections(
  m: BenchMatrix,
): { host: string; port: number; scheme: 'http' | 'https' | 'tcp' }[] {
  const seen = new Map<string, { host: string; port: number; scheme: 'http' | 'https' | 'tcp' }>();
  for (const t of m.tests) {
    const { host, port } = hostPort(t.to);
    const scheme = t.to.startsWith('https:') ? 'https' : t.to.startsWith('http:') ? 'http' : 'tcp';
    seen.set(`${scheme} ${host} ${port}`, { host, port, scheme });
  }
  return [...seen.values()];
}
