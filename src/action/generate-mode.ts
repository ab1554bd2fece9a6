// mode: generate. A matrix written from the manifests (generate.ts): every
// expectation predicted and commented with the policy that decides it, written
// into the workspace for a later step (or a commit) and shown in the job
// summary. No cluster, no kubectl.
import * as core from '@actions/core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { generateMatrix, loadManifests, type GenerateOptions } from '../predict/index.ts';

const DEFAULT_FILE = 'netpol-matrix.generated.yaml';

export async function generateMode(workspace: string): Promise<void> {
  const errors: string[] = [];
  const manifests = core.getInput('manifests');
  if (!manifests)
    errors.push('input "manifests": mode "generate" needs the folder of manifests to generate from');
  const count = (name: string): number | undefined => {
    const v = core.getInput(name);
    if (v === '') return undefined;
    if (/^[1-9]\d{0,5}$/.test(v)) return Number(v);
    errors.push(`input "${name}": must be a whole number from 1, got "${v}"`);
    return undefined;
  };
  const maxTests = count('max-tests');
  const perPair = count('per-pair');
  const out = resolve(workspace, core.getInput('output-file') || DEFAULT_FILE);
  if (relative(workspace, out).startsWith('..')) {
    errors.push(`input "output-file": must be inside the workspace, got "${core.getInput('output-file')}"`);
  }
  if (errors.length > 0) {
    core.setFailed(
      `The inputs are not valid; nothing was generated.\n${errors.map((e) => `- ${e}`).join('\n')}`,
    );
    return;
  }
  const loaded = await loadManifests(resolve(workspace, manifests));
  if (loaded.errors.length > 0) {
    core.setFailed(`The manifests could not be read:\n${loaded.errors.map((e) => `- ${e}`).join('\n')}`);
    return;
  }
  for (const w of loaded.warnings) core.info(`manifests: ${w}`);
  const namespaces = core
    .getInput('namespaces')
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  const options: GenerateOptions = {
    ...(namespaces.length > 0 ? { namespaces } : {}),
    ...(maxTests !== undefined ? { maxTests } : {}),
    ...(perPair !== undefined ? { perPair } : {}),
    namespacePrefix: core.getInput('namespace-prefix') || 'canary-test-',
  };
  const generated = generateMatrix(loaded.snapshot, options);
  if (generated.tests.length === 0) {
    core.setFailed('No test could be generated: the manifests describe no workload or Service in scope.');
    return;
  }
  for (const w of generated.warnings) core.warning(w);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, generated.text);
  core.setOutput('matrix-file', out);
  core.setOutput('tests', String(generated.tests.length));
  core.info(`netpol-canary generate: ${generated.tests.length} tests written to ${out}`);
  if (process.env.GITHUB_STEP_SUMMARY) {
    await core.summary
      .addRaw(
        `## netpol-canary: generated matrix\n\n${generated.tests.length} tests, written to \`${relative(workspace, out)}\`; ` +
          `each expectation is predicted from the manifests. Review it, commit it, and verify it with a run.\n\n` +
          '```yaml\n' +
          generated.text +
          '```\n',
        true,
      )
      .write();
  }
}
