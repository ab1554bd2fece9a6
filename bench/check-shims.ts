// `tsx bench/check-shims.ts`: proves the bench's light probe stand-ins print what the
// double's own ones print. Every probe command the action and the serial script run,
// plus the cases the light ones hand over (refused, 404), goes through `kubectl exec`
// against two doubles, one with each set; exit code and text must be the same.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createExecService } from '../test/cluster/exec.ts';
import { kubectlPath } from '../test/cluster/kubectl.ts';
import { startCluster, type Cluster } from '../test/cluster/server.ts';
import type { NetworkFn } from '../test/cluster/types.ts';
import { lightShims } from './light-shims.ts';

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

function kubectl(cluster: Cluster, home: string, args: string[]): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(kubectlPath(), args, {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, KUBECONFIG: cluster.kubeconfigPath },
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.on('close', (code) => resolve(`exit ${code}: ${JSON.stringify(out)}`));
  });
}

async function withPod(shimDir: string | undefined, home: string): Promise<Cluster> {
  const cluster = await startCluster({
    podStartDelayMs: 10,
    network,
    ...(shimDir ? { execService: (host) => createExecService(host, { shimDir }) } : {}),
  });
  cluster.createNamespace('shop');
  await kubectl(cluster, home, ['run', 'probe', '-n', 'shop', '--image=busybox:1.36', '--', 'sleep', '3600']);
  await kubectl(cluster, home, ['wait', '--for=condition=Ready', 'pod/probe', '-n', 'shop']);
  return cluster;
}

async function main(): Promise<number> {
  const shims = lightShims();
  const home = mkdtempSync(join(tmpdir(), 'netpol-bench-check-'));
  const light = await withPod(shims.dir, home);
  const own = await withPod(undefined, home);
  let differ = 0;
  try {
    for (const cmd of COMMANDS) {
      const args = ['exec', '-n', 'shop', 'probe', '--', ...cmd];
      const [a, b] = await Promise.all([kubectl(light, home, args), kubectl(own, home, args)]);
      if (a === b) {
        console.log(`same  ${cmd.join(' ')}`);
      } else {
        differ++;
        console.log(`DIFF  ${cmd.join(' ')}\n  light: ${a}\n  own:   ${b}`);
      }
    }
  } finally {
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
