// `node dist/sweep.js`: remove what dead runs left behind. See sweep-stale.ts.
import { sweepCommand } from './sweep-command.ts';

process.exitCode = await sweepCommand(process.argv.slice(2));
