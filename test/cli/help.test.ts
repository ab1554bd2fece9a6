// Every command explains itself with -h and --help, in one layout, and its help names
// exactly the options it accepts; the program answers --version and suggests a command.
import { describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/commands.ts';
import { optionNames, renderHelp } from '../../src/cli/help.ts';
import { COMMANDS, HELP, main } from '../../src/cli/program.ts';
import { VERSION } from '../../src/cli/version.ts';

function capture(): { io: Io; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = {
    out: (t) => void out.push(t),
    err: (t) => void err.push(t),
    stdout: { write: (t) => void out.push(t), isTTY: false },
    stderr: { write: (t) => void err.push(t), isTTY: false },
    env: {},
  };
  return { io, out, err };
}

async function say(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const c = capture();
  const code = await main(argv, c.io);
  return { code, out: c.out.join('\n'), err: c.err.join('\n') };
}

/** usage line, blank, what it does, blank, options in one column (continuations aligned under the meanings) */
const LAYOUT =
  /^usage: netpol-canary \S.*\n\n(?:\S.*\n| {2}\S.*\n|\n(?!\n))+?\n(?: {2}(?:-h, )?--[a-z-]+(?: \S+)? {2,}\S.*\n?| {29}\S.*\n?)+$/;

describe('help', () => {
  for (const [name, command] of Object.entries(COMMANDS)) {
    it(`${name}: -h and --help print the same help, in the common layout, exit 0`, async () => {
      const long = await say([name, '--help']);
      const short = await say([name, '-h']);
      const asked = await say(['help', name]);
      expect(long.code).toBe(0);
      expect(long.err).toBe('');
      expect(short).toEqual(long);
      expect(asked).toEqual(long);
      expect(long.out).toBe(command.help);
      expect(long.out).toMatch(new RegExp(`^usage: netpol-canary ${name} `));
      expect(`${long.out}\n`).toMatch(LAYOUT);
    });

    it(`${name}: the help names every option the command accepts, and no other`, () => {
      const documented = optionNames({ usage: '', about: [], options: helpOptions(command.help) }).sort();
      expect(documented).toEqual([...command.spec.flags, ...command.spec.switches].sort());
    });

    it(`${name}: a misspelt option is refused with the likely one, and the usage line`, async () => {
      const flag = command.spec.flags[0] ?? '';
      const typo = `--${flag.slice(0, -1)}`;
      const r = await say([name, typo, 'x']);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`netpol-canary ${name}: unknown option ${typo} (did you mean --${flag}?)`);
      expect(r.err).toContain(`\nusage: netpol-canary ${name} `);
      expect(r.err).toContain(`(see netpol-canary ${name} --help)`);
    });
  }

  it('of the program lists the commands, in the same layout', async () => {
    const r = await say(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toBe(HELP);
    expect(`${r.out}\n`).toMatch(LAYOUT);
    for (const name of Object.keys(COMMANDS)) expect(r.out).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
    expect(await say(['-h'])).toEqual(r);
    // no command at all: the help, as an error
    const none = await say([]);
    expect(none).toEqual({ code: 2, out: '', err: HELP });
  });
});

describe('the program', () => {
  it('prints its version with --version', async () => {
    expect(await say(['--version'])).toEqual({ code: 0, out: VERSION, err: '' });
  });

  it('suggests the command or option that was likely meant', async () => {
    const command = await say(['rnu', 'm.yaml']);
    expect(command.code).toBe(2);
    expect(command.err).toBe(
      'netpol-canary: unknown command "rnu" (did you mean "run"?); the commands are run, predict, diff, generate, cleanup, sweep.\n(see netpol-canary --help)',
    );
    expect((await say(['--verison'])).err).toMatch(
      /^netpol-canary: unknown option --verison \(did you mean --version\?\);/,
    );
    expect((await say(['frobnicate'])).err).toMatch(
      /^netpol-canary: unknown command "frobnicate"; the commands are/,
    );
    expect((await say(['help', 'sweeep'])).err).toBe(
      'netpol-canary: unknown command "sweeep" (did you mean "sweep"?); the commands are run, predict, diff, generate, cleanup, sweep.',
    );
  });
});

describe('renderHelp', () => {
  it('puts long option names on a line of their own and aligns continuation lines', () => {
    const text = renderHelp({
      usage: 'netpol-canary x',
      about: ['Does x.'],
      options: [
        ['--a-very-long-option-name VALUE', 'meaning'],
        ['--b', 'first line\nsecond line'],
      ],
    });
    expect(text).toBe(
      [
        'usage: netpol-canary x',
        '',
        'Does x.',
        '',
        '  --a-very-long-option-name VALUE',
        '                             meaning',
        '  --b                        first line',
        '                             second line',
      ].join('\n'),
    );
  });
});

/** The option column of a rendered help, back as [option, meaning] pairs. */
function helpOptions(help: string): [string, string][] {
  return help
    .split('\n')
    .filter((l) => /^ {2}-/.test(l))
    .map((l) => [l.trim().split(/ {2,}/)[0] ?? '', '']);
}
