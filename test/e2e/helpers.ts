// Shared set-up for end-to-end tests: the cluster double, the real kubectl on
// PATH, and the bundled action run through the runner simulator.
import { existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { kubectlPath } from '../cluster/kubectl.ts';
import type { AuditEntry } from '../cluster/audit.ts';
import { startCluster, type Cluster, type ClusterStartOptions } from '../cluster/server.ts';
import { runAction, type ActionRun, type RunOptions } from '../runner/simulator.ts';

const ROOT = resolve(import.meta.dirname, '../..');

/** PATH with the real kubectl (the given version, default /usr/bin/kubectl's) first. */
export function pathWithKubectl(version?: string): string {
  if (!existsSync(resolve(ROOT, 'dist/main.js'))) {
    throw new Error('dist/main.js is missing: run `npm run build` before the end-to-end tests');
  }
  const bin = kubectlPath(version);
  let dir = dirname(bin);
  if (version) {
    // kubectl.1.NN is not named kubectl: give it that name in a folder of its own
    dir = mkdtempSync(join(tmpdir(), `netpol-kubectl-${version}-`));
    symlinkSync(bin, join(dir, 'kubectl'));
  }
  return `${dir}:${process.env.PATH ?? '/usr/bin:/bin'}`;
}

export async function withCluster<T>(
  options: ClusterStartOptions,
  fn: (c: Cluster) => Promise<T>,
): Promise<T> {
  const cluster = await startCluster(options);
  try {
    return await fn(cluster);
  } finally {
    await cluster.close();
  }
}

/** Runs the action (main, then post) against the cluster, as a workflow step after helm/kind-action. */
export async function runAgainst(
  cluster: Cluster,
  opts: RunOptions & { kubectlVersion?: string } = {},
): Promise<ActionRun> {
  return runAction({
    ...opts,
    env: {
      KUBECONFIG: cluster.kubeconfigPath,
      PATH: pathWithKubectl(opts.kubectlVersion),
      ...(opts.env ?? {}),
    },
  });
}

/** Pods and namespaces this action left in the cluster. */
export function leftovers(cluster: Cluster): string[] {
  const managed = (o: { metadata?: { labels?: Record<string, string> } }): boolean =>
    o.metadata?.labels?.['app.kubernetes.io/managed-by'] === 'netpol-canary';
  const pods = cluster
    .pods()
    .filter((p) => managed(p))
    .map((p) => `pod ${p.metadata.namespace}/${p.metadata.name}`);
  const namespaces = cluster
    .namespaces()
    .filter((n) => managed(n) && !n.metadata.deletionTimestamp)
    .map((n) => `namespace ${n.metadata.name}`);
  return [...pods, ...namespaces];
}

/**
 * A PATH whose `kubectl` logs its start and end to a file, then runs the real one:
 * how many kubectl processes the action started, and how many ran at once.
 */
export function countingKubectl(version?: string): {
  path: string;
  count: () => number;
  peak: () => number;
  /** each process's verb and what it acted on ("get namespaces", "create -f", "exec"), in start order */
  calls: () => string[];
} {
  const real = kubectlPath(version);
  const dir = mkdtempSync(join(tmpdir(), 'netpol-count-'));
  const log = join(dir, 'starts');
  writeFileSync(log, '');
  writeFileSync(
    join(dir, 'kubectl'),
    [
      '#!/bin/sh',
      `echo "start $*" >> '${log}'`,
      // a watch the action has seen enough of ends with SIGTERM: count its end too
      `trap 'echo end >> '"'${log}'"'; exit 143' TERM`,
      // a background job's stdin is /dev/null unless handed over explicitly
      'exec 3<&0',
      `'${real}' "$@" <&3 3<&- &`,
      'wait $!',
      'rc=$?',
      `echo end >> '${log}'`,
      'exit $rc',
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
  const lines = (): string[] => readFileSync(log, 'utf8').split('\n').filter(Boolean);
  return {
    path: `${dir}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    count: () => lines().filter((l) => l.startsWith('start')).length,
    calls: () =>
      lines()
        .filter((l) => l.startsWith('start'))
        .map((l) => callOf(l.slice('start '.length))),
    peak: () => {
      let now = 0;
      let most = 0;
      for (const l of lines()) {
        now += l.startsWith('start') ? 1 : -1;
        most = Math.max(most, now);
      }
      return most;
    },
  };
}

/** "get namespaces", "create -f", "exec": the verb and its next word, without the connection flags */
function callOf(args: string): string {
  const words = args.split(' ');
  const rest: string[] = [];
  for (let i = 0; i < words.length; i++) {
    if (words[i] === '--kubeconfig' || words[i] === '--context') i++;
    else rest.push(words[i] ?? '');
  }
  const [verb = '', next = ''] = rest;
  return verb === 'exec' ? 'exec' : `${verb} ${next}`;
}

/**
 * Write requests the API server carried out: a write it refused (a DELETE whose preconditions
 * no longer hold, a namespace already gone) changed nothing.
 */
export function changesOf(cluster: Cluster): AuditEntry[] {
  return cluster.mutations().filter((e) => e.code >= 200 && e.code < 300);
}

/** Requests that changed something, as "verb resource[/sub] ns/name". */
export function mutationsOf(cluster: Cluster): string[] {
  return cluster
    .mutations()
    .map(
      (e) =>
        `${e.verb} ${e.resource}${e.subresource ? `/${e.subresource}` : ''} ${e.namespace ?? ''}/${e.name ?? ''}`,
    );
}

export function results(run: ActionRun): Record<string, unknown>[] {
  return JSON.parse(run.main.outputs.results ?? '[]') as Record<string, unknown>[];
}

export function matrixYaml(tests: Record<string, unknown>[], namespaces?: Record<string, unknown>): string {
  return JSON.stringify(namespaces ? { namespaces, tests } : { tests }, null, 2);
}

/** Fields of a `results` object that only some tests have: enforcedAfterMs (enforcement lag), explanation (a test that did not pass). */
export const OPTIONAL_RESULT_FIELDS = ['enforcedAfterMs', 'explanation'];

/** The fields of each `results` object, in order: a public contract (OPTIONAL_RESULT_FIELDS besides, after them). */
export const RESULT_FIELDS = [
  'name',
  'from',
  'labels',
  'to',
  'expect',
  'actual',
  'verdict',
  'detail',
  'attempts',
  'durationMs',
];
