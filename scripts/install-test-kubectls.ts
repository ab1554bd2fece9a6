// Installs every kubectl minor the end-to-end tests drive (KUBECTL_VERSIONS), with the
// action's own installer (tool cache, verified against the published SHA-256), and lays
// them out where the tests look: KUBECTL_DIR/kubectl.1.NN, and KUBECTL_DIR/kubectl for
// the default version. In GitHub Actions it appends KUBECTL_DIR and KUBECTL to
// $GITHUB_ENV, so that the later `npm test` finds them; elsewhere it prints them.
//
//   npx tsx scripts/install-test-kubectls.ts [folder]
//
// KUBECTL_MIRROR replaces https://dl.k8s.io, as the action's kubectl-mirror input does.
import { appendFileSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { installKubectl } from '../src/action/install-kubectl.ts';
import { DEFAULT_KUBECTL_VERSION, KUBECTL_VERSIONS } from '../test/cluster/kubectl.ts';

export interface TestKubectlOptions {
  /** the folder to fill */
  dir: string;
  versions: readonly string[];
  /** which of `versions` is also `kubectl` */
  defaultVersion: string;
  mirror?: string;
  log?: (line: string) => void;
}

/** Installs the versions and returns the environment the tests need to find them. */
export async function installTestKubectls(opts: TestKubectlOptions): Promise<Record<string, string>> {
  if (!opts.versions.includes(opts.defaultVersion)) {
    throw new Error(`the default kubectl ${opts.defaultVersion} is not among ${opts.versions.join(', ')}`);
  }
  const dir = resolve(opts.dir);
  mkdirSync(dir, { recursive: true });
  const link = (target: string, name: string): void => {
    const path = join(dir, name);
    rmSync(path, { force: true });
    symlinkSync(target, path);
  };
  for (const version of opts.versions) {
    // a minor installs its newest patch, as the action's kubectl-version: 1.33 does
    const binary = await installKubectl({
      version,
      ...(opts.mirror ? { mirror: opts.mirror } : {}),
      log: opts.log ?? (() => {}),
    });
    link(binary, `kubectl.${version}`);
  }
  link(`kubectl.${opts.defaultVersion}`, 'kubectl');
  return { KUBECTL_DIR: dir, KUBECTL: join(dir, 'kubectl') };
}

async function main(): Promise<void> {
  const scratch = resolve(process.env.RUNNER_TEMP ?? '.tmp');
  // outside a runner the tool cache lives in .tmp/ (ignored by git)
  process.env.RUNNER_TEMP ??= scratch;
  process.env.RUNNER_TOOL_CACHE ??= join(scratch, 'tool-cache');
  const env = await installTestKubectls({
    dir: process.argv[2] ?? join(scratch, 'kubectl-versions'),
    versions: KUBECTL_VERSIONS,
    defaultVersion: DEFAULT_KUBECTL_VERSION,
    ...(process.env.KUBECTL_MIRROR ? { mirror: process.env.KUBECTL_MIRROR } : {}),
    log: (line) => console.log(line),
  });
  const lines = Object.entries(env).map(([k, v]) => `${k}=${v}`);
  if (process.env.GITHUB_ENV) {
    appendFileSync(process.env.GITHUB_ENV, `${lines.join('\n')}\n`);
    console.log(`Set for the later steps: ${lines.join(' ')}`);
  } else {
    console.log(`For the tests: export ${lines.join(' ')}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((e: unknown) => {
    console.error(`install-test-kubectls: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  });
}
