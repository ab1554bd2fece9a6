// One measured run of the action (main + post through the runner simulator) and one
// of the serial script, each against a fresh cluster double, with what the bench
// reports: wall time, kubectl processes, API requests, memory, CPU, and every
// problem that would make the numbers meaningless (a result that is not a pass,
// a warning, something left in the cluster).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createExecService } from '../test/cluster/exec.ts';
import { kubectlPath } from '../test/cluster/kubectl.ts';
import { startCluster, type Cluster } from '../test/cluster/server.ts';
import { leftovers } from '../test/e2e/helpers.ts';
import { runAction } from '../test/runner/simulator.ts';
import { kubectlLog, type KubectlSpan } from './kubectl-log.ts';
import { probePlayer, type PlayerStats } from './probe-player.ts';
import { benchConnections, benchNetwork, matrixText, type BenchMatrix } from './matrix.ts';
import type { StepTimes } from './profile.ts';
import { runSerialBaseline, type SerialRun } from './serial-baseline.ts';

/** the double's latencies: a pod takes 1 s to start, an exec (the serial baseline's) 100 ms to set up */
export const POD_START_MS = 1000;
export const EXEC_LATENCY_MS = 100;
export const PROBE_TIMEOUT_S = 2;
/** nothing can finish sooner: a canary must start, and a dropped probe waits its timeout */
export const LIMIT_MS = POD_START_MS + PROBE_TIMEOUT_S * 1000;
const IMAGE = 'busybox:1.36';

export interface Setup {
  /** folder of light probe stand-ins; undefined: the double's own (node) ones */
  shimDir?: string;
  /** canaries' scripts and probes played in-process (bench/probe-player.ts), the stand-ins only for what it cannot play */
  play?: boolean;
  /** the `concurrency` input; undefined: action.yml's default */
  concurrency?: string;
}

export interface StepStats extends StepTimes {
  maxRssKb: number;
  /** the node process's own CPU */
  cpuMs: number;
  /** its finished children's: the kubectl processes (and their counting shims) */
  childrenCpuMs: number;
}

/** CPU seconds spent during a run, by whom */
export interface CpuUse {
  /** the action's node processes, main + post */
  action: number;
  kubectl: number;
  /** the bench process: the API double, its exec service, the simulator */
  double: number;
  /** the processes playing the containers: sh and the probe stand-ins */
  probes: number;
  /** load average (1 min) before the run: other people's work on this machine */
  loadBefore: number;
}

export interface ActionMeasure {
  wallMs: number;
  main: StepStats;
  post: StepStats;
  kubectl: number;
  peak: number;
  apiRequests: number;
  spans: KubectlSpan[];
  /** the `kubectl logs` among them: a canary whose results did not fit its termination message */
  logs: number;
  canaries: CanaryTimes;
  /** what the probe player played, and handed to the real process (undefined: nothing played) */
  player?: PlayerStats;
  cpu: CpuUse;
}

/** epoch ms, by namespace/name: when the double started each canary's container, and when it ended */
export interface CanaryTimes {
  started: Map<string, number>;
  ended: Map<string, number>;
}

export interface BaselineMeasure extends SerialRun {
  kubectl: number;
  apiRequests: number;
}

async function freshCluster(m: BenchMatrix, setup: Setup, player?: PlayerStats): Promise<Cluster> {
  const dir = setup.shimDir;
  const network = benchNetwork(m);
  const cluster = await startCluster({
    podStartDelayMs: POD_START_MS,
    execLatencyMs: EXEC_LATENCY_MS,
    network,
    ...(dir
      ? {
          execService: (host) =>
            createExecService(host, {
              shimDir: dir,
              answerInAdvance: benchConnections(m),
              ...(setup.play ? { play: probePlayer(network, player) } : {}),
            }),
        }
      : {}),
  });
  for (const ns of m.existing) cluster.createNamespace(ns, { team: ns });
  return cluster;
}

/**
 * When the double started each pod's containers (as it records it) and when the first one
 * ended (when the double stored that status), epoch ms. A canary is never Ready (its
 * readiness gate): its container running is what "started" means. Told by the double's
 * change feed, not by polling: listing every pod every 10 ms cost the bench process 2 CPU-s
 * at 1000 tests, taken from the run it measures.
 */
function watchCanaries(cluster: Cluster): CanaryTimes & { stop: () => void } {
  const started = new Map<string, number>();
  const ended = new Map<string, number>();
  const stop = cluster.onChange(({ resource, object: p }) => {
    if (resource !== 'pods') return;
    const key = `${p.metadata.namespace}/${p.metadata.name}`;
    if (ended.has(key)) return;
    const state = ((p.status?.containerStatuses ?? []) as { state?: object }[])[0]?.state ?? {};
    const at = (): number =>
      cluster.podStartedAtMs(String(p.metadata.namespace), String(p.metadata.name)) ?? Date.now();
    if (('running' in state || 'terminated' in state) && !started.has(key)) started.set(key, at());
    if ('terminated' in state) ended.set(key, Date.now());
  });
  return { started, ended, stop };
}

/** this process's own CPU and its finished children's, ms */
function cpuNow(): { self: number; children: number } {
  const u = process.cpuUsage();
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return {
    self: (u.user + u.system) / 1000,
    // cutime + cstime, in clock ticks of 10 ms
    children: (Number(fields[13]) + Number(fields[14])) * 10,
  };
}

