// Before the first kubectl call (CLI and action): is there a kube context at all? Without one,
// kubectl falls back to http://localhost:8080 and says "the connection to the server
// localhost:8080 was refused", which tells nobody what to fix.
import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { parse } from 'yaml';
import { didYouMean } from '../matrix/suggest.ts';

export interface KubeContextQuestion {
  /** --kubeconfig */
  kubeconfig?: string;
  /** --context */
  context?: string;
  env: NodeJS.ProcessEnv;
  home?: string;
  /** a file's text, or undefined when there is no such file */
  read?: (path: string) => string | undefined;
  /** what the person can do, after "no kube context: " (the CLI and the action say it their way) */
  fix: string;
}

function readIfFile(path: string): string | undefined {
  const info = statSync(path, { throwIfNoEntry: false });
  return info?.isFile() ? readFileSync(path, 'utf8') : undefined;
}

/** The files kubectl reads, in its order: --kubeconfig, else KUBECONFIG (a list), else ~/.kube/config. */
function kubeconfigFiles(q: KubeContextQuestion): string[] {
  if (q.kubeconfig !== undefined) return [q.kubeconfig];
  if (q.env.KUBECONFIG) return q.env.KUBECONFIG.split(delimiter).filter(Boolean);
  return [join(q.home ?? q.env.HOME ?? homedir(), '.kube', 'config')];
}

/**
 * Why kubectl would have no context to use, or undefined when it has one. Undefined too
 * when this cannot tell (a file that does not read or parse): kubectl then says why.
 */
export function missingKubeContext(q: KubeContextQuestion): string | undefined {
  const read = q.read ?? readIfFile;
  const NO_CONTEXT = `no kube context: ${q.fix}`;
  const files = kubeconfigFiles(q);
  let found: { file: string; doc: unknown }[];
  try {
    found = files.flatMap((file) => {
      const text = read(file);
      return text === undefined ? [] : [{ file, doc: parse(text) as unknown }];
    });
  } catch {
    return undefined;
  }
  if (found.length === 0) {
    // inside a pod kubectl uses the pod's service account instead
    if (q.env.KUBERNETES_SERVICE_HOST) return undefined;
    const where = q.env.KUBECONFIG
      ? `KUBECONFIG names ${files.join(', ')}, and none of them exists`
      : `KUBECONFIG is not set, and there is no ${files[0] ?? '~/.kube/config'}`;
    return `${NO_CONTEXT} (${where})`;
  }
  // the files are merged; the first current-context set wins, as in kubectl
  let current: string | undefined;
  const contexts: string[] = [];
  for (const { doc } of found) {
    const d = (doc && typeof doc === 'object' ? doc : {}) as {
      'current-context'?: unknown;
      contexts?: unknown;
    };
    if (current === undefined && typeof d['current-context'] === 'string' && d['current-context'] !== '')
      current = d['current-context'];
    for (const c of Array.isArray(d.contexts) ? (d.contexts as unknown[]) : []) {
      const name = (c as { name?: unknown } | null)?.name;
      if (typeof name === 'string' && !contexts.includes(name)) contexts.push(name);
    }
  }
  const which = found.map((f) => f.file).join(', ');
  const known = contexts.length > 0 ? `its contexts are ${contexts.join(', ')}` : 'it has no contexts';
  if (q.context !== undefined && q.context !== '') {
    if (contexts.includes(q.context)) return undefined;
    return `no kube context ${JSON.stringify(q.context)} in ${which}${didYouMean(q.context, contexts)}; ${known}`;
  }
  if (current === undefined) return `${NO_CONTEXT} (${which} sets no current-context; ${known})`;
  if (!contexts.includes(current)) {
    return `${NO_CONTEXT} (the current-context ${JSON.stringify(current)} of ${which} is not one of its contexts; ${known})`;
  }
  return undefined;
}
