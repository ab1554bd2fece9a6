// `node dist/sweep.js`: what dead runs left behind (no post step ever ran) is removed,
// and nothing else: not a fresh canary, not a namespace a live run holds a lease on,
// not a namespace someone made by hand with the prefix, not a look-alike pod.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Cluster } from '../cluster/server.ts';
import type { Obj } from '../cluster/store.ts';
import { mutationsOf, pathWithKubectl, withCluster } from './helpers.ts';

const SWEEP = resolve(import.meta.dirname, '../../dist/sweep.js');
const HOUR = 3_600_000;
const at = (msAgo: number): string => new Date(Date.now() - msAgo).toISOString().replace(/\.\d+Z$/, 'Z');
const OLD = at(3 * HOUR);
const EXPIRED = at(2 * HOUR);
const LIVE_UNTIL = at(-HOUR);

const MANAGED = { 'app.kubernetes.io/managed-by': 'netpol-canary' };
const lease = (run: string, until: string): Record<string, string> => ({
  [`lease.netpol-canary.io/${run}`]: until,
});

function namespace(
  cluster: Cluster,
  name: string,
  labels: Record<string, string>,
  annotations = {},
  created = OLD,
): void {
  cluster.create('namespaces', { metadata: { name, labels, annotations, creationTimestamp: created } });
}

function pod(
  cluster: Cluster,
  ns: string,
  name: string,
  labels: Record<string, string>,
  created = OLD,
): void {
  cluster.create('pods', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: ns, labels, creationTimestamp: created },
    spec: {
      restartPolicy: 'Never',
      containers: [{ name: 'canary', image: 'busybox:1.36', command: ['sleep', '3600'] }],
    },
  });
}

/** What a cluster looks like after dead runs, live runs and people have been at it. */
function seed(cluster: Cluster): void {
  // left by dead runs: every lease expired long ago, or none at all
  namespace(cluster, 'canary-test-dead', MANAGED, lease('1001-1-aaaaaaaa', EXPIRED));
  namespace(cluster, 'canary-test-noleases', MANAGED);
  pod(cluster, 'canary-test-dead', 'canary-0badc0de', {
    ...MANAGED,
    'netpol-canary.io/run': '1001-1-aaaaaaaa',
  });
  cluster.createNamespace('dark-tower', { team: 'tower' });
  pod(cluster, 'dark-tower', 'canary-deadbeef', {
    app: 'web',
    ...MANAGED,
    'netpol-canary.io/run': '1002-1-bbbbbbbb',
  });

  // must survive: a live run's lease (beside an expired one), an unreadable lease, a young namespace
  namespace(cluster, 'canary-test-busy', MANAGED, {
    ...lease('1003-1-cccccccc', EXPIRED),
    ...lease('1004-1-dddddddd', LIVE_UNTIL),
  });
  namespace(cluster, 'canary-test-unreadable', MANAGED, lease('1005-1-eeeeeeee', 'soon'));
  namespace(cluster, 'canary-test-young', MANAGED, lease('1006-1-ffffffff', at(HOUR / 2)), at(HOUR / 4));
  // not the action's: made by hand with the prefix, or labelled but without the prefix
  namespace(cluster, 'canary-test-handmade', { team: 'qa' });
  namespace(cluster, 'team-lookalike', MANAGED);
  // a fresh canary of a live run, and pods that only look like canaries
  pod(
    cluster,
    'dark-tower',
    'canary-f00df00d',
    { ...MANAGED, 'netpol-canary.io/run': '1004-1-dddddddd' },
    at(60_000),
  );
  pod(cluster, 'dark-tower', 'web-no-run-label', MANAGED);
  pod(cluster, 'dark-tower', 'web-other-manager', {
    'app.kubernetes.io/managed-by': 'netpol-canary-ci',
    'netpol-canary.io/run': 'x',
  });
  pod(cluster, 'dark-tower', 'web-helm', {
    'app.kubernetes.io/managed-by': 'Helm',
    'netpol-canary.io/run': 'x',
  });
}

