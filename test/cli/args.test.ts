import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseArgs } from '../../src/cli/args.ts';
import { matrixArgument, parseCommandArgs } from '../../src/cli/commands.ts';
import { shellQuote } from '../../src/cli/run-command.ts';
import { ACTION_DEFAULTS, SETTING_FLAGS, settingsFromFlags } from '../../src/cli/settings.ts';
import { parseSettings } from '../../src/matrix/settings.ts';

const spec = { flags: ['timeout', 'context', 'junit'], switches: ['json', 'help'] };

describe('parseArgs', () => {
  it('reads --flag value, --flag=value, switches and positionals in any order', () => {
    const r = parseArgs(['m.yaml', '--timeout', '1s', '--json', '--context=kind-kind'], spec);
    expect(r).toEqual({
      ok: true,
      value: {
        positionals: ['m.yaml'],
        flags: { timeout: '1s', context: 'kind-kind' },
        switches: new Set(['json']),
      },
    });
  });

  it('takes everything after -- as positionals, even what looks like an option', () => {
    const r = parseArgs(['--json', '--', '--weird-file.yaml'], spec);
    expect(r.ok && r.value.positionals).toEqual(['--weird-file.yaml']);
  });

  it('refuses an unknown option, suggests the likely one, and names the known ones', () => {
    const r = parseArgs(['--timout', '1s'], spec);
    expect(r).toEqual({
      ok: false,
      error:
        'unknown option --timout (did you mean --timeout?); known options: --timeout, --context, --junit, --json, --help',
    });
    expect(parseArgs(['--jsno'], spec)).toMatchObject({
      error: expect.stringMatching(/^unknown option --jsno \(did you mean --json\?\);/),
    });
    expect(parseArgs(['--contxt=kind'], spec)).toMatchObject({
      error: expect.stringMatching(/^unknown option --contxt=kind \(did you mean --context\?\);/),
    });
    // nothing close: no guess
    expect(parseArgs(['--frobnicate'], spec)).toMatchObject({
      error: expect.stringMatching(/^unknown option --frobnicate; known options:/),
    });
  });

  it('refuses a flag without a value, at the end or before another option', () => {
    expect(parseArgs(['--timeout'], spec)).toEqual({ ok: false, error: '--timeout needs a value' });
    expect(parseArgs(['--timeout', '--json'], spec)).toEqual({ ok: false, error: '--timeout needs a value' });
  });

  it('refuses a value for a switch', () => {
    expect(parseArgs(['--json=yes'], spec)).toEqual({ ok: false, error: '--json takes no value' });
  });

  it('lets the last of a repeated flag win, and keeps an empty --flag= value', () => {
    const r = parseArgs(['--timeout', '1s', '--timeout=2s', '--junit='], spec);
    expect(r.ok && r.value.flags).toEqual({ timeout: '2s', junit: '' });
  });
});

describe('parseCommandArgs', () => {
  it('reads -h as --help', () => {
    const r = parseCommandArgs(['-h'], spec);
    expect(r.ok && r.value.switches.has('help')).toBe(true);
  });

  it('refuses a single-dash option instead of taking it for a file name', () => {
    const r = parseCommandArgs(['m.yaml', '-v'], spec);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/^unknown option -v; known options: --timeout/);
    // one dash short of a known flag
    const short = parseCommandArgs(['m.yaml', '-timeout', '1s'], spec);
    expect(!short.ok && short.error).toMatch(/^unknown option -timeout \(did you mean --timeout\?\);/);
  });

  it('accepts a single-dash value of a flag, and dashed names after --', () => {
    const r = parseCommandArgs(['--context', '-odd', '--', '-file.yaml'], spec);
    expect(r.ok && r.value.flags.context).toBe('-odd');
    expect(r.ok && r.value.positionals).toEqual(['-file.yaml']);
  });
});

