// Installs a pinned kubectl into the runner's tool cache, verified against its
// published SHA-256. The caller puts the returned binary's folder on PATH.
import * as tc from '@actions/tool-cache';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { chmod, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import {
  DEFAULT_KUBECTL_BASE,
  kubectlBaseUrl,
  kubectlDownloadUrl,
  kubectlTarget,
  parseKubectlVersion,
  parseSha256File,
  parseStableText,
  stableChannelUrl,
} from './kubectl-release.ts';
import type { KubectlVersionSpec } from './kubectl-release.ts';

export interface InstallKubectlOptions {
  /** `v1.33.1`, `1.33.1`, `1.33` (latest patch) or `latest` */
  version: string;
  /** replaces https://dl.k8s.io; same layout */
  mirror?: string;
  /** defaults to this process's */
  platform?: NodeJS.Platform;
  /** Node's name (x64, arm64, arm); defaults to this process's */
  arch?: string;
  log?: (line: string) => void;
}

const TOOL = 'kubectl';

/** Returns the absolute path of a verified kubectl binary, downloading it only on a cache miss. */
export async function installKubectl(opts: InstallKubectlOptions): Promise<string> {
  const log = opts.log ?? (() => {});
  // Everything the user typed is checked before the first request.
  const spec = parseKubectlVersion(opts.version);
  const base = kubectlBaseUrl(opts.mirror);
  const platform = opts.platform ?? process.platform;
  const arch = opts.arch ?? process.arch;
  const target = kubectlTarget(platform, arch);
  requireRunnerDirs();
  const hint = base === DEFAULT_KUBECTL_BASE ? '' : ' and that kubectl-mirror serves that release';

  const version = spec.kind === 'exact' ? spec.version : await resolveChannel(base, spec, hint, log);
  const cacheVersion = version.slice(1); // tool-cache keys are plain semver

  const cachedDir = tc.find(TOOL, cacheVersion, arch);
  const cached = cachedDir ? path.join(cachedDir, target.binary) : '';
  // The folder is keyed by arch only; a test run for another OS could leave a different file name.
  if (cached && existsSync(cached)) {
    log(`Using kubectl ${version} from the tool cache: ${cached}`);
    return cached;
  }

  const url = kubectlDownloadUrl(base, version, target);
  log(`Downloading kubectl ${version} from ${url}`);
  const file = await download(
    url,
    `kubectl ${version}`,
    `kubectl ${version} was not found at ${url}: check kubectl-version${hint}.`,
  );
  try {
    const sumUrl = `${url}.sha256`;
    const sumText = await downloadText(
      sumUrl,
      `the checksum of kubectl ${version}`,
      `The checksum of kubectl ${version} was not found at ${sumUrl}: ` +
        'a mirror must serve the .sha256 file next to each binary (check kubectl-mirror).',
    );
    const expected = parseSha256File(sumText, sumUrl);
    const actual = await sha256File(file);
    if (actual !== expected) {
      throw new Error(
        `kubectl ${version} downloaded from ${url} does not match its published checksum ` +
          `(expected SHA-256 ${expected}, got ${actual}), so it was not installed. ` +
          'Run again in case the download was damaged; if it repeats, check kubectl-mirror or any proxy between the runner and the download site.',
      );
    }
    log(`Verified SHA-256 ${actual}`);
    const windows = platform === 'win32';
    if (!windows) await chmod(file, 0o755);
    const dir = await tc.cacheFile(file, target.binary, TOOL, cacheVersion, arch);
    const installed = path.join(dir, target.binary);
    if (!windows) await chmod(installed, 0o755);
    log(`Installed kubectl ${version} at ${installed}`);
    return installed;
  } finally {
    // Cached copies live elsewhere; a refused download must not linger either.
    await rm(file, { force: true });
  }
}

async function resolveChannel(
  base: string,
  spec: Exclude<KubectlVersionSpec, { kind: 'exact' }>,
  hint: string,
  log: (line: string) => void,
): Promise<string> {
  const url = stableChannelUrl(base, spec);
  const name = spec.kind === 'latest' ? 'latest' : spec.minor;
  const text = await downloadText(
    url,
    `the newest kubectl ${name} version`,
    `No kubectl ${name} release is listed at ${url}: check kubectl-version${hint}.`,
  );
  const version = parseStableText(text, url, spec);
  log(`kubectl ${name} is ${version} (from ${url})`);
  return version;
}

/**
 * tool-cache's downloadTool already retries 5xx, 408, 429 and network errors
 * (3 attempts) and honours the runner's proxy settings, so every file,
 * small text ones included, goes through it.
 */
async function download(url: string, what: string, notFound: string): Promise<string> {
  try {
    return await tc.downloadTool(url);
  } catch (err) {
    if (err instanceof tc.HTTPError && err.httpStatusCode === 404) throw new Error(notFound, { cause: err });
    const reason =
      err instanceof tc.HTTPError
        ? `HTTP ${err.httpStatusCode ?? 'error'}`
        : err instanceof Error
          ? err.message
          : String(err);
    throw new Error(
      `Could not download ${what} from ${url} (${reason}, after retries). ` +
        'Check that the runner can reach it (set kubectl-mirror on air-gapped runners), or run again later.',
      { cause: err },
    );
  }
}

async function downloadText(url: string, what: string, notFound: string): Promise<string> {
  const file = await download(url, what, notFound);
  try {
    return await readFile(file, 'utf8');
  } finally {
    await rm(file, { force: true });
  }
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

// tool-cache asserts on these with a bare "Expected RUNNER_TEMP to be defined".
function requireRunnerDirs(): void {
  const missing = ['RUNNER_TOOL_CACHE', 'RUNNER_TEMP'].filter((name) => !process.env[name]);
  if (missing.length > 0) {
    throw new Error(
      `kubectl-version needs ${missing.join(' and ')} to be set (GitHub runners set them): ` +
        'outside Actions set them to writable folders, or leave kubectl-version empty to use the kubectl on PATH.',
    );
  }
}