function sweep(
  cluster: Cluster,
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const home = mkdtempSync(join(tmpdir(), 'netpol-sweep-'));
  return new Promise((res) => {
    const child = spawn(process.execPath, [SWEEP, ...args], {
      env: { PATH: pathWithKubectl(), KUBECONFIG: cluster.kubeconfigPath, HOME: home },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('close', (code) => {
      rmSync(home, { recursive: true, force: true });
      res({ code, stdout, stderr });
    });
  });
}

const said = (stdout: string, verb: string): string[] =>
  stdout
    .split('\n')
    .filter((l) => l.startsWith(`${verb} `))
    .map((l) => l.slice(verb.length + 1))
    .sort();

const gone = [
  'namespace canary-test-dead',
  'namespace canary-test-noleases',
  'pod canary-test-dead/canary-0badc0de',
  'pod dark-tower/canary-deadbeef',
].sort();

describe('the sweep', () => {
  it('deletes what dead runs left, older than the age and unleased, and nothing else; --dry-run deletes nothing', async () => {
    await withCluster({ podStartDelayMs: 20 }, async (cluster) => {
      seed(cluster);
      const before = {
        namespaces: cluster
          .namespaces()
          .map((n) => n.metadata.name)
          .sort(),
        pods: cluster
          .pods()
          .map((p) => `${p.metadata.namespace}/${p.metadata.name}`)
          .sort(),
      };
      cluster.resetAudit();

      // a dry run says what it would delete, the same as the real run then does, and changes nothing
      const dry = await sweep(cluster, ['--older-than', '1h', '--dry-run']);
      expect(dry.stderr).toBe('');
      expect(dry.code).toBe(0);
      expect(said(dry.stdout, 'would delete')).toEqual(gone);
      expect(dry.stdout).toMatch(/would keep namespace canary-test-busy: another run still uses it/);
      expect(mutationsOf(cluster)).toEqual([]);

      const real = await sweep(cluster, ['--older-than', '1h']);
      expect(real.stderr).toBe('');
      expect(real.code).toBe(0);
      expect(said(real.stdout, 'deleted')).toEqual(gone);
      expect(real.stdout).toMatch(
        /kept namespace canary-test-busy: another run still uses it \(1004-1-dddddddd\)/,
      );
      expect(real.stdout).toMatch(/kept namespace canary-test-unreadable/);

      // what is left is exactly what was there minus the dead runs' things
      const live = (o: Obj): boolean => !o.metadata?.deletionTimestamp;
      expect(
        cluster
          .namespaces()
          .filter(live)
          .map((n) => n.metadata.name)
          .sort(),
      ).toEqual(before.namespaces.filter((n) => !gone.includes(`namespace ${n}`)));
      expect(
        cluster
          .pods()
          .filter(live)
          .map((p) => `${p.metadata.namespace}/${p.metadata.name}`)
          .sort(),
      ).toEqual(before.pods.filter((p) => !gone.includes(`pod ${p}`) && !p.startsWith('canary-test-dead/')));
      // and only those were written to: no lease taken or dropped on a namespace that stays
      for (const m of mutationsOf(cluster)) {
        expect(m).toMatch(
          /^(delete pods dark-tower\/canary-deadbeef|delete pods canary-test-dead\/canary-0badc0de|(patch|delete) namespaces [a-z-]*\/canary-test-(dead|noleases))$/,
        );
      }
      expect(cluster.namespace('canary-test-busy')?.metadata.annotations).toEqual({
        ...lease('1003-1-cccccccc', EXPIRED),
        ...lease('1004-1-dddddddd', LIVE_UNTIL),
      });
    });
  });

  it('keeps an old canary whose run still holds a live lease on a namespace', async () => {
    await withCluster({ podStartDelayMs: 20 }, async (cluster) => {
      seed(cluster);
      // a long run: its canary is older than the age, its lease on canary-test-busy is live
      pod(cluster, 'dark-tower', 'canary-0ld11fe0', {
        ...MANAGED,
        'netpol-canary.io/run': '1004-1-dddddddd',
      });
      const real = await sweep(cluster, ['--older-than', '1h']);
      expect(real.code).toBe(0);
      expect(said(real.stdout, 'deleted')).toEqual(gone);
      expect(real.stdout).toMatch(
        /kept pod dark-tower\/canary-0ld11fe0: its run 1004-1-dddddddd still holds a lease on namespace canary-test-busy/,
      );
      expect(cluster.pod('dark-tower', 'canary-0ld11fe0')?.metadata.deletionTimestamp).toBeUndefined();
    });
  });

  it('with a smaller age takes younger leftovers too, still never a leased namespace', async () => {
    await withCluster({ podStartDelayMs: 20 }, async (cluster) => {
      seed(cluster);
      const real = await sweep(cluster, ['--older-than', '10m']);
      expect(real.code).toBe(0);
      expect(said(real.stdout, 'deleted')).toEqual([...gone, 'namespace canary-test-young'].sort());
      expect(cluster.pod('dark-tower', 'canary-f00df00d')?.metadata.deletionTimestamp).toBeUndefined();
      expect(cluster.namespace('canary-test-busy')?.metadata.deletionTimestamp).toBeUndefined();
    });
  });
});
