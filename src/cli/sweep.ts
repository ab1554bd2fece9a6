// `node dist/sweep.js`: remove what dead runs left behind (cluster/sweep-stale.ts).
// It is the CLI's sweep, bundled on its own so that a workflow can run it from the
// action's checkout without installing the CLI.
import { sweepCommand } from './sweep-command.ts';

process.exitCode = await sweepCommand(process.argv.slice(2));
