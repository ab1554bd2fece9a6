// The kubeconfig input is a credential: it is masked, written only under RUNNER_TEMP
// with mode 0600 for the action's own kubectl calls, never exported to later steps,
// removed afterwards, and its token appears in no log, summary, output, annotation or
// file the run leaves, also when the run fails or is killed.
import { chmodSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kubectlPath } from '../cluster/kubectl.ts';
import { rules } from '../cluster/network.ts';
import type { ActionRun, StepResult } from '../runner/simulator.ts';
import { leftovers, matrixYaml, results, runAgainst, withCluster } from './helpers.ts';

const TOKEN = 'nc-s3cr3t-7f9a2c41e8b6d05f93aa';

function kubeconfigFor(server: string): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: ci',
    '  cluster:',
    `    server: ${server}`,
    'users:',
    '- name: ci-bot',
    '  user:',
    `    token: ${TOKEN}`,
    'contexts:',
    '- name: ci',
    '  context:',
    '    cluster: ci',
    '    user: ci-bot',
    'current-context: ci',
    '',
  ].join('\n');
}

const network = rules([{ to: 'postgres.data.svc.cluster.local:5432', outcome: 'timeout' }]);

const passing = matrixYaml([
  {
    name: 'reaches the shop',
    from: 'canary-test-secrets',
    to: 'http://web.shop.svc.cluster.local/',
    expect: 'allow',
  },
]);
const failing = matrixYaml([
  {
    name: 'reaches postgres (wrong)',
    from: 'canary-test-secrets',
    to: 'tcp://postgres.data.svc.cluster.local:5432',
    expect: 'allow',
  },
]);

/** The kubectl on PATH that is only reachable through the kubeconfig input: KUBECONFIG points nowhere. */
const env = { KUBECONFIG: '/nonexistent/kubeconfig' };

