// `npm run bench`: the bundled action (dist/) through the runner simulator against
// the cluster double with realistic latencies (the canaries' scripts played, see
// probe-player.ts), beside a serial canary script on the same kind of cluster; a table,
// the targets of issue 13 with PASS / FAIL, exit 1 when one is missed. Every result must
// be a pass, so a run that broke cannot look fast.
//
//   tsx bench/run.ts [--quick] [--profile] [--no-baseline] [--sh-probes | --double-shims] [--concurrency=N] [--rows=200/20,…]
import { execFileSync, execSync } from 'node:child_process';
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { kubectlPath } from '../test/cluster/kubectl.ts';
import { actionDefaults } from '../test/runner/simulator.ts';
import { lightShims } from './light-shims.ts';
import { benchMatrix } from './matrix.ts';
import {
  EXEC_LATENCY_MS,
  LIMIT_MS,
  POD_START_MS,
  PROBE_TIMEOUT_S,
  measureAction,
  measureBaseline,
  type BaselineMeasure,
  type Setup,
} from './measure.ts';
import { cpuTable, profileLines, resultsTable, targets, type Row, type RowResult } from './report.ts';

const ROOT = resolve(import.meta.dirname, '..');
const USAGE =
  'use --quick (the 10 and 50 rows only), --profile (where the time went, per row), ' +
  "--sh-probes (canaries' scripts run by sh with light stand-ins, not played), --double-shims (by sh with the " +
  "double's own node stand-ins), --no-baseline, --concurrency=N (for every row) " +
  'or --rows=TESTS/CANARIES,… (e.g. --rows=200/20)';

/** how the double's canaries run probes: played in-process, light sh stand-ins, or its own node ones */
type Probes = 'played' | 'sh' | 'double';

interface Flags {
  rows: Row[];
  profile: boolean;
  probes: Probes;
}

function parseFlags(argv: string[]): Flags {
  for (const a of argv) {
    if (
      !/^--(quick|profile|sh-probes|double-shims|no-baseline|concurrency=\d+|rows=\d+\/\d+(,\d+\/\d+)*)$/.test(
        a,
      )
    ) {
      throw new Error(`unknown argument ${JSON.stringify(a)}: ${USAGE}`);
    }
  }
  const value = (name: string): string | undefined =>
    argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  let rows: Row[] = [
    { tests: 10, canaries: 2, baseline: true },
    { tests: 50, canaries: 10, baseline: true },
    { tests: 200, canaries: 20, baseline: true },
    { tests: 1000, canaries: 100, baseline: false },
  ];
  if (argv.includes('--quick')) rows = rows.filter((r) => r.tests <= 50);
  const only = value('rows');
  if (only) {
    rows = only.split(',').map((pair) => {
      const [tests = 0, canaries = 0] = pair.split('/').map(Number);
      // the serial script takes about 1.4 s per test: beyond 200 tests it is estimated
      return { tests, canaries, baseline: tests <= 200 };
    });
  }
  const concurrency = value('concurrency');
  if (concurrency) rows = rows.map((r) => ({ ...r, concurrency }));
  if (argv.includes('--no-baseline')) rows = rows.map((r) => ({ ...r, baseline: false }));
  const probes: Probes = argv.includes('--double-shims')
    ? 'double'
    : argv.includes('--sh-probes')
      ? 'sh'
      : 'played';
  return { rows, profile: argv.includes('--profile'), probes };
}

