// Connection set-up shared by main and post: the kubeconfig input, and what to say
// when there is no kubectl (finding one is cluster/find-kubectl.ts, shared with the CLI).
import * as core from '@actions/core';
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

export const NO_KUBECTL =
  'kubectl was not found on PATH. Set the input "kubectl-version" (for example "1.33") to install it, or install it in an earlier step (for example azure/setup-kubectl).';

/** After "no kube context: ": what a workflow does about it. */
export const NO_CONTEXT_FIX =
  'add a step before this one that creates or connects to a cluster (helm/kind-action, aws eks update-kubeconfig, google-github-actions/get-gke-credentials, Azure/aks-set-context), or give the kubeconfig input';