function readStats(prefix: string, script: string): StepStats {
  const file = `${prefix}.${script}.json`;
  if (!existsSync(file)) throw new Error(`the ${script} step wrote no statistics (${file}): was it killed?`);
  return JSON.parse(readFileSync(file, 'utf8')) as StepStats;
}

function lastLines(text: string): string {
  return text.trim().split('\n').slice(-5).join(' | ');
}

export async function measureAction(
  m: BenchMatrix,
  setup: Setup,
  problems: string[],
): Promise<ActionMeasure> {
  const player: PlayerStats | undefined = setup.play
    ? { played: { container: 0, exec: 0 }, real: { container: 0, exec: 0 } }
    : undefined;
  const cluster = await freshCluster(m, setup, player);
  const log = kubectlLog(kubectlPath());
  const dir = mkdtempSync(join(tmpdir(), 'netpol-bench-run-'));
  const prefix = join(dir, 'step');
  // the matrix lives in the repository, as a large one must: an input travels in one
  // environment variable, and Linux refuses to start a process with one over 128 KiB
  const workspace = join(dir, 'workspace');
  const matrixFile = join(workspace, '.github', 'netpol-matrix.json');
  mkdirSync(join(workspace, '.github'), { recursive: true });
  writeFileSync(matrixFile, matrixText(m));
  const canaries = watchCanaries(cluster);
  try {
    cluster.resetAudit();
    const loadBefore = loadavg()[0] ?? 0;
    const cpu0 = cpuNow();
    const started = Date.now();
    const run = await runAction({
      workspace,
      inputs: {
        'matrix-file': '.github/netpol-matrix.json',
        timeout: `${PROBE_TIMEOUT_S}s`,
        ...(setup.concurrency ? { concurrency: setup.concurrency } : {}),
      },
      env: {
        KUBECONFIG: cluster.kubeconfigPath,
        PATH: log.path,
        NODE_OPTIONS: `--import=${pathToFileURL(join(import.meta.dirname, 'rss-hook.mjs')).href} ${process.env.NETPOL_BENCH_NODE_OPTIONS ?? ''}`,
        NETPOL_BENCH_STATS: prefix,
      },
    });
    const wallMs = Date.now() - started;
    const cpu1 = cpuNow();
    const apiRequests = cluster.audit.length;

    if (run.main.code !== 0) problems.push(`main exited ${run.main.code}: ${lastLines(run.main.stdout)}`);
    const results = JSON.parse(run.main.outputs.results ?? '[]') as {
      name: string;
      verdict: string;
      detail: string;
    }[];
    if (results.length !== m.tests.length) {
      problems.push(`main reported ${results.length} results for ${m.tests.length} tests`);
    }
    for (const r of results.filter((x) => x.verdict !== 'pass')) {
      problems.push(`${r.name}: ${r.verdict} (${r.detail})`);
    }
    if (!run.post || run.post.code !== 0) {
      problems.push(`post did not finish cleanly: ${lastLines(run.post?.stdout ?? '')}`);
    }
    for (const a of [...run.main.annotations, ...(run.post?.annotations ?? [])]) {
      if (a.level !== 'notice') problems.push(`${a.level}: ${a.message}`);
    }
    const left = leftovers(cluster);
    if (left.length > 0) problems.push(`left in the cluster: ${left.join(', ')}`);
    run.dispose();

    const main = readStats(prefix, 'main');
    const post = readStats(prefix, 'post');
    const action = main.cpuMs + post.cpuMs;
    const kubectl = main.childrenCpuMs + post.childrenCpuMs;
    const everyChild = cpu1.children - cpu0.children;
    const spans = log.spans();
    // every kubectl process of the run, for a closer look than --profile gives
    if (process.env.NETPOL_BENCH_SPANS)
      writeFileSync(process.env.NETPOL_BENCH_SPANS, JSON.stringify({ main, post, spans }, null, 1));
    return {
      wallMs,
      main,
      post,
      kubectl: log.count(),
      peak: log.peak(),
      apiRequests,
      spans,
      logs: spans.filter((x) => x.args[0] === 'logs').length,
      canaries: { started: canaries.started, ended: canaries.ended },
      ...(player ? { player } : {}),
      cpu: {
        action: action / 1000,
        kubectl: kubectl / 1000,
        double: (cpu1.self - cpu0.self) / 1000,
        probes: Math.max(0, everyChild - action - kubectl) / 1000,
        loadBefore,
      },
    };
  } finally {
    canaries.stop();
    log.dispose();
    rmSync(dir, { recursive: true, force: true });
    await cluster.close();
  }
}

export async function measureBaseline(
  m: BenchMatrix,
  setup: Setup,
  problems: string[],
): Promise<BaselineMeasure> {
  const cluster = await freshCluster(m, setup);
  const log = kubectlLog(kubectlPath());
  const home = mkdtempSync(join(tmpdir(), 'netpol-bench-serial-'));
  try {
    cluster.resetAudit();
    const run = await runSerialBaseline(m, {
      path: log.path,
      kubeconfig: cluster.kubeconfigPath,
      home,
      image: IMAGE,
      timeoutSeconds: PROBE_TIMEOUT_S,
    });
    problems.push(...run.problems.map((p) => `serial baseline: ${p}`));
    return { ...run, kubectl: log.count(), apiRequests: cluster.audit.length };
  } finally {
    log.dispose();
    rmSync(home, { recursive: true, force: true });
    await cluster.close();
  }
}
