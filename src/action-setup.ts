// Connection set-up shared by main and post: the kubeconfig input and the kubectl binary.
import * as core from '@actions/core';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { decodeKubeconfig, kubeconfigPath, kubeconfigSecrets, writeKubeconfig } from './kubeconfig.ts';

/** Writes the kubeconfig input (if any) for this action's calls; returns its path or an error. */
export function prepareKubeconfig(run: string): { path?: string } | { error: string } {
  const input = core.getInput('kubeconfig');
  if (!input.trim()) return {};
  const decoded = decodeKubeconfig(input);
  // masked before anything can print it, line by line too, even when it is not a kubeconfig
  for (const secret of kubeconfigSecrets(input, 'text' in decoded ? decoded.text : input))
    core.setSecret(secret);
  if ('error' in decoded) return decoded;
  const runnerTemp = process.env.RUNNER_TEMP;
  if (!runnerTemp)
    return { error: 'RUNNER_TEMP is not set: the kubeconfig input needs the runner temp directory' };
  const path = kubeconfigPath(runnerTemp, run);
  writeKubeconfig(path, decoded.text);
  return { path };
}

/** A program on PATH, found without starting a process. */
/** A file (not a folder) this process may run. */
export function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export function findOnPath(name: string, path = process.env.PATH ?? ''): string | undefined {
  const exts = process.platform === 'win32' ? ['.exe', ''] : [''];
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    for (const ext of exts) {
      const candidate = join(dir, name + ext);
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  return undefined;
}

export const NO_KUBECTL =
  'kubectl was not found on PATH. Set the input "kubectl-version" (for example "1.33") to install it, or install it in an earlier step (for example azure/setup-kubectl).';
