import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultTestName, parseMatrix } from '../../src/matrix/parse-matrix.ts';

function errorsOf(text: string, source = 'matrix.yaml'): string[] {
  const r = parseMatrix(text, source);
  if (r.ok) throw new Error('expected errors, got a matrix');
  return r.errors;
}

const FULL = `# what the frontend may reach
namespaces:
  canary-test-frontend:
    labels:
      team: web
tests:
  - name: frontend reaches the API
    from: canary-test-frontend
    labels: { app: frontend }
    to: http://api.shop.svc.cluster.local:8080/healthz
    expect: allow
  - from: canary-test-frontend
    labels:
      app: frontend
    to: tcp://db.shop:5432
    expect: deny
    node: kind-worker
  - from: shop
    to: https://api.example.com
    expect: deny
`;

describe('parseMatrix reads matrices as users write them', () => {
  it('YAML with namespaces, labels and a node', () => {
    const r = parseMatrix(FULL, 'matrix.yaml');
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(r.value.namespaces).toEqual({ 'canary-test-frontend': { labels: { team: 'web' } } });
    expect(r.value.tests).toEqual([
      {
        index: 0,
        name: 'frontend reaches the API',
        from: 'canary-test-frontend',
        labels: { app: 'frontend' },
        to: 'http://api.shop.svc.cluster.local:8080/healthz',
        target: {
          scheme: 'http',
          raw: 'http://api.shop.svc.cluster.local:8080/healthz',
          host: 'api.shop.svc.cluster.local',
          port: 8080,
          path: '/healthz',
        },
        expect: 'allow',
        line: 7,
      },
      {
        index: 1,
        name: 'canary-test-frontend [app=frontend] on kind-worker -> tcp://db.shop:5432',
        from: 'canary-test-frontend',
        labels: { app: 'frontend' },
        to: 'tcp://db.shop:5432',
        target: { scheme: 'tcp', raw: 'tcp://db.shop:5432', host: 'db.shop', port: 5432, path: '' },
        expect: 'deny',
        node: 'kind-worker',
        line: 12,
      },
      {
        index: 2,
        name: 'shop -> https://api.example.com',
        from: 'shop',
        labels: {},
        to: 'https://api.example.com',
        target: {
          scheme: 'https',
          raw: 'https://api.example.com',
          host: 'api.example.com',
          port: 443,
          path: '/',
        },
        expect: 'deny',
        line: 18,
      },
    ]);
  });

  it('JSON, and a bare list, give the same tests', () => {
    const json = JSON.stringify({
      tests: [{ from: 'shop', labels: { app: 'web' }, to: 'tcp://db.shop:5432', expect: 'allow' }],
    });
    const list = '- from: shop\n  labels: {app: web}\n  to: tcp://db.shop:5432\n  expect: allow\n';
    const a = parseMatrix(json, 'matrix.json');
    const b = parseMatrix(list, 'matrix.yaml');
    expect(a.ok && b.ok).toBe(true);
    if (a.ok && b.ok) {
      // the same tests, on different lines
      const strip = (m: typeof a.value) => m.tests.map(({ line: _line, ...t }) => t);
      expect(strip(a.value)).toEqual(strip(b.value));
      expect(a.value.tests[0]?.name).toBe(defaultTestName('shop', 'tcp://db.shop:5432', { app: 'web' }));
      expect(a.value.tests[0]?.name).toBe('shop [app=web] -> tcp://db.shop:5432');
    }
  });

  it('treats an empty "labels:" as no labels', () => {
    const r = parseMatrix('- {from: shop, labels: , to: "tcp://db:1", expect: deny}', 'm');
    expect(r.ok && r.value.tests[0]?.labels).toEqual({});
  });
});

