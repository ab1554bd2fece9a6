import * as tc from '@actions/tool-cache';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { installKubectl } from '../../src/action/install-kubectl.ts';
import {
  kubectlBaseUrl,
  kubectlDownloadUrl,
  kubectlTarget,
  parseKubectlVersion,
  parseSha256File,
  parseStableText,
  stableChannelUrl,
} from '../../src/action/kubectl-release.ts';

// A stand-in for kubectl that a shell can run, like the real binary would be.
const FAKE_KUBECTL = "#!/bin/sh\necho 'Client Version: v1.33.1'\n";
const FAKE_KUBECTL_134 = "#!/bin/sh\necho 'Client Version: v1.34.2'\n";
const FAKE_KUBECTL_EXE = 'MZ not really a Windows program\n';
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** Serves a file the way dl.k8s.io does: a redirect to a CDN path, then the bytes. */
function releaseFiles(files: Record<string, string>): Map<string, Handler> {
  const routes = new Map<string, Handler>();
  for (const [name, body] of Object.entries(files)) {
    routes.set(`/release/${name}`, (_req, res) => {
      res.writeHead(302, { Location: `${base}/cdn/release/${name}` }).end();
    });
    routes.set(`/cdn/release/${name}`, (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' }).end(body);
    });
  }
  return routes;
}

function goodRelease(): Map<string, Handler> {
  return releaseFiles({
    'stable.txt': 'v1.34.2\n',
    'stable-1.33.txt': 'v1.33.1\n',
    'v1.33.1/bin/linux/amd64/kubectl': FAKE_KUBECTL,
    // sha256sum's format: digest, two spaces, file name
    'v1.33.1/bin/linux/amd64/kubectl.sha256': `${sha256(FAKE_KUBECTL)}  kubectl\n`,
    'v1.34.2/bin/linux/amd64/kubectl': FAKE_KUBECTL_134,
    // dl.k8s.io's format: the digest alone
    'v1.34.2/bin/linux/amd64/kubectl.sha256': sha256(FAKE_KUBECTL_134),
    'v1.33.1/bin/windows/amd64/kubectl.exe': FAKE_KUBECTL_EXE,
    'v1.33.1/bin/windows/amd64/kubectl.exe.sha256': sha256(FAKE_KUBECTL_EXE),
  });
}

let server: Server;
let base = '';
let routes = new Map<string, Handler>();
let requests: string[] = [];

