// `tsx bench/check-shims.ts`: proves the bench's light probe stand-ins print what the
// double's own ones print. Every probe command the action and the serial script run,
// plus the cases the light ones hand over (refused, 404), goes through `kubectl exec`
// against three doubles: the light ones answered in advance by the exec service, the
// light ones asking the control endpoint, and the double's own; exit code and text must
// be the same. Then the probe player (bench/probe-player.ts, as the bench runs probes):
// each command, and the action's probe script for all of them on `sh -s`, played and
// run by sh with the light stand-ins, must give the same exit codes and result lines.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createExecService, type ExecServiceOptions } from '../test/cluster/exec.ts';
import { kubectlPath } from '../test/cluster/kubectl.ts';
import { startCluster, type Cluster } from '../test/cluster/server.ts';
import type { NetworkFn } from '../test/cluster/types.ts';
import { buildProbeScript, parseProbeLines } from '../src/probe/probe-script.ts';
import { parseTarget } from '../src/matrix/target.ts';
import type { Target } from '../src/core/types.ts';
import { lightShims } from './light-shims.ts';
import { probePlayer } from './probe-player.ts';

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

async function main(): Promise<number> {
  const shims = lightShims();
  const home = mkdtempSync(join(tmpdir(), 'netpol-bench-check-'));
  const answered = await withPod({ shimDir: shims.dir, answerInAdvance: connections() }, home);
  // the player, counting what it hands to the real process
  const player = probePlayer(network);
  let realRuns = 0;
  const played = await withPod(
    {
      shimDir: shims.dir,
      play: (e) =>
        player({
          ...e,
          real: () => {
            realRuns++;
            return e.real();
          },
        }),
    },
    home,
  );
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
      const before = realRuns;
      const p = await kubectl(played, home, args);
      if (p === l) {
        console.log(`same  ${cmd.join(' ')} (${realRuns === before ? 'played' : 'not played: run by sh'})`);
      } else {
        differ++;
        console.log(`DIFF  ${cmd.join(' ')} (played)\n  played: ${p}\n  sh:     ${l}`);
      }
    }
    // the action's script for every target: with refused and 404 targets it is not
    // played (sh runs it); without them it must be played, and give the same lines
    const probes = COMMANDS.flatMap((_, id) => {
      const target = targetOf(id);
      return target ? [{ id, target }] : [];
    });
    const playable = probes.filter((p) => !/closed|missing/.test(p.target.host));
    for (const [what, list, real] of [
      ['every target', probes, 1],
      ['the playable targets', playable, 0],
    ] as const) {
      const script = buildProbeScript(list, 1000);
      const args = ['exec', '-i', '-n', 'shop', 'probe', '--', 'sh', '-s'];
      const before = realRuns;
      const [p, l] = await Promise.all([
        kubectl(played, home, args, script),
        kubectl(light, home, args, script),
      ]);
      const lines = (out: string): string =>
        [...parseProbeLines(JSON.parse(out.slice(out.indexOf(':') + 2)) as string)]
          .sort(([x], [y]) => x - y)
          .flatMap(([id, run]) =>
            Object.entries(run).map(([tool, r]) => `${id} ${tool} ${r.exitCode} ${r.output}`),
          )
          .sort()
          .join('\n');
      const same = lines(p) === lines(l) && p.startsWith('exit 0: ') && l.startsWith('exit 0: ');
      if (same && realRuns - before === real) {
        console.log(`same  the probe script of ${what} (${real ? 'not played: run by sh' : 'played'})`);
      } else {
        differ++;
        console.log(
          `DIFF  the probe script of ${what} (${realRuns - before} real run(s), expected ${real})\n  played: ${p}\n  sh:     ${l}`,
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