describe('parseMatrix errors', () => {
  it('names the source, the line, the test (1-based) and the field', () => {
    const text = [
      'tests:',
      '  - from: a',
      '    to: tcp://db:5432',
      '    expect: deny',
      '  - from: b',
      '    to: tcp://db:5432',
      '    expect: alow',
    ].join('\n');
    expect(errorsOf(text)).toEqual([
      'matrix.yaml, line 7: test #2 ("b -> tcp://db:5432"), field "expect": must be "allow" or "deny", got "alow"',
    ]);
  });

  it('suggests the field a misspelt one was meant to be, and does not also call that field missing', () => {
    const errors = errorsOf('- {name: t, form: a, label: {app: x}, to: "tcp://db:1", expects: deny}');
    expect(errors).toEqual([
      'matrix.yaml, line 1: test #1 ("t"), field "form": unknown field (did you mean "from"?); the fields are name, from, labels, to, expect, node, control',
      'matrix.yaml, line 1: test #1 ("t"), field "label": unknown field (did you mean "labels"?); the fields are name, from, labels, to, expect, node, control',
      'matrix.yaml, line 1: test #1 ("t"), field "expects": unknown field (did you mean "expect"?); the fields are name, from, labels, to, expect, node, control',
    ]);
    // a field that is missing and not misspelt is still named
    expect(errorsOf('- {name: t, form: a, to: "tcp://db:1"}')).toContain(
      'matrix.yaml, line 1: test #1 ("t"): the field "expect" is missing; write expect: allow or expect: deny',
    );
  });

  it('asks to quote label values that YAML reads as numbers or booleans', () => {
    const errors = errorsOf(
      '- from: a\n  labels:\n    tier: 1\n    canary: true\n    empty:\n  to: tcp://db:1\n  expect: deny\n',
    );
    expect(errors).toEqual([
      'matrix.yaml, line 3: test #1 ("a -> tcp://db:1"), field "labels": the value of "tier" must be a string, got the number 1; quote it to make it text, as in "1"',
      'matrix.yaml, line 4: test #1 ("a -> tcp://db:1"), field "labels": the value of "canary" must be a string, got the boolean true; quote it to make it text, as in "true"',
      'matrix.yaml, line 5: test #1 ("a -> tcp://db:1"), field "labels": the value of "empty" must be a string, got nothing (null); write "" for an empty value',
    ]);
  });

  it('checks names, labels, targets and nodes as Kubernetes would', () => {
    const errors = errorsOf(
      '- {from: Shop, labels: {"app name": "x y"}, to: "http://web/a b", expect: deny, node: Kind_Worker}',
    );
    expect(errors.map((e) => e.replace(/: [^:]*$/, '')).length).toBe(5);
    expect(errors[0]).toMatch(/field "from": "Shop": a lowercase RFC 1123 label must consist/);
    expect(errors.join('\n')).toMatch(/field "labels": key "app name": name part must consist/);
    expect(errors.join('\n')).toMatch(/field "labels": value "x y" of key "app name": a valid label must be/);
    expect(errors.join('\n')).toMatch(/field "to": target "http:\/\/web\/a b": contains a space/);
    expect(errors.join('\n')).toMatch(/field "node": "Kind_Worker": a lowercase RFC 1123 subdomain/);
  });

  it('names a test by its labels too: only truly identical tests collide, refused with both lines', () => {
    const text = [
      '- {from: a, labels: {app: x}, to: "tcp://db:1", expect: deny}',
      '- {from: a, labels: {app: y}, to: "tcp://db:1", expect: deny}',
      '- {name: same, from: a, to: "tcp://db:2", expect: deny}',
      '- {name: same, from: b, to: "tcp://db:2", expect: deny}',
      '- {from: a, labels: {app: x}, to: "tcp://db:1", expect: deny}',
      '- {from: a, to: "tcp://db:1", expect: deny}',
    ].join('\n');
    expect(errorsOf(text)).toEqual([
      'matrix.yaml, line 4: test #4 ("same"): the name is already used by test #3 (line 3); names must be unique: rename one of them',
      'matrix.yaml, line 5: test #5 ("a [app=x] -> tcp://db:1"): the name is already used by test #1 (line 1); this test has no name, so its name was made from "from", "labels" and "to", and the two test the same thing: remove one, or add a name: to tell them apart',
    ]);
    // labels in any order name the same source
    const r = parseMatrix('- {from: a, labels: {b: "2", a: "1"}, to: "tcp://db:1", expect: deny}', 'm');
    expect(r.ok && r.value.tests[0]?.name).toBe('a [a=1,b=2] -> tcp://db:1');
  });

  it('knows the line of every test', () => {
    const r = parseMatrix(
      'tests:\n  # first\n  - from: a\n    to: tcp://db:1\n    expect: deny\n\n  - {from: b, to: "tcp://db:1", expect: allow}\n',
      'm',
    );
    expect(r.ok && r.value.tests.map((t) => t.line)).toEqual([3, 7]);
  });

  it('takes control: none on a deny test, and nothing else', () => {
    const r = parseMatrix('- {from: a, to: "tcp://1.1.1.1:443", expect: deny, control: none}', 'm');
    expect(r.ok && r.value.tests[0]?.control).toBe('none');
    expect(errorsOf('- {from: a, to: "tcp://db:1", expect: deny, control: yes}')).toEqual([
      'matrix.yaml, line 1: test #1 ("a -> tcp://db:1"), field "control": must be "none" (no allow test proves this address, and you know it), got "yes"',
    ]);
    expect(errorsOf('- {from: a, to: "tcp://db:1", expect: allow, control: none}')).toEqual([
      'matrix.yaml, line 1: test #1 ("a -> tcp://db:1"), field "control": only a deny test may say control: none; an allow test proves its own address',
    ]);
  });

  it('refuses a namespace entry that no test uses', () => {
    const text =
      'namespaces:\n  canary-test-fronted: {labels: {team: web}}\ntests:\n  - {from: canary-test-frontend, to: "tcp://db:1", expect: deny}\n';
    expect(errorsOf(text)).toEqual([
      'matrix.yaml, line 2: namespace "canary-test-fronted" is not the source ("from") of any test (did you mean "canary-test-frontend"?); remove it or fix its name',
    ]);
  });

  it('lists errors in the order of the file', () => {
    const text = 'tests:\n  - {from: a, to: "tcp://db:1", expect: nope}\nnamespaces:\n  unused: {}\n';
    expect(errorsOf(text).map((e) => /line (\d+)/.exec(e)?.[1])).toEqual(['2', '4']);
  });

  it('checks namespace entries', () => {
    const errors = errorsOf(
      'namespaces:\n  Bad: {}\n  ok-ns: {lables: {a: b}}\n  ns3: {labels: {a: 1}}\ntests:\n  - {from: ok-ns, to: "tcp://db:1", expect: deny}\n  - {from: ns3, to: "tcp://db:1", expect: allow, name: x}\n',
    );
    expect(errors[0]).toMatch(/^matrix\.yaml, line 2: namespace "Bad": a lowercase RFC 1123 label/);
    expect(errors[1]).toBe(
      'matrix.yaml, line 3: namespace "ok-ns": unknown field "lables" (did you mean "labels"?); the only field is "labels"',
    );
    expect(errors[2]).toMatch(
      /^matrix\.yaml, line 4: namespace "ns3", field "labels": the value of "a" must be a string/,
    );
  });

  it('explains empty and malformed matrices', () => {
    expect(errorsOf('', 'm.yaml')).toEqual([
      'm.yaml: the matrix is empty; write a list of tests, each with from, to and expect',
    ]);
    expect(errorsOf('[]', 'm.json')).toEqual([
      'm.json, line 1: the list of tests is empty; add at least one test with from, to and expect',
    ]);
    expect(errorsOf('tests: []', 'm.yaml')[0]).toMatch(/the list of tests is empty/);
    expect(errorsOf('test:\n  - {}', 'm.yaml')).toEqual([
      'm.yaml, line 1: unknown field "test" (did you mean "tests"?); a matrix has "tests" and, optionally, "namespaces"',
      'm.yaml: the matrix has no "tests" list; write tests: followed by a list of tests',
    ]);
    expect(errorsOf('tests: {a: 1}', 'm.yaml')).toEqual([
      'm.yaml, line 1: "tests" must be a list of tests, got a map',
    ]);
    expect(errorsOf('just text', 'm.yaml')[0]).toMatch(/must be a list of tests, or a map with "tests"/);
    expect(errorsOf('- just text', 'm.yaml')).toEqual([
      'm.yaml, line 1: test #1: must be a map with from, to and expect, got "just text"',
    ]);
  });

  it('gives the line and column of a syntax error', () => {
    const errors = errorsOf('tests:\n  - from: a\n    to: tcp://db:1: x\n    expect: deny\n', 'm.yaml');
    expect(errors[0]).toMatch(/^m\.yaml, line 3, column \d+: \w/);
    expect(errorsOf('[{"from": "a",, }]', 'm.json')[0]).toMatch(/^m\.json, line 1, column \d+: \w/);
  });

  it('refuses long names and control characters in names', () => {
    const long = 'n'.repeat(201);
    expect(errorsOf(`- {name: ${long}, from: a, to: "tcp://db:1", expect: deny}`)[0]).toMatch(
      /field "name": is 201 characters long; the limit is 200/,
    );
    expect(errorsOf('- {name: "a\\tb", from: a, to: "tcp://db:1", expect: deny}')[0]).toMatch(
      /field "name": must be one line/,
    );
    expect(errorsOf('- {name: 42, from: a, to: "tcp://db:1", expect: deny}')[0]).toMatch(
      /field "name": must be a string, got the number 42; quote it/,
    );
  });
});

