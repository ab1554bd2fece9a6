#!/usr/bin/env node
// `netpol-canary`: the action's checks from a terminal, against the current kube context.
import { stdio, type Io } from './commands.ts';
import { predictCommand } from './predict-command.ts';
import { cleanupCommand, runCommand } from './run-command.ts';
import { sweepCommand } from './sweep-command.ts';

type Command = (argv: string[], io: Io) => Promise<number>;

const COMMANDS: Record<string, { run: Command; summary: string }> = {
  run: { run: runCommand, summary: 'deploy canaries, probe the matrix, report, clean up' },
  predict: { run: predictCommand, summary: 'decide the matrix from manifests alone, no cluster' },
  cleanup: { run: cleanupCommand, summary: 'remove what an interrupted run left behind' },
  sweep: { run: sweepCommand, summary: 'remove what dead runs left behind, by age' },
};

const HELP = [
  'usage: netpol-canary <command> [options]',
  '',
  "Proves that a cluster's NetworkPolicies do what a matrix of expectations says.",
  '',
  ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(9)} ${c.summary}`),
  '',
  '`netpol-canary <command> --help` shows the options of a command.',
].join('\n');

async function main(argv: string[], io: Io): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.err(HELP);
    return 2;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    const about = rest[0] !== undefined && Object.hasOwn(COMMANDS, rest[0]) ? COMMANDS[rest[0]] : undefined;
    if (about) return about.run(['--help'], io);
    if (rest.length > 0) {
      io.err(`netpol-canary: no command "${rest[0]}"; the commands are ${Object.keys(COMMANDS).join(', ')}.`);
      return 2;
    }
    io.out(HELP);
    return 0;
  }
  const command = Object.hasOwn(COMMANDS, first) ? COMMANDS[first] : undefined;
  if (!command) {
    const what = first.startsWith('-') ? `unknown option ${first}` : `unknown command "${first}"`;
    io.err(
      `netpol-canary: ${what}; the commands are ${Object.keys(COMMANDS).join(', ')}.\n(see netpol-canary --help)`,
    );
    return 2;
  }
  return command.run(rest, io);
}

try {
  process.exitCode = await main(process.argv.slice(2), stdio);
} catch (e) {
  // a bug, not a mistake of the user's: still a sentence, not a stack trace
  stdio.err(`netpol-canary stopped unexpectedly: ${(e as Error).message ?? String(e)}`);
  process.exitCode = 1;
}
