// How the end-to-end tests find their kubectl versions on a runner that has one kubectl:
// scripts/install-test-kubectls.ts fills a folder (with the action's own installer,
// checksums verified), KUBECTL_DIR names it, and a version that is not there fails with
// what to do. Served here by a stand-in for dl.k8s.io on loopback.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readlinkSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { installTestKubectls } from '../../scripts/install-test-kubectls.ts';
import { kubectlTarget } from '../../src/action/kubectl-release.ts';
import { KUBECTL_VERSIONS, kubectlPath } from '../cluster/kubectl.ts';

const PATCH: Record<string, string> = { '1.30': 'v1.30.14', '1.31': 'v1.31.10' };
const fake = (version: string): string => `#!/bin/sh\necho 'Client Version: ${version}'\n`;
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

let server: Server;
let mirror = '';
const served: string[] = [];
const made: string[] = [];
const tempDir = (name: string): string => {
  const d = mkdtempSync(join(tmpdir(), `netpol-${name}-`));
  made.push(d);
  return d;
};

beforeAll(async () => {
  const hooks = globalThis as Record<string, unknown>;
  hooks.TEST_DOWNLOAD_TOOL_RETRY_MIN_SECONDS = 0;
  hooks.TEST_DOWNLOAD_TOOL_RETRY_MAX_SECONDS = 0;
  const target = kubectlTarget(process.platform, process.arch);
  const files = new Map<string, string>();
  for (const [minor, version] of Object.entries(PATCH)) {
    const dir = `/release/${version}/bin/${target.os}/${target.arch}`;
    files.set(`/release/stable-${minor}.txt`, `${version}\n`);
    files.set(`${dir}/kubectl`, fake(version));
    files.set(`${dir}/kubectl.sha256`, sha256(fake(version)));
  }
  server = createServer((req, res) => {
    served.push(req.url ?? '');
    const body = files.get(req.url ?? '');
    if (body === undefined) res.writeHead(404).end('Not Found');
    else res.writeHead(200).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  mirror = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

afterEach(() => {
  vi.unstubAllEnvs();
});

async function install(): Promise<{ dir: string; env: Record<string, string> }> {
  vi.stubEnv('RUNNER_TOOL_CACHE', tempDir('tool-cache'));
  vi.stubEnv('RUNNER_TEMP', tempDir('runner-temp'));
  const dir = join(tempDir('kubectls'), 'kubectl-versions');
  const env = await installTestKubectls({ dir, versions: ['1.30', '1.31'], defaultVersion: '1.31', mirror });
  return { dir, env };
}

describe('scripts/install-test-kubectls.ts', () => {
  it('installs each minor as kubectl.1.NN, the default as kubectl, and names the folder', async () => {
    const { dir, env } = await install();
    expect(env).toEqual({ KUBECTL_DIR: dir, KUBECTL: join(dir, 'kubectl') });
    for (const [minor, version] of Object.entries(PATCH)) {
      expect(execFileSync(join(dir, `kubectl.${minor}`), { encoding: 'utf8' }).trim()).toBe(
        `Client Version: ${version}`,
      );
    }
    expect(readlinkSync(join(dir, 'kubectl'))).toBe('kubectl.1.31');
    // each binary was checked against its published checksum
    expect(served.filter((u) => u.endsWith('/kubectl.sha256'))).toHaveLength(2);
  });

  it('refuses a default version it does not install', async () => {
    await expect(
      installTestKubectls({ dir: tempDir('x'), versions: ['1.30'], defaultVersion: '1.33', mirror }),
    ).rejects.toThrow('the default kubectl 1.33 is not among 1.30');
  });
});

describe('the tests find kubectl', () => {
  it('in the folder KUBECTL_DIR names: each version, and kubectl as the default', async () => {
    const { dir } = await install();
    vi.stubEnv('KUBECTL_DIR', dir);
    vi.stubEnv('KUBECTL', undefined);
    expect(kubectlPath('1.30')).toBe(join(dir, 'kubectl.1.30'));
    expect(kubectlPath()).toBe(join(dir, 'kubectl'));
  });

  it('fail, saying how to install it, when a version they use is missing', async () => {
    const { dir } = await install();
    vi.stubEnv('KUBECTL_DIR', dir);
    expect(() => kubectlPath('1.33')).toThrow(
      `kubectl 1.33 was expected at ${join(dir, 'kubectl.1.33')} but is not there: run \`npx tsx scripts/install-test-kubectls.ts\``,
    );
    vi.stubEnv('KUBECTL_DIR', tempDir('empty'));
    vi.stubEnv('KUBECTL', undefined);
    expect(() => kubectlPath()).toThrow(
      'set KUBECTL to a kubectl binary, or run `npx tsx scripts/install-test-kubectls.ts`',
    );
  });

  it('are every version the end-to-end tests drive, on this machine too', () => {
    // where this machine keeps them (KUBECTL_DIR in CI, beside /usr/bin/kubectl here)
    for (const v of KUBECTL_VERSIONS)
      expect(execFileSync(kubectlPath(v), ['version', '--client'], { encoding: 'utf8' })).toContain(`v${v}.`);
  });
});