function ensureDist(): void {
  const main = join(ROOT, 'dist', 'main.js');
  if (!existsSync(main) || !existsSync(join(ROOT, 'dist', 'post.js'))) {
    console.error('dist/ is missing: building it (npm run build)…');
    execSync('npm run build', { cwd: ROOT, stdio: 'inherit' });
    return;
  }
  if (newestMtime(join(ROOT, 'src')) > statSync(main).mtimeMs) {
    console.error(
      'note: src/ changed after dist/ was built; the bench measures dist/ (npm run build to refresh).',
    );
  }
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** action.yml's default for the `concurrency` input */
function defaultConcurrency(): number {
  const inputs = actionDefaults();
  return Number(inputs.concurrency ?? 10);
}

function machine(probes: Probes): string[] {
  let kubectl = '?';
  try {
    kubectl =
      execFileSync(kubectlPath(), ['version', '--client'], { encoding: 'utf8' }).split('\n')[0] ?? '?';
  } catch {
    // reported as '?'
  }
  return [
    `machine: ${cpus()[0]?.model ?? '?'}, ${availableParallelism()} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB; node ${process.version}; kubectl ${kubectl.replace(/^Client Version: /, '')} (${kubectlPath()})`,
    `double: pod start ${POD_START_MS} ms (exec set-up ${EXEC_LATENCY_MS} ms, for the serial baseline); probe timeout ${PROBE_TIMEOUT_S} s; deny = dropped (the probe waits its timeout); limit = pod start + probe timeout = ${LIMIT_MS} ms`,
    `load average before: ${loadAverage()} (other work on this machine competes for the same cores)`,
    {
      played:
        "canaries: each one's script played in-process by the double (bench/probe-player.ts): busybox texts and timing, none of the CPU",
      sh: "canaries: each one's script run by sh with light stand-ins (bench/light-shims.ts), on this machine's CPU",
      double:
        "canaries: each one's script run by sh with the double's own node stand-ins (a node start per probe, on this machine)",
    }[probes],
  ];
}

function loadAverage(): string {
  return loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');
}

/**
 * The Google Cloud SDK's kubectl is a dispatcher: each call starts it, and it starts the
 * kubectl of the version it picks, two Go start-ups per call. GitHub's runners have a plain
 * kubectl, so the bench runs the one the dispatcher would (kubectl.1.NN beside it), unless
 * KUBECTL names a binary.
 */
function preferPlainKubectl(): void {
  if (process.env.KUBECTL) return;
  try {
    const version = execFileSync(kubectlPath(), ['version', '--client'], { encoding: 'utf8' });
    const minor = /v(1\.\d+)\.\d+-dispatcher/.exec(version)?.[1];
    if (!minor) return;
    const plain = join(dirname(realpathSync(kubectlPath())), `kubectl.${minor}`);
    if (existsSync(plain)) process.env.KUBECTL = plain;
  } catch {
    // the one on PATH, then
  }
}

async function main(): Promise<number> {
  const flags = parseFlags(process.argv.slice(2));
  preferPlainKubectl();
  ensureDist();
  const shims = flags.probes === 'double' ? undefined : lightShims();
  try {
    console.log(machine(flags.probes).join('\n'));
    const results: RowResult[] = [];
    for (const row of flags.rows) {
      const setup: Setup = {
        ...(shims ? { shimDir: shims.dir } : {}),
        ...(flags.probes === 'played' ? { play: true } : {}),
        ...(row.concurrency ? { concurrency: row.concurrency } : {}),
      };
      results.push(await benchRow(row, setup, results, flags.profile));
    }
    console.log('');
    console.log(resultsTable(results).join('\n'));
    console.log('');
    console.log(cpuTable(results, availableParallelism()).join('\n'));
    console.log(`load average after: ${loadAverage()}`);
    console.log('');
    const list = targets(results, defaultConcurrency());
    for (const t of list) {
      console.log(`${t.ok === undefined ? 'SKIP' : t.ok ? 'PASS' : 'FAIL'}  ${t.what}: ${t.detail}`);
    }
    const missed = list.some((t) => t.ok === false);
    if (missed && !flags.profile) {
      console.log('\nA target was missed; where the time went:');
      for (const r of results) console.log(`\n${profileLines(r).join('\n')}`);
    }
    return missed ? 1 : 0;
  } finally {
    shims?.dispose();
  }
}

async function benchRow(row: Row, setup: Setup, done: RowResult[], profile: boolean): Promise<RowResult> {
  const m = benchMatrix(row.tests, row.canaries);
  const name = `${row.tests} tests / ${row.canaries} canaries`;
  const problems: string[] = [];
  console.error(`${name}: the action…`);
  const action = await measureAction(m, setup, problems);
  console.error(`${name}: the action took ${(action.wallMs / 1000).toFixed(1)} s`);
  let baseline: BaselineMeasure | undefined;
  let estimateMs: number | undefined;
  if (row.baseline) {
    console.error(`${name}: the serial baseline (slow by design)…`);
    baseline = await measureBaseline(m, setup, problems);
    console.error(`${name}: the serial baseline took ${(baseline.wallMs / 1000).toFixed(1)} s`);
  } else {
    const ref = [...done].reverse().find((r) => r.baseline);
    if (ref?.baseline) estimateMs = (ref.baseline.wallMs / ref.row.tests) * row.tests;
  }
  const result: RowResult = {
    row,
    concurrency: Number(row.concurrency ?? defaultConcurrency()),
    action,
    problems,
    ...(baseline ? { baseline } : {}),
    ...(estimateMs ? { estimateMs } : {}),
  };
  for (const p of problems) console.log(`PROBLEM ${name}: ${p}`);
  if (profile) console.log(`\n${profileLines(result).join('\n')}`);
  return result;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`bench failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(2);
  },
);
