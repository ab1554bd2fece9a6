// `netpol-canary run` and `netpol-canary cleanup`: the action's main and post
// steps from a terminal, against the current kube context. A run always cleans
// up after itself (also when interrupted) unless told to keep its canaries.
import { cleanupRun, describeCleanup, type CleanupReport } from '../cluster/cleanup.ts';
import {
  CONNECTION_FLAGS,
  CONNECTION_OPTIONS,
  connect,
  matrixArgument,
  startCommand,
  stdio,
  usageError,
  type Io,
} from './commands.ts';
import { HELP_OPTION, renderHelp } from './help.ts';
import { gateKubectl } from './gate.ts';
import {
  exitCodeFor,
  junitPathProblem,
  readMatrixFile,
  renderTable,
  resultsJson,
  totalsLine,
  wantsColor,
  writeJunit,
} from './output.ts';
import { createProgress } from './progress.ts';
import { SETTING_FLAGS, SETTING_SWITCHES, settingsFromFlags } from './settings.ts';
import { formatDuration } from '../matrix/duration.ts';
import { labelValueErrors } from '../matrix/k8s-names.ts';
import type { Kubectl } from '../cluster/kubectl.ts';
import { runIdentity } from '../core/ownership.ts';
import { denyWithoutAllowWarnings, groupIntoCanaries } from '../matrix/plan.ts';
import { runMatrix, type RunRecord } from '../run/run-matrix.ts';
import type { Matrix, Settings, TestResult } from '../core/types.ts';

/** Clean-up never takes longer than this; what is left is named, for `cleanup` or `sweep`. */
const CLEANUP_BUDGET_MS = 60_000;
/** After an interrupt, how long creations in flight may take to finish before clean-up starts. */
const SHUT_WAIT_MS = 15_000;
/** The exit status of a process stopped by SIGINT, by shell convention (128 + 2). */
const INTERRUPTED = 130;

export const RUN_HELP = renderHelp({
  usage: 'netpol-canary run MATRIX_FILE [options]',
  about: [
    'Deploys canary pods in the current kube context, probes every test of the matrix from inside',
    'them, prints the verdicts, and removes the canaries and the namespaces it created again, also',
    'when interrupted (Ctrl-C). Exit code: 0 all passed; 1 something failed or was inconclusive;',
    '2 the options or the matrix are not valid, or the run could not start (nothing was created).',
  ],
  options: [
    ['--matrix FILE', 'the matrix file, instead of MATRIX_FILE'],
    ['--timeout 5s', 'per-probe connect timeout'],
    ['--ready-timeout 60s', 'how long a canary may take to start (its container ready)'],
    ['--attempts 3', 'tries for a probe whose result disagrees with its expectation'],
    [
      '--max-enforcement-delay D',
      'fail a test whose result held only later than D (2s) after its canary started',
    ],
    [
      '--namespace-prefix P',
      'missing source namespaces with this prefix are created, then deleted\n(default canary-test-)',
    ],
    ['--refused-means-denied', 'count a refused connection as denied (CNIs that reject, not drop)'],
    ['--image busybox:1.36', 'canary image; it must provide sh, nc, wget and timeout as busybox does'],
    ['--image-pull-secret NAME', 'image pull secret present in every source namespace'],
    ['--node-selector YAML', 'node selector for the canaries, e.g. "{kubernetes.io/os: linux}"'],
    ['--tolerations YAML', 'tolerations for the canaries, e.g. "[{key: gpu, operator: Exists}]"'],
    ['--json', 'print only the results, as JSON, on stdout (progress goes to stderr)'],
    ['--junit FILE', 'also write a JUnit XML report'],
    ['--keep', 'leave the canaries in place; remove them later with `netpol-canary cleanup`'],
    ...CONNECTION_OPTIONS,
    HELP_OPTION,
  ],
});

export const RUN_SPEC = {
  flags: [...new Set([...CONNECTION_FLAGS, ...SETTING_FLAGS, 'junit', 'matrix'])],
  switches: [...SETTING_SWITCHES, 'json', 'keep', 'help'],
};

export const CLEANUP_HELP = renderHelp({
  usage: 'netpol-canary cleanup --run ID MATRIX_FILE [options]',
  about: [
    'Removes what the run ID (printed when the run started) left behind: its canaries in the',
    "matrix's source namespaces, and the namespaces it created with the prefix that no other run uses.",
    'Exit code: 0 everything was removed; 1 something could not be; 2 the options are not valid.',
  ],
  options: [
    ['--run ID', 'the run to clean up after, e.g. local-1a2b3c4d5e'],
    ['--matrix FILE', 'the matrix file the run used, instead of MATRIX_FILE'],
    ['--namespace-prefix P', 'the prefix the run used (default canary-test-)'],
    ...CONNECTION_OPTIONS,
    HELP_OPTION,
  ],
});

export const CLEANUP_SPEC = {
  flags: [...CONNECTION_FLAGS, 'run', 'namespace-prefix', 'matrix'],
  switches: ['help'],
};

