// The matrix of expectations, as users write it in YAML or JSON:
//
//   namespaces:                 # optional: labels for namespaces the action creates
//     canary-test-frontend: { labels: { team: web } }
//   tests:
//     - { from: canary-test-frontend, labels: { app: web }, to: "http://api.shop:8080/", expect: allow }
//
// or just the list of tests. Every problem is reported at once, each with its line.
import { namespaceNameErrors, labelsErrors, nodeNameErrors } from './k8s-names.ts';
import { fail, ok, type Result } from '../core/result.ts';
import { quoteHint, showValue } from '../core/show-value.ts';
import { didYouMean, suggest } from './suggest.ts';
import { parseTarget } from './target.ts';
import type { Expect, Labels, Matrix, TestCase } from '../core/types.ts';
import { readYamlText, type YamlText } from './yaml-text.ts';
import { labelsKey } from './plan.ts';

export const MAX_TESTS = 5000;
export const MAX_MATRIX_BYTES = 1024 * 1024;
export const MAX_NAME_LENGTH = 200;
export const MAX_ERRORS_LISTED = 100;

const TEST_FIELDS = ['name', 'from', 'labels', 'to', 'expect', 'node', 'control'];
const TOP_FIELDS = ['namespaces', 'tests'];
const NAMESPACE_FIELDS = ['labels'];

/**
 * The name of a test that has none: `dark-tower [app=frontend] -> http://…`, so that
 * tests differing only in their labels (or node) have different names.
 */
export function defaultTestName(from: string, to: string, labels: Labels = {}, node?: string): string {
  const key = labelsKey(labels);
  return `${from}${key === '' ? '' : ` [${key}]`}${node === undefined ? '' : ` on ${node}`} -> ${to}`;
}

type Path = (string | number)[];

export function parseMatrix(text: string, source: string): Result<Matrix> {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_MATRIX_BYTES) {
    return fail(`${source}: the matrix is ${bytes} bytes; the limit is 1 MiB (${MAX_MATRIX_BYTES} bytes)`);
  }
  const y = readYamlText(text, source);
  if (!y.ok) return y;
  const errors: string[] = [];
  const at = (path: Path, which: 'key' | 'value' = 'value'): string =>
    `${source}, line ${y.value.line(path, which)}`;
  const doc = y.value.value;

  let testsValue: unknown;
  let testsPath: Path;
  let namespacesValue: unknown;
  if (Array.isArray(doc)) {
    testsValue = doc;
    testsPath = [];
  } else if (isMap(doc)) {
    for (const key of Object.keys(doc)) {
      if (!TOP_FIELDS.includes(key)) {
        errors.push(
          `${at([key], 'key')}: unknown field ${showValue(key)}${didYouMean(key, TOP_FIELDS)}; a matrix has "tests" and, optionally, "namespaces"`,
        );
      }
    }
    if (!Object.hasOwn(doc, 'tests')) {
      errors.push(`${source}: the matrix has no "tests" list; write tests: followed by a list of tests`);
      return capped(errors);
    }
    testsValue = doc.tests;
    testsPath = ['tests'];
    namespacesValue = doc.namespaces;
  } else if (doc === null || doc === undefined) {
    return fail(`${source}: the matrix is empty; write a list of tests, each with from, to and expect`);
  } else {
    return fail(
      `${source}: the matrix must be a list of tests, or a map with "tests" (and optionally "namespaces"), got ${showValue(doc)}`,
    );
  }

  if (!Array.isArray(testsValue)) {
    errors.push(`${at(testsPath)}: "tests" must be a list of tests, got ${showValue(testsValue)}`);
    return capped(errors);
  }
  if (testsValue.length === 0) {
    errors.push(
      `${at(testsPath)}: the list of tests is empty; add at least one test with from, to and expect`,
    );
    return capped(errors);
  }
  if (testsValue.length > MAX_TESTS) {
    errors.push(`${at(testsPath)}: the matrix has ${testsValue.length} tests; the limit is ${MAX_TESTS}`);
    return capped(errors);
  }

  const tests: TestCase[] = [];
  const names: (string | undefined)[] = [];
  testsValue.forEach((item: unknown, index) => {
    const r = readTest(item, index, [...testsPath, index], at, errors);
    if (r.test) r.test.line = y.value.line([...testsPath, index]);
    names.push(r.name);
    if (r.test) tests.push(r.test);
  });

  // Names identify tests in reports, annotations and JUnit: they must be unique. Checked
  // on every test with a name, also those with other errors, to report all at once.
  const firstWithName = new Map<string, number>();
  names.forEach((name, index) => {
    if (name === undefined) return;
    const first = firstWithName.get(name);
    if (first === undefined) {
      firstWithName.set(name, index);
      return;
    }
    const item = testsValue[index];
    const why =
      isMap(item) && typeof item.name === 'string'
        ? 'names must be unique: rename one of them'
        : 'this test has no name, so its name was made from "from", "labels" and "to", and the two test the same thing: remove one, or add a name: to tell them apart';
    errors.push(
      `${at([...testsPath, index])}: test #${index + 1} (${showValue(name)}): the name is already used by test #${first + 1} (line ${y.value.line([...testsPath, first])}); ${why}`,
    );
  });

  // Sources as written, also by tests with errors, so that one typo elsewhere in a test
  // does not make its namespace look unused.
  const froms = testsValue.flatMap((item: unknown) =>
    isMap(item) && typeof item.from === 'string' ? [item.from] : [],
  );
  const namespaces = readNamespaces(namespacesValue, froms, y.value, source, errors);
  if (errors.length > 0) return capped(errors);
  return ok({ namespaces, tests });
}

