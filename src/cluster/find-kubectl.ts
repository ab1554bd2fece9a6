// Finding the kubectl binary without starting a process: shared by the action
// and the CLI, so both accept the same files.
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** A file (not a folder) this process may run. */
export function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** A program on PATH, found without starting a process. */
export function findOnPath(name: string, path = process.env.PATH ?? ''): string | undefined {
  const exts = process.platform === 'win32' ? ['.exe', ''] : [''];
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    for (const ext of exts) {
      const candidate = join(dir, name + ext);
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  return undefined;
}
