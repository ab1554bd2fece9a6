// `npm run demo` (scripts/demo.ts): the built CLI against the API double seeded
// from examples/demo, whose network obeys the demo's NetworkPolicies.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

describe('npm run demo', () => {
  it('runs the demo matrix for real and predicts it: only the deliberate failure fails', async () => {
    expect(existsSync(resolve(ROOT, 'dist/cli.js')), 'run `npm run build` before the end-to-end tests').toBe(
      true,
    );
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo.ts'], {
      cwd: ROOT,
      env: { ...process.env, GITHUB_RUN_ID: '', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((res) => child.on('close', res));

    expect({ code, stderr: code === 0 ? '' : stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toContain('$ netpol-canary run examples/demo/matrix.yaml --timeout 1s --kubeconfig ');
    expect(stdout).toContain(
      '$ netpol-canary predict --manifests examples/demo/manifests --matrix examples/demo/matrix.yaml',
    );
    // the failure, with the test's name and the policies' reason, in the run's table and in the prediction's
    const failures = stdout.match(
      /\n✗ fail +canary-test-outsider \[app=frontend\] +http:\/\/backend\.dark-tower\.svc\.cluster\.local:8080\/ +allow +blocked /g,
    );
    expect(failures).toHaveLength(2);
    expect(stdout.match(/ test: DELIBERATE FAILURE - outsider reaches backend/g)).toHaveLength(2);
    expect(stdout).toMatch(/9 tests: 8 passed, 1 failed, 0 inconclusive \(run local-/);
    expect(stdout).toContain('9 tests: 8 passed, 1 failed, 0 inconclusive (predicted from the manifests');
    expect(stdout).toContain('The demo behaved as designed');
  });
});
