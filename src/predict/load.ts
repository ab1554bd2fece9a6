// loadManifests: read a manifest file, or every .yaml/.yml/.json file under a
// folder (recursively), and parse them into a snapshot.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseManifests, type LoadedManifests, type ManifestFile } from './parse.ts';

const EXTENSIONS = /\.(ya?ml|json)$/i;

export async function loadManifests(path: string): Promise<LoadedManifests> {
  const empty = (error: string): LoadedManifests => ({
    snapshot: { namespaces: [], pods: [], services: [], policies: [], where: 'the manifests' },
    warnings: [],
    errors: [error],
  });
  let isDir: boolean;
  try {
    isDir = (await stat(path)).isDirectory();
  } catch (e) {
    return empty(`${path}: cannot read it (${describe(e)}); give a manifest file or a folder of them`);
  }
  let paths: string[];
  try {
    paths = isDir ? await manifestFiles(path) : [path];
  } catch (e) {
    return empty(`${path}: cannot list the folder (${describe(e)})`);
  }
  if (paths.length === 0) return empty(`${path}: the folder has no .yaml, .yml or .json files`);

  const files: ManifestFile[] = [];
  const unreadable: string[] = [];
  for (const p of paths) {
    try {
      files.push({ path: p, text: await readFile(p, 'utf8') });
    } catch (e) {
      unreadable.push(`${p}: cannot read it (${describe(e)})`);
    }
  }
  const loaded = parseManifests(files);
  return { ...loaded, errors: [...unreadable, ...loaded.errors] };
}

/** Sorted, so that the same folder always reads the same way. Hidden folders and node_modules are skipped. */
async function manifestFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      out.push(...(await manifestFiles(full)));
    } else if ((entry.isFile() || entry.isSymbolicLink()) && EXTENSIONS.test(entry.name)) {
      out.push(full);
    }
  }
  return out;
}

function describe(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err?.code === 'ENOENT') return 'it does not exist';
  if (err?.code === 'EACCES') return 'permission denied';
  return err?.message ?? String(e);
}
