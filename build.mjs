// Bundles each entry point into dist/ as one self-contained ESM file.
// Deterministic: no hashes, no timestamps, no absolute paths, so CI can
// check that dist/ is exactly what this script produces.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

const entries = ['main', 'post', 'sweep', 'cli'];

rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: entries.map((name) => ({ in: `src/${name}.ts`, out: name })),
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  charset: 'utf8',
  legalComments: 'none',
  logLevel: 'warning',
  // Some bundled dependencies are CommonJS and call require() for Node
  // built-ins; give the ESM bundle a real require.
  banner: {
    js: "import { createRequire as __ncCreateRequire } from 'node:module';\nconst require = __ncCreateRequire(import.meta.url);",
  },
});
