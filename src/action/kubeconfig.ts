// The kubeconfig input: decoded, its secrets masked, written only under
// RUNNER_TEMP with mode 0600 for this action's own kubectl calls, and removed.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';

export function decodeKubeconfig(input: string): { text: string } | { error: string } {
  const trimmed = input.trim();
  let text = trimmed;
  // base64 has no ':'; a kubeconfig in YAML always has one
  if (!trimmed.includes(':') && /^[A-Za-z0-9+/=\s]+$/.test(trimmed)) {
    text = Buffer.from(trimmed, 'base64').toString('utf8');
  }
  let doc: unknown;
  try {
    doc = parse(text);
  } catch {
    return {
      error: 'input "kubeconfig": is neither kubeconfig YAML nor base64 of it (it does not parse as YAML)',
    };
  }
  const d = doc as { clusters?: unknown } | null;
  if (!d || typeof d !== 'object' || !Array.isArray(d.clusters)) {
    return {
      error:
        'input "kubeconfig": is not a kubeconfig (no "clusters" list); pass the file content, or base64 of it',
    };
  }
  return { text };
}

/** Every value in the kubeconfig that would let someone in. */
export function kubeconfigSecrets(input: string, text: string): string[] {
  const secrets = new Set<string>([input.trim(), text.trim()]);
  const sensitive =
    /^(token|client-key-data|client-certificate-data|password|id-token|refresh-token|client-secret)$/;
  const walk = (v: unknown, key: string): void => {
    if (typeof v === 'string') {
      if (sensitive.test(key) && v.length > 0) secrets.add(v);
    } else if (Array.isArray(v)) {
      v.forEach((x) => walk(x, key));
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) walk(x, k);
    }
  };
  try {
    walk(parse(text), '');
  } catch {
    // decodeKubeconfig refused unparsable input already
  }
  // the runner masks a multi-line value line by line: give it the lines too
  for (const s of [...secrets]) {
    for (const line of s.split('\n')) if (line.trim().length > 8) secrets.add(line.trim());
  }
  return [...secrets].filter((s) => s.length > 0);
}

export function kubeconfigPath(runnerTemp: string, run: string): string {
  return join(runnerTemp, `netpol-canary-${run}`, 'kubeconfig');
}

export function writeKubeconfig(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, text, { mode: 0o600 });
}

/** Removes the file and the folder made for it (nothing else). */
export function removeKubeconfig(path: string): void {
  rmSync(path, { force: true });
  rmSync(dirname(path), { recursive: true, force: true });
}
