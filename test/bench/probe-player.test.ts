// The bench plays the canaries' scripts instead of running them (bench/probe-player.ts).
// If buildCanaryScript changes and the player no longer reads it, or plays it wrong, the
// bench would quietly fall back to sh (and time the double) or time something else: these
// tests catch that drift, against the double's own busybox stand-ins run by a real sh.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canaryScriptOf, probePlayer, type PlayerStats } from '../../bench/probe-player.ts';
import type { Expect, Target } from '../../src/core/types.ts';
import { parseTarget } from '../../src/matrix/target.ts';
import { CONTROL_HOST } from '../../src/probe/probe-script.ts';
import { buildCanaryScript, MESSAGE_LIMIT, parseCanaryOutput } from '../../src/probe/canary-script.ts';
import { createExecService } from '../cluster/exec.ts';
import { kubectlFor } from '../cluster/kubectl.ts';
import { startCluster, type Cluster } from '../cluster/server.ts';
import type { Obj } from '../cluster/store.ts';
import type { NetworkFn } from '../cluster/types.ts';

const target = (raw: string): Target => {
  const t = parseTarget(raw);
  if (!t.ok) throw new Error(`${raw}: ${t.errors.join('; ')}`);
  return t.value;
};

const probes = (list: [string, Expect][]) =>
  list.map(([raw, expect], i) => ({ id: i + 1, target: target(raw), expect }));

// drops what a deny test probes, refuses `closed-…`, answers everything else
const network: NetworkFn = (_src, host) =>
  host.startsWith('db-') || host === '10.96.0.99'
    ? { kind: 'timeout' }
    : host.startsWith('closed-')
      ? { kind: 'refused' }
      : { kind: 'allowed', status: 200 };

const SETTLED = probes([
  ['http://web.shop.svc.cluster.local:8080/healthz', 'allow'],
  ['tcp://db-main.billing.svc.cluster.local:5432', 'deny'],
  ['https://example.com/a%20b?x=1%26y=2', 'allow'],
  ['tcp://10.96.0.10:53', 'allow'],
  ['http://db-admin.billing.svc.cluster.local/', 'deny'],
]);

describe('canaryScriptOf', () => {
  const settings = { timeoutMs: 2000, attempts: 3, messagePath: '/work/c/termination-log' };

  it("reads back the probes, expectations, timeout and attempts of the action's canary script", () => {
    const script = buildCanaryScript(SETTLED, settings);
    expect(canaryScriptOf(script, settings.messagePath)).toEqual({
      probes: SETTLED.map((p) => ({ ...p, target: { ...p.target, raw: expect.any(String) } })),
      timeoutMs: 2000,
      attempts: 3,
    });
    // a timeout busybox rounds up reads back as the whole seconds the script uses
    const rounded = canaryScriptOf(
      buildCanaryScript(SETTLED, { ...settings, timeoutMs: 1500 }),
      settings.messagePath,
    );
    expect(rounded?.timeoutMs).toBe(2000);
    expect(canaryScriptOf(buildCanaryScript([], settings), settings.messagePath)?.probes).toEqual([]);
  });

  it('refuses any other script: another message file, one changed word, one more line', () => {
    const script = buildCanaryScript(SETTLED, settings);
    expect(canaryScriptOf(script, '/dev/termination-log')).toBeUndefined();
    // a deny of no probe, a URL that is not the one its nc probes
    expect(
      canaryScriptOf(script.replace("ncp_deny=' 2 5 '", "ncp_deny=' 2 5 9 '"), settings.messagePath),
    ).toBeUndefined();
    const url = 'http://web.shop.svc.cluster.local:8080/healthz';
    expect(script).toContain(`'${url}'`);
    expect(
      canaryScriptOf(script.replace(url, url.replace('8080', '8081')), settings.messagePath),
    ).toBeUndefined();
    expect(canaryScriptOf(script.replace('sleep 1 ;;', 'sleep 0 ;;'), settings.messagePath)).toBeUndefined();
    expect(canaryScriptOf(`echo hi\n${script}`, settings.messagePath)).toBeUndefined();
    expect(canaryScriptOf('echo hi', settings.messagePath)).toBeUndefined();
  });
});

interface Ended {
  exitCode: number;
  message: string;
  log: string;
}

/** the lines of a canary's output without its clock: attempts and end untimed, results sorted */
function untimed(text: string): string {
  const out = parseCanaryOutput(text);
  return [
    ...out.attempts.flatMap((a) => [`attempt ${a.attempt}`, ...a.lines.split('\n').filter(Boolean).sort()]),
    out.doneMs === undefined ? 'not done' : 'done',
  ].join('\n');
}

