// generateMatrix: a matrix written from the manifests, for a team to review,
// commit, and verify on a cluster with `run`. Every workload (one canary per
// distinct label set in a namespace), and a labelless canary from a namespace
// of its own (the outsider), against every TCP Service port, kube-dns and one
// name outside the cluster; each expectation is what the model predicts, and
// each test says in a comment which policy decides it. Pure: text in, text out.
import { labelsText } from '../policy/index.ts';
import type { LabelSelector, Snapshot } from '../policy/types.ts';
import type { Labels, Matrix, TestCase } from '../core/types.ts';
import { parseTarget } from '../matrix/target.ts';
import { predictMatrix, withKubeDns } from './predict.ts';
import { reachSources } from './reachability.ts';

export interface GenerateOptions {
  /** sources and Services only in these namespaces (kube-dns and the outside name always); default: all but kube-* */
  namespaces?: string[];
  /** at most this many tests; the rest are counted in the header */
  maxTests?: number;
  /** at most this many ports of one Service per source */
  perPair?: number;
  /** a namespace a run creates for a labelless canary; false: none */
  outsider?: string | false;
  /** the target outside the cluster */
  external?: string;
  /** as for predict: which missing namespaces a run creates */
  namespacePrefix?: string;
}

export interface GeneratedTest {
  test: TestCase;
  /** the deciding policy, in the model's words */
  because: string;
}

export interface Generated {
  matrix: Matrix;
  tests: GeneratedTest[];
  /** candidates the model cannot predict, or probes cannot check: name and why */
  leftOut: { name: string; why: string }[];
  /** over maxTests */
  dropped: number;
  /** a canary a Service would select, so probes to it may land on the canary */
  warnings: string[];
  text: string;
}

export const DEFAULT_OUTSIDER = 'canary-test-outsider';
export const DEFAULT_EXTERNAL = 'https://example.com/';
const DNS_URL = 'tcp://kube-dns.kube-system.svc.cluster.local:53';

interface Source {
  namespace: string;
  labels: Labels;
  display: string;
}

interface Candidate {
  name: string;
  from: string;
  labels: Labels;
  to: string;
}

export function generateMatrix(snapshot: Snapshot, options: GenerateOptions = {}): Generated {
  const world = withKubeDns(snapshot);
  // no canary goes into kube-system and its kind unless asked for by name
  const inScope = (ns: string): boolean =>
    options.namespaces ? options.namespaces.includes(ns) : !ns.startsWith('kube-');
  const warnings: string[] = [];
  const leftOut: { name: string; why: string }[] = [];
  const keys = policyLabelKeys(world);

  const sources: Source[] = [];
  for (const s of reachSources(snapshot).filter((x) => inScope(x.namespace))) {
    const labels = canaryLabels(world, s.namespace, s.labels, keys, warnings, s.display);
    if (sources.some((x) => x.namespace === s.namespace && labelsText(x.labels) === labelsText(labels)))
      continue;
    sources.push({ namespace: s.namespace, labels, display: s.display });
  }
  const outsider = options.outsider === undefined ? DEFAULT_OUTSIDER : options.outsider;
  if (outsider)
    sources.push({ namespace: outsider, labels: {}, display: `${outsider} (a pod without labels)` });

  const services = [...snapshot.services]
    .filter((svc) => inScope(svc.namespace))
    .sort((a, b) => `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`));
  const external = options.external ?? DEFAULT_EXTERNAL;
  const candidates: Candidate[] = [];
  for (const source of sources) {
    const c = (target: string, to: string): Candidate => ({
      name: `${source.display} -> ${target}`,
      from: source.namespace,
      labels: source.labels,
      to,
    });
    candidates.push(
      c('DNS (kube-dns, TCP port 53)', DNS_URL),
      c(`${external} (outside the cluster)`, external),
    );
    for (const svc of services) {
      const tcp = svc.ports.filter((p) => p.protocol === 'TCP');
      for (const p of svc.ports.filter((x) => x.protocol !== 'TCP')) {
        leftOut.push({
          name: `${source.display} -> Service ${svc.namespace}/${svc.name} ${p.protocol} port ${p.port}`,
          why: `probes connect over TCP only`,
        });
      }
      for (const p of tcp.slice(0, options.perPair ?? tcp.length)) {
        candidates.push(
          c(
            `Service ${svc.namespace}/${svc.name} port ${p.port}`,
            `tcp://${svc.name}.${svc.namespace}.svc.cluster.local:${p.port}`,
          ),
        );
      }
    }
  }

  // expectations as predicted; a test the model cannot decide is left out, with why
  const first = predictOnce(snapshot, candidates, options);
  for (const c of candidates) {
    const target = parseTarget(c.to);
    if (!target.ok) leftOut.push({ name: c.name, why: target.errors.join('; ') });
  }
  const decided: TestCase[] = [];
  first.results.forEach((r, i) => {
    const test = first.tests[i] as TestCase;
    if (r.actual === 'allowed' || r.actual === 'blocked') {
      decided.push({ ...test, expect: r.actual === 'allowed' ? 'allow' : 'deny' });
    } else leftOut.push({ name: test.name, why: r.explanation ?? r.detail });
  });
  const max = options.maxTests ?? decided.length;
  const kept = decided.slice(0, max).map((t, index) => ({ ...t, index }));
  const matrix: Matrix = { namespaces: {}, tests: kept };
  const final = predictMatrix(snapshot, matrix, {
    namespacePrefix: options.namespacePrefix ?? 'canary-test-',
  });
  const tests = kept.map((test, i) => ({ test, because: final[i]?.explanation ?? '' }));
  const generated = { matrix, tests, leftOut, dropped: decided.length - kept.length, warnings };
  return { ...generated, text: renderMatrix(generated, snapshot.where ?? 'the manifests') };
}

