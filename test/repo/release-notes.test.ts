// What a version tag releases: the tag, package.json and CHANGELOG.md must agree, and the
// version's CHANGELOG section becomes the GitHub release's notes.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { changelogSection, checkRelease, parseTag } from '../../scripts/release-notes.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const changelog = readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8');
const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

const SAMPLE = [
  '# Changelog',
  '',
  '## [Unreleased]',
  '',
  '## [1.1.0] - 2027-01-10',
  '',
  '### Fixed',
  '',
  '- a thing',
  '',
  '## [1.0.0] - 2026-12-06',
  '',
  '### Added',
  '',
  '- everything',
  '',
  '[Unreleased]: https://example.com/compare/v1.1.0...HEAD',
  '[1.1.0]: https://example.com/v1.1.0',
].join('\n');

describe('release notes', () => {
  it("are the version's section, up to the next version", () => {
    expect(changelogSection(SAMPLE, '1.1.0')).toBe('### Fixed\n\n- a thing');
    // the last version ends at the link references
    expect(changelogSection(SAMPLE, '1.0.0')).toBe('### Added\n\n- everything');
  });

  it('refuse a version without a section, or with an empty one, saying what to add', () => {
    expect(() => changelogSection(SAMPLE, '1.2.0')).toThrow(
      'CHANGELOG.md has no section for 1.2.0: add "## [1.2.0] - YYYY-MM-DD"',
    );
    expect(() => changelogSection(SAMPLE, 'Unreleased')).toThrow(
      "CHANGELOG.md's section for Unreleased is empty",
    );
    // 1.0.0 is not 1.0.0-rc.1, nor 1.0.0.1
    expect(() => changelogSection(SAMPLE.replace('[1.0.0]', '[1.0.0-rc.1]'), '1.0.0')).toThrow('no section');
  });

  it('exist for the version in package.json, in this repository', () => {
    expect(checkRelease(`v${version}`, version, changelog).version).toBe(version);
    expect(changelogSection(changelog, version)).toMatch(/^### Added$/m);
  });
});

describe('release tags', () => {
  it('move the major tag, except for pre-releases', () => {
    expect(parseTag('v1.2.3')).toEqual({ tag: 'v1.2.3', version: '1.2.3', major: 'v1', prerelease: false });
    expect(parseTag('v2.0.0-rc.1')).toMatchObject({ version: '2.0.0-rc.1', major: 'v2', prerelease: true });
  });

  it('must be v<major>.<minor>.<patch> and name the version in package.json', () => {
    for (const bad of ['1.2.3', 'v1.2', 'v01.2.3', 'v1.2.3 ', 'v1'])
      expect(() => parseTag(bad), bad).toThrow('is not a release tag');
    expect(() => checkRelease('v9.9.9', version, changelog)).toThrow(
      `the tag v9.9.9 says 9.9.9, but package.json says ${version}`,
    );
  });

  it('are checked by the script the release workflow runs', () => {
    const script = join(ROOT, 'scripts/release-notes.ts');
    const tsx = join(ROOT, 'node_modules/.bin/tsx');
    expect(execFileSync(tsx, [script, 'major', `v${version}`], { encoding: 'utf8' }).trim()).toBe(
      `v${version.split('.')[0]}`,
    );
    const notes = execFileSync(tsx, [script, 'notes', `v${version}`], { encoding: 'utf8' });
    expect(notes.trim()).toBe(changelogSection(changelog, version));
    const wrong = spawnSync(tsx, [script, 'check', 'v9.9.9'], { encoding: 'utf8' });
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('release-notes: the tag v9.9.9 says 9.9.9');
  });
});
