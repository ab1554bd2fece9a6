// Where the matrix text comes from: the `matrix` input, or a file in the workspace.
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { Result } from '../core/result.ts';

const MAX_BYTES = 1024 * 1024;

export function readMatrixSource(
  inline: string,
  file: string,
  workspace: string,
): Result<{ text: string; source: string; file?: string }> {
  const path = file.trim();
  if (inline.trim() && path) {
    return { ok: false, errors: ['inputs "matrix" and "matrix-file" are both set: set exactly one of them'] };
  }
  if (inline.trim()) return { ok: true, value: { text: inline, source: 'input "matrix"' } };
  if (!path) {
    return {
      ok: false,
      errors: [
        'no matrix: set the input "matrix" (YAML or JSON text) or "matrix-file" (a path in the workspace)',
      ],
    };
  }
  let real: string;
  try {
    real = realpathSync(resolve(workspace, path));
  } catch {
    return {
      ok: false,
      errors: [`input "matrix-file": ${path} does not exist in the workspace (${workspace})`],
    };
  }
  // the file must be the workspace's own: parts of it may be quoted in error messages
  const rel = relative(realpathSync(workspace), real);
  if (rel.startsWith('..') || isAbsolute(rel)) {
    return {
      ok: false,
      errors: [`input "matrix-file": ${path} is outside the workspace; use a path inside it`],
    };
  }
  if (statSync(real).size > MAX_BYTES) {
    return { ok: false, errors: [`input "matrix-file": ${path} is larger than 1 MiB`] };
  }
  // `file`: the path from the workspace's root, as annotations and the pull request's diff name it
  const fromRoot = rel.split(sep).join('/');
  return { ok: true, value: { text: readFileSync(real, 'utf8'), source: path, file: fromRoot } };
}
