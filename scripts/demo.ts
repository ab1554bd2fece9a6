// `npm run demo`: a real run of the CLI in a few seconds, with no cluster to set up.
// It starts the Kubernetes API double (test/cluster), creates in it what
// examples/demo/manifests describes, lets its network obey those NetworkPolicies
// (test/cluster/policy-network.ts), and runs the built CLI with the real kubectl
// against it; then shows what `predict` says from the manifests alone.
// Exit code 0 when the demo behaved as designed: the test named "DELIBERATE
// FAILURE …" failed, in the run and in the prediction, every other test passed,
// and the run left nothing behind.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { policyNetwork, readManifestObjects, seedCluster } from '../test/cluster/policy-network.ts';
import { startCluster, type Cluster } from '../test/cluster/server.ts';
import { leftovers, pathWithKubectl } from '../test/e2e/helpers.ts';

const ROOT = resolve(import.meta.dirname, '..');
const EXAMPLE = join(ROOT, 'examples/demo');
const DELIBERATE = /^DELIBERATE FAILURE/;

const bold = (s: string): string =>
  process.stdout.isTTY && !process.env.NO_COLOR ? `\x1b[1m${s}\x1b[0m` : s;
const say = (s = ''): void => void process.stdout.write(`${s}\n`);
const shown = (p: string): string => relative(ROOT, p) || '.';

/** The CLI as a user starts it, from the repository root so that paths read as typed. */
function cli(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  say(bold(`$ netpol-canary ${args.join(' ')}`));
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(ROOT, 'dist/cli.js'), ...args], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', () => done(127));
    child.on('close', (code) => done(code ?? 130));
  });
}

/** testcase name → passed, from a JUnit report the CLI wrote. */
function verdicts(junitPath: string): Map<string, boolean> {
  const xml = existsSync(junitPath) ? readFileSync(junitPath, 'utf8') : '';
  const unescape = (s: string): string =>
    s
      .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  const out = new Map<string, boolean>();
  for (const m of xml.matchAll(/<testcase [^>]*?name="([^"]*)"[^>]*?(\/>|>([\s\S]*?)<\/testcase>)/g)) {
    out.set(unescape(m[1] ?? ''), !/<(failure|error)\b/.test(m[3] ?? ''));
  }
  return out;
}

/** What went other than designed, as sentences; none when all is well. */
function surprises(what: string, code: number, results: Map<string, boolean>): string[] {
  if (results.size === 0) return [`${what} wrote no results (exit code ${code})`];
  const out: string[] = [];
  for (const [name, passed] of results) {
    if (DELIBERATE.test(name) && passed) out.push(`${what}: "${name}" passed, but it is meant to fail`);
    if (!DELIBERATE.test(name) && !passed) out.push(`${what}: "${name}" did not pass`);
  }
  if (![...results.keys()].some((n) => DELIBERATE.test(n))) {
    out.push(`${what}: no test is named "DELIBERATE FAILURE …"`);
  }
  if (code !== 1) out.push(`${what} exited with ${code}; with a failing test it exits with 1`);
  return out;
}

async function main(): Promise<number> {
  if (!existsSync(join(ROOT, 'dist/cli.js'))) {
    say('dist/cli.js is missing: run `npm run build` first.');
    return 1;
  }
  const manifests = join(EXAMPLE, 'manifests');
  const matrix = join(EXAMPLE, 'matrix.yaml');
  const work = mkdtempSync(join(tmpdir(), 'netpol-demo-'));
  // Ctrl-C reaches the CLI as well (same process group) and it cleans up through
  // the double, so the double must outlive it: stop once the CLI has stopped.
  let interrupted = false;
  const onSignal = (): void => {
    interrupted = true;
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  let cluster: Cluster | undefined;
  try {
    cluster = await startCluster({ podStartDelayMs: 300 });
    const c = cluster;
    c.setNetwork(policyNetwork(c));
    const seeded = seedCluster(c, readManifestObjects(manifests));
    await c.waitFor(
      () =>
        seeded.pods.every((ref) => {
          const [ns = '', name = ''] = ref.split('/');
          return c.pod(ns, name)?.status?.phase === 'Running';
        }),
      30_000,
    );

    say(bold('netpol-canary demo'));
    say(
      `A stand-in Kubernetes API (the project's test double) now holds what ${shown(manifests)} describes: ` +
        `${seeded.namespaces.length} namespaces, ${seeded.pods.length} pods, ${seeded.services.length} Services and ` +
        `${seeded.policies.length} NetworkPolicies. Its network obeys those policies as a CNI would (a denied ` +
        'connection times out), and the real kubectl talks to it.',
    );
    say(`One test in ${shown(matrix)} is wrong on purpose: "DELIBERATE FAILURE …".`);
    say();

    const env = { ...process.env, PATH: pathWithKubectl() };
    const runJunit = join(work, 'run.xml');
    const runCode = await cli(
      ['run', shown(matrix), '--timeout', '1s', '--kubeconfig', c.kubeconfigPath, '--junit', runJunit],
      env,
    );
    if (interrupted) return 130;
    const left = leftovers(c);

    say();
    say('The same matrix, predicted from the manifests alone (no cluster, no probes):');
    const predictJunit = join(work, 'predict.xml');
    const predictCode = await cli(
      ['predict', '--manifests', shown(manifests), '--matrix', shown(matrix), '--junit', predictJunit],
      env,
    );
    if (interrupted) return 130;

    const problems = [
      ...surprises('the run', runCode, verdicts(runJunit)),
      ...surprises('the prediction', predictCode, verdicts(predictJunit)),
      ...left.map((l) => `the run left ${l} behind`),
    ];
    say();
    if (problems.length > 0) {
      say(bold('The demo did not behave as designed:'));
      for (const p of problems) say(`  - ${p}`);
      return 1;
    }
    const others = verdicts(runJunit).size - 1;
    say(
      `${bold('The demo behaved as designed:')} the deliberate failure failed, in the run and in the prediction, ` +
        `with the reason; the other ${others} tests passed; and the run removed its canaries and the namespace it created.`,
    );
    say(`On a real cluster: kubectl apply -f ${shown(manifests)}, then netpol-canary run ${shown(matrix)}.`);
    return 0;
  } catch (e) {
    say(`The demo could not run: ${(e as Error).message ?? String(e)}`);
    return 1;
  } finally {
    await cluster?.close();
    rmSync(work, { recursive: true, force: true });
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

process.exitCode = await main();
