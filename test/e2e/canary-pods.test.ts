// Canary pods and the workloads around them, end to end: a canary is never Ready (so no
// Service sends it traffic), its controller is its own namespace (so no ReplicaSet,
// StatefulSet, DaemonSet or Job adopts it), and the run warns when a Service, a workload
// or a budget in its namespace selects its labels.
import { describe, expect, it } from 'vitest';
import { kubectlFor } from '../cluster/kubectl.ts';
import { rules } from '../cluster/network.ts';
import type { Cluster } from '../cluster/server.ts';
import type { Obj } from '../cluster/store.ts';
import { leftovers, matrixYaml, results, runAgainst, withCluster } from './helpers.ts';

const WEB = 'http://web.dark-tower.svc.cluster.local:8080/';
const DB = 'tcp://db.data.svc.cluster.local:5432';

const network = rules([
  { to: 'web.dark-tower.svc.cluster.local:8080', outcome: 200 },
  { to: 'db.data.svc.cluster.local:5432', from: { namespace: 'canary-test-outsider' }, outcome: 'timeout' },
  { to: 'db.data.svc.cluster.local:5432', outcome: 'allowed' },
]);

const matrix = matrixYaml([
  { name: 'web reaches web', from: 'dark-tower', labels: { app: 'web' }, to: WEB, expect: 'allow' },
  { name: 'web reaches db', from: 'dark-tower', labels: { app: 'web' }, to: DB, expect: 'allow' },
  { name: 'outsider cannot reach db', from: 'canary-test-outsider', to: DB, expect: 'deny' },
]);

const isCanary = (o: Obj): boolean =>
  o.metadata?.labels?.['app.kubernetes.io/managed-by'] === 'netpol-canary';
const condition = (pod: Obj, type: string): string | undefined =>
  (pod.status?.conditions ?? []).find((c: Obj) => c.type === type)?.status;

/** Every version of every canary pod, EndpointSlice and new namespace the double published while `fn` ran. */
async function recording<T>(
  cluster: Cluster,
  fn: () => Promise<T>,
): Promise<{ value: T; pods: Obj[]; slices: Obj[]; namespaces: Map<string, string> }> {
  const pods: Obj[] = [];
  const slices: Obj[] = [];
  const namespaces = new Map<string, string>();
  for (const ns of cluster.namespaces()) namespaces.set(ns.metadata.name, ns.metadata.uid);
  const stop = cluster.onChange(({ type, resource, object }) => {
    if (resource === 'pods' && isCanary(object) && type !== 'DELETED') pods.push(object);
    if (resource === 'endpointslices' && type !== 'DELETED') slices.push(object);
    if (resource === 'namespaces' && type === 'ADDED')
      namespaces.set(object.metadata.name, object.metadata.uid);
  });
  try {
    return { value: await fn(), pods, slices, namespaces };
  } finally {
    stop();
  }
}

/** A workload the canary's labels collide with: its Service, Deployment and budget. */
function seedWeb(cluster: Cluster): void {
  cluster.createNamespace('dark-tower');
  const meta = (name: string): Obj => ({ name, namespace: 'dark-tower' });
  cluster.create('services', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta('web'),
    spec: { selector: { app: 'web' }, ports: [{ port: 8080, targetPort: 8080 }] },
  });
  cluster.create('services', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta('web-peers'),
    spec: {
      clusterIP: 'None',
      publishNotReadyAddresses: true,
      selector: { app: 'web' },
      ports: [{ port: 7000 }],
    },
  });
  cluster.create('services', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta('api'),
    spec: { selector: { app: 'api' }, ports: [{ port: 80 }] },
  });
  cluster.create('deployments', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta('web'),
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'web', image: 'nginx' }] },
      },
    },
  });
  // a bare ReplicaSet, the kind that adopts any orphan its selector matches, and its pod
  cluster.create('replicasets', {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: meta('web-legacy'),
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'web', image: 'nginx' }] },
      },
    },
  });
  cluster.createPod({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { ...meta('web-legacy-1'), labels: { app: 'web' } },
    spec: { containers: [{ name: 'web', image: 'nginx' }] },
  });
  cluster.create('statefulsets', {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: meta('cache'),
    spec: {
      serviceName: 'cache',
      selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['cache'] }] },
      template: {
        metadata: { labels: { app: 'cache' } },
        spec: { containers: [{ name: 'c', image: 'redis' }] },
      },
    },
  });
  cluster.create('poddisruptionbudgets', {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: meta('web'),
    spec: { maxUnavailable: 1, selector: { matchLabels: { app: 'web' } } },
  });
  cluster.create('poddisruptionbudgets', {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: meta('web-min'),
    spec: { minAvailable: 1, selector: { matchLabels: { app: 'web' } } },
  });
}

