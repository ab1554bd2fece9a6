// What the release workflow publishes for a version tag: the tag must name the version in
// package.json and a section of CHANGELOG.md, and that section is the release's notes.
//
//   npx tsx scripts/release-notes.ts check v1.2.3     fails unless tag, package.json and CHANGELOG agree
//   npx tsx scripts/release-notes.ts notes v1.2.3     prints the CHANGELOG section of 1.2.3
//   npx tsx scripts/release-notes.ts major v1.2.3     prints the major tag to move (v1), nothing for a pre-release
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const SEMVER = /^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z.-]+))?$/;

export interface ReleaseTag {
  tag: string;
  /** 1.2.3 or 1.2.3-rc.1 */
  version: string;
  /** v1: the tag users pin; moved by every release but pre-releases */
  major: string;
  prerelease: boolean;
}

export function parseTag(tag: string): ReleaseTag {
  const m = SEMVER.exec(tag);
  if (!m) throw new Error(`"${tag}" is not a release tag: use v<major>.<minor>.<patch>, such as v1.2.3`);
  return { tag, version: tag.slice(1), major: `v${m[1]}`, prerelease: m[4] !== undefined };
}

/** The body of `## [version] - date` in a Keep a Changelog file, up to the next version's heading. */
export function changelogSection(changelog: string, version: string): string {
  const lines = changelog.split('\n');
  const heading = new RegExp(`^## \\[${version.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\](\\s|$)`);
  const start = lines.findIndex((l) => heading.test(l));
  if (start < 0) {
    throw new Error(
      `CHANGELOG.md has no section for ${version}: add "## [${version}] - YYYY-MM-DD" with what changed, then tag again`,
    );
  }
  const rest = lines.slice(start + 1);
  // the next version's heading, or the link references at the end
  const end = rest.findIndex((l) => l.startsWith('## ') || /^\[[^\]]+\]: /.test(l));
  const body = (end < 0 ? rest : rest.slice(0, end)).join('\n').trim();
  if (body === '') throw new Error(`CHANGELOG.md's section for ${version} is empty: say what changed`);
  return body;
}

/** Throws unless the tag, package.json's version and CHANGELOG.md agree. */
export function checkRelease(tag: string, packageVersion: string, changelog: string): ReleaseTag {
  const release = parseTag(tag);
  if (release.version !== packageVersion) {
    throw new Error(
      `the tag ${tag} says ${release.version}, but package.json says ${packageVersion}: set "version" to ${release.version}, commit, and tag that commit`,
    );
  }
  changelogSection(changelog, release.version);
  return release;
}

function main(argv: string[]): void {
  const [what, tag = ''] = argv;
  const root = resolve(import.meta.dirname, '..');
  const changelog = readFileSync(resolve(root, 'CHANGELOG.md'), 'utf8');
  const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string };
  const release = checkRelease(tag, pkg.version, changelog);
  if (what === 'check') console.log(`${tag}: package.json and CHANGELOG.md agree`);
  else if (what === 'notes') console.log(changelogSection(changelog, release.version));
  else if (what === 'major') console.log(release.prerelease ? '' : release.major);
  else throw new Error(`unknown command "${what ?? ''}": use check, notes or major`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    main(process.argv.slice(2));
  } catch (e) {
    console.error(`release-notes: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  }
}
