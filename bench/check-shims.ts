// `tsx bench/check-shims.ts`: proves the bench's light probe stand-ins print what the
// double's own ones print, and that the probe player gives what they give. Every probe
// command the serial script runs, plus the cases the light ones hand over (refused, 404),
// goes through `kubectl exec` against three doubles: the light ones answered in advance by
// the exec service, the light ones asking the control endpoint, and the double's own; exit
// code and text must be the same, and played (bench/probe-player.ts) the same as by sh. Then
// the canaries' own scripts (buildCanaryScript, run by the pod as `sh -c`): played, and run
// by sh with the double's own stand-ins, they must leave the same result lines (modulo
// timing) in the termination message; one the player must not play (a refused port, a 404)
// must be handed to sh, and give the same.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createExecService, type ExecServiceOptions } from '../test/cluster/exec.ts';
import { kubectlPath } from '../test/cluster/kubectl.ts';
import { startCluster, type Cluster } from '../test/cluster/server.ts';
import type { NetworkFn } from '../test/cluster/types.ts';
import { buildCanaryScript, parseCanaryOutput } from '../src/probe/canary-script.ts';
import { parseTarget } from '../src/matrix/target.ts';
import type { Target } from '../src/core/types.ts';
import { lightShims } from './light-shims.ts';
import { probePlayer, type PlayerStats } from './probe-player.ts';

const network: NetworkFn = (_src, host) => {
  if (host.startsWith('dropped')) return { kind: 'timeout' };
  if (host.startsWith('closed')) return { kind: 'refused' };
  if (host.startsWith('missing')) return { kind: 'allowed', status: 404 };
  return { kind: 'allowed', status: 200 };
};

const COMMANDS = [
  ['wget', '--spider', '-T', '1', 'http://web.shop.svc.cluster.local:8080/healthz'],
  ['wget', '--spider', '-T', '1', 'https://example.com/'],
  ['wget', '--spider', '-q', '-T', '1', 'https://example.com/'],
  ['wget', '--spider', '-T', '1', 'http://dropped.billing.svc/'],
  ['wget', '--spider', '-T', '1', 'http://closed.billing.svc/'],
  ['wget', '--spider', '-T', '1', 'http://missing.billing.svc/'],
  ['nc', '-z', '-v', '-v', '-w', '1', 'postgres.billing.svc', '5432'],
  ['nc', '-z', '-v', '-v', '-w', '1', 'dropped.billing.svc', '5432'],
  ['nc', '-z', '-v', '-v', '-w', '1', 'closed.billing.svc', '5432'],
  ['nc', '-z', '-w', '1', 'postgres.billing.svc', '5432'],
  ['nc', '-z', '-w', '1', 'dropped.billing.svc', '5432'],
  ['nc', '-z', '-v', '-w', '1', '10.96.0.10', '53'],
];

function kubectl(cluster: Cluster, home: string, args: string[], stdin?: string): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(kubectlPath(), args, {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, KUBECONFIG: cluster.kubeconfigPath },
    });
    child.stdin.end(stdin ?? '');
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.on('close', (code) => resolve(`exit ${code}: ${JSON.stringify(out)}`));
  });
}

/** the probe target of COMMANDS[id], as the action would name it in a matrix */
function targetOf(id: number): Target | undefined {
  const cmd = COMMANDS[id] ?? [];
  const raw = cmd[0] === 'nc' ? `tcp://${cmd.at(-2)}:${cmd.at(-1)}` : (cmd.at(-1) ?? '');
  const t = parseTarget(raw);
  return t.ok ? t.value : undefined;
}

/** the connection each probe command makes, as answerInAdvance takes it */
function connections(): NonNullable<ExecServiceOptions['answerInAdvance']> {
  return COMMANDS.map((cmd) => {
    const words = cmd.filter((w) => !w.startsWith('-') && !/^\d+$/.test(w));
    if (cmd[0] === 'nc') return { host: cmd.at(-2) ?? '', port: Number(cmd.at(-1)), scheme: 'tcp' as const };
    const u = new URL(words.at(-1) ?? '');
    const scheme = u.protocol === 'https:' ? ('https' as const) : ('http' as const);
    return { host: u.hostname, port: Number(u.port) || (scheme === 'https' ? 443 : 80), scheme };
  });
}

async function withPod(options: ExecServiceOptions | undefined, home: string): Promise<Cluster> {
  const cluster = await startCluster({
    podStartDelayMs: 10,
    network,
    ...(options ? { execService: (host) => createExecService(host, options) } : {}),
  });
  cluster.createNamespace('shop');
  await kubectl(cluster, home, ['run', 'probe', '-n', 'shop', '--image=busybox:1.36', '--', 'sleep', '3600']);
  await kubectl(cluster, home, ['wait', '--for=condition=Ready', 'pod/probe', '-n', 'shop']);
  return cluster;
}

