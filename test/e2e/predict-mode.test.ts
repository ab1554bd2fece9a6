// mode: predict — the verdicts from manifests alone: no cluster, no kubectl.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAction } from '../runner/simulator.ts';

const ROOT = resolve(import.meta.dirname, '../..');

describe('mode: predict', () => {
  it('predicts the demo from its manifests, explaining the deliberate failure, without any cluster', async () => {
    // no kubectl and no kubeconfig anywhere: predict must not need them
    const empty = mkdtempSync(join(tmpdir(), 'no-kubectl-'));
    const run = await runAction({
      workspace: ROOT,
      env: { PATH: `${empty}:${dirname(process.execPath)}`, KUBECONFIG: join(empty, 'none') },
      inputs: {
        mode: 'predict',
        manifests: 'examples/demo/manifests',
        'matrix-file': 'examples/demo/matrix.yaml',
      },
    });
    try {
      expect(run.main.outputs).toMatchObject({ passed: '8', failed: '1', inconclusive: '0' });
      const results = JSON.parse(run.main.outputs.results ?? '[]') as {
        name: string;
        verdict: string;
        explanation?: string;
      }[];
      const deliberate = results.find((r) => r.name.startsWith('DELIBERATE FAILURE'));
      expect(deliberate?.verdict).toBe('fail');
      expect(deliberate?.explanation).toMatch(/default-deny/);
      expect(run.main.failed).toBe(true);
      expect(run.main.summary).toContain('DELIBERATE FAILURE');
      expect(run.post?.failed).toBe(false);
    } finally {
      run.dispose();
    }
  });

  it('needs the manifests input', async () => {
    const run = await runAction({
      workspace: ROOT,
      inputs: { mode: 'predict', 'matrix-file': 'examples/demo/matrix.yaml' },
    });
    expect(run.main.failed).toBe(true);
    expect(run.main.annotations.find((a) => a.level === 'error')?.message).toMatch(/input "manifests"/);
    run.dispose();
  });
});
