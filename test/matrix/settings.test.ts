import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  namespacePrefixErrors,
  parseSettings,
  readNodeSelector,
  readTolerations,
} from '../../src/matrix/settings.ts';

// The defaults exactly as action.yml declares them: what the runner passes when a
// workflow sets nothing.
const actionYml = parse(
  readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../action.yml'), 'utf8'),
) as { inputs: Record<string, { default?: string }> };
const DEFAULTS = Object.fromEntries(Object.entries(actionYml.inputs).map(([k, v]) => [k, v.default ?? '']));

function settingsWith(overrides: Record<string, string>) {
  const inputs: Record<string, string> = { ...DEFAULTS, ...overrides };
  return parseSettings((name) => inputs[name] ?? '');
}

function errorsOf(overrides: Record<string, string>): string[] {
  const r = settingsWith(overrides);
  return r.ok ? [] : r.errors;
}

describe('parseSettings', () => {
  it("gives action.yml's defaults as settings", () => {
    expect(settingsWith({})).toEqual({
      ok: true,
      value: {
        image: 'busybox:1.36',
        timeoutMs: 5000,
        readyTimeoutMs: 60_000,
        attempts: 3,
        namespacePrefix: 'canary-test-',
        refusedMeansDenied: false,
        failOnMismatch: true,
        concurrency: 32,
      },
    });
  });

  it('reads every optional input', () => {
    const r = settingsWith({
      context: 'kind-kind',
      'kubectl-version': 'v1.33.1',
      'image-pull-secret': 'regcred',
      'node-selector': 'kubernetes.io/os: linux\nnode-role.kubernetes.io/ci: "true"\n',
      tolerations: '[{"key": "dedicated", "operator": "Equal", "value": "ci", "effect": "NoSchedule"}]',
      timeout: '500ms',
      'refused-means-denied': 'True',
      'fail-on-mismatch': 'FALSE',
    });
    expect(r.ok && r.value).toMatchObject({
      context: 'kind-kind',
      kubectlVersion: 'v1.33.1',
      imagePullSecret: 'regcred',
      nodeSelector: { 'kubernetes.io/os': 'linux', 'node-role.kubernetes.io/ci': 'true' },
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'ci', effect: 'NoSchedule' }],
      timeoutMs: 500,
      refusedMeansDenied: true,
      failOnMismatch: false,
    });
  });

  it('reads max-enforcement-delay as a duration, and names it when it is not one', () => {
    expect(settingsWith({ 'max-enforcement-delay': '2s' })).toMatchObject({
      ok: true,
      value: { maxEnforcementDelayMs: 2000 },
    });
    const r = settingsWith({});
    expect(r.ok && 'maxEnforcementDelayMs' in r.value).toBe(false);
    const errors = errorsOf({ 'max-enforcement-delay': 'soon' });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^input "max-enforcement-delay": /);
    expect(errorsOf({ 'max-enforcement-delay': '2h' })[0]).toMatch(/more than the limit of 1h/);
  });

  it('accepts the kubectl versions it documents', () => {
    for (const v of ['v1.33.1', '1.33', '1.33.1', 'latest'])
      expect(errorsOf({ 'kubectl-version': v })).toEqual([]);
    expect(errorsOf({ 'kubectl-version': 'stable' })[0]).toMatch(
      /^input "kubectl-version": must be a version such as v1\.33\.1 .* or latest, got "stable"$/,
    );
  });

  it('collects every problem, each naming its input', () => {
    const errors = errorsOf({
      image: 'busybox 1.36',
      timeout: '5x',
      'ready-timeout': '2h',
      attempts: '11',
      concurrency: '0',
      'refused-means-denied': 'yes',
      'fail-on-mismatch': 'on',
      context: '--kubeconfig=/etc/x',
      'image-pull-secret': 'Reg_Cred',
    });
    const inputs = errors.map((e) => /^input "([^"]+)"/.exec(e)?.[1]);
    expect(new Set(inputs)).toEqual(
      new Set([
        'image',
        'timeout',
        'ready-timeout',
        'attempts',
        'concurrency',
        'refused-means-denied',
        'fail-on-mismatch',
        'context',
        'image-pull-secret',
      ]),
    );
    expect(errors).toContain('input "ready-timeout": "2h" is more than the limit of 1h');
    expect(errors).toContain('input "attempts": must be a whole number from 1 to 10, got "11"');
    expect(errors).toContain('input "concurrency": must be a whole number from 1 to 100, got "0"');
    expect(errors).toContain(
      'input "refused-means-denied": must be true or false (also True, TRUE, False, FALSE), got "yes"',
    );
    expect(errors).toContain('input "context": "--kubeconfig=/etc/x" must not start with "-"');
    for (const e of errors) expect(e).not.toMatch(/undefined|\[object/);
  });

  it('refuses an empty value for an input that has a default', () => {
    expect(errorsOf({ timeout: '' })).toEqual([
      'input "timeout": is empty; remove it to use the default, or give a duration such as 5s',
    ]);
    expect(errorsOf({ 'namespace-prefix': '' })[0]).toMatch(/^input "namespace-prefix": is empty/);
  });

  it('refuses a context with whitespace', () => {
    expect(errorsOf({ context: 'my context' })).toEqual([
      'input "context": "my context" must not contain whitespace or control characters',
    ]);
  });
});

