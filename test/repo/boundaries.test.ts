// The layers of src/ are enforced by `npm run lint` (eslint.config.js). These
// trees are linted with the project's own config: each forbidden import is refused
// with a message that names the rule, and the allowed ones pass.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

interface Finding {
  file: string;
  rule: string | null;
  message: string;
}

/** Lints a tree of files (path → text) laid out like src/, with the project's eslint config. */
function lintTree(files: Record<string, string>): { status: number | null; findings: Finding[] } {
  const dir = mkdtempSync(join(tmpdir(), 'netpol-canary-lint-'));
  made.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const run = spawnSync(
    process.execPath,
    [
      join(ROOT, 'node_modules/eslint/bin/eslint.js'),
      '--config',
      join(ROOT, 'eslint.config.js'),
      '--format',
      'json',
      'src',
    ],
    { cwd: dir, encoding: 'utf8' },
  );
  const reports = JSON.parse(run.stdout) as {
    filePath: string;
    messages: { ruleId: string | null; message: string }[];
  }[];
  const findings = reports.flatMap((r) =>
    r.messages.map((m) => ({ file: r.filePath.slice(dir.length + 1), rule: m.ruleId, message: m.message })),
  );
  return { status: run.status, findings };
}

const exporting = (name: string) => `export const ${name} = 1;\n`;
const importing = (from: string, name: string) =>
  `import { ${name} } from '${from}';\nexport const use = ${name};\n`;

describe('the layers of src/', () => {
  it.each([
    [
      'a pure folder reaching the cluster',
      'src/matrix/plan.ts',
      '../cluster/kubectl.ts',
      'src/matrix may import only from src/core',
    ],
    [
      'the policy model reaching an entry point',
      'src/policy/evaluate.ts',
      '../action/main.ts',
      'src/policy may import only from src/core',
    ],
    [
      'the cluster code reaching the CLI',
      'src/cluster/canaries.ts',
      '../cli/output.ts',
      'src/cluster may import only from',
    ],
    [
      'the cluster code reaching the shared run',
      'src/cluster/canaries.ts',
      '../run/run-matrix.ts',
      'src/cluster may import only from',
    ],
    [
      'the action reaching the CLI',
      'src/action/main.ts',
      '../cli/commands.ts',
      'src/action may import only from',
    ],
    ['the CLI reaching the action', 'src/cli/cli.ts', '../action/state.ts', 'src/cli may import only from'],
    [
      'the shared core reaching the matrix',
      'src/core/types.ts',
      '../matrix/target.ts',
      'src/core may import only from no other part of src',
    ],
  ])('refuses %s', (_what, importer, imported, says) => {
    const target = join(dirname(importer), imported);
    const { status, findings } = lintTree({
      [target]: exporting('thing'),
      [importer]: importing(imported, 'thing'),
    });
    expect(status).toBe(1);
    expect(findings).toEqual([
      { file: importer, rule: 'import-x/no-restricted-paths', message: expect.stringContaining(says) },
    ]);
  });

  it('refuses an import cycle, even inside one folder', () => {
    const { status, findings } = lintTree({
      'src/probe/a.ts': importing('./b.ts', 'b'),
      'src/probe/b.ts': `import { use } from './a.ts';\nexport const b = use;\n`,
    });
    expect(status).toBe(1);
    expect(findings.map((f) => [f.file, f.rule])).toEqual([
      ['src/probe/a.ts', 'import-x/no-cycle'],
      ['src/probe/b.ts', 'import-x/no-cycle'],
    ]);
  });

  it('lets every import that points down through', () => {
    const { status, findings } = lintTree({
      'src/core/types.ts': exporting('core'),
      'src/matrix/target.ts': importing('../core/types.ts', 'core'),
      'src/probe/verdict.ts': importing('../matrix/target.ts', 'use'),
      'src/report/summary.ts': importing('../probe/verdict.ts', 'use'),
      'src/cluster/kubectl.ts': importing('../report/summary.ts', 'use'),
      'src/run/run-matrix.ts': importing('../cluster/kubectl.ts', 'use'),
      'src/action/main.ts': importing('../run/run-matrix.ts', 'use'),
      'src/cli/cli.ts': importing('../run/run-matrix.ts', 'use'),
    });
    expect(findings).toEqual([]);
    expect(status).toBe(0);
  });
});
