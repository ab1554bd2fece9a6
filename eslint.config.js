import js from '@eslint/js';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

// The layers of src/ (src/README.md), from the bottom: what each may import besides
// itself. The pure folders never reach the cluster, the cluster code never reaches
// an entry point, and the action and the CLI never reach each other.
const PURE = ['core', 'matrix', 'policy', 'probe', 'predict', 'report'];
const MAY_IMPORT = {
  core: [],
  matrix: ['core'],
  policy: ['core'],
  probe: ['core', 'matrix'],
  predict: ['core', 'matrix', 'policy', 'probe'],
  report: ['core', 'matrix', 'policy', 'probe'],
  cluster: PURE,
  run: [...PURE, 'cluster'],
  action: [...PURE, 'cluster', 'run'],
  cli: [...PURE, 'cluster', 'run'],
};
const PARTS = Object.keys(MAY_IMPORT);
const boundaryZones = PARTS.map((part) => {
  const allowed = MAY_IMPORT[part];
  return {
    target: `./src/${part}`,
    from: PARTS.filter((other) => other !== part && !allowed.includes(other)).map(
      (other) => `./src/${other}`,
    ),
    message: `src/${part} may import only from ${allowed.length ? allowed.map((a) => `src/${a}`).join(', ') : 'no other part of src'} (the layers are in src/README.md).`,
  };
});

export default tseslint.config(
  { ignores: ['dist/**', 'coverage/**', 'node_modules/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        AbortController: 'readonly',
        AbortSignal: 'readonly',
        TextDecoder: 'readonly',
        TextEncoder: 'readonly',
        fetch: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The layers of src/ (src/README.md): every import points down, and none goes round in a circle.
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js'] })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: boundaryZones }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
);
