// Releasing the namespaces a run created, with the real kubectl against the API double:
// one preconditioned DELETE when nobody joined, the lease protocol's patch-then-delete
// when anything changed since main saw it, and never a namespace that is not ours alone.
import { afterEach, describe, expect, it } from 'vitest';
import { createKubectl, type Kubectl } from '../../src/cluster/kubectl.ts';
import { acquireNamespaces, releaseNamespaces, type ReleaseOptions } from '../../src/cluster/namespaces.ts';
import { leaseKey, type NamespaceObject } from '../../src/core/ownership.ts';
import { kubectlFor, kubectlPath } from './kubectl.ts';
import { startCluster, type Cluster } from './server.ts';

const NAME = 'canary-test-outsider';
const HOUR = 3600_000;
const clusters: Cluster[] = [];
afterEach(async () => {
  for (const c of clusters.splice(0)) await c.close();
});

async function setUp(): Promise<{ cluster: Cluster; k: Kubectl; created: NamespaceObject }> {
  const cluster = await startCluster({ namespaceTerminationMs: 20 });
  clusters.push(cluster);
  const k = kubectlOn(cluster);
  const got = await acquireNamespaces(k, [{ name: NAME, labels: { team: 'outsider' } }], [], {
    run: 'run-a',
    leaseUntil: new Date(Date.now() + HOUR),
    deadline: Date.now() + 30_000,
    log: () => {},
  });
  expect(got.failures).toEqual(new Map());
  const [created] = got.created;
  if (!created) throw new Error('the namespace was not created');
  cluster.resetAudit();
  return { cluster, k, created };
}

function kubectlOn(cluster: Cluster): Kubectl {
  return createKubectl({ binary: kubectlPath(), kubeconfig: cluster.kubeconfigPath, concurrency: 4 });
}

/** A kubectl whose first call with this verb waits until `release()`: `reached` says it is waiting. */
function holdBefore(k: Kubectl, verb: string): { k: Kubectl; reached: Promise<void>; release: () => void } {
  let reach = (): void => {};
  let release = (): void => {};
  const reached = new Promise<void>((r) => (reach = r));
  const gate = new Promise<void>((r) => (release = r));
  let held = false;
  return {
    k: {
      ...k,
      run: async (call) => {
        if (!held && call.args[0] === verb) {
          held = true;
          reach();
          await gate;
        }
        return k.run(call);
      },
    },
    reached,
    release,
  };
}

const releaseOpts = (known: NamespaceObject[], run = 'run-a'): ReleaseOptions => ({
  run,
  prefix: 'canary-test-',
  now: () => new Date(),
  deadline: Date.now() + 30_000,
  known,
});

/** Requests on the namespace, as "METHOD code": what the API server was asked, in order. */
function requests(cluster: Cluster): string[] {
  return cluster.audit.filter((e) => e.resource === 'namespaces').map((e) => `${e.verb} ${e.code}`);
}

/** Sets an annotation as another run's kubectl would (a merge patch); the namespace after it. */
async function annotate(cluster: Cluster, key: string, value: string): Promise<NamespaceObject> {
  const r = await kubectlFor(cluster)(['annotate', 'namespace', NAME, `${key}=${value}`, '--overwrite']);
  expect(r.code).toBe(0);
  return cluster.namespace(NAME) as NamespaceObject;
}