let canaries = 0;

/** a canary running the script as its own command, to its end: its termination message */
async function canary(cluster: Cluster, script: string): Promise<string> {
  const name = `canary-${++canaries}`;
  cluster.createPod({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'shop', labels: { app: 'web' } },
    spec: {
      restartPolicy: 'Never',
      containers: [{ name: 'probe', image: 'busybox:1.36', command: ['sh', '-c', script] }],
    },
  });
  const pod = await cluster.waitFor(() => {
    const p = cluster.pod('shop', name);
    return p?.status.phase === 'Succeeded' || p?.status.phase === 'Failed' ? p : undefined;
  }, 60_000);
  const term = (
    pod.status.containerStatuses as { state: { terminated: { exitCode: number; message?: string } } }[]
  )[0]?.state.terminated;
  return `exit ${term?.exitCode}: ${untimed(term?.message ?? '')}`;
}

/** a canary's output without its clock: attempts and end untimed, each attempt's lines sorted */
function untimed(text: string): string {
  const out = parseCanaryOutput(text);
  return [
    ...out.attempts.flatMap((a) => [`@@nca ${a.attempt}`, ...a.lines.split('\n').filter(Boolean).sort()]),
    out.doneMs === undefined ? '(no end)' : '@@ncd',
    ...(out.inLog ? ['@@ncl'] : []),
  ].join('\n');
}

async function main(): Promise<number> {
  const shims = lightShims();
  const home = mkdtempSync(join(tmpdir(), 'netpol-bench-check-'));
  const answered = await withPod({ shimDir: shims.dir, answerInAdvance: connections() }, home);
  // the player, counting what it plays and hands to the real process
  const stats: PlayerStats = { played: { container: 0, exec: 0 }, real: { container: 0, exec: 0 } };
  const played = await withPod({ shimDir: shims.dir, play: probePlayer(network, stats) }, home);
  const light = await withPod({ shimDir: shims.dir }, home);
  const own = await withPod(undefined, home);
  let differ = 0;
  try {
    for (const cmd of COMMANDS) {
      const args = ['exec', '-n', 'shop', 'probe', '--', ...cmd];
      const [a, l, b] = await Promise.all([
        kubectl(answered, home, args),
        kubectl(light, home, args),
        kubectl(own, home, args),
      ]);
      if (a === b && l === b) {
        console.log(`same  ${cmd.join(' ')}`);
      } else {
        differ++;
        console.log(`DIFF  ${cmd.join(' ')}\n  answered: ${a}\n  asking:   ${l}\n  own:      ${b}`);
      }
      const before = stats.real.exec;
      const p = await kubectl(played, home, args);
      if (p === l) {
        console.log(
          `same  ${cmd.join(' ')} (${stats.real.exec === before ? 'played' : 'not played: run by sh'})`,
        );
      } else {
        differ++;
        console.log(`DIFF  ${cmd.join(' ')} (played)\n  played: ${p}\n  sh:     ${l}`);
      }
    }
    // the canary's script for every target: with refused and 404 targets it is not played
    // (sh runs it); without them it must be played, and give the same lines. A dropped
    // target is a deny, every other an allow, as the bench's matrices have it.
    const probes = COMMANDS.flatMap((_, id) => {
      const target = targetOf(id);
      const expect = target?.host.startsWith('dropped') ? ('deny' as const) : ('allow' as const);
      return target ? [{ id: id + 1, target, expect }] : [];
    });
    const playable = probes.filter((p) => !/closed|missing/.test(p.target.host));
    for (const [what, list, real] of [
      ['every target', probes, 1],
      ['the playable targets', playable, 0],
    ] as const) {
      const script = buildCanaryScript(list, { timeoutMs: 1000, attempts: 1 });
      const before = { ...stats.played, real: stats.real.container };
      const [p, b] = await Promise.all([canary(played, script), canary(own, script)]);
      const reals = stats.real.container - before.real;
      const plays = stats.played.container - before.container;
      if (p === b && reals === real && plays === 1 - real) {
        console.log(`same  the canary script of ${what} (${real ? 'not played: run by sh' : 'played'})`);
      } else {
        differ++;
        console.log(
          `DIFF  the canary script of ${what} (${plays} played, ${reals} run by sh; expected ${real ? 'sh' : 'played'})\n  played: ${JSON.stringify(p)}\n  own:    ${JSON.stringify(b)}`,
        );
      }
    }
  } finally {
    await played.close();
    await answered.close();
    await light.close();
    await own.close();
    shims.dispose();
    rmSync(home, { recursive: true, force: true });
  }
  console.log(
    differ === 0 ? 'the light stand-ins print what the double’s own print' : `${differ} difference(s)`,
  );
  return differ === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`check failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(2);
  },
);