describe('parseMatrix limits', () => {
  const test = (i: number) => `- {name: t${i}, from: a, to: "tcp://db:${(i % 65535) + 1}", expect: deny}`;

  it('accepts 5000 tests and refuses 5001', () => {
    const ok = parseMatrix(Array.from({ length: 5000 }, (_, i) => test(i)).join('\n'), 'm.yaml');
    expect(ok.ok && ok.value.tests.length).toBe(5000);
    expect(errorsOf(Array.from({ length: 5001 }, (_, i) => test(i)).join('\n'), 'm.yaml')).toEqual([
      'm.yaml, line 1: the matrix has 5001 tests; the limit is 5000',
    ]);
  });

  it('refuses more than 1 MiB', () => {
    const text = `# ${'x'.repeat(1024 * 1024)}\n- {from: a, to: "tcp://db:1", expect: deny}`;
    const size = Buffer.byteLength(text);
    expect(size).toBeGreaterThan(1024 * 1024);
    expect(errorsOf(text, 'm.yaml')).toEqual([
      `m.yaml: the matrix is ${size} bytes; the limit is 1 MiB (1048576 bytes)`,
    ]);
  });

  it('lists at most 100 errors, then how many more', () => {
    const errors = errorsOf(
      Array.from({ length: 150 }, (_, i) => `- {name: t${i}, from: a, to: "tcp://db:1", expect: maybe}`).join(
        '\n',
      ),
    );
    expect(errors).toHaveLength(101);
    expect(errors[100]).toBe('… and 50 more');
  });
});

