// Preloaded into the action's own node processes (NODE_OPTIONS=--import=…) by the
// bench: at exit it writes the process's peak resident memory, its CPU time and that
// of its finished children (the kubectl processes), and when it started and ended, to
// `$NETPOL_BENCH_STATS.<script>.json` (main and post apart). kubectl is a Go program
// and ignores NODE_OPTIONS.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';

const prefix = process.env.NETPOL_BENCH_STATS;
if (prefix) {
  // process.uptime() counts from the process's start, node's own boot included
  const started = Date.now() - process.uptime() * 1000;
  process.on('exit', (code) => {
    const script = basename(process.argv[1] ?? 'node', '.js');
    const usage = process.resourceUsage();
    writeFileSync(
      `${prefix}.${script}.json`,
      JSON.stringify({
        // kilobytes, as getrusage reports it
        maxRssKb: usage.maxRSS,
        cpuMs: Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000),
        childrenCpuMs: childrenCpuMs(),
        started: Math.round(started),
        exited: Date.now(),
        code,
      }),
    );
  });
}

/** CPU of the children this process has waited for (cutime + cstime, in clock ticks of 10 ms) */
function childrenCpuMs() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // fields after the command name, which is in parentheses and may hold spaces
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return -1;
  }
}
