// `netpol-canary predict`: the verdicts the matrix would get, decided from the
// manifests' NetworkPolicies alone. No cluster, no kubectl.
import { matrixArgument, startCommand, stdio, usageError, type Io } from './commands.ts';
import { HELP_OPTION, renderHelp } from './help.ts';
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
import { settingsFromFlags } from './settings.ts';
import { loadManifests, predictMatrix } from '../predict/index.ts';

export const PREDICT_HELP = renderHelp({
  usage: 'netpol-canary predict MATRIX_FILE --manifests DIR [options]',
  about: [
    'Decides every test of the matrix from the NetworkPolicies, Namespaces, workloads and Services',
    'in the manifests (a folder of YAML or JSON files, read recursively, or one file), and says why.',
    'Nothing is deployed: a prediction shows what the policies say, a run what the network does.',
    'Exit code: 0 all predicted to pass; 1 something would fail or cannot be predicted; 2 the',
    'options, the matrix or the manifests are not valid.',
  ],
  options: [
    ['--manifests DIR', 'folder (or file) of manifests'],
    ['--matrix FILE', 'the matrix file, instead of MATRIX_FILE'],
    [
      '--namespace-prefix P',
      'missing source namespaces with this prefix are ones a run would create\n(default canary-test-)',
    ],
    ['--json', 'print only the results, as JSON, on stdout'],
    ['--junit FILE', 'also write a JUnit XML report'],
    HELP_OPTION,
  ],
});

export const PREDICT_SPEC = {
  flags: ['manifests', 'matrix', 'namespace-prefix', 'junit'],
  switches: ['json', 'help'],
};

export async function predictCommand(argv: string[], io: Io = stdio): Promise<number> {
  const start = startCommand(argv, io, { name: 'predict', spec: PREDICT_SPEC, help: PREDICT_HELP });
  if ('exit' in start) return start.exit;
  const { flags, switches, positionals } = start.args;
  const given = matrixArgument(positionals, flags, '');
  if ('error' in given && given.error !== '') return usageError(io, 'predict', given.error, PREDICT_HELP);
  const missing = [
    ...(flags.manifests ? [] : ['--manifests DIR (the folder of manifests)']),
    ...('file' in given ? [] : ['MATRIX_FILE (the matrix)']),
  ];
  if (missing.length > 0) {
    const are = missing.length > 1 ? 'are' : 'is';
    return usageError(io, 'predict', `${missing.join(' and ')} ${are} required`, PREDICT_HELP);
  }
  if (flags.junit === '') return usageError(io, 'predict', '--junit needs a file name', PREDICT_HELP);
  const junitProblem = flags.junit === undefined ? undefined : junitPathProblem(flags.junit);
  if (junitProblem) return usageError(io, 'predict', junitProblem, PREDICT_HELP);

  // the prefix is checked as a run checks it
  const settings = settingsFromFlags(
    flags['namespace-prefix'] !== undefined ? { 'namespace-prefix': flags['namespace-prefix'] } : {},
    new Set(),
  );
  const matrix = readMatrixFile('file' in given ? given.file : '');
  const manifests = await loadManifests(flags.manifests ?? '');
  const errors = [
    ...(settings.ok ? [] : settings.errors),
    ...(matrix.ok ? [] : matrix.errors),
    ...manifests.errors.map((e) => `--manifests: ${e}`),
  ];
  if (errors.length > 0 || !matrix.ok || !settings.ok) {
    io.err('netpol-canary predict: nothing was predicted, because:');
    for (const e of errors) io.err(`  - ${e}`);
    return 2;
  }
  for (const w of manifests.warnings) io.err(`warning: ${w}`);

  const results = predictMatrix(manifests.snapshot, matrix.value, {
    namespacePrefix: settings.value.namespacePrefix,
  });
  const junitError =
    flags.junit !== undefined
      ? writeJunit(flags.junit, results, {
          properties: { mode: 'predict', manifests: flags.manifests },
          tests: matrix.value.tests,
          file: flags.matrix,
        })
      : undefined;
  if (switches.has('json')) {
    io.out(resultsJson(results));
  } else {
    const color = wantsColor(io.stdout.isTTY, io.env);
    io.out(
      `${renderTable(results, { color, explainAll: true })}\n\n${totalsLine(results)} (predicted from the manifests, no probe ran)`,
    );
  }
  if (junitError) io.err(junitError);
  return Math.max(exitCodeFor(results), junitError ? 1 : 0);
}