function predictOnce(
  snapshot: Snapshot,
  candidates: Candidate[],
  options: GenerateOptions,
): { tests: TestCase[]; results: ReturnType<typeof predictMatrix> } {
  const tests: TestCase[] = candidates.flatMap((c, index) => {
    const target = parseTarget(c.to);
    return target.ok ? [{ index, ...c, target: target.value, expect: 'allow' as const }] : [];
  });
  const results = predictMatrix(
    snapshot,
    { namespaces: {}, tests },
    { namespacePrefix: options.namespacePrefix ?? 'canary-test-' },
  );
  return { tests, results };
}

/** Every label key a pod selector of any policy reads: those a canary must keep. */
function policyLabelKeys(snapshot: Snapshot): Set<string> {
  const keys = new Set<string>();
  const add = (s: LabelSelector | undefined): void => {
    for (const k of Object.keys(s?.matchLabels ?? {})) keys.add(k);
    for (const e of s?.matchExpressions ?? []) keys.add(e.key);
  };
  for (const p of snapshot.policies) {
    add(p.spec.podSelector);
    for (const r of p.spec.ingress ?? []) for (const peer of r.from ?? []) add(peer.podSelector);
    for (const r of p.spec.egress ?? []) for (const peer of r.to ?? []) add(peer.podSelector);
  }
  for (const p of snapshot.adminPolicies ?? []) {
    add(p.subject.pods?.podSelector);
    for (const r of [...p.ingress, ...p.egress]) for (const peer of r.peers) add(peer.pods?.podSelector);
  }
  return keys;
}

/**
 * The workload's labels, less those that only make a Service select it: a canary
 * that a Service selects becomes one of its endpoints, and probes to the Service
 * could land on it. Labels a policy reads are kept, so the canary is judged as
 * the workload is.
 */
function canaryLabels(
  snapshot: Snapshot,
  namespace: string,
  labels: Labels,
  policyKeys: Set<string>,
  warnings: string[],
  display: string,
): Labels {
  const out = { ...labels };
  const selecting = (l: Labels): string[] =>
    snapshot.services
      .filter(
        (s) =>
          s.namespace === namespace &&
          Object.keys(s.selector).length > 0 &&
          Object.entries(s.selector).every(([k, v]) => l[k] === v),
      )
      .map((s) => s.name);
  for (const name of selecting(out)) {
    const svc = snapshot.services.find((s) => s.namespace === namespace && s.name === name);
    for (const k of Object.keys(svc?.selector ?? {})) if (!policyKeys.has(k)) delete out[k];
  }
  const still = selecting(out);
  if (still.length > 0) {
    warnings.push(
      `the canary for ${display} carries the labels Service ${still.map((s) => `${namespace}/${s}`).join(', ')} ` +
        `selects, because policies read them: probes to that Service may land on the canary`,
    );
  }
  return out;
}

function renderMatrix(g: Omit<Generated, 'text'>, where: string): string {
  const q = (s: string): string => JSON.stringify(s);
  const labels = (l: Labels): string =>
    `{ ${Object.entries(l)
      .map(([k, v]) => `${q(k)}: ${q(v)}`)
      .join(', ')} }`.replace('{  }', '{}');
  const comment = (text: string, indent: string): string[] =>
    text.split('\n').map((line) => `${indent}# ${line}`);
  const lines = [
    `# Generated by netpol-canary generate from ${where}: ${g.tests.length} tests, each expectation`,
    '# predicted by the policy model, each comment the policy that decides it. Review it, commit it,',
    '# and verify it on a cluster with `netpol-canary run`.',
  ];
  if (g.dropped > 0) lines.push(`# ${g.dropped} more tests were left out by --max-tests.`);
  for (const w of g.warnings) lines.push(...comment(`warning: ${w}`, ''));
  if (g.leftOut.length > 0) {
    lines.push('# Not generated:');
    for (const l of g.leftOut) lines.push(...comment(`  ${l.name}: ${l.why}`, ''));
  }
  lines.push('tests:');
  for (const { test, because } of g.tests) {
    lines.push(
      ...comment(because, '  '),
      `  - name: ${q(test.name)}`,
      `    from: ${q(test.from)}`,
      `    labels: ${labels(test.labels)}`,
      `    to: ${q(test.to)}`,
      `    expect: ${test.expect}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