describe('releasing a namespace this run created', () => {
  it('alone: one process, a DELETE with the uid and resourceVersion the create answered, no patch', async () => {
    const { cluster, k, created } = await setUp();
    const before = k.stats().spawned;
    const report = await releaseNamespaces(k, [NAME], releaseOpts([created]));
    expect(report).toEqual({ deleted: [NAME], kept: [], failed: [] });
    expect(k.stats().spawned - before).toBe(1);
    expect(requests(cluster)).toEqual(['delete 200']);
    const gone = cluster.namespace(NAME);
    if (gone) expect(gone.metadata.deletionTimestamp).toBeDefined();
  });

  it('another run joined since: the DELETE conflicts, then read, our lease removed, the namespace kept', async () => {
    const { cluster, k, created } = await setUp();
    const joiner = kubectlOn(cluster);
    const joined = await acquireNamespaces(joiner, [], [created], {
      run: 'run-b',
      leaseUntil: new Date(Date.now() + HOUR),
      deadline: Date.now() + 30_000,
      log: () => {},
    });
    expect(joined.failures).toEqual(new Map());
    cluster.resetAudit();
    const before = k.stats().spawned;
    const report = await releaseNamespaces(k, [NAME], releaseOpts([created]));
    expect(report).toEqual({
      deleted: [],
      kept: [{ name: NAME, why: 'another run still uses it (run-b)' }],
      failed: [],
    });
    // the DELETE, our read, and `kubectl patch` (which reads before it patches)
    expect(k.stats().spawned - before).toBe(3);
    expect(requests(cluster)).toEqual(['delete 409', 'get 200', 'get 200', 'patch 200']);
    const ns = cluster.namespace(NAME)!;
    expect(ns.metadata.deletionTimestamp).toBeUndefined();
    expect(Object.keys(ns.metadata.annotations ?? {})).toEqual([leaseKey('run-b')]);
  });

  it('changed but still ours alone (a lease of another run that has since expired): conflict, then patch and delete', async () => {
    const { cluster, k, created } = await setUp();
    await annotate(cluster, leaseKey('run-old'), new Date(Date.now() - HOUR).toISOString());
    cluster.resetAudit();
    const report = await releaseNamespaces(k, [NAME], releaseOpts([created]));
    expect(report).toEqual({ deleted: [NAME], kept: [], failed: [] });
    expect(requests(cluster)).toEqual(['delete 409', 'get 200', 'get 200', 'patch 200', 'delete 200']);
  });

  it('a run that read it before the DELETE and patches its lease after loses: it waits the namespace out and makes it anew', async () => {
    const { cluster, k, created } = await setUp();
    cluster.setNamespaceStuck(NAME);
    // the joiner has read the namespace (live, main's resourceVersion) and is about to patch
    const joiner = holdBefore(kubectlOn(cluster), 'patch');
    const lines: string[] = [];
    const joining = acquireNamespaces(joiner.k, [], [created], {
      run: 'run-b',
      leaseUntil: new Date(Date.now() + HOUR),
      deadline: Date.now() + 30_000,
      log: (line) => lines.push(line),
    });
    await joiner.reached;
    const report = await releaseNamespaces(k, [NAME], releaseOpts([created]));
    expect(report.deleted).toEqual([NAME]);
    joiner.release();
    await cluster.waitFor(() => lines.length > 0, 10_000);
    cluster.setNamespaceStuck(NAME, false);
    const joined = await joining;
    expect(joined.failures).toEqual(new Map());
    // its lease patch on the old resourceVersion conflicted: no lease on a namespace being deleted
    expect(cluster.audit.filter((e) => e.verb === 'patch').map((e) => e.code)).toEqual([409]);
    expect(lines).toEqual([
      `namespace ${NAME} is being removed by another run; waiting to create it anew`,
      `created namespace ${NAME}`,
    ]);
    const remade = cluster.namespace(NAME)!;
    expect(remade.metadata.uid).not.toBe(created.metadata.uid);
    expect(remade.metadata.deletionTimestamp).toBeUndefined();
    expect(remade.metadata.labels?.team).toBe('outsider');
    expect(Object.keys(remade.metadata.annotations ?? {})).toEqual([leaseKey('run-b')]);
  });

  it('another lease already in what main saw, live or unreadable: no DELETE at all, only our lease removed', async () => {
    for (const until of [new Date(Date.now() + HOUR).toISOString(), 'soon']) {
      const { cluster, k } = await setUp();
      const seen = await annotate(cluster, leaseKey('run-b'), until);
      cluster.resetAudit();
      const report = await releaseNamespaces(k, [NAME], releaseOpts([seen]));
      expect(report.kept).toEqual([{ name: NAME, why: 'another run still uses it (run-b)' }]);
      // the patch alone (kubectl reads, then patches): main's view spares the read
      expect(requests(cluster)).toEqual(['get 200', 'patch 200']);
      expect(Object.keys(cluster.namespace(NAME)?.metadata.annotations ?? {})).toEqual([leaseKey('run-b')]);
    }
  });

  it('never a namespace outside the prefix, without our label, or without our lease', async () => {
    const { cluster, k, created } = await setUp();
    const cases: [string, ReleaseOptions][] = [
      ['other prefix', { ...releaseOpts([created]), prefix: 'other-' }],
      [
        'no label',
        releaseOpts([{ ...created, metadata: { ...created.metadata, labels: { team: 'outsider' } } }]),
      ],
      ['not our lease', releaseOpts([created], 'run-z')],
    ];
    for (const [, opts] of cases) {
      const report = await releaseNamespaces(k, [NAME], opts);
      expect(report.deleted).toEqual([]);
    }
    expect(cluster.audit.filter((e) => e.verb === 'delete')).toEqual([]);
    expect(cluster.namespace(NAME)?.metadata.deletionTimestamp).toBeUndefined();
  });

  it('gone already, or made anew by someone else under the same name: nothing deleted, nothing failed', async () => {
    const { cluster, k, created } = await setUp();
    cluster.delete('namespaces', undefined, NAME);
    await cluster.waitFor(() => cluster.namespace(NAME) === undefined);
    cluster.resetAudit();
    expect(await releaseNamespaces(k, [NAME], releaseOpts([created]))).toEqual({
      deleted: [],
      kept: [],
      failed: [],
    });
    expect(requests(cluster)).toEqual(['delete 404', 'get 404']);

    cluster.createNamespace(NAME, { 'app.kubernetes.io/managed-by': 'netpol-canary' });
    cluster.resetAudit();
    expect(await releaseNamespaces(k, [NAME], releaseOpts([created]))).toEqual({
      deleted: [],
      kept: [],
      failed: [],
    });
    // the uid precondition refused it; read again, it carries no lease of ours: left alone
    expect(requests(cluster)).toEqual(['delete 409', 'get 200']);
    expect(cluster.namespace(NAME)?.metadata.deletionTimestamp).toBeUndefined();
  });
});
