// `netpol-canary generate`: a matrix written from the manifests, every
// expectation predicted by the policy model and commented with the policy that
// decides it, to review, commit and verify with `run`. No cluster.
import { writeFileSync } from 'node:fs';
import {
  CONNECTION_FLAGS,
  CONNECTION_OPTIONS,
  connect,
  startCommand,
  stdio,
  usageError,
  type Io,
} from './commands.ts';
import { HELP_OPTION, renderHelp } from './help.ts';
import { readCluster } from '../cluster/read-cluster.ts';
import type { Snapshot } from '../policy/index.ts';
import { DEFAULT_EXTERNAL, DEFAULT_OUTSIDER, generateMatrix, loadManifests } from '../predict/index.ts';
import { parseTarget } from '../matrix/target.ts';
import { settingsFromFlags } from './settings.ts';

export const GENERATE_HELP = renderHelp({
  usage: 'netpol-canary generate (--manifests DIR | --from-cluster) [--out FILE] [options]',
  about: [
    'Writes a matrix from the manifests: every workload (one canary per distinct label set in a',
    'namespace) and a labelless outsider, against every TCP Service port, kube-dns and one name',
    'outside the cluster. Each expectation is what the policies predict, and each test has the',
    'policy that decides it as a comment. Review it, commit it, and verify it with `run`.',
    'Exit code: 0 written; 1 the cluster could not be read; 2 the options or the manifests are not',
    'valid.',
  ],
  options: [
    ['--manifests DIR', 'folder (or file) of manifests'],
    [
      '--from-cluster',
      'read the current cluster instead, read-only (list namespaces, pods,\nServices and NetworkPolicies across all namespaces)',
    ],
    ['--out FILE', 'write the matrix here (default: print it)'],
    ['--namespaces A,B', 'only workloads and Services in these namespaces'],
    ['--max-tests N', 'at most N tests'],
    ['--per-pair N', 'at most N ports of one Service per workload'],
    [
      '--outsider NS',
      `the namespace of the labelless canary (default ${DEFAULT_OUTSIDER});\n"none" for no outsider`,
    ],
    ['--external URL', `the target outside the cluster (default ${DEFAULT_EXTERNAL})`],
    [
      '--namespace-prefix P',
      'missing namespaces with this prefix are ones a run creates\n(default canary-test-)',
    ],
    ...CONNECTION_OPTIONS,
    HELP_OPTION,
  ],
});

const FLAGS = [
  'manifests',
  'out',
  'namespaces',
  'max-tests',
  'per-pair',
  'outsider',
  'external',
  'namespace-prefix',
];

export const GENERATE_SPEC = { flags: [...FLAGS, ...CONNECTION_FLAGS], switches: ['help', 'from-cluster'] };

export async function generateCommand(argv: string[], io: Io = stdio): Promise<number> {
  const start = startCommand(argv, io, { name: 'generate', spec: GENERATE_SPEC, help: GENERATE_HELP });
  if ('exit' in start) return start.exit;
  const { flags, switches, positionals } = start.args;
  const bad = (why: string): number => usageError(io, 'generate', why, GENERATE_HELP);
  if (positionals.length > 0) {
    return bad(
      `unexpected argument ${JSON.stringify(positionals[0])}; give the manifests as --manifests DIR`,
    );
  }
  const fromCluster = switches.has('from-cluster');
  if (fromCluster && flags.manifests) return bad('give either --manifests DIR or --from-cluster, not both');
  if (!fromCluster && !flags.manifests) {
    return bad('--manifests DIR (the folder of manifests) or --from-cluster is required');
  }
  const count = (name: string): number | undefined | string => {
    const v = flags[name];
    if (v === undefined) return undefined;
    return /^[1-9]\d{0,5}$/.test(v)
      ? Number(v)
      : `--${name} must be a whole number from 1, got ${JSON.stringify(v)}`;
  };
  const maxTests = count('max-tests');
  const perPair = count('per-pair');
  for (const v of [maxTests, perPair]) if (typeof v === 'string') return bad(v);
  if (flags.external !== undefined) {
    const target = parseTarget(flags.external);
    if (!target.ok) return bad(`--external: ${target.errors.join('; ')}`);
  }
  if (flags.out === '') return bad('--out needs a file name');
  const settings = settingsFromFlags(
    flags['namespace-prefix'] !== undefined ? { 'namespace-prefix': flags['namespace-prefix'] } : {},
    new Set(),
  );
  if (!settings.ok) {
    io.err('netpol-canary generate: nothing was generated, because:');
    for (const e of settings.errors) io.err(`  - ${e}`);
    return 2;
  }
  let snapshot: Snapshot;
  if (fromCluster) {
    const c = connect(
      { kubeconfig: flags.kubeconfig, kubectl: flags.kubectl, context: flags.context, concurrency: 4 },
      io.env,
    );
    if ('error' in c) return bad(c.error);
    const read = await readCluster(c.kubectl);
    if (!read.ok) {
      io.err(`netpol-canary generate: nothing was generated: ${read.error}`);
      return 1;
    }
    snapshot = read.snapshot;
  } else {
    const manifests = await loadManifests(flags.manifests ?? '');
    if (manifests.errors.length > 0) {
      io.err('netpol-canary generate: nothing was generated, because:');
      for (const e of manifests.errors) io.err(`  - --manifests: ${e}`);
      return 2;
    }
    for (const w of manifests.warnings) io.err(`warning: ${w}`);
    snapshot = manifests.snapshot;
  }

  const namespaces = flags.namespaces
    ?.split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  const generated = generateMatrix(snapshot, {
    ...(namespaces ? { namespaces } : {}),
    ...(typeof maxTests === 'number' ? { maxTests } : {}),
    ...(typeof perPair === 'number' ? { perPair } : {}),
    ...(flags.outsider !== undefined ? { outsider: flags.outsider === 'none' ? false : flags.outsider } : {}),
    ...(flags.external !== undefined ? { external: flags.external } : {}),
    namespacePrefix: settings.value.namespacePrefix,
  });
  if (generated.tests.length === 0) {
    io.err(
      'netpol-canary generate: no test could be generated: the manifests describe no workload or Service in scope',
    );
    return 2;
  }
  for (const w of generated.warnings) io.err(`warning: ${w}`);
  if (flags.out === undefined) {
    io.stdout.write(generated.text);
    return 0;
  }
  try {
    writeFileSync(flags.out, generated.text);
  } catch (e) {
    io.err(`netpol-canary generate: cannot write ${flags.out}: ${(e as Error).message}`);
    return 2;
  }
  const left = generated.leftOut.length + generated.dropped;
  io.err(
    `wrote ${generated.tests.length} tests to ${flags.out}${left > 0 ? ` (${left} left out: see its header)` : ''}`,
  );
  return 0;
}
