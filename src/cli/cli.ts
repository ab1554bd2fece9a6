#!/usr/bin/env node
// `netpol-canary`: the action's checks from a terminal, against the current kube context.
import { stdio } from './commands.ts';
import { main } from './program.ts';

try {
  process.exitCode = await main(process.argv.slice(2), stdio);
} catch (e) {
  // a bug, not a mistake of the user's: still a sentence, not a stack trace
  stdio.err(`netpol-canary stopped unexpectedly: ${(e as Error).message ?? String(e)}`);
  process.exitCode = 1;
}
