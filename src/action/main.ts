// The action's main step: validate everything, run the matrix (or predict it
// from manifests), report. Clean-up is the post step's job (action/post.ts), so a
// killed main still gets one.
import * as core from '@actions/core';
import { dirname, resolve } from 'node:path';
import { findOnPath } from '../cluster/find-kubectl.ts';
import { NO_CONTEXT_FIX, NO_KUBECTL, prepareKubeconfig } from './setup.ts';
import { missingKubeContext } from '../cluster/kube-context.ts';
import { publishReport } from './publish-report.ts';
import { parseSettings } from '../matrix/settings.ts';
import { removeKubeconfig } from './kubeconfig.ts';
import { createKubectl } from '../cluster/kubectl.ts';
import { parseMatrix } from '../matrix/parse-matrix.ts';
import { readMatrixSource } from '../matrix/matrix-source.ts';
import { runIdentity } from '../core/ownership.ts';
import { denyWithoutAllowWarnings } from '../matrix/plan.ts';
import { loadManifests, predictMatrix } from '../predict/index.ts';
import { diffMode } from './diff-mode.ts';
import { generateMode } from './generate-mode.ts';
import { runMatrix } from '../run/run-matrix.ts';
import { state } from './state.ts';
import type { Evidence, Matrix, Settings, TestResult } from '../core/types.ts';

const MODES = ['run', 'predict', 'diff', 'generate'];

async function main(): Promise<void> {
  // diff compares two manifest trees, generate writes a matrix: no matrix, no cluster
  const asked = core.getInput('mode');
  const early = asked === 'diff' ? diffMode : asked === 'generate' ? generateMode : undefined;
  if (early) {
    try {
      await early(process.env.GITHUB_WORKSPACE ?? process.cwd());
    } catch (e) {
      core.setFailed(`netpol-canary stopped unexpectedly: ${(e as Error).message ?? String(e)}`);
    }
    return;
  }
  const run = runIdentity(process.env);
  state.saveRun(run);
  let results: TestResult[] = [];
  const started = Date.now();
  try {
    // 1. every input and the whole matrix, before anything in the cluster changes
    const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
    const mode = core.getInput('mode') || 'run';
    const settings = parseSettings((name) => core.getInput(name));
    const source = readMatrixSource(core.getInput('matrix'), core.getInput('matrix-file'), workspace);
    const matrix = source.ok ? parseMatrix(source.value.text, source.value.source) : source;
    const errors = [...(settings.ok ? [] : settings.errors), ...(matrix.ok ? [] : matrix.errors)];
    if (!MODES.includes(mode))
      errors.push(`input "mode": must be "run", "predict", "diff" or "generate", got "${mode}"`);
    if (mode === 'predict' && !core.getInput('manifests')) {
      errors.push('input "manifests": mode "predict" needs the folder of manifests to predict from');
    }
    if (!settings.ok || !matrix.ok || errors.length > 0) {
      core.setFailed(
        `The inputs are not valid; nothing was created.\n${errors.map((e) => `- ${e}`).join('\n')}`,
      );
      return;
    }
    const warnings = denyWithoutAllowWarnings(matrix.value.tests);
    for (const w of warnings) core.warning(w);

    const outcome: Probed =
      mode === 'predict'
        ? {
            results: await predict(
              resolve(workspace, core.getInput('manifests')),
              matrix.value,
              settings.value,
            ),
          }
        : await probe(run, matrix.value, settings.value, warnings);
    results = outcome.results;
    if (results.length > 0) {
      await publishReport(results, {
        mode: mode === 'predict' ? 'predict' : 'run',
        run,
        matrix: matrix.value,
        settings: settings.value,
        warnings,
        wallTimeMs: Date.now() - started,
        ...(source.ok && source.value.file !== undefined ? { matrixFile: source.value.file } : {}),
        ...(outcome.created ? { createdNamespaces: outcome.created } : {}),
        ...(outcome.evidence ? { evidence: outcome.evidence } : {}),
      });
    }
  } catch (e) {
    core.setFailed(`netpol-canary stopped unexpectedly: ${(e as Error).message ?? String(e)}`);
  } finally {
    if (results.length === 0) publishCountsOnly();
  }
}

