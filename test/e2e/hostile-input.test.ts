// Bad and hostile inputs (corpus/hostile-inputs.ts): each is refused with exactly one
// error annotation that names what is wrong, the cluster is not changed at all, and
// the post step that follows does no harm either.
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { HOSTILE_INPUTS, VALID_MATRIX, workspaceFiles } from './corpus/hostile-inputs.ts';
import { mutationsOf, runAgainst, withCluster } from './helpers.ts';

let workspace = '';

beforeAll(() => {
  workspace = mkdtempSync(join(tmpdir(), 'netpol-hostile-'));
  for (const [name, text] of Object.entries(workspaceFiles())) writeFileSync(join(workspace, name), text);
  symlinkSync('/etc/passwd', join(workspace, 'passwd-link.yaml'));
});

afterAll(() => {
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

describe('hostile and malformed inputs', () => {
  // no cluster call is made for these, so they are quick: run a few at once
  // (concurrent tests assert with their own context's expect)
  it.concurrent.for(HOSTILE_INPUTS)(
    '$name: one clear error, no change to the cluster',
    async (entry, { expect }) => {
      await withCluster({}, async (cluster) => {
        cluster.createNamespace('dark-tower');
        cluster.resetAudit();
        const run = await runAgainst(cluster, {
          inputs: { matrix: VALID_MATRIX, ...entry.inputs },
          workspace,
        });
        try {
          expect(run.main.failed).toBe(true);
          const errors = [...run.main.annotations, ...(run.post?.annotations ?? [])].filter(
            (a) => a.level === 'error',
          );
          expect(errors).toHaveLength(1);
          const message = errors[0]?.message ?? '';
          for (const says of entry.says) expect(message).toMatch(says);
          expect(message).toMatch(/nothing was created/i);
          expect(message).not.toMatch(/undefined|\[object Object\]|\n\s+at /);
          expect(run.main.outputs).toMatchObject({
            passed: '0',
            failed: '0',
            inconclusive: '0',
            results: '[]',
          });

          // post has nothing to clean up and says nothing more about it: no second
          // annotation, and never a claim that something was left behind
          expect(run.post?.failed).toBe(false);
          expect(run.post?.annotations).toEqual([]);
          expect(mutationsOf(cluster)).toEqual([]);
          expect(
            cluster
              .namespaces()
              .map((n) => n.metadata.name)
              .sort(),
          ).toEqual(['dark-tower', 'default', 'kube-node-lease', 'kube-public', 'kube-system']);
        } finally {
          run.dispose();
        }
      });
    },
  );
});
