// The workflows and action.yml fit together: every input a workflow passes to
// this action exists, every output it reads exists, post always runs, and
// third-party actions are pinned by commit SHA.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = resolve(import.meta.dirname, '../..');

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}
interface Workflow {
  on?: unknown;
  jobs: Record<string, { 'runs-on'?: string; steps: Step[] }>;
}

const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { description?: string; default?: unknown }>;
  outputs: Record<string, { description?: string }>;
  runs: { using: string; main: string; post: string; 'post-if': string };
  branding?: unknown;
};
const workflowDir = join(ROOT, '.github/workflows');
const workflows = readdirSync(workflowDir)
  .filter((f) => f.endsWith('.yml') || f.endsWith('.yaml'))
  .map((f) => ({ file: f, doc: parse(readFileSync(join(workflowDir, f), 'utf8')) as Workflow }));

describe('action.yml', () => {
  it('runs dist/main.js, then always dist/post.js, on node24', () => {
    expect(action.runs).toEqual({
      using: 'node24',
      main: 'dist/main.js',
      post: 'dist/post.js',
      'post-if': 'always()',
    });
    expect(existsSync(join(ROOT, action.runs.main))).toBe(true);
    expect(existsSync(join(ROOT, action.runs.post))).toBe(true);
    expect(action.branding).toBeDefined();
  });

  it('describes every input and output, and the README documents each', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    for (const [name, input] of Object.entries(action.inputs)) {
      expect(input.description, name).toBeTruthy();
      expect(readme, `README documents input ${name}`).toContain(`| \`${name}\``);
    }
    for (const [name, output] of Object.entries(action.outputs)) {
      expect(output.description, name).toBeTruthy();
      expect(readme, `README documents output ${name}`).toContain(`| \`${name}\``);
    }
  });
});

describe('workflows', () => {
  it('include ci, check-dist, e2e and release', () => {
    expect(workflows.map((w) => w.file).sort()).toEqual([
      'check-dist.yml',
      'ci.yml',
      'e2e.yml',
      'release.yml',
    ]);
  });

  for (const { file, doc } of workflows) {
    const steps = Object.values(doc.jobs).flatMap((j) => j.steps);

    it(`${file}: pins every third-party action by commit SHA`, () => {
      for (const s of steps.filter((s) => s.uses && !s.uses.startsWith('./'))) {
        expect(s.uses, `${file}: ${s.uses}`).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
      }
    });

    it(`${file}: passes only inputs this action declares, and reads only outputs it sets`, () => {
      const ours = new Map(steps.filter((s) => s.uses === './' && s.id).map((s) => [s.id as string, s]));
      for (const s of steps.filter((s) => s.uses === './')) {
        for (const key of Object.keys(s.with ?? {})) {
          expect(Object.keys(action.inputs), `${file}: input ${key}`).toContain(key);
        }
      }
      const text = readFileSync(join(workflowDir, file), 'utf8');
      for (const m of text.matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g)) {
        const [, id, output] = m;
        const step = steps.find((s) => s.id === id);
        expect(step, `${file}: step ${id} exists`).toBeDefined();
        if (ours.has(id ?? ''))
          expect(Object.keys(action.outputs), `${file}: output ${output}`).toContain(output);
      }
    });
  }

  // the CNI legs, post order against kind-action's and the CoreDNS wait: workflows-on-github.test.ts
  it('e2e.yml runs the action on a kind cluster, expects a failure, and checks clean-up', () => {
    const e2e = workflows.find((w) => w.file === 'e2e.yml')?.doc;
    const steps = Object.values(e2e?.jobs ?? {}).flatMap((j) => j.steps);
    expect(steps.some((s) => s.uses?.startsWith('helm/kind-action@'))).toBe(true);
    const mustFail = steps.find((s) => s.id === 'must-fail');
    expect(mustFail?.uses).toBe('./');
    expect((mustFail as Record<string, unknown>)['continue-on-error']).toBe(true);
    // the clean-up check comes before every use of the action, so its post runs after theirs
    const assertClean = steps.findIndex((s) => s.uses === './.github/actions/assert-clean');
    const firstOurs = steps.findIndex((s) => s.uses === './');
    expect(assertClean).toBeGreaterThanOrEqual(0);
    expect(assertClean).toBeLessThan(firstOurs);
    const helper = parse(readFileSync(join(ROOT, '.github/actions/assert-clean/action.yml'), 'utf8')) as {
      runs: { post?: string; 'post-if'?: string };
    };
    expect(helper.runs.post).toBe('post.mjs');
    expect(helper.runs['post-if']).toBe('always()');
  });
});
