// Finding and running the real kubectl binaries the end-to-end tests drive.
import { spawn } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The kubectl minor versions the double is tested against (all use exec over WebSocket). */
export const KUBECTL_VERSIONS = ['1.30', '1.31', '1.32', '1.33'] as const;
export type KubectlVersion = (typeof KUBECTL_VERSIONS)[number];
/** The kubectl a test gets when it asks for no version (what /usr/bin/kubectl is on the development machines). */
export const DEFAULT_KUBECTL_VERSION: KubectlVersion = '1.32';

/** How to get the binaries where the tests look for them, for the error messages. */
const HOW =
  'run `npx tsx scripts/install-test-kubectls.ts` (it installs every version the tests use, verified by SHA-256, and prints the KUBECTL_DIR to set)';

const FALLBACK = '/usr/bin/kubectl';

/**
 * The folder holding `kubectl.1.30` … `kubectl.1.33`: KUBECTL_DIR (CI fills it with
 * scripts/install-test-kubectls.ts), else the folder /usr/bin/kubectl really lives in,
 * where the development machines keep them.
 */
const versionDir = (): string => {
  if (process.env.KUBECTL_DIR) return process.env.KUBECTL_DIR;
  if (!existsSync(FALLBACK))
    throw new Error(
      `The end-to-end tests need kubectl ${KUBECTL_VERSIONS.join(', ')} as kubectl.1.NN in the folder KUBECTL_DIR names, but KUBECTL_DIR is not set and there is no ${FALLBACK} to look beside: ${HOW}.`,
    );
  return dirname(realpathSync(FALLBACK));
};

/**
 * Path of kubectl: a given minor version, or the default one (KUBECTL, else
 * KUBECTL_DIR/kubectl, else /usr/bin/kubectl). A missing binary is an error that says
 * how to install it: a test never skips for want of a kubectl.
 */
export const kubectlPath = (version?: string): string => {
  if (version === undefined) {
    const path =
      process.env.KUBECTL ?? (process.env.KUBECTL_DIR ? join(process.env.KUBECTL_DIR, 'kubectl') : FALLBACK);
    if (!existsSync(path))
      throw new Error(
        `kubectl was expected at ${path} but is not there: set KUBECTL to a kubectl binary, or ${HOW}.`,
      );
    return path;
  }
  const dir = versionDir();
  const path = join(dir, `kubectl.${version}`);
  if (!existsSync(path))
    throw new Error(`kubectl ${version} was expected at ${path} but is not there: ${HOW}.`);
  return path;
};

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  kubeconfig: string;
  stdin?: string;
  /** the discovery cache; kept per cluster so runs do not share ~/.kube/cache */
  cacheDir?: string;
  env?: Record<string, string>;
  /** kill kubectl after this long (default 30 s) */
  timeoutMs?: number;
  /** for commands that do not end by themselves (`get -w`): stop kubectl once stdout satisfies this */
  stopWhen?: (stdout: string) => boolean;
}

/** Runs kubectl with an argument array (no shell). */
export const runKubectl = (path: string, args: string[], opts: RunOptions): Promise<KubectlResult> =>
  new Promise((resolve, reject) => {
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      KUBECONFIG: opts.kubeconfig,
      ...(opts.env ?? {}),
    };
    if (opts.cacheDir) env.KUBECACHEDIR = opts.cacheDir;
    const child = spawn(path, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let stopping = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      if (!stopping && opts.stopWhen?.(stdout)) {
        stopping = true;
        child.kill('SIGTERM');
      }
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timeoutMs = opts.timeoutMs ?? 30_000;
    const timer = setTimeout(() => {
      stderr += `\n[test harness] kubectl ${args.join(' ')} did not finish within ${timeoutMs} ms and was killed`;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`could not start ${path}: ${e.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr });
    });
    child.stdin.on('error', () => {});
    child.stdin.end(opts.stdin ?? '');
  });

export type Kubectl = (args: string[], opts?: Omit<RunOptions, 'kubeconfig'>) => Promise<KubectlResult>;

/** kubectl bound to a cluster's kubeconfig (and its own discovery cache). */
export const kubectlFor = (cluster: { kubeconfigPath: string; dir: string }, version?: string): Kubectl => {
  const path = kubectlPath(version);
  return (args, opts = {}) =>
    runKubectl(path, args, {
      cacheDir: join(cluster.dir, 'cache'),
      ...opts,
      kubeconfig: cluster.kubeconfigPath,
    });
};
