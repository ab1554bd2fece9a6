// The data that flows between the pure core and the effectful shell.
// Plain data only: everything here can be JSON-serialised.

export type Labels = Record<string, string>;

export type Expect = 'allow' | 'deny';

/** A probe target, parsed and validated. `raw` is what the user wrote. */
export interface Target {
  scheme: 'http' | 'https' | 'tcp';
  raw: string;
  host: string;
  port: number;
  /** path + query for http(s); '' for tcp */
  path: string;
}

export interface Toleration {
  key?: string;
  operator?: 'Exists' | 'Equal';
  value?: string;
  effect?: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
  tolerationSeconds?: number;
}

/** One row of the matrix, validated. */
export interface TestCase {
  /** 0-based position in the matrix's test list */
  index: number;
  name: string;
  from: string;
  labels: Labels;
  to: string;
  target: Target;
  expect: Expect;
  /** pin the canary to this node (issue "Ecosystem") */
  node?: string;
  /** 1-based line of the test in the matrix text, for annotations on that line */
  line?: number;
  /**
   * `none`: the user acknowledges that no allow test proves this deny's address, so the
   * deny-only warning stays quiet and reports say "address not verified".
   */
  control?: 'none';
}

export interface Matrix {
  /** labels for namespaces the action creates */
  namespaces: Record<string, { labels: Labels }>;
  tests: TestCase[];
}

/** The action's inputs, validated. Durations are milliseconds. */
export interface Settings {
  image: string;
  timeoutMs: number;
  readyTimeoutMs: number;
  attempts: number;
  namespacePrefix: string;
  refusedMeansDenied: boolean;
  failOnMismatch: boolean;
  concurrency: number;
  /** a policy enforced later than this after the canary started fails its test (unset: never) */
  maxEnforcementDelayMs?: number;
  context?: string;
  kubectlVersion?: string;
  imagePullSecret?: string;
  nodeSelector?: Labels;
  tolerations?: Toleration[];
}

/** All tests that share one canary pod: same namespace, labels and node. */
export interface CanaryGroup {
  /** stable key, e.g. `dark-tower|app=frontend|` */
  key: string;
  namespace: string;
  labels: Labels;
  node?: string;
  tests: TestCase[];
}

/** What the network did, read from the probe's text. */
export type Actual = 'allowed' | 'blocked' | 'refused' | 'dns-error' | 'error';

export interface Observation {
  actual: Actual;
  /** a short human sentence: what the probe printed, or why it could not run */
  detail: string;
}

export type Verdict = 'pass' | 'fail' | 'inconclusive';

/** One element of the `results` output (names are a public contract). */
export interface TestResult {
  name: string;
  from: string;
  labels: Labels;
  to: string;
  expect: Expect;
  actual: Actual;
  verdict: Verdict;
  detail: string;
  attempts: number;
  durationMs: number;
  /**
   * Only for a test whose result changed once and then held (a deny that connected at first,
   * an allow blocked at first): from when it held, ms after the canary started.
   */
  enforcedAfterMs?: number;
  /** why the policies allow or deny this (issue "Explain and predict") */
  explanation?: string;
}

/** What the reports add under a test that did not pass, besides its result. */
export interface Evidence {
  /** the canary pod's events and status reason, for a canary that never became Ready */
  events?: string[];
  /**
   * the policies the explanation used: NetworkPolicies, and with `kind` the
   * cluster-scoped admin-tier ones (ClusterNetworkPolicy, ...; namespace '')
   */
  policies?: { namespace: string; name: string; kind?: string }[];
}
