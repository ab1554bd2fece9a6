// mode: diff — the bundled action compares a pull request's base and head
// manifests: the job summary lists what opens and closes, fail-on gates it.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction } from '../runner/simulator.ts';

const ROOT = resolve(import.meta.dirname, '../..');
let workspace: string;
let empty: string;

beforeAll(() => {
  // the two checkouts of a pull request: base/ and head/ (the demo with its policies changed)
  workspace = mkdtempSync(join(tmpdir(), 'netpol-diff-ws-'));
  empty = mkdtempSync(join(tmpdir(), 'no-kubectl-'));
  cpSync(join(ROOT, 'examples/demo/manifests'), join(workspace, 'base/k8s'), { recursive: true });
  cpSync(join(ROOT, 'examples/demo/manifests'), join(workspace, 'head/k8s'), { recursive: true });
  cpSync(
    join(ROOT, 'test/predict/fixtures/demo-head/30-policies.yaml'),
    join(workspace, 'head/k8s/30-policies.yaml'),
  );
});

afterAll(() => {
  rmSync(workspace, { recursive: true, force: true });
  rmSync(empty, { recursive: true, force: true });
});

const diff = (inputs: Record<string, string>): ReturnType<typeof runAction> =>
  runAction({
    workspace,
    // no kubectl and no kubeconfig: diff needs neither
    env: { PATH: `${empty}:${dirname(process.execPath)}`, KUBECONFIG: join(empty, 'none') },
    inputs: { mode: 'diff', 'base-manifests': 'base/k8s', manifests: 'head/k8s', ...inputs },
  });

describe('mode: diff', () => {
  it('lists what opens and closes in the job summary, and passes unless told to fail', async () => {
    const run = await diff({});
    try {
      expect(run.main.failed).toBe(false);
      expect(run.main.outputs).toMatchObject({ opens: '1', closes: '2' });
      const parsed = JSON.parse(run.main.outputs.diff ?? '{}') as {
        closes: { target: { display: string } }[];
      };
      expect(parsed.closes.map((c) => c.target.display)).toEqual([
        'Service dark-tower/backend port 8080',
        'DNS (kube-dns, UDP port 53)',
      ]);
      expect(run.main.summary).toContain('**1 connection opens, 2 close (15 compared)**');
      expect(run.main.summary).toContain('| NetworkPolicy dark-tower/backend-egress-to-internet (added) |');
      expect(run.post?.failed).toBe(false);
    } finally {
      run.dispose();
    }
  });

  it('fails the step with fail-on: opens when the change widens reachability', async () => {
    const run = await diff({ 'fail-on': 'opens' });
    try {
      expect(run.main.failed).toBe(true);
      expect(run.main.stdout).toContain(
        '::error::1 connection opens, 2 close (15 compared); fail-on is "opens". The job summary lists each connection and why.',
      );
    } finally {
      run.dispose();
    }
  });

  it('names the missing or wrong input, and compares nothing', async () => {
    const run = await diff({ 'base-manifests': '', 'fail-on': 'sometimes' });
    try {
      expect(run.main.failed).toBe(true);
      expect(run.main.stdout).toContain(
        'input "base-manifests": mode "diff" needs the folder of manifests before the change',
      );
      expect(run.main.stdout).toContain(
        'input "fail-on": must be one of opens, closes, changes, never, got "sometimes"',
      );
    } finally {
      run.dispose();
    }
  });
});