interface Probed {
  results: TestResult[];
  /** the namespaces the run created or shares: post deletes them */
  created?: Set<string>;
  evidence?: Map<string, Evidence>;
}

/**
 * mode: run. Returns no results when the run could not start (the step has failed then).
 * What the run warned of (annotations as they came) is added to `warnings`, for the summary.
 */
async function probe(run: string, matrix: Matrix, settings: Settings, warnings: string[]): Promise<Probed> {
  const prepared = prepareKubeconfig(run);
  if ('error' in prepared) {
    core.setFailed(`${prepared.error}; nothing was created.`);
    return { results: [] };
  }
  try {
    let binary: string | undefined;
    if (settings.kubectlVersion) {
      // loaded only here: the download's HTTP stack costs every other run its start-up time
      const { installKubectl } = await import('./install-kubectl.ts');
      binary = await installKubectl({
        version: settings.kubectlVersion,
        mirror: core.getInput('kubectl-mirror'),
        log: core.info,
      });
      core.addPath(dirname(binary));
    } else {
      binary = findOnPath('kubectl');
    }
    if (!binary) {
      core.setFailed(NO_KUBECTL);
      return { results: [] };
    }
    state.saveKubectl(binary);
    // without a context kubectl would try localhost:8080 and say only that it was refused
    const noContext = missingKubeContext({
      kubeconfig: prepared.path,
      context: settings.context || undefined,
      env: process.env,
      fix: NO_CONTEXT_FIX,
    });
    if (noContext) {
      core.setFailed(`${noContext}. Nothing was created.`);
      return { results: [] };
    }
    const kubectl = createKubectl({
      binary,
      kubeconfig: prepared.path,
      context: settings.context,
      concurrency: settings.concurrency,
      debug: core.debug,
    });
    // kubectl runs in process groups of its own (so a deadline can kill it whole):
    // a cancelled job's SIGINT/SIGTERM must stop it too, before post cleans up
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        kubectl.stopAll?.();
        process.exit(1);
      });
    }
    core.info(
      `netpol-canary run ${run}: ${matrix.tests.length} test(s), probe timeout ${settings.timeoutMs} ms, at most ${settings.concurrency} kubectl processes at once`,
    );
    let created = new Set<string>();
    const outcome = await runMatrix(matrix, settings, {
      kubectl,
      run,
      record: (r) => {
        state.saveRecord(r);
        created = new Set(r.namespaces);
      },
      log: {
        info: core.info,
        warning: core.warning,
        canary(title, lines) {
          core.startGroup(title);
          for (const line of lines) core.info(line);
          core.endGroup();
        },
      },
    });
    const stats = kubectl.stats();
    core.debug(`kubectl processes: ${stats.spawned}, most at once: ${stats.peak}`);
    if (!outcome.ok) {
      core.setFailed(outcome.error);
      return { results: [] };
    }
    warnings.push(...outcome.warnings);
    return { results: outcome.results, created, ...(outcome.evidence ? { evidence: outcome.evidence } : {}) };
  } finally {
    // post writes it again from the input if it needs it
    if (prepared.path) removeKubeconfig(prepared.path);
  }
}

/** mode: predict. No cluster and no kubectl: the verdicts the manifests' policies imply. */
async function predict(dir: string, matrix: Matrix, settings: Settings): Promise<TestResult[]> {
  const loaded = await loadManifests(dir);
  for (const w of loaded.warnings) core.info(`manifests: ${w}`);
  if (loaded.errors.length > 0) {
    core.setFailed(`The manifests could not be read:\n${loaded.errors.map((e) => `- ${e}`).join('\n')}`);
    return [];
  }
  core.info(`netpol-canary predict: ${matrix.tests.length} test(s) from the manifests in ${dir}`);
  return predictMatrix(loaded.snapshot, matrix, { namespacePrefix: settings.namespacePrefix });
}

/** Outputs are set even when the step fails before any test ran. */
function publishCountsOnly(): void {
  core.setOutput('passed', '0');
  core.setOutput('failed', '0');
  core.setOutput('inconclusive', '0');
  core.setOutput('results', '[]');
}

await main();
