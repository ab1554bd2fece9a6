// Bundles each entry point into dist/ as one self-contained ESM file.
// Deterministic: no hashes, no timestamps, no absolute paths, so CI can
// check that dist/ is exactly what this script produces. dist/ is replaced
// only when the whole build succeeds.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

// dist/NAME.js from each entry point: the action's steps, and the CLI's two programs
// (dist/sweep.js is the CLI's sweep, runnable from the action's checkout without npm).
const SOURCES = {
  main: 'src/action/main.ts',
  post: 'src/action/post.ts',
  sweep: 'src/cli/sweep.ts',
  cli: 'src/cli/cli.ts',
};

// `netpol-canary --version` (src/cli/version.ts): the version is part of the bundle.
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

// @actions/core imports its OIDC client, and with it @actions/http-client and undici, at
// its top; nothing here calls getIDToken, so the bundles get a stand-in (build/).
const oidcUnavailable = {
  name: 'oidc-unavailable',
  setup(b) {
    b.onResolve({ filter: /^\.\/oidc-utils\.js$/ }, (args) =>
      /[/\\]@actions[/\\]core[/\\]/.test(args.importer)
        ? { path: new URL('./build/oidc-unavailable.js', import.meta.url).pathname }
        : undefined,
    );
  },
};

const result = await build({
  entryPoints: Object.entries(SOURCES).map(([out, source]) => ({ in: source, out })),
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  charset: 'utf8',
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [oidcUnavailable],
  write: false,
  define: { __NETPOL_CANARY_VERSION__: JSON.stringify(version) },
  // Some bundled dependencies are CommonJS and call require() for Node
  // built-ins; give the ESM bundle a real require.
  banner: {
    js: "import { createRequire as __ncCreateRequire } from 'node:module';\nconst require = __ncCreateRequire(import.meta.url);",
  },
});

rmSync('dist', { recursive: true, force: true });
for (const file of result.outputFiles) {
  mkdirSync(dirname(file.path), { recursive: true });
  writeFileSync(file.path, file.contents, { mode: file.path.endsWith('cli.js') ? 0o755 : 0o644 });
}