/** In the order of the file (whole-matrix errors last), at most MAX_ERRORS_LISTED of them. */
function capped(errors: string[]): { ok: false; errors: string[] } {
  const lineOf = (e: string): number => Number(/^[^\n]*?, line (\d+)/.exec(e)?.[1] ?? Infinity);
  const sorted = errors
    .map((e, i) => ({ e, i, line: lineOf(e) }))
    .sort((a, b) => a.line - b.line || a.i - b.i)
    .map(({ e }) => e);
  if (sorted.length <= MAX_ERRORS_LISTED) return fail(...sorted);
  return fail(...sorted.slice(0, MAX_ERRORS_LISTED), `… and ${sorted.length - MAX_ERRORS_LISTED} more`);
}

function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Uint8Array);
}

function readTest(
  item: unknown,
  index: number,
  path: Path,
  at: (path: Path, which?: 'key' | 'value') => string,
  errors: string[],
): { test?: TestCase; name?: string } {
  const n = index + 1;
  if (!isMap(item)) {
    errors.push(`${at(path)}: test #${n}: must be a map with from, to and expect, got ${showValue(item)}`);
    return {};
  }
  const explicitName = typeof item.name === 'string' ? item.name : undefined;
  const from = typeof item.from === 'string' ? item.from : undefined;
  const to = typeof item.to === 'string' ? item.to : undefined;
  // the labels as written, those with text values (the others are reported below)
  const rawLabels = isMap(item.labels) ? item.labels : {};
  const shownLabels = Object.fromEntries(
    Object.entries(rawLabels).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v]] : [])),
  );
  const rawNode = typeof item.node === 'string' ? item.node : undefined;
  const name =
    explicitName ??
    (from !== undefined && to !== undefined ? defaultTestName(from, to, shownLabels, rawNode) : undefined);
  const header = `test #${n}${name === undefined ? '' : ` (${showValue(name)})`}`;
  const before = errors.length;
  const fieldError = (field: string, msg: string, which: 'key' | 'value' = 'value'): void => {
    errors.push(`${at([...path, field], which)}: ${header}, field ${JSON.stringify(field)}: ${msg}`);
  };
  // a field written with a typo is "unknown (did you mean …?)"; it is not also "missing"
  const misspelled = new Set(
    Object.keys(item)
      .filter((key) => !TEST_FIELDS.includes(key))
      .map((key) => suggest(key, TEST_FIELDS)),
  );
  const missing = (field: string, how: string): void => {
    if (misspelled.has(field)) return;
    errors.push(`${at(path)}: ${header}: the field ${JSON.stringify(field)} is missing; ${how}`);
  };

  for (const key of Object.keys(item)) {
    if (!TEST_FIELDS.includes(key)) {
      fieldError(
        key,
        `unknown field${didYouMean(key, TEST_FIELDS)}; the fields are ${TEST_FIELDS.join(', ')}`,
        'key',
      );
    }
  }

  if (Object.hasOwn(item, 'name')) {
    if (explicitName === undefined)
      fieldError('name', `must be a string, got ${showValue(item.name)}${quoteHint(item.name)}`);
    else if (explicitName.trim() === '')
      fieldError('name', 'must not be empty; leave it out to use "<from> [<labels>] -> <to>"');
    else if (explicitName.length > MAX_NAME_LENGTH) {
      fieldError('name', `is ${explicitName.length} characters long; the limit is ${MAX_NAME_LENGTH}`);
    }
    // eslint-disable-next-line no-control-regex -- control characters are what we refuse
    else if (/[\u0000-\u001f\u007f]/.test(explicitName))
      fieldError('name', 'must be one line, without control characters');
  }

  if (!Object.hasOwn(item, 'from'))
    missing('from', 'write the source namespace, as in from: canary-test-frontend');
  else if (from === undefined) fieldError('from', `must be a namespace name, got ${showValue(item.from)}`);
  else for (const m of namespaceNameErrors(from)) fieldError('from', `${showValue(from)}: ${m}`);

  const labels = readLabels(item.labels, (msg, key) =>
    errors.push(
      `${at(key === undefined ? [...path, 'labels'] : [...path, 'labels', key], key === undefined ? 'value' : 'key')}: ${header}, field "labels": ${msg}`,
    ),
  );

  let target;
  if (!Object.hasOwn(item, 'to'))
    missing('to', 'write the target, as in to: http://api.shop:8080/ or to: tcp://db.shop:5432');
  else if (to === undefined) fieldError('to', `must be a URL or tcp://host:port, got ${showValue(item.to)}`);
  else {
    const r = parseTarget(to);
    if (r.ok) target = r.value;
    else r.errors.forEach((e) => fieldError('to', e));
  }

  let expect: Expect | undefined;
  if (!Object.hasOwn(item, 'expect')) missing('expect', 'write expect: allow or expect: deny');
  else if (item.expect === 'allow' || item.expect === 'deny') expect = item.expect;
  else fieldError('expect', `must be "allow" or "deny", got ${showValue(item.expect)}`);

  let node: string | undefined;
  if (Object.hasOwn(item, 'node')) {
    if (typeof item.node !== 'string')
      fieldError('node', `must be a node name, got ${showValue(item.node)}${quoteHint(item.node)}`);
    else {
      node = item.node;
      for (const m of nodeNameErrors(node)) fieldError('node', `${showValue(node)}: ${m}`);
    }
  }

  let control: 'none' | undefined;
  if (Object.hasOwn(item, 'control')) {
    if (item.control !== 'none')
      fieldError(
        'control',
        `must be "none" (no allow test proves this address, and you know it), got ${showValue(item.control)}`,
      );
    else if (expect === 'allow')
      fieldError('control', 'only a deny test may say control: none; an allow test proves its own address');
    else control = 'none';
  }

  if (errors.length > before || name === undefined || from === undefined || to === undefined) return { name };
  if (target === undefined || expect === undefined || labels === undefined) return { name };
  const test: TestCase = { index, name, from, labels, to, target, expect };
  if (node !== undefined) test.node = node;
  if (control !== undefined) test.control = control;
  return { test, name };
}