describe('the probe player, against the double running the script with its own stand-ins', () => {
  let played: Cluster;
  let real: Cluster;
  const stats: PlayerStats = { played: { container: 0, exec: 0 }, real: { container: 0, exec: 0 } };
  beforeAll(async () => {
    played = await startCluster({
      podStartDelayMs: 10,
      network,
      execService: (host) => createExecService(host, { play: probePlayer(network, stats) }),
    });
    real = await startCluster({ podStartDelayMs: 10, network });
  });
  afterAll(async () => {
    await played?.close();
    await real?.close();
  });

  let n = 0;
  async function run(cluster: Cluster, script: string): Promise<Ended> {
    const name = `canary-${++n}`;
    cluster.createPod({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'default', labels: { app: 'web' } },
      spec: {
        restartPolicy: 'Never',
        containers: [
          {
            name: 'probe',
            image: 'busybox:1.36',
            command: ['sh', '-c', script],
            terminationMessagePolicy: 'FallbackToLogsOnError',
          },
        ],
      },
    });
    const pod = await cluster.waitFor(() => {
      const p = cluster.pod('default', name);
      return p?.status.phase === 'Succeeded' || p?.status.phase === 'Failed' ? p : undefined;
    }, 30_000);
    const term = (pod.status.containerStatuses as Obj[])[0]?.state.terminated as Obj;
    const log = await kubectlFor(cluster)(['logs', '-n', 'default', name]);
    return { exitCode: Number(term.exitCode), message: String(term.message ?? ''), log: log.stdout };
  }

  const counts = (): string => JSON.stringify(stats);

  it('plays a canary whose probes all agree at once: the lines busybox gives, in its log and termination message', async () => {
    const script = buildCanaryScript(SETTLED, { timeoutMs: 1000, attempts: 3 });
    const before = counts();
    const [p, r] = await Promise.all([run(played, script), run(real, script)]);
    expect(stats.played.container).toBe(JSON.parse(before).played.container + 1);
    expect(stats.real.container).toBe(JSON.parse(before).real.container);
    expect(p.exitCode).toBe(0);
    expect(r.exitCode).toBe(0);
    expect(untimed(p.message)).toBe(untimed(r.message));
    expect(untimed(p.message).split('\n')).toHaveLength(1 + 8 + 1); // 5 nc, 3 wget
    expect(p.log).toBe(p.message);
    const out = parseCanaryOutput(p.message);
    expect(out.attempts.map((a) => [a.attempt, a.atMs])).toEqual([[1, 0]]);
    // the drops answered after their timeout, and the script ended after them
    expect(out.doneMs).toBeGreaterThanOrEqual(1000);
  });

  it('plays a canary with no name to resolve with the control beside its probes, as the script runs it', async () => {
    const script = buildCanaryScript(
      probes([
        ['tcp://10.96.0.10:53', 'allow'],
        ['tcp://10.96.0.99:443', 'deny'],
      ]),
      { timeoutMs: 1000, attempts: 2 },
    );
    const before = stats.played.container;
    const [p, r] = await Promise.all([run(played, script), run(real, script)]);
    expect(stats.played.container).toBe(before + 1);
    expect(untimed(p.message)).toBe(untimed(r.message));
    // the control resolved its name: nc says it as given, then the address
    const control = p.message.split('\n').filter((l) => l.startsWith(`@@ncp 0 ctl 0 ${CONTROL_HOST} (`));
    expect(control).toHaveLength(1);
  });

  it('says @@ncl and the length in the termination message when the results do not fit, all of them in the log', async () => {
    const many = probes(
      Array.from({ length: 30 }, (_, i): [string, Expect] => [
        `http://service-${i}.a-rather-long-namespace-name.svc.cluster.local:8080/healthz`,
        'allow',
      ]),
    );
    const p = await run(played, buildCanaryScript(many, { timeoutMs: 1000, attempts: 1 }));
    expect(p.exitCode).toBe(0);
    const all = p.log.replace(/\n$/, '');
    expect(all.length).toBeGreaterThan(MESSAGE_LIMIT);
    expect(p.message).toBe(`@@ncl ${all.length}\n`);
    expect(parseCanaryOutput(p.log).attempts[0]?.lines.split('\n').filter(Boolean)).toHaveLength(60);
  });

  it('hands anything else to the real process: a refused port, a retry, another command', async () => {
    const refused = buildCanaryScript(probes([['tcp://closed-db.svc.cluster.local:5432', 'deny']]), {
      timeoutMs: 1000,
      attempts: 1,
    });
    // a deny that connects: the script would try again
    const retried = buildCanaryScript(probes([['tcp://web.svc.cluster.local:80', 'deny']]), {
      timeoutMs: 1000,
      attempts: 1,
    });
    const other = 'echo hello; echo bye >/dev/termination-log';
    const before = { ...stats.played, ...{ real: stats.real.container } };
    const [p1, r1] = await Promise.all([run(played, refused), run(real, refused)]);
    expect(untimed(p1.message)).toBe(untimed(r1.message));
    expect(p1.message).toContain('Connection refused');
    const [p2, r2] = await Promise.all([run(played, retried), run(real, retried)]);
    expect(untimed(p2.message)).toBe(untimed(r2.message));
    const p3 = await run(played, other);
    expect(p3).toEqual({ exitCode: 0, message: 'bye\n', log: 'hello\n' });
    expect(stats.real.container).toBe(before.real + 3);
    expect(stats.played.container).toBe(before.container);
  });
});