function invalid(io: Io, command: string, errors: string[]): number {
  io.err(`netpol-canary ${command}: nothing was done, because:`);
  for (const e of errors) io.err(`  - ${e}`);
  return 2;
}

/** An argument as a POSIX shell reads it back. */
export function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** Every namespace a run may have touched: what it recorded, and every source in the matrix. */
function touched(matrix: Matrix, record: RunRecord | undefined): string[] {
  return [
    ...new Set([
      ...(record?.namespaces ?? []),
      ...(record?.pods.map((p) => p.namespace) ?? []),
      ...matrix.tests.map((t) => t.from),
      ...Object.keys(matrix.namespaces),
    ]),
  ];
}

/** kubectl as the connection flags and the settings say */
function connectFrom(flags: Record<string, string>, settings: Settings, io: Io): ReturnType<typeof connect> {
  return connect(
    {
      kubeconfig: flags.kubeconfig,
      kubectl: flags.kubectl,
      context: settings.context,
      concurrency: settings.concurrency,
    },
    io.env,
  );
}

function cleanupLine(report: CleanupReport): string {
  return `Clean-up: ${describeCleanup(report)}`;
}

export async function runCommand(argv: string[], io: Io = stdio): Promise<number> {
  const start = startCommand(argv, io, { name: 'run', spec: RUN_SPEC, help: RUN_HELP });
  if ('exit' in start) return start.exit;
  const { flags, switches, positionals } = start.args;
  const given = matrixArgument(positionals, flags, 'give the matrix file to run');
  if ('error' in given) return usageError(io, 'run', given.error, RUN_HELP);
  if (flags.junit === '') return usageError(io, 'run', '--junit needs a file name', RUN_HELP);
  const junitProblem = flags.junit === undefined ? undefined : junitPathProblem(flags.junit);
  if (junitProblem) return usageError(io, 'run', junitProblem, RUN_HELP);
  const file = given.file;

  // everything is checked before anything in the cluster changes
  const matrix = readMatrixFile(file);
  const settings = settingsFromFlags(flags, switches);
  if (!matrix.ok || !settings.ok) {
    return invalid(io, 'run', [...(matrix.ok ? [] : matrix.errors), ...(settings.ok ? [] : settings.errors)]);
  }
  const c = connectFrom(flags, settings.value, io);
  if ('error' in c) return invalid(io, 'run', [c.error]);

  return execute(matrix.value, {
    io,
    file,
    flags,
    settings: settings.value,
    kubectl: c.kubectl,
    json: switches.has('json'),
    keep: switches.has('keep'),
  });
}

interface Execution {
  io: Io;
  file: string;
  flags: Record<string, string>;
  settings: Settings;
  kubectl: Kubectl;
  json: boolean;
  keep: boolean;
}