/** Labels as a map of strings; `labels:` left empty means none. */
function readLabels(value: unknown, report: (msg: string, key?: string) => void): Labels | undefined {
  if (value === undefined || value === null) return {};
  if (!isMap(value)) {
    report(`must be a map of label keys to values, as in { app: frontend }, got ${showValue(value)}`);
    return undefined;
  }
  let good = true;
  const entries: [string, string][] = [];
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== 'string') {
      report(`the value of ${showValue(key)} must be a string, got ${showValue(v)}${quoteHint(v)}`, key);
      good = false;
      continue;
    }
    // fromEntries defines own properties: a "__proto__" key cannot reach a prototype.
    const errs = labelsErrors(Object.fromEntries([[key, v]]), '');
    errs.forEach((e) => report(e, key));
    if (errs.length > 0) good = false;
    entries.push([key, v]);
  }
  return good ? Object.fromEntries(entries) : undefined;
}

function readNamespaces(
  value: unknown,
  froms: string[],
  y: YamlText,
  source: string,
  errors: string[],
): Matrix['namespaces'] {
  const out: Matrix['namespaces'] = {};
  if (value === undefined || value === null) return out;
  const at = (path: Path, which: 'key' | 'value' = 'value'): string =>
    `${source}, line ${y.line(path, which)}`;
  if (!isMap(value)) {
    errors.push(
      `${at(['namespaces'])}: "namespaces" must be a map of namespace names, as in { canary-test-web: { labels: { team: web } } }, got ${showValue(value)}`,
    );
    return out;
  }
  const used = [...new Set(froms)];
  for (const [ns, entry] of Object.entries(value)) {
    const path = ['namespaces', ns];
    const head = `namespace ${showValue(ns)}`;
    const nameErrs = namespaceNameErrors(ns);
    nameErrs.forEach((m) => errors.push(`${at(path, 'key')}: ${head}: ${m}`));
    let labels: Labels | undefined = {};
    if (entry !== null && entry !== undefined) {
      if (!isMap(entry)) {
        errors.push(`${at(path)}: ${head}: must be a map with "labels", got ${showValue(entry)}`);
        continue;
      }
      for (const key of Object.keys(entry)) {
        if (!NAMESPACE_FIELDS.includes(key)) {
          errors.push(
            `${at([...path, key], 'key')}: ${head}: unknown field ${showValue(key)}${didYouMean(key, NAMESPACE_FIELDS)}; the only field is "labels"`,
          );
        }
      }
      labels = readLabels(entry.labels, (msg, key) =>
        errors.push(
          `${at(key === undefined ? [...path, 'labels'] : [...path, 'labels', key], key === undefined ? 'value' : 'key')}: ${head}, field "labels": ${msg}`,
        ),
      );
    }
    if (nameErrs.length > 0) continue;
    if (!used.includes(ns)) {
      errors.push(
        `${at(path, 'key')}: ${head} is not the source ("from") of any test${didYouMean(ns, used)}; remove it or fix its name`,
      );
      continue;
    }
    if (labels !== undefined)
      Object.defineProperty(out, ns, { value: { labels }, enumerable: true, writable: true });
  }
  return out;
}
