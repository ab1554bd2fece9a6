// Does a canary borrow a workload's labels? A Service whose selector its labels match
// lists it in its EndpointSlices; a controller whose selector matches would adopt it
// but for its controller reference; a PodDisruptionBudget that selects it may stop
// allowing disruptions while it runs (see the README, "Canary pods and your workloads").
// Only namespaces that existed before the run can hold such objects: one read-only
// kubectl call each. It never fails the run; a read it may not make is one warning.
import { describeFailure, type Kubectl } from './kubectl.ts';
import { parseItems } from './namespaces.ts';
import { labelsText, matchesSelector, selectorText, type LabelSelector } from '../policy/index.ts';
import { ownershipLabels } from '../core/ownership.ts';
import type { CanaryGroup, Labels } from '../core/types.ts';

const CALL_MS = 30_000;

/** What is read, in one `kubectl get` per namespace. */
export const SELECTING_KINDS = [
  'services',
  'deployments.apps',
  'replicasets.apps',
  'statefulsets.apps',
  'daemonsets.apps',
  'jobs.batch',
  'poddisruptionbudgets.policy',
];

const CONTROLLERS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job']);

interface Selecting {
  kind?: string;
  metadata?: { name?: string; namespace?: string };
  spec?: {
    selector?: Labels | LabelSelector | null;
    publishNotReadyAddresses?: boolean;
    maxUnavailable?: number | string;
    minAvailable?: number | string;
  };
}

export interface NamespaceRead {
  namespace: string;
  items: unknown[];
  /** the kinds the identity may not list there */
  forbidden: string[];
  /** any other failure, as a sentence */
  error?: string;
}

/** One read-only call: the Services, workload controllers and budgets of a namespace. */
export async function readSelecting(k: Kubectl, namespace: string): Promise<NamespaceRead> {
  const r = await k.run({
    args: ['get', SELECTING_KINDS.join(','), '-n', namespace, '-o', 'json'],
    timeoutMs: CALL_MS,
    // retried when the API falters, but for warnings only: never longer than one call's time in all
    deadline: Date.now() + CALL_MS,
    idempotent: true,
  });
  // kubectl prints what it could list and names each kind it may not list
  const forbidden = [...r.stderr.matchAll(/(\S+) is forbidden/g)].map((m) => m[1] ?? '');
  const items = r.stdout.trim() ? parseItems(r.stdout) : [];
  if (r.code === 0 || forbidden.length > 0) return { namespace, items, forbidden };
  return {
    namespace,
    items,
    forbidden,
    error: describeFailure(`Reading the Services and workloads of namespace ${namespace}`, r),
  };
}

/**
 * The warnings, for people: which object selects which canary, what that does while the
 * canary runs, and what to do. `groups` are this run's canaries; `run` its ownership labels
 * (selectors see those too).
 */
export function collisionWarnings(reads: NamespaceRead[], groups: CanaryGroup[], run: string): string[] {
  const warnings: string[] = [];
  for (const read of reads) {
    const canaries = uniqueByLabels(groups.filter((g) => g.namespace === read.namespace));
    for (const item of read.items) {
      const obj = item as Selecting;
      const what = `${obj.kind ?? 'object'} ${read.namespace}/${obj.metadata?.name ?? '?'}`;
      for (const group of canaries) {
        const labels = { ...group.labels, ...ownershipLabels(run) };
        const found = selects(obj, labels);
        if (!found) continue;
        const who = `the canary of ${testNames(groups, group)} (labels ${labelsText(group.labels) || 'none'})`;
        const why = explain(obj, what, found, who);
        if (why) warnings.push(why);
      }
    }
  }
  const cannot = reads.filter((r) => r.forbidden.length > 0 || r.error);
  if (cannot.length > 0) {
    const parts = cannot.map((r) =>
      r.forbidden.length > 0
        ? `${r.namespace} (may not list ${r.forbidden.join(', ')})`
        : `${r.namespace} (${r.error})`,
    );
    warnings.push(
      `Could not check whether a canary's labels match the selector of a Service, a workload or a PodDisruptionBudget in ${parts.join('; ')}. ` +
        `Grant list on ${SELECTING_KINDS.join(', ')} there (examples/rbac.yaml) to have the run check; the run went on.`,
    );
  }
  return warnings;
}

