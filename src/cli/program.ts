// `netpol-canary <command>`: which command runs, the overall help and --version.
import type { Io } from './commands.ts';
import { HELP_OPTION, renderHelp } from './help.ts';
import { DIFF_HELP, DIFF_SPEC, diffCommand } from './diff-command.ts';
import { GENERATE_HELP, GENERATE_SPEC, generateCommand } from './generate-command.ts';
import { PREDICT_HELP, PREDICT_SPEC, predictCommand } from './predict-command.ts';
import { CLEANUP_HELP, CLEANUP_SPEC, RUN_HELP, RUN_SPEC, cleanupCommand, runCommand } from './run-command.ts';
import { SWEEP_HELP, SWEEP_SPEC, sweepCommand } from './sweep-command.ts';
import { suggest } from '../matrix/suggest.ts';
import { VERSION } from './version.ts';

type Command = (argv: string[], io: Io) => Promise<number>;

export interface CommandEntry {
  run: Command;
  summary: string;
  help: string;
  spec: { flags: string[]; switches: string[] };
}

export const COMMANDS: Record<string, CommandEntry> = {
  run: {
    run: runCommand,
    summary: 'deploy canaries, probe the matrix, report, clean up',
    help: RUN_HELP,
    spec: RUN_SPEC,
  },
  predict: {
    run: predictCommand,
    summary: 'decide the matrix from manifests alone, no cluster',
    help: PREDICT_HELP,
    spec: PREDICT_SPEC,
  },
  diff: {
    run: diffCommand,
    summary: 'what a change to the manifests opens and closes, no cluster',
    help: DIFF_HELP,
    spec: DIFF_SPEC,
  },
  generate: {
    run: generateCommand,
    summary: 'write a matrix from the manifests, expectations predicted',
    help: GENERATE_HELP,
    spec: GENERATE_SPEC,
  },
  cleanup: {
    run: cleanupCommand,
    summary: 'remove what an interrupted run left behind',
    help: CLEANUP_HELP,
    spec: CLEANUP_SPEC,
  },
  sweep: {
    run: (argv, io) => sweepCommand(argv, io),
    summary: 'remove what dead runs left behind, by age',
    help: SWEEP_HELP,
    spec: SWEEP_SPEC,
  },
};

const NAMES = Object.keys(COMMANDS);

export const HELP = renderHelp({
  usage: 'netpol-canary <command> [options]',
  about: [
    "Proves that a cluster's NetworkPolicies do what a matrix of expectations says.",
    '',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(9)} ${c.summary}`),
    '',
    '`netpol-canary <command> --help` shows the options of a command.',
  ],
  options: [['--version', 'print the version and exit'], HELP_OPTION],
});

/** `unknown command "rnu" (did you mean "run"?)` */
function unknown(first: string): string {
  if (first.startsWith('-')) {
    const likely = suggest(first.replace(/^-+/, ''), ['help', 'version']);
    return `unknown option ${first}${likely ? ` (did you mean --${likely}?)` : ''}`;
  }
  const likely = suggest(first, NAMES);
  return `unknown command ${JSON.stringify(first)}${likely ? ` (did you mean "${likely}"?)` : ''}`;
}

export async function main(argv: string[], io: Io): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.err(HELP);
    return 2;
  }
  if (first === '--version') {
    io.out(VERSION);
    return 0;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    const about = rest[0] !== undefined && Object.hasOwn(COMMANDS, rest[0]) ? COMMANDS[rest[0]] : undefined;
    if (about) return about.run(['--help'], io);
    if (rest.length > 0) {
      io.err(`netpol-canary: ${unknown(rest[0] ?? '')}; the commands are ${NAMES.join(', ')}.`);
      return 2;
    }
    io.out(HELP);
    return 0;
  }
  const command = Object.hasOwn(COMMANDS, first) ? COMMANDS[first] : undefined;
  if (!command) {
    io.err(
      `netpol-canary: ${unknown(first)}; the commands are ${NAMES.join(', ')}.\n(see netpol-canary --help)`,
    );
    return 2;
  }
  return command.run(rest, io);
}
