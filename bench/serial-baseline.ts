// The yardstick: the same matrix probed the way a straightforward canary script
// does it, one thing at a time with the real kubectl. Per canary: `kubectl run` the
// pod, `kubectl wait` until it is Ready, one `kubectl exec … wget --spider -T SEC URL`
// (or `nc -z -w SEC host port`) per test, then `kubectl delete pod`. Namespaces the
// matrix wants created are created first and deleted last. A probe's exit code is
// its verdict (0: the connection was allowed).
import { spawn } from 'node:child_process';
import { hostPort, type BenchMatrix, type BenchTest } from './matrix.ts';

export interface SerialOptions {
  /** PATH whose `kubectl` is the real one (or the counting shim in front of it) */
  path: string;
  kubeconfig: string;
  /** kubectl's home (its discovery cache lives there) */
  home: string;
  image: string;
  /** the probes' -T / -w, whole seconds as busybox takes them */
  timeoutSeconds: number;
}

export type SerialPhase = 'namespaces' | 'create' | 'wait' | 'exec' | 'delete';

export interface SerialRun {
  wallMs: number;
  /** time spent in each kind of step, summed */
  phases: Record<SerialPhase, number>;
  /** tests whose probe disagreed with the expectation, or a step that failed: must be empty */
  problems: string[];
}

interface Exit {
  code: number;
  stderr: string;
}

function kubectl(args: string[], opts: SerialOptions): Promise<Exit> {
  return new Promise((resolve) => {
    const child = spawn('kubectl', args, {
      env: { PATH: opts.path, HOME: opts.home, KUBECONFIG: opts.kubeconfig },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', (e) => resolve({ code: 127, stderr: e.message }));
    child.on('close', (code) => resolve({ code: code ?? 1, stderr }));
  });
}

function probeCommand(test: BenchTest, seconds: number): string[] {
  const t = String(seconds);
  if (test.to.startsWith('tcp://')) {
    const { host, port } = hostPort(test.to);
    return ['nc', '-z', '-w', t, host, String(port)];
  }
  return ['wget', '--spider', '-T', t, test.to];
}

export async function runSerialBaseline(m: BenchMatrix, opts: SerialOptions): Promise<SerialRun> {
  const phases: Record<SerialPhase, number> = { namespaces: 0, create: 0, wait: 0, exec: 0, delete: 0 };
  const problems: string[] = [];
  const started = Date.now();
  const step = async (phase: SerialPhase, args: string[]): Promise<Exit> => {
    const t = Date.now();
    const r = await kubectl(args, opts);
    phases[phase] += Date.now() - t;
    return r;
  };
  const must = async (phase: SerialPhase, args: string[]): Promise<boolean> => {
    const r = await step(phase, args);
    if (r.code !== 0) problems.push(`kubectl ${args.join(' ')} exited ${r.code}: ${r.stderr.trim()}`);
    return r.code === 0;
  };

  for (const [ns, { labels }] of Object.entries(m.created)) {
    await must('namespaces', ['create', 'namespace', ns]);
    const pairs = Object.entries(labels).map(([k, v]) => `${k}=${v}`);
    if (pairs.length > 0) await must('namespaces', ['label', 'namespace', ns, ...pairs]);
  }

  for (const [i, canary] of m.canaries.entries()) {
    const pod = `probe-${i}`;
    const ns = ['-n', canary.namespace];
    const labels = Object.entries(canary.labels)
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
    const created = await must('create', [
      'run',
      pod,
      ...ns,
      `--image=${opts.image}`,
      '--restart=Never',
      ...(labels ? [`--labels=${labels}`] : []),
      '--command',
      '--',
      'sleep',
      '3600',
    ]);
    const ready =
      created &&
      (await must('wait', ['wait', '--for=condition=Ready', `pod/${pod}`, ...ns, '--timeout=60s']));
    if (ready) {
      for (const test of canary.tests) {
        const r = await step('exec', ['exec', ...ns, pod, '--', ...probeCommand(test, opts.timeoutSeconds)]);
        const actual = r.code === 0 ? 'allow' : 'deny';
        if (actual !== test.expect) {
          problems.push(
            `${test.name}: expected ${test.expect}, the probe said ${actual} (${r.stderr.trim()})`,
          );
        }
      }
    }
    if (created) await must('delete', ['delete', 'pod', pod, ...ns]);
  }

  for (const ns of Object.keys(m.created)) await must('namespaces', ['delete', 'namespace', ns]);
  return { wallMs: Date.now() - started, phases, problems };
}
