// The simulated pod network: the test says what each connection attempt does.
import { isIP } from 'node:net';
import { ICMP_REJECTS, type Labels, type NetOutcome, type NetSource, type NetworkFn } from './types.ts';

const SIMPLE = [
  'allowed',
  'refused',
  'timeout',
  'dns-failure',
  'dns-timeout',
  'hang',
  'closed',
  'tls-alert',
  'not-tls',
] as const;
type Simple = (typeof SIMPLE)[number];

/** A NetOutcome, a kind that needs nothing else, `icmp-<type>`, or an HTTP status. */
export type OutcomeSpec = NetOutcome | Simple | `icmp-${(typeof ICMP_REJECTS)[number]}` | number;

export interface NetRule {
  /** who connects; every field given must match (labels: a subset of the pod's labels) */
  from?: { namespace?: string; pod?: string; labels?: Labels };
  /** 'host:port', 'host' (any port), '*' (anything), or a predicate */
  to: string | ((host: string, port: number, scheme: 'http' | 'https' | 'tcp') => boolean);
  outcome: OutcomeSpec;
}

/** Normalises the short forms; a number is the HTTP status of an allowed connection. */
export function outcome(spec: OutcomeSpec): NetOutcome {
  if (typeof spec === 'number') {
    if (!Number.isInteger(spec) || spec < 100 || spec > 599) {
      throw new Error(`network outcome ${spec} is not an HTTP status: use a whole number from 100 to 599`);
    }
    return { kind: 'allowed', status: spec };
  }
  if (typeof spec === 'string') {
    if ((SIMPLE as readonly string[]).includes(spec)) return { kind: spec as Simple };
    const icmp = ICMP_REJECTS.find((t) => spec === `icmp-${t}`);
    if (icmp) return { kind: 'icmp', type: icmp };
    throw new Error(
      `network outcome '${String(spec)}' is unknown: use ${SIMPLE.join(', ')}, ${ICMP_REJECTS.map((t) => `icmp-${t}`).join(', ')} or a status`,
    );
  }
  return spec;
}

/** A NetworkFn from an ordered rule list: the first matching rule wins, else `fallback`. */
export function rules(list: NetRule[], fallback: OutcomeSpec = 'allowed'): NetworkFn {
  // Parse everything up front so a typo fails where the test builds its network.
  const compiled = list.map((rule) => ({
    from: rule.from,
    to: compileTarget(rule.to),
    outcome: outcome(rule.outcome),
  }));
  const otherwise = outcome(fallback);
  return (src, host, port, scheme) => {
    for (const rule of compiled) {
      if (matchesSource(rule.from, src) && rule.to(host, port, scheme)) return rule.outcome;
    }
    return otherwise;
  };
}

function matchesSource(from: NetRule['from'], src: NetSource): boolean {
  if (!from) return true;
  if (from.namespace !== undefined && from.namespace !== src.namespace) return false;
  if (from.pod !== undefined && from.pod !== src.pod) return false;
  return Object.entries(from.labels ?? {}).every(([k, v]) => src.labels[k] === v);
}

function compileTarget(
  to: NetRule['to'],
): (host: string, port: number, scheme: 'http' | 'https' | 'tcp') => boolean {
  if (typeof to === 'function') return to;
  if (to === '*') return () => true;
  const { host, port } = splitHostPort(to);
  const want = host.toLowerCase();
  return (h, p) => bare(h).toLowerCase() === want && (port === undefined || p === port);
}

/** 'web:80' → web, 80; '[::1]:80' → ::1, 80; 'web' and '::1' have no port. */
function splitHostPort(text: string): { host: string; port?: number } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  if (bracketed)
    return { host: bracketed[1]!, port: bracketed[2] === undefined ? undefined : Number(bracketed[2]) };
  if (isIP(text) === 6) return { host: text };
  const m = /^(.+):(\d+)$/.exec(text);
  if (m) return { host: m[1]!, port: Number(m[2]) };
  if (text === '' || text.includes(':')) {
    throw new Error(`network rule target '${text}' is not 'host', 'host:port' or '*'`);
  }
  return { host: text };
}

function bare(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/**
 * A stable fake address per host name, so probe texts look like a cluster's:
 * IP literals are themselves, in-cluster names land in the service range
 * 10.96.0.0/12, everything else in the benchmarking range 198.18.0.0/15.
 */
export function fakeIp(host: string): string {
  const h = bare(host);
  if (isIP(h)) return h;
  const name = h.toLowerCase().replace(/\.$/, '');
  const hash = fnv1a(name);
  const inCluster = !name.includes('.') || /\.(svc|cluster\.local|svc\.cluster\.local)$/.test(name);
  // Keep the last octet in 1..254: no network or broadcast look-alikes.
  const span = inCluster ? 1 << 20 : 1 << 17;
  let offset = hash % span;
  if ((offset & 0xff) === 0) offset += 1;
  if ((offset & 0xff) === 0xff) offset -= 1;
  const base = inCluster ? (10 << 24) | (96 << 16) : (198 << 24) | (18 << 16);
  const n = (base + offset) >>> 0;
  return [n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff].join('.');
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** One stretch of a pod's life: for its first `untilMs` (since it started), `network` decides. */
export interface AgePhase {
  untilMs: number;
  network: NetworkFn | OutcomeSpec;
}

/**
 * A network that changes with the time since the source pod started, as CNIs that program a
 * new pod asynchronously do: the first phase whose `untilMs` has not passed decides, then
 * `then`. `startedAt(src)` is when the pod started (ms since the epoch: its container's
 * `cluster.podStartedAtMs(ns, name)`, exact where the API's timestamps have whole seconds); a
 * pod with no start time yet is in the
 * first phase. Examples: `[{ untilMs: 2000, network: 'timeout' }]` drops everything for two
 * seconds (a network not up yet); `[{ untilMs: 2400, network: 'allowed' }]` leaves the pod
 * unprotected for 2.4 s before the policies hold (enforcement lag).
 */
export function byPodAge(
  phases: AgePhase[],
  then: NetworkFn,
  startedAt: (src: NetSource) => number | undefined,
  now: () => number = Date.now,
): NetworkFn {
  const compiled = phases.map((p) => ({
    untilMs: p.untilMs,
    network: typeof p.network === 'function' ? p.network : constant(outcome(p.network)),
  }));
  return (src, host, port, scheme) => {
    const start = startedAt(src);
    const age = start === undefined ? 0 : now() - start;
    const phase = compiled.find((p) => age < p.untilMs);
    return (phase?.network ?? then)(src, host, port, scheme);
  };
}

function constant(o: NetOutcome): NetworkFn {
  return () => o;
}
