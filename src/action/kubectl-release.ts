// The pure half of installing kubectl: which version, which file, which URL,
// and reading the small text files the release site publishes. No I/O here.

export const DEFAULT_KUBECTL_BASE = 'https://dl.k8s.io';

/** What `kubectl-version` asked for. Exact versions always carry the leading `v`. */
export type KubectlVersionSpec =
  { kind: 'exact'; version: string } | { kind: 'minor'; minor: string } | { kind: 'latest' };

/** The release site's names for an OS/arch, and the binary's file name there. */
export interface KubectlTarget {
  os: 'linux' | 'darwin' | 'windows';
  arch: 'amd64' | 'arm64' | 'arm';
  binary: 'kubectl' | 'kubectl.exe';
}

const EXACT = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
const MINOR = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
const USAGE =
  'use an exact version such as v1.33.1, a minor version such as 1.33 for its latest patch, or latest';

/** Reads `kubectl-version`: `v1.33.1` / `1.33.1`, `1.33` (latest patch) or `latest`. Throws on anything else. */
export function parseKubectlVersion(input: string): KubectlVersionSpec {
  const text = input.trim();
  if (text === '') throw new Error(`kubectl-version is empty: ${USAGE}.`);
  if (text.toLowerCase() === 'latest') return { kind: 'latest' };
  const exact = EXACT.exec(text);
  if (exact) return { kind: 'exact', version: `v${exact[1]}.${exact[2]}.${exact[3]}` };
  const minor = MINOR.exec(text);
  if (minor) return { kind: 'minor', minor: `${minor[1]}.${minor[2]}` };
  throw new Error(`kubectl-version "${text}" is not a kubectl version: ${USAGE}.`);
}

const OS: Partial<Record<NodeJS.Platform, KubectlTarget['os']>> = {
  linux: 'linux',
  darwin: 'darwin',
  win32: 'windows',
};

/** Maps Node's platform/arch names to the release site's. Throws for combinations kubectl is not published for here. */
export function kubectlTarget(platform: NodeJS.Platform, arch: string): KubectlTarget {
  const os = OS[platform];
  if (!os) {
    throw new Error(
      `kubectl-version cannot install kubectl on ${platform}: only Linux, macOS and Windows runners are supported. ` +
        'Leave kubectl-version empty and put a kubectl on PATH instead.',
    );
  }
  const mapped =
    arch === 'x64' ? 'amd64' : arch === 'arm64' ? 'arm64' : arch === 'arm' && os === 'linux' ? 'arm' : '';
  if (!mapped) {
    throw new Error(
      `kubectl-version cannot install kubectl for ${platform}/${arch}: supported are x64 and arm64 (and arm on Linux). ` +
        'Leave kubectl-version empty and put a kubectl on PATH instead.',
    );
  }
  return { os, arch: mapped, binary: os === 'windows' ? 'kubectl.exe' : 'kubectl' };
}

/**
 * Validates `kubectl-mirror` and returns the base URL without a trailing slash.
 * Credentials are refused because the URL is logged and appears in error messages.
 */
export function kubectlBaseUrl(mirror?: string): string {
  const text = (mirror ?? '').trim();
  if (text === '') return DEFAULT_KUBECTL_BASE;
  const fix =
    'give a base URL such as https://mirror.example.com/kubernetes that serves release/<version>/bin/...';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`kubectl-mirror "${text}" is not a URL: ${fix}.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(
      `kubectl-mirror "${text}" uses ${url.protocol.replace(/:$/, '')}, not http or https: ${fix}.`,
    );
  }
  if (url.username || url.password) {
    // Never echo the input here: it holds a secret.
    throw new Error(
      `kubectl-mirror for host ${url.host} contains a user name or password, which would be printed in logs: ` +
        'use a mirror that the runner can reach without credentials in the URL.',
    );
  }
  if (text.includes('?') || text.includes('#')) {
    throw new Error(
      `kubectl-mirror "${text}" has a query or fragment, which cannot be combined with file paths: ${fix}.`,
    );
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** `<base>/release/stable.txt` for latest, `<base>/release/stable-1.33.txt` for a minor version. */
export function stableChannelUrl(base: string, spec: Exclude<KubectlVersionSpec, { kind: 'exact' }>): string {
  return spec.kind === 'latest' ? `${base}/release/stable.txt` : `${base}/release/stable-${spec.minor}.txt`;
}

/** `<base>/release/<version>/bin/<os>/<arch>/kubectl[.exe]`; the checksum is this plus `.sha256`. */
export function kubectlDownloadUrl(base: string, version: string, target: KubectlTarget): string {
  const v = version.startsWith('v') ? version : `v${version}`;
  return `${base}/release/${v}/bin/${target.os}/${target.arch}/${target.binary}`;
}

/**
 * Reads a stable*.txt file (`v1.33.1` plus a newline). A minor channel must
 * answer with that minor: a mirror that serves a wrong file is caught here.
 */
export function parseStableText(
  text: string,
  url: string,
  spec: Exclude<KubectlVersionSpec, { kind: 'exact' }>,
): string {
  const found = text.trim();
  const m = /^v(\d+\.\d+)\.\d+$/.exec(found);
  if (!m) {
    throw new Error(
      `${url} should hold a kubectl version such as v1.33.1 but holds "${preview(found)}": ` +
        'check kubectl-mirror, or give an exact kubectl-version.',
    );
  }
  if (spec.kind === 'minor' && m[1] !== spec.minor) {
    throw new Error(
      `${url} names ${found}, which is not a ${spec.minor} release: check kubectl-mirror, or give an exact kubectl-version.`,
    );
  }
  return found;
}

/** Reads a .sha256 file: the hex digest alone, or followed by a file name as sha256sum writes it. Returns lower case. */
export function parseSha256File(text: string, url: string): string {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const m = lines.length === 1 ? /^([0-9a-fA-F]{64})(?:\s+\*?\S.*)?$/.exec(lines[0] ?? '') : null;
  if (!m?.[1]) {
    throw new Error(
      `The checksum file ${url} does not hold a single SHA-256 digest (it holds "${preview(text.trim())}"): ` +
        'check kubectl-mirror; a mirror must serve the .sha256 files unchanged.',
    );
  }
  return m[1].toLowerCase();
}

// Keeps error messages short when a mirror answers with an HTML page.
function preview(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > 60 ? `${oneLine.slice(0, 60)}…` : oneLine;
}
