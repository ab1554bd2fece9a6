#!/usr/bin/env node
// `netpol-canary`: the action's checks from a terminal, against the current kube context.
import { sweepCommand } from './sweep-command.ts';

const [command, ...rest] = process.argv.slice(2);
const commands: Record<string, (argv: string[]) => Promise<number>> = { sweep: sweepCommand };
const run = command ? commands[command] : undefined;
if (!run) {
  process.stderr.write(`usage: netpol-canary <${Object.keys(commands).join('|')}> [options]\n`);
  process.exitCode = 2;
} else {
  process.exitCode = await run(rest);
}
