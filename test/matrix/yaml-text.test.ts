import { describe, expect, it } from 'vitest';
import { MAX_YAML_DEPTH, nestingDepth, readYamlText } from '../../src/matrix/yaml-text.ts';

describe('readYamlText', () => {
  it('reads YAML 1.2 core: yes/on/no stay strings, numbers are numbers', () => {
    const r = readYamlText('a: yes\nb: on\nc: 8080\nd: 1.5\ne: ~\nf: "007"\n', 'x.yaml');
    expect(r.ok && r.value.value).toEqual({ a: 'yes', b: 'on', c: 8080, d: 1.5, e: null, f: '007' });
  });

  it('reads JSON, also tab-indented', () => {
    const r = readYamlText('{\n\t"tests": [\n\t\t{"from": "a"}\n\t]\n}\n', 'x.json');
    expect(r.ok && r.value.value).toEqual({ tests: [{ from: 'a' }] });
  });

  it('reads JSON as the YAML way does, without its document tree: the same value, the same lines', () => {
    const json = [
      '{',
      '  "namespaces": {"canary-test-a": {"labels": {"team": "a"}}},',
      '\t"tests": [',
      '    {"name": "one", "from": "a",',
      '     "to": "http://x/\\"q\\"", "expect": "allow", "n": 1.5e3, "ok": true, "none": null},',
      '    {',
      '      "name": "two", "labels": {}, "list": [[], [1, {"k": "v"}]]',
      '    }',
      '  ]',
      '}',
    ].join('\r\n');
    const fast = readYamlText(json, 'm.json');
    // a comment first: the YAML way, one line further down
    const slow = readYamlText(`# the YAML way\n${json}`, 'm.json');
    if (!fast.ok || !slow.ok) throw new Error('both read');
    expect(fast.value.value).toEqual(slow.value.value);
    const paths: (string | number)[][] = [];
    const walk = (v: unknown, path: (string | number)[]): void => {
      paths.push(path);
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
    };
    walk(fast.value.value, []);
    paths.push(['tests', 7], ['tests', 1, 'missing'], ['tests', 'x'], ['namespaces', 0]);
    expect(paths.length).toBeGreaterThan(20);
    for (const path of paths) {
      for (const which of ['key', 'value'] as const) {
        expect([path, which, fast.value.line(path, which)]).toEqual([
          path,
          which,
          slow.value.line(path, which) - 1,
        ]);
      }
    }
    expect(fast.value.line(['tests', 1])).toBe(6);
  });

  it('leaves JSON with a duplicate key to the YAML way, and its message', () => {
    const dup = readYamlText('{"a": 1,\n "a": 2}', 'm.json');
    expect(!dup.ok && dup.errors[0]).toBe(
      'm.json, line 2, column 2: a key appears twice in the same map; keys must be unique',
    );
  });

  it('finds the line of a key or a value', () => {
    const r = readYamlText('tests:\n  - from: a\n    to:\n      http://x\n', 'x.yaml');
    if (!r.ok) throw new Error(r.errors.join());
    expect(r.value.line(['tests', 0])).toBe(2);
    expect(r.value.line(['tests', 0, 'to'], 'key')).toBe(3);
    expect(r.value.line(['tests', 0, 'to'])).toBe(4);
    expect(r.value.line(['tests', 0, 'missing'])).toBe(2);
  });

  it('gives the line and column of a syntax error', () => {
    const r = readYamlText('tests:\n  - from: a\n    to: [x\n', 'm.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatch(/^m\.yaml, line \d+, column \d+: /);
  });

  it('explains duplicate keys and several documents', () => {
    const dup = readYamlText('a: 1\na: 2\n', 'm.yaml');
    expect(!dup.ok && dup.errors[0]).toBe(
      'm.yaml, line 2, column 1: a key appears twice in the same map; keys must be unique',
    );
    const two = readYamlText('a: 1\n---\nb: 2\n', 'm.yaml');
    expect(!two.ok && two.errors[0]).toMatch(/more than one YAML document/);
  });

  it('refuses collections as keys (JavaScript would turn them into text)', () => {
    const r = readYamlText('? [a, b]\n: c\n', 'm.yaml');
    expect(!r.ok && r.errors[0]).toMatch(/^m\.yaml, line 1, column 3: a map key must be plain text/);
  });

  it('refuses a "billion laughs" document', () => {
    const lol = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
    ].join('\n');
    const r = readYamlText(lol, 'm.yaml');
    expect(!r.ok && r.errors[0]).toMatch(/^m\.yaml: an anchor is used through aliases/);
  });

  it('refuses deep nesting before parsing, in flow and block style', () => {
    const deep = 100_000;
    for (const text of [
      '['.repeat(deep) + ']'.repeat(deep),
      `a: ${'{b: '.repeat(deep)}c${'}'.repeat(deep)}`,
      '- '.repeat(deep) + 'x',
      Array.from({ length: 70 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' x',
      // half in block style, half in a flow collection spread over lines
      Array.from({ length: 40 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') +
        ' [\n' +
        Array.from({ length: 40 }, () => '['.padStart(45)).join('\n') +
        ']'.repeat(41),
    ]) {
      const r = readYamlText(text, 'm.yaml');
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.errors[0]).toMatch(/nested more than 64 levels/);
    }
  });

  it('does not count brackets in quoted text or comments, nor block text, as nesting', () => {
    const text = [
      'a: "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["',
      "b: '{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{'",
      '# [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[',
      'c: |',
      ...Array.from({ length: 80 }, (_, i) => `  ${' '.repeat(i)}[x`),
      'd: [1, [2, [3]]]',
    ].join('\n');
    expect(nestingDepth(text).depth).toBeLessThan(10);
    expect(readYamlText(text, 'm.yaml').ok).toBe(true);
  });

  it('accepts nesting up to the limit', () => {
    const text = '['.repeat(MAX_YAML_DEPTH - 1) + ']'.repeat(MAX_YAML_DEPTH - 1);
    expect(readYamlText(text, 'm.yaml').ok).toBe(true);
  });
});
