// Finding and running the real kubectl binaries the end-to-end tests drive.
import { spawn } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The kubectl minor versions the double is tested against (all use exec over WebSocket). */
export const KUBECTL_VERSIONS = ['1.30', '1.31', '1.32', '1.33'] as const;
export type KubectlVersion = (typeof KUBECTL_VERSIONS)[number];

const DEFAULT = '/usr/bin/kubectl';

/** The directory holding `kubectl.1.30` …: KUBECTL_DIR, else where /usr/bin/kubectl really lives. */
const versionDir = (): string => {
  if (process.env.KUBECTL_DIR) return process.env.KUBECTL_DIR;
  if (!existsSync(DEFAULT))
    throw new Error(
      `kubectl was expected at ${DEFAULT} (set KUBECTL_DIR to the folder holding kubectl.1.30 … kubectl.1.33); install kubectl there to run these tests.`,
    );
  return dirname(realpathSync(DEFAULT));
};

/** Path of kubectl (a given minor version, or the default one); throws when it is missing. */
export const kubectlPath = (version?: string): string => {
  if (version === undefined) {
    const path = process.env.KUBECTL ?? DEFAULT;
    if (!existsSync(path))
      throw new Error(
        `kubectl was expected at ${path} but is not there; install kubectl or set KUBECTL to its path.`,
      );
    return path;
  }
  const dir = versionDir();
  const path = join(dir, `kubectl.${version}`);
  if (!existsSync(path))
    throw new Error(
      `kubectl ${version} was expected at ${path} but is not there; put the binary there or set KUBECTL_DIR to the folder that holds kubectl.${version}.`,
    );
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