async function execute(matrix: Matrix, x: Execution): Promise<number> {
  const { io, settings } = x;
  const started = Date.now();
  const run = runIdentity(io.env);
  // with --json, stdout carries the results alone; everything else goes to stderr
  const sink = x.json ? io.stderr : io.stdout;
  const say = x.json ? io.err : io.out;
  const progress = createProgress({ ...sink, color: wantsColor(sink.isTTY, io.env) }, (l) =>
    io.err(`warning: ${l}`),
  );
  const cleanupHint = [
    'netpol-canary cleanup --run',
    run,
    shellQuote(x.file),
    ...(['kubeconfig', 'context', 'namespace-prefix'] as const).flatMap((f) =>
      x.flags[f] !== undefined ? [`--${f}`, shellQuote(x.flags[f] ?? '')] : [],
    ),
  ].join(' ');
  const canaries = groupIntoCanaries(matrix.tests).length;
  progress.info(
    `netpol-canary run ${run}: ${matrix.tests.length} test(s) from ${canaries} canar${canaries === 1 ? 'y' : 'ies'}, ` +
      `probe timeout ${formatDuration(settings.timeoutMs)}, ${settings.context ? `context ${settings.context}` : "the kubeconfig's current context"}`,
  );
  for (const w of denyWithoutAllowWarnings(matrix.tests)) progress.warning(w);
  progress.expect(canaries);

  let record: RunRecord | undefined;
  const gate = gateKubectl(x.kubectl);
  let cleaning: Promise<CleanupReport | undefined> | undefined;
  const cleanOnce = (): Promise<CleanupReport | undefined> =>
    (cleaning ??= (async () => {
      // nothing recorded: the run never got as far as creating anything
      if (x.keep || !record) return undefined;
      const report = await cleanupRun(x.kubectl, {
        run,
        prefix: settings.namespacePrefix,
        namespaces: touched(matrix, record),
        deadline: Date.now() + CLEANUP_BUDGET_MS,
        ...(record.created ? { known: record.created } : {}),
      });
      say(cleanupLine(report));
      if (report.problems.length > 0) {
        io.err(`Clean-up could not remove everything; try again with:\n  ${cleanupHint}`);
        for (const p of report.problems) io.err(`  - ${p}`);
      }
      return report;
    })());

  // Ctrl-C: stop the run, clean up, exit 130. A second one exits at once.
  let phase: 'running' | 'cleaning' | 'done' = 'running';
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    signals++;
    if (signals > 1 || phase === 'done') {
      if (phase !== 'done' && !x.keep && record) {
        io.err(`Stopped before clean-up ended; finish it with:\n  ${cleanupHint}`);
      }
      process.exit(INTERRUPTED);
    }
    progress.stop();
    const what = x.keep || !record ? 'stopping' : 'cleaning up (press Ctrl-C again to stop at once)';
    io.err(`\n${signal}: run ${run} interrupted; ${what}.`);
    if (x.keep && record) io.err(`Its canaries stay (--keep); remove them with:\n  ${cleanupHint}`);
    const shut = phase === 'running' ? gate.shut(SHUT_WAIT_MS) : Promise.resolve();
    void shut.then(cleanOnce).finally(() => process.exit(INTERRUPTED));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    let results: TestResult[];
    try {
      const outcome = await runMatrix(matrix, settings, {
        kubectl: gate.kubectl,
        run,
        log: progress,
        record: (r) => {
          record = r;
        },
      });
      progress.stop();
      if (!outcome.ok) {
        phase = 'cleaning';
        await cleanOnce();
        io.err(`netpol-canary run: the run could not start.\n${outcome.error}`);
        return 2;
      }
      results = outcome.results;
    } catch (e) {
      progress.stop();
      io.err(`netpol-canary run stopped unexpectedly: ${(e as Error).message ?? String(e)}`);
      phase = 'cleaning';
      await cleanOnce();
      return 1;
    }

    phase = 'cleaning';
    const report = await cleanOnce();
    if (x.keep)
      say(`The canaries of run ${run} stay in the cluster (--keep); remove them with:\n  ${cleanupHint}`);
    phase = 'done';

    const junitError =
      x.flags.junit !== undefined
        ? writeJunit(x.flags.junit, results, {
            wallTimeMs: Date.now() - started,
            properties: {
              mode: 'run',
              run,
              context: settings.context ?? '(current context)',
              image: settings.image,
            },
            tests: matrix.tests,
            file: x.file,
          })
        : undefined;
    if (x.json) {
      io.out(resultsJson(results));
    } else {
      const color = wantsColor(io.stdout.isTTY, io.env);
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      io.out(`\n${renderTable(results, { color })}\n\n${totalsLine(results)} (run ${run}, ${seconds} s)`);
    }
    if (junitError) io.err(junitError);
    const cleanupFailed = (report?.problems.length ?? 0) > 0;
    return Math.max(exitCodeFor(results), junitError || cleanupFailed ? 1 : 0);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

export async function cleanupCommand(argv: string[], io: Io = stdio): Promise<number> {
  const start = startCommand(argv, io, { name: 'cleanup', spec: CLEANUP_SPEC, help: CLEANUP_HELP });
  if ('exit' in start) return start.exit;
  const { flags, positionals } = start.args;
  const given = matrixArgument(positionals, flags, 'give the matrix file the run used');
  if ('error' in given) return usageError(io, 'cleanup', given.error, CLEANUP_HELP);
  const run = flags.run;
  if (run === undefined) {
    return usageError(
      io,
      'cleanup',
      '--run ID is required: the run id printed when the run started',
      CLEANUP_HELP,
    );
  }
  const errors = (run === '' ? ['must not be empty'] : labelValueErrors(run)).map(
    (e) => `--run ${JSON.stringify(run)} is not a run id: ${e}`,
  );
  // the same checks as a run's, for the flags the two share
  const settings = settingsFromFlags(flags, new Set());
  if (!settings.ok) errors.push(...settings.errors);
  const matrix = readMatrixFile(given.file);
  if (!matrix.ok) errors.push(...matrix.errors);
  if (errors.length > 0 || !matrix.ok || !settings.ok) return invalid(io, 'cleanup', errors);
  const c = connectFrom(flags, settings.value, io);
  if ('error' in c) return invalid(io, 'cleanup', [c.error]);

  const namespaces = touched(matrix.value, undefined);
  const report = await cleanupRun(c.kubectl, {
    run,
    prefix: settings.value.namespacePrefix,
    namespaces,
    deadline: Date.now() + CLEANUP_BUDGET_MS,
  });
  for (const p of report.deletedPods) io.out(`deleted pod ${p}`);
  for (const n of report.deletedNamespaces) io.out(`deleted namespace ${n}`);
  if (report.deletedPods.length + report.deletedNamespaces.length + report.problems.length === 0) {
    io.out(
      `Clean-up: nothing of run ${run} was found in namespace(s) ${namespaces.join(', ')}: it was cleaned up already, or that is not the run's id or matrix (the id is printed when a run starts).`,
    );
  } else io.out(cleanupLine(report));
  if (report.problems.length > 0) {
    io.err('Some things could not be removed:');
    for (const p of report.problems) io.err(`  - ${p}`);
    return 1;
  }
  return 0;
}