describe('namespacePrefixErrors', () => {
  it('accepts prefixes of our own', () => {
    for (const p of ['canary-test-', 'netpol-', 'ci-123-', 'kubernetes-ci-', 'o-', 'kubex']) {
      expect(namespacePrefixErrors(p)).toEqual([]);
    }
  });

  it.each([
    'kube-',
    'kube-system',
    'kube',
    'k',
    'ku',
    'openshift',
    'openshift-',
    'openshift-ci-',
    'open',
    'default',
    'defaults',
    'def',
    'kube-node',
  ])('refuses %j and explains that the action deletes namespaces with the prefix', (prefix) => {
    const errs = namespacePrefixErrors(prefix);
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(
      /is refused: .*the action deletes the namespaces it created whose names start with this prefix/,
    );
  });

  it('refuses what cannot start a namespace name', () => {
    expect(namespacePrefixErrors('')[0]).toMatch(/must not be empty/);
    expect(namespacePrefixErrors('Canary-')[0]).toMatch(/must be the start of a namespace name/);
    expect(namespacePrefixErrors('-x')[0]).toMatch(/must be the start of a namespace name/);
    expect(namespacePrefixErrors('a'.repeat(63))[0]).toMatch(/no more than 62 characters/);
  });
});

describe('readNodeSelector', () => {
  it('reads a YAML or JSON map of labels', () => {
    expect(readNodeSelector('{"kubernetes.io/os": "linux"}')).toEqual({
      ok: true,
      value: { 'kubernetes.io/os': 'linux' },
    });
    expect(readNodeSelector('pool: ci\nzone: ""\n')).toEqual({ ok: true, value: { pool: 'ci', zone: '' } });
  });

  it('asks to quote numbers and booleans, and checks keys and values', () => {
    const r = readNodeSelector('gpu: true\ncount: 2\n"bad key": x\nok: "-bad"');
    expect(!r.ok && r.errors).toEqual([
      'the value of "gpu" must be a string, got the boolean true; quote it to make it text, as in "true"',
      'the value of "count" must be a string, got the number 2; quote it to make it text, as in "2"',
      expect.stringMatching(/^key "bad key": name part must consist/),
      expect.stringMatching(/^value "-bad" of key "ok": a valid label must be/),
    ]);
    expect(!readNodeSelector('[a, b]').ok).toBe(true);
  });

  it('is not fooled by a __proto__ key', () => {
    const r = readNodeSelector('__proto__: {polluted: x}');
    expect(r.ok).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('readTolerations', () => {
  it('reads a list of tolerations', () => {
    const r = readTolerations(
      '- key: dedicated\n  operator: Equal\n  value: ci\n  effect: NoSchedule\n- operator: Exists\n- key: node.kubernetes.io/unreachable\n  operator: Exists\n  effect: NoExecute\n  tolerationSeconds: 30\n',
    );
    expect(r).toEqual({
      ok: true,
      value: [
        { key: 'dedicated', operator: 'Equal', value: 'ci', effect: 'NoSchedule' },
        { operator: 'Exists' },
        {
          key: 'node.kubernetes.io/unreachable',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: 30,
        },
      ],
    });
  });

  it("applies the API server's rules, with its wording", () => {
    const r = readTolerations(
      JSON.stringify([
        { operator: 'Equal', value: 'x' },
        { key: 'a', operator: 'Exists', value: 'x' },
        { key: 'a', effect: 'NoSchedule', tolerationSeconds: 5 },
        { key: 'a', operater: 'Exists' },
        { key: 'a', effect: 'NoShedule' },
        { key: 'a', value: 1 },
        'x',
      ]),
    );
    expect(!r.ok && r.errors).toEqual([
      'toleration #1: operator must be Exists when `key` is empty, which means "match all values and all keys"',
      "toleration #2: value must be empty when `operator` is 'Exists'",
      "toleration #3: effect must be 'NoExecute' when `tolerationSeconds` is set",
      'toleration #4: unknown field "operater" (did you mean "operator"?); the fields are key, operator, value, effect, tolerationSeconds',
      'toleration #5: effect must be "NoSchedule", "PreferNoSchedule" or "NoExecute", got "NoShedule" (did you mean "NoSchedule"?)',
      'toleration #6: value must be a string, got the number 1; quote it to make it text, as in "1"',
      'toleration #7: must be a map with key, operator, value and effect, got "x"',
    ]);
  });

  it('names the input in parseSettings', () => {
    const r = settingsWith({ tolerations: '{key: a}' });
    expect(!r.ok && r.errors[0]).toMatch(/^input "tolerations": must be a list of tolerations/);
    const y = settingsWith({ 'node-selector': 'a: [' });
    expect(!y.ok && y.errors[0]).toMatch(/^input "node-selector": the YAML, line 1, column \d+: /);
  });
});
