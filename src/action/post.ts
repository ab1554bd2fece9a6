// The post step (always runs): remove this run's canaries and release its
// namespaces, bounded in time, whatever state main reached or left.
import * as core from '@actions/core';
import { findOnPath } from '../cluster/find-kubectl.ts';
import { NO_CONTEXT_FIX, prepareKubeconfig } from './setup.ts';
import { missingKubeContext } from '../cluster/kube-context.ts';
import { parseSettings } from '../matrix/settings.ts';
import { cleanupRun, describeCleanup } from '../cluster/cleanup.ts';
import { removeKubeconfig } from './kubeconfig.ts';
import { createKubectl } from '../cluster/kubectl.ts';
import { parseMatrix } from '../matrix/parse-matrix.ts';
import { readMatrixSource } from '../matrix/matrix-source.ts';
import { runIdentity } from '../core/ownership.ts';
import { state } from './state.ts';

/** Post never holds a job for long: a stuck namespace or a slow API is reported, not waited out. */
const POST_BUDGET_MS = Number(process.env.NETPOL_CANARY_POST_TIMEOUT_MS) || 45_000;

async function post(): Promise<void> {
  const deadline = Date.now() + POST_BUDGET_MS;
  // predict, diff and generate touch no cluster
  if (['predict', 'diff', 'generate'].includes(core.getInput('mode'))) return;
  const run = state.run() || runIdentity(process.env);
  const record = state.record();
  // main validates every input before it creates anything: invalid inputs mean
  // nothing was created, and an invalid value must not reach kubectl here either
  const settings = parseSettings((name) => core.getInput(name));
  if (!settings.ok) {
    core.info('Nothing to clean up: the inputs were not valid, so the run created nothing.');
    return;
  }

  // where to look: what main recorded before it created anything (every namespace it
  // could create or join and every canary it would start), or, when it recorded nothing
  // (killed before), every source namespace of the matrix. With a record the matrix is not
  // read again: for a large one that cost post a third of a second of CPU and tens of MB.
  const namespaces = new Set<string>([
    ...(record?.namespaces ?? []),
    ...(record?.pods.map((p) => p.namespace) ?? []),
  ]);
  if (!record) {
    const source = readMatrixSource(
      core.getInput('matrix'),
      core.getInput('matrix-file'),
      process.env.GITHUB_WORKSPACE ?? process.cwd(),
    );
    const matrix = source.ok ? parseMatrix(source.value.text, source.value.source) : undefined;
    if (matrix?.ok) {
      for (const t of matrix.value.tests) namespaces.add(t.from);
      for (const ns of Object.keys(matrix.value.namespaces)) namespaces.add(ns);
    }
  }
  if (namespaces.size === 0) {
    core.info('Nothing to clean up: the run created nothing.');
    return;
  }

  const prepared = prepareKubeconfig(run);
  if ('error' in prepared) {
    core.info('Nothing to clean up: the kubeconfig input was not valid, so the run created nothing.');
    return;
  }
  try {
    const binary = state.kubectl() || findOnPath('kubectl');
    if (!binary) {
      core.warning('Clean-up skipped: kubectl was not found on PATH.');
      return;
    }
    const noContext = missingKubeContext({
      kubeconfig: prepared.path,
      context: settings.value.context || undefined,
      env: process.env,
      fix: NO_CONTEXT_FIX,
    });
    if (noContext) {
      // main makes the same check before it creates anything
      if (record) core.warning(`Clean-up skipped: ${noContext}.`);
      else core.info(`Nothing to clean up: ${noContext}, so the run created nothing.`);
      return;
    }
    const kubectl = createKubectl({
      binary,
      kubeconfig: prepared.path,
      context: settings.value.context,
      concurrency: settings.value.concurrency,
      backoffMs: [300, 1000],
      debug: core.debug,
    });
    const report = await cleanupRun(kubectl, {
      run,
      prefix: settings.value.namespacePrefix,
      namespaces: [...namespaces],
      deadline,
      ...(record?.created ? { known: record.created } : {}),
    });
    core.info(`Clean-up of run ${run}: ${describeCleanup(report)}`);
    for (const p of report.deletedPods) core.info(`  deleted pod ${p}`);
    for (const n of report.deletedNamespaces) core.info(`  deleted namespace ${n}`);
    if (report.problems.length > 0) {
      core.warning(
        `Clean-up could not remove everything; remove these by hand or run the sweep (node dist/sweep.js):\n${report.problems.map((p) => `- ${p}`).join('\n')}`,
      );
    }
  } finally {
    if (prepared.path) removeKubeconfig(prepared.path);
  }
}

try {
  await post();
} catch (e) {
  // post must never fail the job for its own sake; say what happened
  core.warning(`Clean-up stopped unexpectedly: ${(e as Error).message ?? String(e)}`);
}
