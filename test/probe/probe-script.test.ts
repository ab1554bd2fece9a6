// The probe script with stand-in tools, in dash and in busybox ash: quoting, one result line
// per command, the kill bound, and that nothing a command leaves behind can hold the script.
// What the real busybox prints through it is test/lab's business.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  buildProbeScript,
  KILL_MARGIN_S,
  killSeconds,
  parseProbeLines,
  PROBE_OUTPUT_LIMIT,
  probeCommands,
  probeSeconds,
  shellQuote,
} from '../../src/probe/probe-script.ts';
import { parseTarget } from '../../src/matrix/target.ts';
import type { Target } from '../../src/core/types.ts';
import { busyboxPath } from '../lab/lab.ts';

function target(raw: string): Target {
  const r = parseTarget(raw);
  if (!r.ok) throw new Error(r.errors.join('; '));
  return r.value;
}

// The script must run in dash (here /bin/sh) and in busybox ash (the canary's sh): the
// busybox scripts/build-busybox.sh builds, as the busybox:1.36 image has it.
const SHELLS: { name: string; argv: string[] }[] = [
  { name: '/bin/sh', argv: ['/bin/sh'] },
  { name: 'busybox sh', argv: [busyboxPath(), 'sh'] },
];

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'ncp-probe-'));
  dirs.push(d);
  return d;
}

function tool(bin: string, name: string, body: string): void {
  writeFileSync(join(bin, name), `#!/bin/sh\n${body}`);
  chmodSync(join(bin, name), 0o755);
}

/**
 * A bin folder with fake wget and nc that record their argv (one per line, the tool's
 * name first) in $ARGV_DIR/<pid>, print `output` and exit with `code`, and a fake
 * `timeout` that records its own options in $ARGV_DIR/timeout-<pid> and runs the rest.
 */
function fakeTools(output: string, code: number, extra: Record<string, string> = {}): string {
  const bin = tempDir();
  for (const name of ['wget', 'nc']) {
    tool(
      bin,
      name,
      extra[name] ??
        `{ printf '%s\\n' "${name}"; for a in "$@"; do printf '%s\\n' "$a"; done; } > "$ARGV_DIR/$$"\nprintf '%s' ${shellQuote(output)} >&2\nexit ${code}\n`,
    );
  }
  tool(bin, 'timeout', `printf '%s\\n' "$1" "$2" "$3" > "$ARGV_DIR/timeout-$$"\nshift 3\nexec "$@"\n`);
  return bin;
}

function runScript(shell: string[], script: string, bin: string, argvDir: string) {
  const started = Date.now();
  const r = spawnSync(shell[0] ?? '/bin/sh', [...shell.slice(1), '-s'], {
    input: script,
    // Only the fakes on PATH: the script itself needs nothing but shell builtins and them.
    env: { PATH: bin, ARGV_DIR: argvDir },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status, ms: Date.now() - started };
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
  return readdirSync(dir)
    .filter((f) => /^\d+$/.test(f))
    .map((f) => readFileSync(join(dir, f), 'utf8').replace(/\n$/, '').split('\n'));
}

function timeoutOptions(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.startsWith('timeout-'))
    .map((f) => readFileSync(join(dir, f), 'utf8').trim().split('\n').join(' '));
}