describe('canary pods among the workloads', () => {
  it('no canary is ever Ready, each is controlled by its own namespace, and the verdicts are right', async () => {
    await withCluster({ network }, async (cluster) => {
      seedWeb(cluster);
      const {
        value: run,
        pods,
        slices,
        namespaces,
      } = await recording(cluster, () =>
        runAgainst(cluster, { inputs: { matrix, timeout: '1s', 'ready-timeout': '20s' } }),
      );
      try {
        expect(Object.fromEntries(results(run).map((r) => [r.name, r.verdict]))).toEqual({
          'web reaches web': 'pass',
          'web reaches db': 'pass',
          'outsider cannot reach db': 'pass',
        });
        const names = [...new Set(pods.map((p) => `${p.metadata.namespace}/${p.metadata.name}`))];
        // one canary in the namespace that existed, one in the one the run created
        expect(names).toHaveLength(2);
        for (const name of names) {
          const versions = pods.filter((p) => `${p.metadata.namespace}/${p.metadata.name}` === name);
          // probed: its container ran ready …
          expect(
            versions.some((p) => p.status?.phase === 'Running' && condition(p, 'ContainersReady') === 'True'),
          ).toBe(true);
          // … but not one published version of it was Ready: no EndpointSlice serves it
          expect(versions.filter((p) => condition(p, 'Ready') === 'True')).toEqual([]);
          expect(
            versions.every(
              (p) => p.spec.readinessGates?.[0]?.conditionType === 'netpol-canary.io/never-ready',
            ),
          ).toBe(true);
          // its controller is its own namespace, by that namespace's uid, without blockOwnerDeletion
          const ns = String(versions[0]?.metadata.namespace);
          expect(namespaces.get(ns)).toMatch(/^[0-9a-f-]{36}$/);
          for (const p of versions) {
            expect(p.metadata.ownerReferences).toEqual([
              { apiVersion: 'v1', kind: 'Namespace', name: ns, uid: namespaces.get(ns), controller: true },
            ]);
          }
        }
        // the ReplicaSet selecting app=web is at work (it adopted its own pod), and took no canary
        expect(cluster.pod('dark-tower', 'web-legacy-1')?.metadata.ownerReferences?.[0]).toMatchObject({
          kind: 'ReplicaSet',
          name: 'web-legacy',
        });
        // what Services made of it: every EndpointSlice version that listed a canary had it not
        // ready, but in the slices of the Service that publishes not-ready addresses
        const canaryIn = (service: string): Obj[] =>
          slices
            .filter((sl) => sl.metadata.labels?.['kubernetes.io/service-name'] === service)
            .flatMap((sl) => (sl.endpoints ?? []) as Obj[])
            .filter((e) => String(e.targetRef?.name).startsWith('canary-'));
        expect(canaryIn('web').length).toBeGreaterThan(0);
        expect(canaryIn('web').filter((e) => e.conditions.ready || e.conditions.serving)).toEqual([]);
        expect(canaryIn('web-peers').some((e) => e.conditions.ready === true)).toBe(true);
        expect(canaryIn('api')).toEqual([]);
        expect(leftovers(cluster)).toEqual([]);
      } finally {
        run.dispose();
      }
    });
  });

  it('a canary does not stop kubectl drain (it declares a controller), where a bare pod does', async () => {
    await withCluster({ network }, async (cluster) => {
      seedWeb(cluster);
      const run = await runAgainst(cluster, {
        inputs: { matrix, timeout: '1s', 'ready-timeout': '20s' },
        skipPost: true,
      });
      try {
        expect(results(run).map((r) => r.verdict)).toEqual(['pass', 'pass', 'pass']);
        const canaries = cluster.pods().filter(isCanary);
        expect(canaries).toHaveLength(2);
        const node = String(canaries[0]?.spec.nodeName);
        // the real kubectl's drain filters, on the canaries as the run left them (post not run yet)
        const k = kubectlFor(cluster);
        const drain = await k(['drain', node, '--dry-run=client', '--ignore-daemonsets']);
        expect(drain.stderr).toBe('');
        expect(drain.code).toBe(0);
        for (const p of canaries.filter((c) => c.spec.nodeName === node))
          expect(drain.stdout).toContain(`evicting pod ${p.metadata.namespace}/${p.metadata.name} (dry run)`);
        // the same pod without its controller reference would stop the drain
        cluster.createPod({
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: 'bare', namespace: 'dark-tower' },
          spec: { nodeName: node, containers: [{ name: 'c', image: 'busybox:1.36' }] },
        });
        await cluster.waitFor(() => cluster.pod('dark-tower', 'bare')?.status.phase === 'Running');
        const blocked = await k(['drain', node, '--dry-run=client', '--ignore-daemonsets']);
        expect(blocked.code).toBe(1);
        expect(blocked.stderr).toContain(
          'cannot delete Pods that declare no controller (use --force to override): dark-tower/bare',
        );
        expect(blocked.stderr).not.toContain('canary-');
        expect((await run.postAgain()).failed).toBe(false);
        expect(leftovers(cluster)).toEqual([]);
      } finally {
        run.dispose();
      }
    });
  });

  it('warns when a Service, a workload or a budget selects a canary, in the annotations and the summary', async () => {
    await withCluster({ network }, async (cluster) => {
      seedWeb(cluster);
      const run = await runAgainst(cluster, { inputs: { matrix, timeout: '1s', 'ready-timeout': '20s' } });
      try {
        expect(results(run).map((r) => r.verdict)).toEqual(['pass', 'pass', 'pass']);
        const warnings = run.main.annotations.filter((a) => a.level === 'warning').map((a) => a.message);
        const about = (what: string): string[] => warnings.filter((w) => w.startsWith(what));
        const who = 'the canary of tests "web reaches web", "web reaches db" (labels app=web)';
        expect(about('Service dark-tower/web ')).toEqual([
          `Service dark-tower/web selects ${who} with app=web: the canary is listed in its EndpointSlices as not ready and gets no traffic (a canary is never Ready), but tools that count the Service's endpoints see it. Give these tests labels of their own if that matters.`,
        ]);
        expect(about('Service dark-tower/web-peers ')).toEqual([
          expect.stringMatching(
            /publishes not-ready addresses: while the canary runs, the Service's clients \(and its DNS name\) can reach it/,
          ),
        ]);
        expect(about('ReplicaSet dark-tower/web-legacy ')).toHaveLength(1);
        expect(about('Deployment dark-tower/web ')).toEqual([
          expect.stringMatching(
            /matches the canary of tests .*: the canary is not adopted \(its controller is its namespace\)/,
          ),
        ]);
        expect(about('PodDisruptionBudget dark-tower/web ')).toEqual([
          expect.stringMatching(/while the canary runs the budget allows no disruptions/),
        ]);
        // what selects other labels, and a budget with an integer minAvailable (it counts Ready pods only), say nothing
        expect(about('Service dark-tower/api')).toEqual([]);
        expect(about('StatefulSet')).toEqual([]);
        expect(about('PodDisruptionBudget dark-tower/web-min')).toEqual([]);
        // the created namespace holds nothing of anyone's: not read, nothing said
        expect(warnings.filter((w) => w.includes('canary-test-outsider'))).toEqual([]);
        expect(
          cluster.audit.filter((e) => e.verb === 'list' && e.resource === 'services').map((e) => e.namespace),
        ).toEqual(['dark-tower']);
        // the job summary carries them too
        const summary = run.main.summary.replace(/\\(.)/g, '$1'); // as rendered, without Markdown escapes
        expect(summary).toContain(`⚠️ Service dark-tower/web selects ${who} with app=web`);
        expect(summary).toContain('⚠️ PodDisruptionBudget dark-tower/web selects');
        expect(leftovers(cluster)).toEqual([]);
      } finally {
        run.dispose();
      }
    });
  });

  it('a canary deleted by someone else before it could be probed is inconclusive at once, saying so', async () => {
    // its image never pulls: it waits in Pending, and a drain (or a person) removes it meanwhile
    await withCluster({ network, unpullableImages: ['busybox:1.36'] }, async (cluster) => {
      cluster.createNamespace('dark-tower');
      // once the run watches it (a deletion before that is the watch's initial list, not an event)
      const watching = (): boolean =>
        cluster.audit.some(
          (e) => e.verb === 'watch' && e.resource === 'pods' && e.namespace === 'dark-tower',
        );
      const stop = cluster.onChange(({ type, resource, object }) => {
        if (resource !== 'pods' || type !== 'ADDED' || !isCanary(object)) return;
        if (object.metadata.namespace !== 'dark-tower') return;
        void cluster
          .waitFor(watching, 20_000)
          .then(() => cluster.delete('pods', 'dark-tower', object.metadata.name));
      });
      const run = await runAgainst(cluster, { inputs: { matrix, timeout: '1s', 'ready-timeout': '8s' } });
      stop();
      try {
        const byName = Object.fromEntries(results(run).map((r) => [r.name, r]));
        for (const name of ['web reaches web', 'web reaches db']) {
          expect(byName[name]).toMatchObject({ verdict: 'inconclusive', actual: 'error' });
          expect(String(byName[name]?.detail)).toMatch(
            /^canary dark-tower\/canary-[0-9a-f]+ was deleted before it reported its results \(an eviction or a node drain, the garbage collector, or a person\): run again$/,
          );
        }
        // not waited out: the other canary (its image does not pull either) is what took the ready-timeout
        expect(byName['outsider cannot reach db']?.detail).toMatch(/ImagePullBackOff/);
        expect(Number(byName['web reaches web']?.durationMs)).toBeLessThan(
          Number(byName['outsider cannot reach db']?.durationMs),
        );
        expect(leftovers(cluster)).toEqual([]);
      } finally {
        run.dispose();
      }
    });
  });

  it('a read of what selects the canaries that hangs costs the run at most 30 s and one warning', async () => {
    await withCluster({ network }, async (cluster) => {
      seedWeb(cluster);
      cluster.addFault({ match: { verb: 'list', resource: 'deployments' }, delayMs: 120_000 });
      const started = Date.now();
      const run = await runAgainst(cluster, { inputs: { matrix, timeout: '1s', 'ready-timeout': '20s' } });
      try {
        expect(Date.now() - started).toBeLessThan(60_000);
        expect(results(run).map((r) => r.verdict)).toEqual(['pass', 'pass', 'pass']);
        const warnings = run.main.annotations.filter((a) => a.level === 'warning').map((a) => a.message);
        expect(warnings).toEqual([
          expect.stringMatching(
            /^Could not check whether a canary's labels match the selector of a Service, a workload or a PodDisruptionBudget in dark-tower \(Reading the Services and workloads of namespace dark-tower: .*did not finish in time.*\)\. Grant list on /,
          ),
        ]);
        expect(leftovers(cluster)).toEqual([]);
      } finally {
        run.dispose();
      }
    });
  }, 90_000);

  it('says once that it could not check when the identity may not list what selects pods, and goes on', async () => {
    await withCluster({ network }, async (cluster) => {
      seedWeb(cluster);
      cluster.denyRbac({ verb: 'list', resource: 'services', namespace: 'dark-tower' });
      cluster.denyRbac({
        verb: 'list',
        resource: 'poddisruptionbudgets',
        group: 'policy',
        namespace: 'dark-tower',
      });
      const run = await runAgainst(cluster, { inputs: { matrix, timeout: '1s', 'ready-timeout': '20s' } });
      try {
        expect(
          results(run).map((r) => r.verdict),
          JSON.stringify(results(run)),
        ).toEqual(['pass', 'pass', 'pass']);
        const warnings = run.main.annotations.filter((a) => a.level === 'warning').map((a) => a.message);
        expect(warnings.filter((w) => w.startsWith('Could not check'))).toEqual([
          "Could not check whether a canary's labels match the selector of a Service, a workload or a PodDisruptionBudget in dark-tower (may not list services, poddisruptionbudgets.policy). Grant list on services, deployments.apps, replicasets.apps, statefulsets.apps, daemonsets.apps, jobs.batch, poddisruptionbudgets.policy there (examples/rbac.yaml) to have the run check; the run went on.",
        ]);
        // what it could read it still checked
        expect(warnings.some((w) => w.startsWith('Deployment dark-tower/web '))).toBe(true);
        expect(run.main.failed).toBe(false);
        expect(leftovers(cluster)).toEqual([]);
      } finally {
        run.dispose();
      }
    });
  });
});