/** A PATH whose kubectl first notes the --kubeconfig it was given and that file's and folder's modes. */
function recordingKubectl(): { path: string; calls: () => string[][] } {
  const dir = mkdtempSync(join(tmpdir(), 'netpol-kc-'));
  const log = join(dir, 'calls');
  writeFileSync(log, '');
  writeFileSync(
    join(dir, 'kubectl'),
    [
      '#!/bin/sh',
      'prev=',
      'for a in "$@"; do',
      '  if [ "$prev" = --kubeconfig ]; then',
      `    echo "$a $(stat -c %a "$a") $(stat -c %a "$(dirname "$a")")" >> '${log}'`,
      '  fi',
      '  prev=$a',
      'done',
      `exec '${kubectlPath()}' "$@"`,
      '',
    ].join('\n'),
  );
  chmodSync(join(dir, 'kubectl'), 0o755);
  return {
    path: `${dir}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    calls: () =>
      readFileSync(log, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split(' ')),
  };
}

/** Every file under a folder, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(e.parentPath, e.name)) : [join(e.parentPath, e.name)],
  );
}

/** Everything a step leaves that someone could read. */
function visible(step: StepResult | undefined): string {
  if (!step) return '';
  return [
    step.log,
    step.stderr,
    step.summary,
    ...Object.values(step.outputs),
    ...step.annotations.map((a) => `${a.title ?? ''} ${a.message}`),
  ].join('\n');
}

/** What the runner keeps of the whole run: step texts, the env and path files, and RUNNER_TEMP. */
function expectNoTrace(run: ActionRun, steps: (StepResult | undefined)[]): void {
  for (const step of steps) {
    expect(visible(step)).not.toContain(TOKEN);
    // nothing exported to later steps: no env file command, no old-style set-env
    expect(step?.stdout).not.toMatch(/::set-env/);
  }
  const runnerDir = dirname(run.runnerTemp);
  for (const f of readdirSync(runnerDir).filter((n) => /\.(env|path)$/.test(n))) {
    expect(readFileSync(join(runnerDir, f), 'utf8')).not.toMatch(/KUBECONFIG|kubeconfig/);
  }
  // the kubeconfig is gone, and no other file holds the token
  for (const f of filesUnder(run.runnerTemp)) {
    expect(f).not.toMatch(/kubeconfig/);
    expect(readFileSync(f, 'utf8')).not.toContain(TOKEN);
  }
}

describe('the kubeconfig input', () => {
  it('as YAML: masked, used from a 0600 file under RUNNER_TEMP, never exported, removed, never shown', async () => {
    await withCluster({ network }, async (cluster) => {
      const kubectl = recordingKubectl();
      const run = await runAgainst(cluster, {
        inputs: { matrix: passing, kubeconfig: kubeconfigFor(cluster.url), timeout: '1s' },
        env: { ...env, PATH: kubectl.path },
      });
      try {
        expect(results(run).map((r) => r.verdict)).toEqual(['pass']);
        expect(run.main.masks).toContain(TOKEN);
        expect(run.post?.masks).toContain(TOKEN);
        // every kubectl call of main and post went through the input, written 0600 in a 0700 folder of RUNNER_TEMP
        const calls = kubectl.calls();
        expect(calls.length).toBeGreaterThan(3);
        for (const [path, mode, dirMode] of calls) {
          expect(path?.startsWith(`${run.runnerTemp}/`)).toBe(true);
          expect([mode, dirMode]).toEqual(['600', '700']);
        }
        expect(Object.values(run.main.outputs).join('\n')).not.toMatch(/kubeconfig/);
        expectNoTrace(run, [run.main, run.post]);
        expect(leftovers(cluster)).toEqual([]);
      } finally {
        run.dispose();
      }
    });
  });

  it('as base64, in a run that fails: masked, and not in the failure report', async () => {
    await withCluster({ network }, async (cluster) => {
      const encoded = Buffer.from(kubeconfigFor(cluster.url)).toString('base64');
      const run = await runAgainst(cluster, {
        inputs: { matrix: failing, kubeconfig: encoded, timeout: '1s', attempts: '1' },
        env,
      });
      try {
        expect(results(run).map((r) => r.verdict)).toEqual(['fail']);
        expect(run.main.failed).toBe(true);
        // the canary's log line says what was expected and seen once, then how
        const line = run.main.stdout.split('\n').find((l) => l.includes('✗ fail'));
        expect(line).toMatch(/✗ fail +.+: expected (allow|deny), \w+ \(.+\)$/);
        expect(line).not.toMatch(/but it was/);
        expect(run.main.masks).toEqual(expect.arrayContaining([TOKEN, encoded]));
        expectNoTrace(run, [run.main, run.post]);
        expect(leftovers(cluster)).toEqual([]);
      } finally {
        run.dispose();
      }
    });
  });

  it('while main runs it is a 0600 file under RUNNER_TEMP; after a kill, post uses it and removes it', async () => {
    await withCluster({ network }, async (cluster) => {
      const run = await runAgainst(cluster, {
        inputs: { matrix: passing, kubeconfig: kubeconfigFor(cluster.url), timeout: '1s' },
        env,
        killMain: { when: /is probing/ },
        skipPost: true,
      });
      try {
        expect(run.main.killed).toBe(true);
        const written = filesUnder(run.runnerTemp).filter((f) => f.endsWith('/kubeconfig'));
        expect(written).toHaveLength(1);
        const file = written[0] ?? '';
        expect(statSync(file).mode & 0o777).toBe(0o600);
        expect(statSync(dirname(file)).mode & 0o777).toBe(0o700);
        expect(readFileSync(file, 'utf8')).toContain(TOKEN);

        const post = await run.postAgain();
        expect(post.failed).toBe(false);
        expect(leftovers(cluster)).toEqual([]);
        expectNoTrace(run, [run.main, post]);
      } finally {
        run.dispose();
      }
    });
  });

  it('pointing at a cluster that cannot be reached: the error names the problem, not the token', async () => {
    await withCluster({ network }, async (cluster) => {
      const run = await runAgainst(cluster, {
        inputs: { matrix: passing, kubeconfig: kubeconfigFor('https://cluster.invalid:6443'), timeout: '1s' },
        env,
      });
      try {
        expect(run.main.failed).toBe(true);
        const errors = run.main.annotations.filter((a) => a.level === 'error');
        expect(errors).toHaveLength(1);
        // kubectl's own sentence, once, not its log lines
        expect(errors[0]?.message).toMatch(
          /cannot reach the Kubernetes API\. [^.]*"https:\/\/cluster\.invalid:6443\/[^"]*": dial tcp: lookup cluster\.invalid.*no such host\. Check the kubeconfig/,
        );
        expect(errors[0]?.message).not.toMatch(/memcache|Unhandled Error|unable to recognize/);
        expectNoTrace(run, [run.main, run.post]);
        expect(cluster.mutations()).toEqual([]);
      } finally {
        run.dispose();
      }
    });
  });

  it('that is not a kubeconfig but holds a token: refused without showing it', async () => {
    await withCluster({ network }, async (cluster) => {
      const notOne = `users:\n- name: ci-bot\n  user:\n    token: ${TOKEN}\n`;
      const run = await runAgainst(cluster, { inputs: { matrix: passing, kubeconfig: notOne }, env });
      try {
        expect(run.main.failed).toBe(true);
        expect(run.main.annotations.filter((a) => a.level === 'error')[0]?.message).toMatch(
          /input "kubeconfig": is not a kubeconfig/,
        );
        expect(run.main.masks).toContain(notOne.trim());
        expectNoTrace(run, [run.main, run.post]);
        expect(cluster.mutations()).toEqual([]);
      } finally {
        run.dispose();
      }
    });
  });
});