/** The object's selector as text when it selects these labels. */
function selects(obj: Selecting, labels: Labels): string | undefined {
  const sel = obj.spec?.selector;
  if (sel === null || sel === undefined || typeof sel !== 'object') return undefined;
  if (obj.kind === 'Service') {
    // a Service's selector is a plain map; an empty one selects nothing (endpoints are managed by hand)
    const map = sel as Labels;
    if (Object.keys(map).length === 0) return undefined;
    return matchesSelector({ matchLabels: map }, labels) ? labelsText(map) : undefined;
  }
  const selector = sel as LabelSelector;
  if (obj.kind === 'PodDisruptionBudget' || CONTROLLERS.has(obj.kind ?? '')) {
    // policy/v1: an empty PDB selector selects every pod of the namespace
    return matchesSelector(selector, labels) ? selectorText(selector) : undefined;
  }
  return undefined;
}

function explain(obj: Selecting, what: string, selector: string, who: string): string | undefined {
  if (obj.kind === 'Service') {
    if (obj.spec?.publishNotReadyAddresses) {
      return (
        `${what} selects ${who} with ${selector} and publishes not-ready addresses: while the canary runs, ` +
        `the Service's clients (and its DNS name) can reach it. Give these tests labels that no Service selects.`
      );
    }
    return (
      `${what} selects ${who} with ${selector}: the canary is listed in its EndpointSlices as not ready ` +
      `and gets no traffic (a canary is never Ready), but tools that count the Service's endpoints see it. ` +
      `Give these tests labels of their own if that matters.`
    );
  }
  if (obj.kind === 'PodDisruptionBudget') {
    const scaled = obj.spec?.maxUnavailable !== undefined || typeof obj.spec?.minAvailable === 'string';
    if (!scaled) return undefined; // an integer minAvailable counts only Ready pods: no change
    return (
      `${what} selects ${who} with ${selector}: a budget with maxUnavailable or a percentage needs the scale ` +
      `of every selected pod's controller, and a canary's controller is its namespace, so while the canary runs ` +
      `the budget allows no disruptions (evictions and node drains of the workload wait). Give these tests labels ` +
      `that the budget does not select.`
    );
  }
  return (
    `${what} has a selector (${selector}) that matches ${who}: the canary is not adopted (its controller is its ` +
    `namespace), but it shows among the workload's pods wherever pods are listed by these labels. ` +
    `Give these tests labels of their own if that matters.`
  );
}

/** one key for the same labels in any order */
const labelKey = (labels: Labels): string =>
  labelsText(Object.fromEntries(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));

/** a canary group per node may share its labels with another: one warning for them all */
function uniqueByLabels(groups: CanaryGroup[]): CanaryGroup[] {
  const seen = new Map<string, CanaryGroup>();
  for (const g of groups) if (!seen.has(labelKey(g.labels))) seen.set(labelKey(g.labels), g);
  return [...seen.values()];
}

/** "tests \"a\", \"b\"": every test of the namespace with the group's labels. */
function testNames(groups: CanaryGroup[], group: CanaryGroup): string {
  const same = (g: CanaryGroup): boolean =>
    g.namespace === group.namespace && labelKey(g.labels) === labelKey(group.labels);
  const names = groups.filter(same).flatMap((g) => g.tests.map((t) => `"${t.name}"`));
  const shown = names.length > 4 ? [...names.slice(0, 4), `and ${names.length - 4} more`] : names;
  return `${names.length === 1 ? 'test' : 'tests'} ${shown.join(', ')}`;
}