beforeAll(async () => {
  // tool-cache's own test hook: no 10-20 s sleeps between its retries.
  const hooks = globalThis as Record<string, unknown>;
  hooks.TEST_DOWNLOAD_TOOL_RETRY_MIN_SECONDS = 0;
  hooks.TEST_DOWNLOAD_TOOL_RETRY_MAX_SECONDS = 0;
  server = createServer((req, res) => {
    const url = req.url ?? '';
    requests.push(url);
    const handler = routes.get(url);
    if (handler) handler(req, res);
    else res.writeHead(404).end('Not Found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

let toolCache = '';
let runnerTemp = '';
const made: string[] = [];

beforeEach(() => {
  routes = goodRelease();
  requests = [];
  toolCache = mkdtempSync(path.join(tmpdir(), 'ik-cache-'));
  runnerTemp = mkdtempSync(path.join(tmpdir(), 'ik-temp-'));
  made.push(toolCache, runnerTemp);
  vi.stubEnv('RUNNER_TOOL_CACHE', toolCache);
  vi.stubEnv('RUNNER_TEMP', runnerTemp);
});

afterEach(() => {
  vi.unstubAllEnvs();
  // Only the folders this file made with mkdtemp above.
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The error a promise rejects with; fails the test if it resolves. */
async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    if (e instanceof Error) return e;
    throw new Error(`rejected with a non-Error: ${String(e)}`, { cause: e });
  }
  throw new Error('expected a rejection, but it resolved');
}

const install = (version: string, extra: { platform?: NodeJS.Platform; arch?: string } = {}) =>
  installKubectl({ version, mirror: base, platform: 'linux', arch: 'x64', ...extra });

describe('installKubectl', () => {
  it('downloads, verifies and caches an exact version, leaving a runnable binary and an empty temp folder', async () => {
    const log: string[] = [];
    const bin = await installKubectl({
      version: 'v1.33.1',
      mirror: base,
      platform: 'linux',
      arch: 'x64',
      log: (l) => log.push(l),
    });

    expect(path.isAbsolute(bin)).toBe(true);
    expect(bin).toBe(path.join(toolCache, 'kubectl', '1.33.1', 'x64', 'kubectl'));
    expect(readFileSync(bin, 'utf8')).toBe(FAKE_KUBECTL);
    expect(statSync(bin).mode & 0o777).toBe(0o755);
    expect(execFileSync(bin, { encoding: 'utf8' })).toBe('Client Version: v1.33.1\n');
    expect(tc.find('kubectl', '1.33.1', 'x64')).toBe(path.dirname(bin));
    expect(readdirSync(runnerTemp)).toEqual([]);
    // binary and checksum, each through the CDN redirect
    expect(requests).toEqual([
      '/release/v1.33.1/bin/linux/amd64/kubectl',
      '/cdn/release/v1.33.1/bin/linux/amd64/kubectl',
      '/release/v1.33.1/bin/linux/amd64/kubectl.sha256',
      '/cdn/release/v1.33.1/bin/linux/amd64/kubectl.sha256',
    ]);
    expect(log.join('\n')).toContain(`Verified SHA-256 ${sha256(FAKE_KUBECTL)}`);
  });

  it('accepts the version without its v and serves a second call from the cache with no request at all', async () => {
    const first = await install('1.33.1');
    requests = [];
    routes = new Map(); // the site is gone: a request would now fail
    const log: string[] = [];
    const second = await installKubectl({
      version: 'v1.33.1',
      mirror: base,
      platform: 'linux',
      arch: 'x64',
      log: (l) => log.push(l),
    });
    expect(second).toBe(first);
    expect(requests).toEqual([]);
    expect(log.join('\n')).toContain('from the tool cache');
  });

  it('resolves 1.33 through stable-1.33.txt and latest through stable.txt', async () => {
    const minor = await install('1.33');
    expect(requests[0]).toBe('/release/stable-1.33.txt');
    expect(minor).toBe(path.join(toolCache, 'kubectl', '1.33.1', 'x64', 'kubectl'));

    const latest = await install('latest');
    expect(latest).toBe(path.join(toolCache, 'kubectl', '1.34.2', 'x64', 'kubectl'));
    expect(execFileSync(latest, { encoding: 'utf8' })).toBe('Client Version: v1.34.2\n');

    // a channel still needs its one small text file, then the cache answers
    requests = [];
    expect(await install('1.33')).toBe(minor);
    expect(requests).toEqual(['/release/stable-1.33.txt', '/cdn/release/stable-1.33.txt']);
    expect(readdirSync(runnerTemp)).toEqual([]);
  });

  it('refuses a binary whose checksum does not match, and caches nothing', async () => {
    const tampered = "#!/bin/sh\necho 'something else'\n";
    for (const [name, handler] of releaseFiles({ 'v1.33.1/bin/linux/amd64/kubectl': tampered }))
      routes.set(name, handler);
    const url = `${base}/release/v1.33.1/bin/linux/amd64/kubectl`;

    const err = await failure(install('v1.33.1'));
    expect(err.message).toContain(url);
    expect(err.message).toContain(`expected SHA-256 ${sha256(FAKE_KUBECTL)}`);
    expect(err.message).toContain(`got ${sha256(tampered)}`);
    expect(err.message).toContain('was not installed');
    expect(tc.find('kubectl', '1.33.1', 'x64')).toBe('');
    expect(readdirSync(toolCache)).toEqual([]);
    expect(readdirSync(runnerTemp)).toEqual([]);
  });

  it('refuses when the mirror serves no checksum, and caches nothing', async () => {
    routes.delete('/release/v1.33.1/bin/linux/amd64/kubectl.sha256');
    await expect(install('v1.33.1')).rejects.toThrow(
      `The checksum of kubectl v1.33.1 was not found at ${base}/release/v1.33.1/bin/linux/amd64/kubectl.sha256`,
    );
    expect(readdirSync(toolCache)).toEqual([]);
    expect(readdirSync(runnerTemp)).toEqual([]);
  });

  it('names the version and URL when the release does not exist, after a single request', async () => {
    const url = `${base}/release/v1.99.0/bin/linux/amd64/kubectl`;
    await expect(install('v1.99.0')).rejects.toThrow(
      `kubectl v1.99.0 was not found at ${url}: check kubectl-version and that kubectl-mirror serves that release.`,
    );
    expect(requests).toEqual(['/release/v1.99.0/bin/linux/amd64/kubectl']);
    expect(readdirSync(runnerTemp)).toEqual([]);
  });

  it('names the minor version when its stable file does not exist', async () => {
    await expect(install('1.12')).rejects.toThrow(
      `No kubectl 1.12 release is listed at ${base}/release/stable-1.12.txt`,
    );
    expect(requests).toEqual(['/release/stable-1.12.txt']);
  });

  it('gets through one HTTP 500 and one dropped connection', async () => {
    const cdn = '/cdn/release/v1.33.1/bin/linux/amd64/kubectl';
    const serve = routes.get(cdn)!;
    let calls = 0;
    routes.set(cdn, (req, res) => {
      calls += 1;
      if (calls === 1) res.writeHead(500).end('Internal Server Error');
      else if (calls === 2) req.socket.destroy();
      else serve(req, res);
    });

    const bin = await install('v1.33.1');
    expect(readFileSync(bin, 'utf8')).toBe(FAKE_KUBECTL);
    expect(calls).toBe(3);
    expect(readdirSync(runnerTemp)).toEqual([]);
  });

  it('gives up on a site that keeps answering 503, with a clear message, and caches nothing', async () => {
    const path503 = '/release/v1.33.1/bin/linux/amd64/kubectl';
    routes.set(path503, (_req, res) => res.writeHead(503).end('Service Unavailable'));

    const err = await failure(install('v1.33.1'));
    expect(err.message).toBe(
      `Could not download kubectl v1.33.1 from ${base}${path503} (HTTP 503, after retries). ` +
        'Check that the runner can reach it (set kubectl-mirror on air-gapped runners), or run again later.',
    );
    // tool-cache tries three times
    expect(requests).toEqual([path503, path503, path503]);
    expect(readdirSync(toolCache)).toEqual([]);
    expect(readdirSync(runnerTemp)).toEqual([]);
  });

  it('installs kubectl.exe for Windows from the windows/amd64 folder', async () => {
    const bin = await install('v1.33.1', { platform: 'win32' });
    expect(path.basename(bin)).toBe('kubectl.exe');
    expect(readFileSync(bin, 'utf8')).toBe(FAKE_KUBECTL_EXE);
    expect(requests[0]).toBe('/release/v1.33.1/bin/windows/amd64/kubectl.exe');
  });

  it.each([
    [{ version: '1.33.x' }, 'kubectl-version "1.33.x" is not a kubectl version'],
    [{ version: '>=1.30' }, 'kubectl-version ">=1.30" is not a kubectl version'],
    [{ version: '' }, 'kubectl-version is empty'],
    [{ version: 'v1.33.1', mirror: 'ftp://mirror.example.com' }, 'uses ftp, not http or https'],
    [
      { version: 'v1.33.1', mirror: 'https://user:hunter2@mirror.example.com' },
      'contains a user name or password',
    ],
    [{ version: 'v1.33.1', mirror: 'https://mirror.example.com/k8s?token=1' }, 'has a query or fragment'],
    [{ version: 'v1.33.1', arch: 'ia32' }, 'cannot install kubectl for linux/ia32'],
    [{ version: 'v1.33.1', platform: 'freebsd' as NodeJS.Platform }, 'cannot install kubectl on freebsd'],
  ])('refuses %j before any request', async (opts, message) => {
    await expect(installKubectl({ platform: 'linux', arch: 'x64', mirror: base, ...opts })).rejects.toThrow(
      message,
    );
    expect(requests).toEqual([]);
  });

  it('never echoes a password given in kubectl-mirror', async () => {
    const refused = await failure(
      installKubectl({ version: 'v1.33.1', mirror: 'https://user:hunter2@mirror.example.com' }),
    );
    expect(refused.message).toContain(
      'kubectl-mirror for host mirror.example.com contains a user name or password',
    );
    expect(refused.message).not.toContain('hunter2');
    expect(requests).toEqual([]);
  });

  it('says which runner folder is missing instead of failing inside tool-cache', async () => {
    vi.stubEnv('RUNNER_TEMP', '');
    await expect(install('v1.33.1')).rejects.toThrow(
      'kubectl-version needs RUNNER_TEMP to be set (GitHub runners set them)',
    );
    expect(requests).toEqual([]);
  });
});

describe('release names', () => {
  it('reads exact, minor and latest versions', () => {
    expect(parseKubectlVersion('v1.33.1')).toEqual({ kind: 'exact', version: 'v1.33.1' });
    expect(parseKubectlVersion(' 1.33.1 ')).toEqual({ kind: 'exact', version: 'v1.33.1' });
    expect(parseKubectlVersion('1.33')).toEqual({ kind: 'minor', minor: '1.33' });
    expect(parseKubectlVersion('v1.33')).toEqual({ kind: 'minor', minor: '1.33' });
    expect(parseKubectlVersion('latest')).toEqual({ kind: 'latest' });
    for (const bad of ['1', 'v1.33.1.2', '1.033.1', 'v1.34.0-rc.1', 'stable', 'V 1.33']) {
      expect(() => parseKubectlVersion(bad), bad).toThrow('is not a kubectl version');
    }
  });

  it.each([
    ['linux', 'x64', 'linux', 'amd64', 'kubectl'],
    ['linux', 'arm64', 'linux', 'arm64', 'kubectl'],
    ['linux', 'arm', 'linux', 'arm', 'kubectl'],
    ['darwin', 'x64', 'darwin', 'amd64', 'kubectl'],
    ['darwin', 'arm64', 'darwin', 'arm64', 'kubectl'],
    ['win32', 'x64', 'windows', 'amd64', 'kubectl.exe'],
    ['win32', 'arm64', 'windows', 'arm64', 'kubectl.exe'],
  ] as const)('maps %s/%s to %s/%s/%s', (platform, arch, os, kArch, binary) => {
    expect(kubectlTarget(platform, arch)).toEqual({ os, arch: kArch, binary });
  });

  it.each([
    ['darwin', 'arm'],
    ['win32', 'arm'],
    ['linux', 'ia32'],
    ['linux', 's390x'],
    ['aix', 'x64'],
  ] as const)('refuses %s/%s', (platform, arch) => {
    expect(() => kubectlTarget(platform, arch)).toThrow('cannot install kubectl');
  });

  it('builds the download and channel URLs of dl.k8s.io or a mirror', () => {
    expect(kubectlBaseUrl()).toBe('https://dl.k8s.io');
    expect(kubectlBaseUrl('  ')).toBe('https://dl.k8s.io');
    expect(kubectlBaseUrl('https://mirror.example.com/k8s/')).toBe('https://mirror.example.com/k8s');
    expect(kubectlDownloadUrl('https://dl.k8s.io', 'v1.33.1', kubectlTarget('linux', 'x64'))).toBe(
      'https://dl.k8s.io/release/v1.33.1/bin/linux/amd64/kubectl',
    );
    expect(kubectlDownloadUrl('https://dl.k8s.io', 'v1.33.1', kubectlTarget('win32', 'x64'))).toBe(
      'https://dl.k8s.io/release/v1.33.1/bin/windows/amd64/kubectl.exe',
    );
    expect(stableChannelUrl('https://dl.k8s.io', { kind: 'latest' })).toBe(
      'https://dl.k8s.io/release/stable.txt',
    );
    expect(stableChannelUrl('https://dl.k8s.io', { kind: 'minor', minor: '1.33' })).toBe(
      'https://dl.k8s.io/release/stable-1.33.txt',
    );
  });

  it('reads stable files and refuses one that names another minor or is not a version', () => {
    const url = 'https://dl.k8s.io/release/stable-1.33.txt';
    expect(parseStableText('v1.33.1\n', url, { kind: 'minor', minor: '1.33' })).toBe('v1.33.1');
    expect(() => parseStableText('v1.32.9\n', url, { kind: 'minor', minor: '1.33' })).toThrow(
      'is not a 1.33 release',
    );
    expect(() => parseStableText('<html>Not here</html>', url, { kind: 'latest' })).toThrow(
      'should hold a kubectl version such as v1.33.1 but holds "<html>Not here</html>"',
    );
  });

  it('reads a digest alone or followed by a file name, and refuses anything else', () => {
    const digest = sha256(FAKE_KUBECTL);
    const url = 'https://dl.k8s.io/release/v1.33.1/bin/linux/amd64/kubectl.sha256';
    expect(parseSha256File(digest, url)).toBe(digest);
    expect(parseSha256File(`${digest.toUpperCase()}  kubectl\n`, url)).toBe(digest);
    expect(parseSha256File(`${digest} *kubectl\r\n`, url)).toBe(digest);
    expect(() => parseSha256File(digest.slice(1), url)).toThrow('does not hold a single SHA-256 digest');
    expect(() => parseSha256File(`${digest}  kubectl\n${digest}  kubectl.exe\n`, url)).toThrow(
      'single SHA-256',
    );
    expect(() => parseSha256File('', url)).toThrow(url);
  });
});
