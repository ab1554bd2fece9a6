// mode: generate — the bundled action writes a matrix from the demo's manifests
// into the workspace, shows it in the job summary, and touches no cluster.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseMatrix } from '../../src/matrix/parse-matrix.ts';
import { runAction } from '../runner/simulator.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const empty = mkdtempSync(join(tmpdir(), 'no-kubectl-'));
afterAll(() => rmSync(empty, { recursive: true, force: true }));

describe('mode: generate', () => {
  it('writes the matrix where output-file says, bounded as asked, without any cluster', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'netpol-generate-ws-'));
    const run = await runAction({
      workspace,
      env: { PATH: `${empty}:${dirname(process.execPath)}`, KUBECONFIG: join(empty, 'none') },
      inputs: {
        mode: 'generate',
        manifests: join(ROOT, 'examples/demo/manifests'),
        'output-file': 'policies/netpol-matrix.yaml',
        namespaces: 'dark-tower',
        'max-tests': '4',
      },
    });
    try {
      expect(run.main.failed).toBe(false);
      const file = join(workspace, 'policies/netpol-matrix.yaml');
      expect(run.main.outputs).toMatchObject({ 'matrix-file': file, tests: '4' });
      const matrix = parseMatrix(readFileSync(file, 'utf8'), file);
      expect(matrix.ok && matrix.value.tests.map((t) => t.from)).toEqual([
        'dark-tower',
        'dark-tower',
        'dark-tower',
        'dark-tower',
      ]);
      expect(run.main.summary).toContain('## netpol-canary: generated matrix');
      expect(run.post?.failed).toBe(false);
    } finally {
      run.dispose();
      rmSync(workspace, { recursive: true, force: true });
    }
  });

  it('refuses an output-file outside the workspace and a bad count, writing nothing', async () => {
    const run = await runAction({
      env: { PATH: `${empty}:${dirname(process.execPath)}` },
      inputs: {
        mode: 'generate',
        manifests: join(ROOT, 'examples/demo/manifests'),
        'output-file': '../elsewhere.yaml',
        'per-pair': '0',
      },
    });
    try {
      expect(run.main.failed).toBe(true);
      expect(run.main.stdout).toContain(
        'input "output-file": must be inside the workspace, got "../elsewhere.yaml"',
      );
      expect(run.main.stdout).toContain('input "per-pair": must be a whole number from 1, got "0"');
    } finally {
      run.dispose();
    }
  });
});
