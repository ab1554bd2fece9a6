// What a run needs before it probes: which canary pods (one per namespace, labels and
// node), which namespaces to create, and which expectations prove less than they seem.
import { MANAGED_BY_KEY } from '../core/ownership.ts';
import { fail, ok, type Result } from '../core/result.ts';
import { showValue } from '../core/show-value.ts';
import { targetHostPort } from './target.ts';
import type { CanaryGroup, Labels, Matrix, TestCase } from '../core/types.ts';

/** `a=1,b=2`, keys sorted: label keys and values cannot contain "," or "=". */
export function labelsKey(labels: Labels): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k] ?? ''}`)
    .join(',');
}

/** One group per (namespace, labels, node), in order of first appearance. */
export function groupIntoCanaries(tests: readonly TestCase[]): CanaryGroup[] {
  const groups = new Map<string, CanaryGroup>();
  for (const test of tests) {
    const key = `${test.from}|${labelsKey(test.labels)}|${test.node ?? ''}`;
    let group = groups.get(key);
    if (!group) {
      group = { key, namespace: test.from, labels: { ...test.labels }, tests: [] };
      if (test.node !== undefined) group.node = test.node;
      groups.set(key, group);
    }
    group.tests.push(test);
  }
  return [...groups.values()];
}

function testList(tests: readonly TestCase[]): string {
  const shown = tests.slice(0, 5).map((t) => showValue(t.name));
  const more = tests.length > 5 ? ` and ${tests.length - 5} more` : '';
  return `${tests.length === 1 ? 'test' : 'tests'} ${shown.join(', ')}${more}`;
}

/**
 * Which source namespaces to create (missing, with the prefix) and which exist already.
 * A missing namespace without the prefix is an error: the action creates (and later
 * deletes) only namespaces that carry the prefix. Labels under `namespaces:` for one
 * that exists are an error too: we never relabel a namespace we did not create.
 */
export function checkNamespaces(
  matrix: Matrix,
  existing: ReadonlySet<string>,
  prefix: string,
): Result<{ create: string[]; existing: string[] }> {
  const bySource = new Map<string, TestCase[]>();
  for (const t of matrix.tests) {
    const list = bySource.get(t.from) ?? [];
    list.push(t);
    bySource.set(t.from, list);
  }
  const create: string[] = [];
  const present: string[] = [];
  const errors: string[] = [];
  for (const [ns, tests] of bySource) {
    const declared = Object.hasOwn(matrix.namespaces, ns) ? matrix.namespaces[ns] : undefined;
    if (existing.has(ns)) {
      present.push(ns);
      if (declared && Object.keys(declared.labels).length > 0) {
        errors.push(
          `namespace ${showValue(ns)} already exists, but the matrix gives it labels under "namespaces:" (${labelsKey(declared.labels)}); the action never relabels a namespace it did not create: remove those labels, or label the namespace yourself`,
        );
      }
    } else if (prefix !== '' && ns.startsWith(prefix)) {
      create.push(ns);
    } else {
      errors.push(
        `namespace ${showValue(ns)} does not exist (used by ${testList(tests)}); the action creates only namespaces whose names start with the namespace-prefix ${showValue(prefix)}: create it first, or rename it to start with ${showValue(prefix)}`,
      );
    }
  }
  return errors.length > 0 ? fail(...errors) : ok({ create, existing: present });
}

/**
 * One warning per host:port that only deny tests target. A deny passes whenever the
 * connection fails, so a typo in the address would pass too; an allow test to the same
 * address from somewhere proves it is reachable at all.
 */
/** Labels every namespace of this action has besides those a matrix declares. */
const ALWAYS_THERE = ['kubernetes.io/metadata.name', MANAGED_BY_KEY];

/**
 * A prefixed namespace another run created is shared only if it carries exactly the
 * labels this matrix declares for it: otherwise its tests would be judged with the
 * other run's labels. Returns why not, or undefined when it may be shared.
 */
export function sharedLabelsConflict(name: string, actual: Labels, declared: Labels): string | undefined {
  const own = (labels: Labels): Labels =>
    Object.fromEntries(Object.entries(labels).filter(([k]) => !ALWAYS_THERE.includes(k)));
  const have = own(actual);
  const want = own(declared);
  if (labelsKey(have) === labelsKey(want)) return undefined;
  const show = (labels: Labels): string => (Object.keys(labels).length ? `{${labelsKey(labels)}}` : 'none');
  return (
    `namespace ${name} was created by another run of netpol-canary with the labels ${show(have)}, ` +
    `but this matrix declares ${show(want)}: its tests would be judged with the other run's labels. ` +
    `Declare the same labels for it under "namespaces:" in both matrices, or use another namespace name.`
  );
}

export function denyWithoutAllowWarnings(tests: readonly TestCase[]): string[] {
  const byAddress = new Map<string, TestCase[]>();
  for (const t of tests) {
    const hp = targetHostPort(t.target);
    const list = byAddress.get(hp) ?? [];
    list.push(t);
    byAddress.set(hp, list);
  }
  const warnings: string[] = [];
  for (const [hp, list] of byAddress) {
    // tests that say `control: none` know no allow test proves the address: not warned about
    const unacknowledged = list.filter((t) => t.control !== 'none');
    if (unacknowledged.length > 0 && list.every((t) => t.expect === 'deny')) {
      warnings.push(
        `only deny tests target ${hp} (${testList(unacknowledged)}): a deny also passes when the address is wrong (a mistyped IP address or port just times out); add an allow test to ${hp} from a source that may reach it, to prove the address works, or write control: none in the test to say you know`,
      );
    }
  }
  return warnings;
}
