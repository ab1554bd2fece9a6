// The one place that runs kubectl: argument arrays only (never a shell), a
// deadline per call (the process group is killed when it passes), retries with
// backoff for transient API failures on calls that are safe to repeat, a limit
// on processes at once, and errors turned into sentences for people.
import { spawn } from 'node:child_process';
import { createLimiter } from './limiter.ts';

export interface KubectlConfig {
  /** path or name of the kubectl binary */
  binary: string;
  /** kubeconfig file for this action's calls only (not exported to later steps) */
  kubeconfig?: string;
  context?: string;
  /** most kubectl processes at once */
  concurrency: number;
  /** waits between retries of a transient failure, in ms; its length bounds the tries */
  backoffMs?: number[];
  /** for debug lines; never receives kubeconfig content */
  debug?: (line: string) => void;
}

export interface KubectlCall {
  args: string[];
  stdin?: string;
  /** the process is killed when this passes */
  timeoutMs: number;
  /**
   * epoch ms the call, retries included, must not run past (a post step's budget):
   * each try gets at most what is left (but at least a second), and no try starts after it
   */
  deadline?: number;
  /** true when running the call twice does no harm (reads, deletes, conditional patches) */
  idempotent?: boolean;
  /** told when the process starts, after any wait for a free slot (a probe's attempt is timed from then) */
  onSpawn?: () => void;
  /** live stdout, for watches */
  onStdout?: (chunk: string) => void;
  /** ends the process early (a watch that has seen enough); the result is then not an error */
  signal?: AbortSignal;
}

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
  /** the deadline passed and the process was killed */
  timedOut: boolean;
  /** the caller's signal ended it */
  aborted: boolean;
  /** how many processes this call took (retries included) */
  tries: number;
}

export interface Kubectl {
  run(call: KubectlCall): Promise<KubectlResult>;
  stats(): { spawned: number; peak: number };
  /** kills every kubectl still running (an interrupted CLI run, before it cleans up) */
  stopAll?(): void;
}

const DEFAULT_BACKOFF_MS = [500, 1500, 4000];
/** a call with a deadline still gets this long, so that a late call can say what it found */
const MIN_TRY_MS = 1000;

