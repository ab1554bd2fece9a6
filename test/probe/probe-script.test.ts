import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  buildProbeScript,
  parseProbeLines,
  PROBE_OUTPUT_LIMIT,
  probeArgv,
  probeSeconds,
  shellQuote,
} from '../../src/probe/probe-script.ts';
import { parseTarget } from '../../src/matrix/target.ts';
import type { Target } from '../../src/core/types.ts';

function target(raw: string): Target {
  const r = parseTarget(raw);
  if (!r.ok) throw new Error(r.errors.join('; '));
  return r.value;
}

// The script must run in dash (here /bin/sh) and in busybox ash (the canary's sh).
// busybox is used when this machine has it; /bin/sh always.
const SHELLS: { name: string; argv: string[] }[] = [{ name: '/bin/sh', argv: ['/bin/sh'] }];
const busybox = spawnSync('/bin/sh', ['-c', 'command -v busybox'], { encoding: 'utf8' }).stdout.trim();
if (busybox !== '') SHELLS.push({ name: 'busybox sh', argv: [busybox, 'sh'] });

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'ncp-probe-'));
  dirs.push(d);
  return d;
}

/**
 * A bin folder with fake wget and nc that record their argv (one per line, the tool's
 * name first) in $ARGV_DIR/<pid>, print `output` and exit with `code`.
 */
function fakeTools(output: string, code: number): string {
  const bin = tempDir();
  for (const tool of ['wget', 'nc']) {
    const file = join(bin, tool);
    writeFileSync(
      file,
      `#!/bin/sh\n{ printf '%s\\n' "${tool}"; for a in "$@"; do printf '%s\\n' "$a"; done; } > "$ARGV_DIR/$$"\nprintf '%s' ${shellQuote(output)} >&2\nexit ${code}\n`,
    );
    chmodSync(file, 0o755);
  }
  return bin;
}