describe('probeCommands', () => {
  it('nc decides for every target; http(s) adds wget, without -q, with whole seconds', () => {
    expect(probeCommands(target('http://web.shop:8080/healthz?x=1'), 5000)).toEqual([
      { tool: 'nc', argv: ['nc', '-z', '-v', '-v', '-w', '5', 'web.shop', '8080'] },
      { tool: 'wget', argv: ['wget', '--spider', '-T', '5', 'http://web.shop:8080/healthz?x=1'] },
    ]);
    expect(probeCommands(target('https://api.example.com'), 1500)).toEqual([
      { tool: 'nc', argv: ['nc', '-z', '-v', '-v', '-w', '2', 'api.example.com', '443'] },
      { tool: 'wget', argv: ['wget', '--spider', '-T', '2', 'https://api.example.com/'] },
    ]);
    expect(probeCommands(target('http://[fd00::1]:8080/'), 500)).toEqual([
      { tool: 'nc', argv: ['nc', '-z', '-v', '-v', '-w', '1', 'fd00::1', '8080'] },
      { tool: 'wget', argv: ['wget', '--spider', '-T', '1', 'http://[fd00::1]:8080/'] },
    ]);
  });
  it('nc alone for tcp, IPv6 without brackets', () => {
    expect(probeCommands(target('tcp://db.shop:5432'), 5000)).toEqual([
      { tool: 'nc', argv: ['nc', '-z', '-v', '-v', '-w', '5', 'db.shop', '5432'] },
    ]);
    expect(probeCommands(target('tcp://[::1]:53'), 100)).toEqual([
      { tool: 'nc', argv: ['nc', '-z', '-v', '-v', '-w', '1', '::1', '53'] },
    ]);
  });
  it('rounds the timeout up to whole seconds, at least 1, and kills at that plus the margin', () => {
    expect([1, 999, 1000, 1001, 60_000].map(probeSeconds)).toEqual([1, 1, 1, 2, 60]);
    expect(probeSeconds(0)).toBe(1);
    expect([1, 1001, 60_000].map(killSeconds)).toEqual([1, 2, 60].map((s) => s + KILL_MARGIN_S));
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

  it('runs every command once with exactly its argv, under timeout -s KILL, one line per command', () => {
    const printed = 'Connecting to web.shop:8080 (10.0.0.1:8080)\nwget: download timed out\n';
    const argvDir = tempDir();
    const out = runScript(shell, buildProbeScript(probes, 3000), fakeTools(printed, 1), argvDir);
    expect(out.status).toBe(0);
    expect(out.stderr).toBe('');
    const lines = out.stdout.split('\n').filter(Boolean);
    expect(lines).toHaveLength(5);
    const parsed = parseProbeLines(out.stdout);
    expect([...parsed.keys()].sort((a, b) => a - b)).toEqual([0, 7, 12]);
    const result = {
      exitCode: 1,
      output: 'Connecting to web.shop:8080 (10.0.0.1:8080) wget: download timed out',
    };
    expect(parsed.get(0)).toEqual({ nc: result, wget: result });
    expect(parsed.get(7)).toEqual({ nc: result });
    expect(parsed.get(12)).toEqual({ nc: result, wget: result });
    const expected = probes.flatMap((p) => probeCommands(p.target, 3000).map((c) => c.argv));
    expect(recordedArgvs(argvDir).sort()).toEqual(expected.sort());
    expect(timeoutOptions(argvDir)).toEqual(Array(5).fill(`-s KILL ${killSeconds(3000)}`));
  });

  it('keeps the exit code, and cuts long output to the limit on one line', () => {
    const long = `first line\n${'x'.repeat(2000)}\nlast`;
    const out = runScript(shell, buildProbeScript([probes[1]!], 1000), fakeTools(long, 0), tempDir());
    const line = parseProbeLines(out.stdout).get(7)?.nc;
    expect(line?.exitCode).toBe(0);
    expect(line?.output).toBe(`first line ${'x'.repeat(PROBE_OUTPUT_LIMIT - 'first line '.length)}`);
  });

  it('reports exit 127 and "not found" when the image lacks a tool, or timeout', () => {
    const noNc = fakeTools('', 0);
    rmSync(join(noNc, 'nc'));
    let run = parseProbeLines(
      runScript(shell, buildProbeScript([probes[1]!], 1000), noNc, tempDir()).stdout,
    ).get(7);
    expect(run?.nc?.exitCode).toBe(127);
    expect(run?.nc?.output).toMatch(/nc: not found/);
    const noTimeout = fakeTools('', 0);
    rmSync(join(noTimeout, 'timeout'));
    run = parseProbeLines(
      runScript(shell, buildProbeScript([probes[0]!], 1000), noTimeout, tempDir()).stdout,
    ).get(0);
    expect(run?.nc?.exitCode).toBe(127);
    expect(run?.wget?.output).toMatch(/timeout: not found/);
  });

  it('reports a command killed by a signal with what it printed before', () => {
    const bin = fakeTools('', 0, { nc: `printf 'nc: half' >&2\nkill -9 $$\n` });
    const run = parseProbeLines(
      runScript(shell, buildProbeScript([probes[1]!], 1000), bin, tempDir()).stdout,
    ).get(7);
    expect(run?.nc).toEqual({ exitCode: 137, output: 'nc: half' });
  });

  it('does not glob or split output that looks like shell syntax', () => {
    const out = runScript(
      shell,
      buildProbeScript([probes[1]!], 1000),
      fakeTools('* $HOME `id` \'"\n%s %d', 1),
      tempDir(),
    );
    expect(parseProbeLines(out.stdout).get(7)?.nc?.output).toBe('* $HOME `id` \'" %s %d');
  });

  // busybox wget's forked TLS helper keeps stdout and stderr open after wget has given up:
  // a script that read its output to the end would never finish.
  const LINGER = `sleep 30 &\nprintf '%s' $! > "$ARGV_DIR/sleeper-$$"\nprintf 'wget: download timed out' >&2\nexit 1\n`;
  const sleepers = (dir: string): number[] =>
    readdirSync(dir)
      .filter((f) => f.startsWith('sleeper-'))
      .map((f) => Number(readFileSync(join(dir, f), 'utf8')));
  /** running, not a zombie waiting for init to reap it */
  const alive = (pid: number): boolean => {
    try {
      return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    } catch {
      return false;
    }
  };
  const sleepOnPath = (bin: string): void => {
    const sleep = ['/bin/sleep', '/usr/bin/sleep'].find((p) => existsSync(p)) ?? '/bin/sleep';
    symlinkSync(sleep, join(bin, 'sleep'));
  };

  it('is not held by what a command leaves running with its output open', () => {
    const bin = fakeTools('', 0, { wget: LINGER });
    sleepOnPath(bin);
    const dir = tempDir();
    const out = runScript(shell, buildProbeScript([probes[0]!], 1000), bin, dir);
    expect(out.status).toBe(0);
    expect(parseProbeLines(out.stdout).get(0)?.wget).toEqual({
      exitCode: 1,
      output: 'wget: download timed out',
    });
    // without setsid the leftover lives on, and the script did not wait for it
    const [pid] = sleepers(dir);
    expect(pid !== undefined && alive(pid)).toBe(true);
    if (pid !== undefined) process.kill(pid, 'SIGKILL');
  });

  it('kills what a command leaves running, when the image has setsid', async () => {
    const setsid = ['/usr/bin/setsid', '/bin/setsid'].find((p) => existsSync(p));
    expect(setsid, 'setsid (util-linux) on this machine').toBeDefined();
    const bin = fakeTools('', 0, { wget: LINGER });
    sleepOnPath(bin);
    symlinkSync(setsid ?? '', join(bin, 'setsid'));
    const dir = tempDir();
    const out = runScript(shell, buildProbeScript([probes[0]!], 1000), bin, dir);
    expect(out.status).toBe(0);
    const [pid] = sleepers(dir);
    expect(pid).toBeDefined();
    // SIGKILL was sent before the script ended; the process dies when it is next scheduled
    const until = Date.now() + 3000;
    while (alive(pid ?? 0) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect(alive(pid ?? 0)).toBe(false);
  });

  it('for any accepted target: valid syntax, and every probe gets exactly its commands', () => {
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
        const expected = list.flatMap((p) => probeCommands(p.target, timeoutMs).map((c) => c.argv));
        const recorded = recordedArgvs(argvDir);
        expect(recorded.sort()).toEqual(expected.sort());
        for (const argv of recorded) {
          const fixed = argv[0] === 'wget' ? 4 : 6;
          expect(argv.slice(fixed).some((a) => a.startsWith('-'))).toBe(false);
        }
        expect([...parseProbeLines(out.stdout).keys()].sort((a, b) => a - b)).toEqual(list.map((p) => p.id));
      }),
      { numRuns: Math.ceil(50 / SHELLS.length) },
    );
  });
});

describe('parseProbeLines', () => {
  it('reads marked lines by id and tool, and ignores everything else', () => {
    const stdout = [
      'some banner',
      '@@ncp 3 wget 1 Connecting to db (10.0.0.2:80) wget: download timed out\r',
      '@@ncp 3 nc 0 db (10.0.0.2:80) open',
      '@@ncp 4 nc 0',
      '@@ncp x nc 1 not an id',
      '@@ncp 5 curl 1 not a tool of ours',
      '@@ncp 5 1 the old form',
      '  @@ncp 5 nc 1 indented, not ours',
      '@@ncp 3 nc 1 a second line for 3 nc is ignored',
      '@@ncp 6 nc 1 tab\there',
    ].join('\n');
    expect([...parseProbeLines(stdout)]).toEqual([
      [
        3,
        {
          wget: { exitCode: 1, output: 'Connecting to db (10.0.0.2:80) wget: download timed out' },
          nc: { exitCode: 0, output: 'db (10.0.0.2:80) open' },
        },
      ],
      [4, { nc: { exitCode: 0, output: '' } }],
      [6, { nc: { exitCode: 1, output: 'tab here' } }],
    ]);
  });
});
