// mode: diff. The reachability of two manifest trees (a pull request's base and
// head), compared: the job summary lists what opens and what closes, with the
// policies responsible; `fail-on` makes it a gate. No cluster, no kubectl.
import * as core from '@actions/core';
import { resolve } from 'node:path';
import {
  FAIL_ON,
  diffFails,
  diffHeadline,
  diffReachability,
  loadManifests,
  renderDiffMarkdown,
  renderDiffText,
  type FailOn,
} from '../predict/index.ts';

export async function diffMode(workspace: string): Promise<void> {
  const head = core.getInput('manifests');
  const base = core.getInput('base-manifests');
  const failOn = (core.getInput('fail-on') || 'never') as FailOn;
  const errors: string[] = [];
  if (!base)
    errors.push('input "base-manifests": mode "diff" needs the folder of manifests before the change');
  if (!head) errors.push('input "manifests": mode "diff" needs the folder of manifests after the change');
  if (!FAIL_ON.includes(failOn)) {
    errors.push(`input "fail-on": must be one of ${FAIL_ON.join(', ')}, got "${failOn}"`);
  }
  if (errors.length > 0) {
    core.setFailed(
      `The inputs are not valid; nothing was compared.\n${errors.map((e) => `- ${e}`).join('\n')}`,
    );
    return;
  }
  const [before, after] = await Promise.all([
    loadManifests(resolve(workspace, base)),
    loadManifests(resolve(workspace, head)),
  ]);
  const unreadable = [
    ...before.errors.map((e) => `base-manifests: ${e}`),
    ...after.errors.map((e) => `manifests: ${e}`),
  ];
  if (unreadable.length > 0) {
    core.setFailed(`The manifests could not be read:\n${unreadable.map((e) => `- ${e}`).join('\n')}`);
    return;
  }
  for (const w of before.warnings) core.info(`base-manifests: ${w}`);
  for (const w of after.warnings) core.info(`manifests: ${w}`);

  const diff = diffReachability(before.snapshot, after.snapshot);
  core.setOutput('opens', String(diff.opens.length));
  core.setOutput('closes', String(diff.closes.length));
  core.setOutput('diff', JSON.stringify(diff));
  for (const line of renderDiffText(diff).split('\n')) core.info(line);
  if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(renderDiffMarkdown(diff), true).write();
  if (diffFails(diff, failOn)) {
    core.setFailed(
      `${diffHeadline(diff)}; fail-on is "${failOn}". The job summary lists each connection and why.`,
    );
  }
}