describe('matrixArgument', () => {
  it('takes the matrix as the positional argument or as --matrix, not both, not two', () => {
    expect(matrixArgument(['m.yaml'], {}, 'give one')).toEqual({ file: 'm.yaml' });
    expect(matrixArgument([], { matrix: 'm.yaml' }, 'give one')).toEqual({ file: 'm.yaml' });
    expect(matrixArgument([], {}, 'give one')).toEqual({ error: 'give one' });
    expect(matrixArgument(['a.yaml'], { matrix: 'b.yaml' }, 'give one')).toEqual({
      error: 'give the matrix once, as MATRIX_FILE ("a.yaml") or as --matrix ("b.yaml"), not both',
    });
    expect(matrixArgument(['a.yaml', 'b.yaml'], {}, 'give one')).toEqual({
      error: 'give exactly one matrix file, not 2 ("a.yaml", "b.yaml")',
    });
    expect(matrixArgument([], { matrix: '' }, 'give one')).toEqual({ error: '--matrix needs a file name' });
  });
});

describe('CLI settings', () => {
  it("has action.yml's default for every input that parseSettings reads, and no other", () => {
    const action = parse(readFileSync(resolve(import.meta.dirname, '../../action.yml'), 'utf8')) as {
      inputs: Record<string, { default?: string }>;
    };
    const read = new Set<string>();
    parseSettings((name) => {
      read.add(name);
      return '';
    });
    expect(Object.keys(ACTION_DEFAULTS).sort()).toEqual([...read].sort());
    for (const [name, value] of Object.entries(ACTION_DEFAULTS)) {
      expect({ name, value: action.inputs[name]?.default ?? '' }).toEqual({ name, value });
    }
  });

  it('with no flags gives exactly the Settings of the action with its defaults', () => {
    const cli = settingsFromFlags({}, new Set());
    const action = parseSettings((name) => ACTION_DEFAULTS[name] ?? '');
    expect(cli).toEqual(action);
    expect(cli.ok && cli.value).toMatchObject({ timeoutMs: 5000, readyTimeoutMs: 60_000, attempts: 3 });
  });

  it('takes every setting flag, and --refused-means-denied as true', () => {
    const flags = {
      timeout: '1s',
      'ready-timeout': '2m',
      attempts: '1',
      'namespace-prefix': 'np-test-',
      image: 'registry.example/busybox:1.36',
      concurrency: '4',
      context: 'kind-kind',
      'image-pull-secret': 'regcred',
      'node-selector': '{kubernetes.io/os: linux}',
      tolerations: '[{key: dedicated, operator: Exists}]',
      'max-enforcement-delay': '2500ms',
    };
    expect(Object.keys(flags).sort()).toEqual([...SETTING_FLAGS].sort());
    const r = settingsFromFlags(flags, new Set(['refused-means-denied']));
    expect(r).toEqual({
      ok: true,
      value: {
        timeoutMs: 1000,
        readyTimeoutMs: 120_000,
        attempts: 1,
        namespacePrefix: 'np-test-',
        image: 'registry.example/busybox:1.36',
        concurrency: 4,
        context: 'kind-kind',
        imagePullSecret: 'regcred',
        nodeSelector: { 'kubernetes.io/os': 'linux' },
        tolerations: [{ key: 'dedicated', operator: 'Exists' }],
        refusedMeansDenied: true,
        failOnMismatch: true,
        maxEnforcementDelayMs: 2500,
      },
    });
  });

  it('reports every invalid flag at once, by its flag name', () => {
    const r = settingsFromFlags({ timeout: '5x', attempts: '0', 'namespace-prefix': 'kube-' }, new Set());
    expect(r.ok).toBe(false);
    const errors = r.ok ? [] : r.errors;
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatch(/^--timeout: "5x" is not a duration/);
    expect(errors[1]).toMatch(/^--attempts: must be a whole number from 1 to 10, got "0"/);
    expect(errors[2]).toMatch(/^--namespace-prefix: .*"kube-" is refused/);
    expect(errors.join('\n')).not.toContain('input "');
  });
});

describe('shellQuote', () => {
  it('leaves plain paths alone and quotes the rest so that a shell reads them back', () => {
    expect(shellQuote('examples/demo/matrix.yaml')).toBe('examples/demo/matrix.yaml');
    expect(shellQuote("my matrix's.yaml")).toBe(`'my matrix'\\''s.yaml'`);
  });
});