describe('parseMatrix on arbitrary input', () => {
  it('returns a matrix or its own errors, never throws', () => {
    const yamlish = fc.string({
      unit: fc.constantFrom(
        ...'-:{}[],"\'#&*!|>?% \n\tabc01'.split(''),
        'from: ',
        'to: ',
        'expect: ',
        'tests:',
        'labels:',
        'tcp://a:1',
        'allow',
      ),
      maxLength: 80,
    });
    const jsonish = fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v));
    const tests = fc
      .array(
        fc.record(
          {
            name: fc.oneof(fc.string({ maxLength: 5 }), fc.integer()),
            from: fc.constantFrom('a', 'B', '', 'canary-test-x'),
            labels: fc.dictionary(
              fc.string({ maxLength: 4 }),
              fc.oneof(fc.string({ maxLength: 4 }), fc.boolean(), fc.constant(null)),
            ),
            to: fc.constantFrom('tcp://db:1', 'http://x', 'x', 'http://x/$(id)'),
            expect: fc.constantFrom('allow', 'deny', 'alow', 1),
            node: fc.string({ maxLength: 4 }),
            extra: fc.string({ maxLength: 3 }),
          },
          { requiredKeys: [] },
        ),
        { maxLength: 4 },
      )
      .map((list) => JSON.stringify(list));
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 60 }), yamlish, jsonish, tests), (text) => {
        const r = parseMatrix(text, 'src.yaml');
        if (r.ok) {
          expect(r.value.tests.length).toBeGreaterThan(0);
          for (const t of r.value.tests) expect(t.expect === 'allow' || t.expect === 'deny').toBe(true);
        } else {
          expect(r.errors.length).toBeGreaterThan(0);
          for (const e of r.errors) {
            expect(typeof e).toBe('string');
            expect(e.startsWith('src.yaml') || e.startsWith('… and ')).toBe(true);
            expect(e).not.toMatch(/undefined|\[object Object\]/);
          }
        }
      }),
      { numRuns: 400 },
    );
  });
});