// stderr texts of failures that say nothing about the request itself: the API
// server or the path to it was briefly unwell.
const TRANSIENT =
  /\b(TooManyRequests|Too Many Requests|ServiceUnavailable|InternalError|Internal error occurred|the server is currently unable to handle the request|the server was unable to return a response in the time allotted|connection reset by peer|use of closed network connection|broken pipe|connection refused|i\/o timeout|TLS handshake timeout|unexpected EOF|http2: server sent GOAWAY|etcdserver: request timed out|context deadline exceeded|an error on the server \("?[^)]*\)? has prevented the request from succeeding)\b|\b(500|502|503|504|429)\b.*\b(Internal Server Error|Bad Gateway|Service Unavailable|Gateway Timeout|Too Many Requests)\b/i;

// A connection the server (or a proxy) closed without an answer: Go reports
// `Post "https://…": EOF`, kubectl `Unable to connect to the server: EOF`.
const CONNECTION_CLOSED = /(": |server: )EOF$/m;

export function isTransient(result: Pick<KubectlResult, 'code' | 'stderr'>): boolean {
  if (result.code === 0) return false;
  return TRANSIENT.test(result.stderr) || CONNECTION_CLOSED.test(result.stderr);
}

/**
 * kubectl's environment: the runner's, with Go's collector target at 200 unless GOGC is
 * set. A kubectl process is short and allocates most of what it will ever hold while it
 * starts; at Go's default of 100 it collects several times on the way, a fifth to a
 * quarter of its CPU (measured: 83 → 58 ms a `delete pods`). At 200 a watch holding 200
 * pods peaked 4 MB higher (52 MB against 48).
 */
export function kubectlEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return env.GOGC === undefined ? { ...env, GOGC: '200' } : env;
}

export function createKubectl(config: KubectlConfig): Kubectl {
  const limiter = createLimiter(config.concurrency);
  const backoff = config.backoffMs ?? DEFAULT_BACKOFF_MS;
  let spawned = 0;
  const running = new Set<() => void>();

  const baseArgs = [
    ...(config.kubeconfig ? ['--kubeconfig', config.kubeconfig] : []),
    ...(config.context ? ['--context', config.context] : []),
  ];

  const once = (call: KubectlCall): Promise<Omit<KubectlResult, 'tries'>> =>
    limiter.run(
      () =>
        new Promise((resolve) => {
          spawned++;
          config.debug?.(`kubectl ${call.args.join(' ')}`);
          const child = spawn(config.binary, [...baseArgs, ...call.args], {
            stdio: ['pipe', 'pipe', 'pipe'],
            // its own process group, so a deadline kills kubectl and anything it started
            detached: true,
            env: kubectlEnv(process.env),
          });
          call.onSpawn?.();
          let stdout = '';
          let stderr = '';
          let timedOut = false;
          let aborted = false;
          let settled = false;
          const kill = (signal: NodeJS.Signals = 'SIGKILL'): void => {
            try {
              if (child.pid) process.kill(-child.pid, signal);
            } catch {
              // already gone
            }
          };
          // past its deadline kubectl is presumed hung: no second chance. The clock
          // starts here, after any wait for a free slot, but never past call.deadline.
          const timeoutMs =
            call.deadline === undefined
              ? call.timeoutMs
              : Math.min(call.timeoutMs, Math.max(MIN_TRY_MS, call.deadline - Date.now()));
          const timer = setTimeout(() => {
            timedOut = true;
            kill();
          }, timeoutMs);
          // the caller is done with it (a watch that has seen enough): ask, then insist
          const onAbort = (): void => {
            aborted = true;
            kill('SIGTERM');
            setTimeout(() => kill(), 2000).unref();
          };
          running.add(kill);
          if (call.signal?.aborted) onAbort();
          call.signal?.addEventListener('abort', onAbort, { once: true });
          child.stdout.setEncoding('utf8');
          child.stderr.setEncoding('utf8');
          child.stdout.on('data', (chunk: string) => {
            stdout += chunk;
            call.onStdout?.(chunk);
          });
          child.stderr.on('data', (chunk: string) => {
            stderr += chunk;
          });
          const finish = (code: number): void => {
            if (settled) return;
            settled = true;
            running.delete(kill);
            clearTimeout(timer);
            call.signal?.removeEventListener('abort', onAbort);
            resolve({ code, stdout, stderr, timedOut, aborted });
          };
          child.on('error', (err: NodeJS.ErrnoException) => {
            stderr += err.code === 'ENOENT' ? `kubectl not found at "${config.binary}"` : err.message;
            finish(127);
          });
          child.on('close', (code, signal) => finish(code ?? (signal ? 137 : 1)));
          child.stdin.on('error', () => {
            // kubectl may exit before reading all of stdin; its exit status says why
          });
          child.stdin.end(call.stdin ?? '');
        }),
    );

  return {
    async run(call) {
      let tries = 0;
      const { deadline } = call;
      for (;;) {
        const result = await once(call);
        tries++;
        const retryable = call.idempotent && !result.aborted && (result.timedOut || isTransient(result));
        const wait = backoff[tries - 1];
        const late = deadline !== undefined && wait !== undefined && Date.now() + wait >= deadline;
        if (!retryable || wait === undefined || late) return { ...result, tries };
        config.debug?.(`kubectl ${call.args[0] ?? ''}: transient failure, retrying in ${wait} ms`);
        await new Promise((r) => setTimeout(r, wait));
      }
    },
    stats: () => ({ spawned, peak: limiter.peak() }),
    stopAll: () => {
      for (const kill of running) kill();
    },
  };
}

/** The server's own sentence from kubectl's stderr, without kubectl's prefixes. */
export function serverMessage(stderr: string): string {
  const all = [
    ...new Set(
      stderr
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean),
    ),
  ];
  // klog lines (`E1126 10:35:58.97 1255 memcache.go:265] …`) are kubectl's diary, repeated
  // per retry; its own last words say the same once. Keep them only when nothing else was said.
  const klog = (l: string): boolean => /^[IWEF]\d{4} /.test(l);
  const said = all.filter((l) => !klog(l));
  const lines = said.length > 0 ? said : all.filter((l) => !/^(I|W)\d{4} /.test(l));
  const text = lines.join(' ').replace(/^error: /i, '');
  return text.length > 600 ? `${text.slice(0, 600)}…` : text;
}

/** A sentence for a person: what failed, what the server said, what to do. */
export function describeFailure(what: string, result: KubectlResult): string {
  if (result.timedOut) {
    return `${what}: kubectl did not finish in time and was stopped. Check that the cluster is reachable and responsive.`;
  }
  const said = serverMessage(result.stderr) || `kubectl exited with code ${result.code} and printed nothing`;
  if (/\(Forbidden\)|is forbidden|cannot (get|list|watch|create|delete|patch|update)/.test(said)) {
    return `${what}: permission denied. ${said}. Grant this permission to the identity in the kubeconfig (see examples/rbac.yaml).`;
  }
  if (/Unable to connect to the server|connection refused|no such host|dial tcp/.test(said)) {
    // with -f, kubectl words a failed discovery as being about the input: it is the connection
    const why = said.replace(/^unable to recognize "STDIN": /, '');
    return `${what}: cannot reach the Kubernetes API. ${why}. Check the kubeconfig and context inputs.`;
  }
  if (/kubectl not found/.test(said)) {
    return `${what}: ${said}. Install kubectl, or set the kubectl-version input.`;
  }
  return `${what}: ${said}`;
}
