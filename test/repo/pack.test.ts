// The CLI as users get it from npm: the package packed, installed from its tarball into
// an empty folder with no network and an empty npm cache, and run from there.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

let tmp = '';
let app = '';
let packed: string[] = [];

/** npm's own settings from a surrounding `npm test` must not leak into these installs. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k)) env[k] = v;
  return { ...env, npm_config_cache: join(tmp, 'npm-cache'), npm_config_update_notifier: 'false' };
}

function run(cmd: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  const r = spawnSync(cmd, args, { cwd, env: cleanEnv(), encoding: 'utf8', timeout: 120_000 });
  if (r.error) throw new Error(`could not run ${cmd} ${args.join(' ')}: ${r.error.message}`);
  return r;
}

function mustRun(cmd: string, args: string[], cwd: string): string {
  const r = run(cmd, args, cwd);
  if (r.status !== 0)
    throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'netpol-pack-'));
  const out = JSON.parse(mustRun('npm', ['pack', '--json', '--pack-destination', tmp], ROOT)) as {
    filename: string;
    files: { path: string }[];
  }[];
  const info = out[0];
  if (!info) throw new Error('npm pack said nothing about the tarball it made');
  packed = info.files.map((f) => f.path).sort();
  app = join(tmp, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'adopter', private: true }));
  mustRun(
    'npm',
    ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', join(tmp, info.filename)],
    app,
  );
}, 180_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('the npm package', () => {
  it('holds dist/, the README, the LICENSE and package.json, nothing else', () => {
    const dist = readdirSync(join(ROOT, 'dist'))
      .filter((f) => f.endsWith('.js'))
      .map((f) => `dist/${f}`);
    expect(packed).toEqual(['LICENSE', 'README.md', ...dist, 'package.json'].sort());
    expect(packed).toContain('dist/cli.js');
  });

  it('installs offline into an empty folder, with no dependency of its own (dist/ bundles them)', () => {
    const installed = readdirSync(join(app, 'node_modules')).filter((f) => !f.startsWith('.'));
    expect(installed).toEqual(['netpol-canary']);
  });

  it('npx netpol-canary --version prints the version in package.json', () => {
    const r = run('npx', ['--offline', '--no-install', 'netpol-canary', '--version'], app);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe(pkg.version);
    expect(r.status).toBe(0);
  });

  it('--help lists every command', () => {
    const r = run(join(app, 'node_modules/.bin/netpol-canary'), ['--help'], app);
    expect(r.status).toBe(0);
    for (const command of ['run', 'predict', 'cleanup', 'sweep'])
      expect(r.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
  });

  it('predict decides the demo matrix from its manifests', () => {
    const r = run(
      join(app, 'node_modules/.bin/netpol-canary'),
      [
        'predict',
        join(ROOT, 'examples/demo/matrix.yaml'),
        '--manifests',
        join(ROOT, 'examples/demo/manifests'),
        '--json',
      ],
      app,
    );
    const results = JSON.parse(r.stdout) as { name: string; verdict: string }[];
    expect(results.filter((t) => t.verdict === 'pass')).toHaveLength(8);
    expect(results.filter((t) => t.verdict !== 'pass').map((t) => t.name)).toEqual([
      'DELIBERATE FAILURE - outsider reaches backend (the policies forbid it)',
    ]);
    // a failed test is exit code 1
    expect(r.status).toBe(1);
  });
});
