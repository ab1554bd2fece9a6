// What environment the kubectl processes get: the runner's, with Go's collector target
// raised unless the user set one (src/cluster/kubectl.ts, kubectlEnv).
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createKubectl } from '../../src/cluster/kubectl.ts';

const dir = mkdtempSync(join(tmpdir(), 'kubectl-env-'));
// a stand-in that prints what a real kubectl would see
const binary = join(dir, 'kubectl');
writeFileSync(binary, '#!/bin/sh\necho "GOGC=${GOGC-unset} PATH_SET=${PATH:+yes}"\n');
chmodSync(binary, 0o755);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const saved = process.env.GOGC;
afterEach(() => {
  if (saved === undefined) delete process.env.GOGC;
  else process.env.GOGC = saved;
});

async function seen(): Promise<string> {
  const k = createKubectl({ binary, concurrency: 1 });
  const r = await k.run({ args: ['version'], timeoutMs: 10_000 });
  expect(r.code).toBe(0);
  return r.stdout.trim();
}

describe('the environment kubectl runs in', () => {
  it("is the runner's, with GOGC=200 when the runner sets none", async () => {
    delete process.env.GOGC;
    expect(await seen()).toBe('GOGC=200 PATH_SET=yes');
    // the action's own environment is left as it was
    expect(process.env.GOGC).toBeUndefined();
  });

  it('keeps a GOGC the user set, even an empty one', async () => {
    process.env.GOGC = '50';
    expect(await seen()).toBe('GOGC=50 PATH_SET=yes');
    process.env.GOGC = '';
    expect(await seen()).toBe('GOGC= PATH_SET=yes');
  });
});
