import { describe, expect, it } from 'vitest';
import { parseMatrix } from '../../src/matrix/parse-matrix.ts';
import {
  checkNamespaces,
  denyWithoutAllowWarnings,
  groupIntoCanaries,
  labelsKey,
  sharedLabelsConflict,
} from '../../src/matrix/plan.ts';
import type { Matrix } from '../../src/core/types.ts';

function matrix(text: string): Matrix {
  const r = parseMatrix(text, 'm.yaml');
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.value;
}

const M = matrix(`
namespaces:
  canary-test-web: { labels: { team: web } }
tests:
  - { name: t1, from: canary-test-web, labels: { tier: front, app: web }, to: "http://api.shop:8080/", expect: allow }
  - { name: t2, from: shop, to: "tcp://db.shop:5432", expect: deny }
  - { name: t3, from: canary-test-web, labels: { app: web, tier: front }, to: "tcp://db.shop:5432", expect: deny }
  - { name: t4, from: canary-test-web, labels: { app: web, tier: front }, to: "tcp://db.shop:5432", expect: deny, node: kind-worker }
  - { name: t5, from: canary-test-web, to: "http://api.shop:8080/x", expect: deny }
  - { name: t6, from: canary-test-other, to: "tcp://10.0.0.9:53", expect: deny }
`);

describe('labelsKey', () => {
  it('is the same whatever the order of the labels', () => {
    expect(labelsKey({ tier: 'front', app: 'web' })).toBe('app=web,tier=front');
    expect(labelsKey({ app: 'web', tier: 'front' })).toBe('app=web,tier=front');
    expect(labelsKey({})).toBe('');
  });
});

describe('groupIntoCanaries', () => {
  it('makes one canary per namespace, labels and node, in order of first appearance', () => {
    const groups = groupIntoCanaries(M.tests);
    expect(groups.map((g) => [g.key, g.tests.map((t) => t.name)])).toEqual([
      ['canary-test-web|app=web,tier=front|', ['t1', 't3']],
      ['shop||', ['t2']],
      ['canary-test-web|app=web,tier=front|kind-worker', ['t4']],
      ['canary-test-web||', ['t5']],
      ['canary-test-other||', ['t6']],
    ]);
    expect(groups[2]).toMatchObject({
      namespace: 'canary-test-web',
      labels: { app: 'web', tier: 'front' },
      node: 'kind-worker',
    });
    expect('node' in (groups[0] ?? {})).toBe(false);
  });
});

describe('checkNamespaces', () => {
  it('creates missing namespaces with the prefix and uses existing ones', () => {
    const r = checkNamespaces(M, new Set(['shop', 'default']), 'canary-test-');
    expect(r).toEqual({
      ok: true,
      value: { create: ['canary-test-web', 'canary-test-other'], existing: ['shop'] },
    });
  });

  it('refuses a missing namespace without the prefix, naming it, its tests and the prefix', () => {
    const r = checkNamespaces(M, new Set(), 'canary-test-');
    expect(!r.ok && r.errors).toEqual([
      'namespace "shop" does not exist (used by test "t2"); the action creates only namespaces whose names start with the namespace-prefix "canary-test-": create it first, or rename it to start with "canary-test-"',
    ]);
  });

  it('never relabels a namespace it did not create', () => {
    const r = checkNamespaces(M, new Set(['shop', 'canary-test-web']), 'canary-test-');
    expect(!r.ok && r.errors).toEqual([
      'namespace "canary-test-web" already exists, but the matrix gives it labels under "namespaces:" (team=web); the action never relabels a namespace it did not create: remove those labels, or label the namespace yourself',
    ]);
  });

  it('lists at most five tests per missing namespace', () => {
    const many = matrix(
      Array.from(
        { length: 8 },
        (_, i) => `- { name: n${i}, from: prod, to: "tcp://db:${i + 1}", expect: deny }`,
      ).join('\n'),
    );
    const r = checkNamespaces(many, new Set(), 'canary-test-');
    expect(!r.ok && r.errors[0]).toMatch(/used by tests "n0", "n1", "n2", "n3", "n4" and 3 more\)/);
  });
});

describe('denyWithoutAllowWarnings', () => {
  it('warns once per host:port that only deny tests target', () => {
    const warnings = denyWithoutAllowWarnings(M.tests);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(
      /^only deny tests target db\.shop:5432 \(tests "t2", "t3", "t4"\): a deny also passes when the address is wrong/,
    );
    expect(warnings[1]).toMatch(/^only deny tests target 10\.0\.0\.9:53 \(test "t6"\)/);
    // api.shop:8080 has an allow test (t1), even though t5 (another path) is a deny.
    expect(warnings.join('\n')).not.toMatch(/api\.shop/);
  });

  it('stays quiet for deny tests that say control: none, and names only the others', () => {
    const m = matrix(`
- { name: no internet, from: shop, to: "tcp://1.1.1.1:443", expect: deny, control: none }
- { name: no internet either, from: web, to: "tcp://1.1.1.1:443", expect: deny, control: none }
- { name: acknowledged, from: shop, to: "tcp://db.shop:5432", expect: deny, control: none }
- { name: not acknowledged, from: web, to: "tcp://db.shop:5432", expect: deny }
`);
    const warnings = denyWithoutAllowWarnings(m.tests);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^only deny tests target db\.shop:5432 \(test "not acknowledged"\): /);
    expect(warnings[0]).toMatch(/or write control: none in the test to say you know$/);
  });
});

describe('sharing a namespace another run created', () => {
  const created = {
    'kubernetes.io/metadata.name': 'canary-test-x',
    'app.kubernetes.io/managed-by': 'netpol-canary',
    team: 'a',
  };
  it('is allowed with exactly the labels the matrix declares, whatever their order', () => {
    expect(sharedLabelsConflict('canary-test-x', created, { team: 'a' })).toBeUndefined();
    expect(
      sharedLabelsConflict('canary-test-x', { ...created, zone: 'eu' }, { zone: 'eu', team: 'a' }),
    ).toBeUndefined();
  });
  it('is refused, naming both label sets, when a value differs, one is missing or one is extra', () => {
    expect(sharedLabelsConflict('canary-test-x', created, { team: 'b' })).toMatch(
      /^namespace canary-test-x was created by another run of netpol-canary with the labels \{team=a\}, but this matrix declares \{team=b\}/,
    );
    expect(sharedLabelsConflict('canary-test-x', created, {})).toContain('but this matrix declares none');
    expect(sharedLabelsConflict('canary-test-x', created, { team: 'a', zone: 'eu' })).toContain(
      'declares {team=a,zone=eu}',
    );
  });
});