function runScript(shell: string[], script: string, bin: string, argvDir: string) {
  const r = spawnSync(shell[0] ?? '/bin/sh', [...shell.slice(1), '-s'], {
    input: script,
    // Only the fakes on PATH: the script itself must need nothing but shell builtins.
    env: { PATH: bin, ARGV_DIR: argvDir },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

/**
 * `SHELL -n` (syntax only) on the script, then, if that passed, the same run as
 * runScript, from one process started by node (starting processes from the test worker
 * is what costs time). Exit 99 means the syntax check failed.
 */
function checkThenRun(shell: string[], script: string, bin: string, argvDir: string) {
  const file = join(tempDir(), 'probe.sh');
  writeFileSync(file, script);
  const sh = shell.map(shellQuote).join(' ');
  const r = spawnSync(
    '/bin/sh',
    ['-c', `${sh} -n "$1" || exit 99; PATH="$2" ${sh} -s < "$1"`, 'check', file, bin],
    {
      env: { ARGV_DIR: argvDir },
      encoding: 'utf8',
      timeout: 20_000,
    },
  );
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

function recordedArgvs(dir: string): string[][] {
  return readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8').replace(/\n$/, '').split('\n'));
}

describe('probeArgv', () => {
  it('wget for http(s), without -q, with whole seconds', () => {
    expect(probeArgv(target('http://web.shop:8080/healthz?x=1'), 5000)).toEqual([
      'wget',
      '--spider',
      '-T',
      '5',
      'http://web.shop:8080/healthz?x=1',
    ]);
    expect(probeArgv(target('https://api.example.com'), 1500)).toEqual([
      'wget',
      '--spider',
      '-T',
      '2',
      'https://api.example.com/',
    ]);
    expect(probeArgv(target('http://[fd00::1]:8080/'), 500)).toEqual([
      'wget',
      '--spider',
      '-T',
      '1',
      'http://[fd00::1]:8080/',
    ]);
  });
  it('nc for tcp, IPv6 without brackets', () => {
    expect(probeArgv(target('tcp://db.shop:5432'), 5000)).toEqual([
      'nc',
      '-z',
      '-v',
      '-v',
      '-w',
      '5',
      'db.shop',
      '5432',
    ]);
    expect(probeArgv(target('tcp://[::1]:53'), 100)).toEqual([
      'nc',
      '-z',
      '-v',
      '-v',
      '-w',
      '1',
      '::1',
      '53',
    ]);
  });
  it('rounds the timeout up to whole seconds, at least 1', () => {
    expect([1, 999, 1000, 1001, 60_000].map(probeSeconds)).toEqual([1, 1, 1, 2, 60]);
    expect(probeSeconds(0)).toBe(1);
  });
});

describe('shellQuote', () => {
  it('single-quotes and escapes single quotes', () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote('')).toBe(`''`);
  });
  it('gives back exactly the word, whatever it contains', () => {
    const words = fc.array(
      fc
        .oneof(
          fc.string({ unit: fc.constantFrom(...`'"\\$\`!*?[]{}();|&<> \t\n~#-=%`.split('')), maxLength: 20 }),
          fc.string({ unit: 'binary', maxLength: 20 }),
        )
        .filter((s) => !s.includes('\0')),
      { minLength: 1, maxLength: 200 },
    );
    fc.assert(
      fc.property(words, (list) => {
        const r = spawnSync(
          '/bin/sh',
          ['-c', `for a in ${list.map(shellQuote).join(' ')}; do printf '%s\\0' "$a"; done`],
          { encoding: 'utf8' },
        );
        expect(r.stdout.split('\0').slice(0, -1)).toEqual(list);
      }),
      { numRuns: 3 },
    );
  });
});

describe.each(SHELLS)('buildProbeScript under $name', ({ argv: shell }) => {
  const probes = [
    { id: 0, target: target('http://web.shop:8080/healthz') },
    { id: 7, target: target('tcp://db.shop:5432') },
    { id: 12, target: target('https://[fd00::1]/x?y=z') },
  ];

  it('runs every probe once with exactly its argv and prints one line per probe', () => {
    const printed = 'Connecting to web.shop:8080 (10.0.0.1:8080)\nwget: download timed out\n';
    const argvDir = tempDir();
    const out = runScript(shell, buildProbeScript(probes, 3000), fakeTools(printed, 1), argvDir);
    expect(out.status).toBe(0);
    const lines = out.stdout.split('\n').filter(Boolean);
    expect(lines).toHaveLength(3);
    const parsed = parseProbeLines(out.stdout);
    expect([...parsed.keys()].sort((a, b) => a - b)).toEqual([0, 7, 12]);
    for (const p of parsed.values()) {
      expect(p).toEqual({
        exitCode: 1,
        output: 'Connecting to web.shop:8080 (10.0.0.1:8080) wget: download timed out',
      });
    }
    const expected = probes.map((p) => probeArgv(p.target, 3000));
    expect(recordedArgvs(argvDir).sort()).toEqual(expected.sort());
  });

  it('keeps the exit code, and cuts long output to the limit on one line', () => {
    const long = `first line\n${'x'.repeat(2000)}\nlast`;
    const out = runScript(
      shell,
      buildProbeScript([probes[1] as { id: number; target: Target }], 1000),
      fakeTools(long, 0),
      tempDir(),
    );
    const line = parseProbeLines(out.stdout).get(7);
    expect(line?.exitCode).toBe(0);
    expect(line?.output).toBe(`first line ${'x'.repeat(PROBE_OUTPUT_LIMIT - 'first line '.length)}`);
  });

  it('reports exit 127 and the shell\'s "not found" when the image lacks the tool', () => {
    const empty = tempDir();
    const out = runScript(
      shell,
      buildProbeScript([probes[0] as { id: number; target: Target }], 1000),
      empty,
      tempDir(),
    );
    const line = parseProbeLines(out.stdout).get(0);
    expect(line?.exitCode).toBe(127);
    expect(line?.output).toMatch(/wget: not found/);
  });

  it('does not glob or split output that looks like shell syntax', () => {
    const out = runScript(
      shell,
      buildProbeScript([probes[0] as { id: number; target: Target }], 1000),
      fakeTools('* $HOME `id` \'"\n%s %d', 1),
      tempDir(),
    );
    expect(parseProbeLines(out.stdout).get(0)?.output).toBe('* $HOME `id` \'" %s %d');
  });

  it('for any accepted target: valid syntax, and every probe gets exactly probeArgv', () => {
    const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,6}[a-z0-9])?$/);
    const host = fc.oneof(
      fc.array(label, { minLength: 1, maxLength: 3 }).map((l) => l.join('.')),
      fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((p) => p.join('.')),
      fc.ipV6().map((ip) => `[${ip}]`),
    );
    const pathChar = fc.constantFrom(
      ...'abcXYZ019-._~/?=:@+,%'.split(''),
      '%20',
      '%27',
      "'",
      '$',
      ';',
      '`',
      ' ',
      '&',
      '"',
      '\\',
      '-',
      '--',
    );
    const raw = fc.oneof(
      fc
        .tuple(
          fc.constantFrom('http', 'https'),
          host,
          fc.option(fc.integer({ min: 1, max: 65535 })),
          fc.array(pathChar, { maxLength: 12 }),
        )
        .map(([s, h, p, path]) => `${s}://${h}${p === null ? '' : `:${p}`}/${path.join('')}`),
      fc.tuple(host, fc.integer({ min: 0, max: 70000 })).map(([h, p]) => `tcp://${h}:${p}`),
    );
    const accepted = fc
      .array(raw, { minLength: 1, maxLength: 5 })
      .map((list) => list.map((r) => parseTarget(r)).flatMap((r) => (r.ok ? [r.value] : [])));
    const bin = fakeTools('Connecting to x\nwget: bad address', 1);
    fc.assert(
      fc.property(accepted, fc.integer({ min: 1, max: 30_000 }), (targets, timeoutMs) => {
        const list = targets.map((t, i) => ({ id: i * 3 + 1, target: t }));
        const script = buildProbeScript(list, timeoutMs);
        const argvDir = tempDir();
        const out = checkThenRun(shell, script, bin, argvDir);
        expect(out.stderr).toBe('');
        expect(out.status).toBe(0);
        const expected = list.map((p) => probeArgv(p.target, timeoutMs));
        const recorded = recordedArgvs(argvDir);
        expect(recorded.sort()).toEqual(expected.sort());
        for (const argv of recorded) {
          const fixed = argv[0] === 'wget' ? 4 : 5;
          expect(argv.slice(fixed).some((a) => a.startsWith('-'))).toBe(false);
        }
        expect([...parseProbeLines(out.stdout).keys()].sort((a, b) => a - b)).toEqual(list.map((p) => p.id));
      }),
      { numRuns: Math.ceil(50 / SHELLS.length) },
    );
  });
});

describe('parseProbeLines', () => {
  it('reads marked lines and ignores everything else', () => {
    const stdout = [
      'some banner',
      '@@ncp 3 1 Connecting to db (10.0.0.2:80) wget: download timed out\r',
      '@@ncp 4 0',
      '@@ncp x 1 not an id',
      '  @@ncp 5 1 indented, not ours',
      '@@ncp 3 0 a second line for 3 is ignored',
      '@@ncp 6 1 tab\there',
    ].join('\n');
    expect([...parseProbeLines(stdout)]).toEqual([
      [3, { exitCode: 1, output: 'Connecting to db (10.0.0.2:80) wget: download timed out' }],
      [4, { exitCode: 0, output: '' }],
      [6, { exitCode: 1, output: 'tab here' }],
    ]);
  });
});
