// `netpol-canary diff` from the built CLI: two manifest trees, no cluster; the
// exit code is what a gate reads.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'dist/cli.js');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'netpol-cli-diff-'));
  cpSync(join(ROOT, 'examples/demo/manifests'), join(dir, 'head'), { recursive: true });
  cpSync(join(ROOT, 'test/predict/fixtures/demo-head/30-policies.yaml'), join(dir, 'head/30-policies.yaml'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, 'diff', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('netpol-canary diff', () => {
  it('lists each connection that opens or closes, with the policies, and exits 1', () => {
    const r = cli('--base', 'examples/demo/manifests', '--head', join(dir, 'head'));
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines.filter((l) => /^(opens|closes) /.test(l))).toEqual([
      'opens  dark-tower/backend (app=backend,serving=true) -> an address outside the cluster (203.0.113.10 port 443)',
      'closes dark-tower/frontend (app=frontend,serving=true) -> Service dark-tower/backend port 8080',
      'closes data/postgres (app=postgres,serving=true) -> DNS (kube-dns, UDP port 53)',
    ]);
    expect(r.stdout).toContain('       policies: NetworkPolicy data/allow-dns (removed)');
    expect(r.stdout).toContain('1 connection opens, 2 close (15 compared)');
  });

  it('exits 0 when what --fail-on names did not change, and for identical trees', () => {
    expect(
      cli('--base', join(dir, 'head'), '--head', 'examples/demo/manifests', '--fail-on', 'opens').code,
    ).toBe(1);
    expect(
      cli('--base', 'examples/demo/manifests', '--head', join(dir, 'head'), '--fail-on', 'never').code,
    ).toBe(0);
    const same = cli('--base', 'examples/demo/manifests', '--head', 'examples/demo/manifests');
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('no connection changes');
  });

  it('says what is missing or wrong, with exit code 2', () => {
    const missing = cli('--base', 'examples/demo/manifests');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('netpol-canary diff: --head DIR is required');
    const wrong = cli('--base', 'nope', '--head', 'examples/demo/manifests', '--fail-on', 'opens');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--base: nope: cannot read it (it does not exist)');
    expect(cli('--base', 'a', '--head', 'b', '--fail-on', 'wider').stderr).toContain(
      '--fail-on must be one of opens, closes, changes, never, got "wider"',
    );
  });
});
