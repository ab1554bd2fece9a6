// The command in the summary that reproduces a probe: readable, and pasted into
// a shell it gives kubectl exactly the intended words.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { reproduceCommand } from '../../src/probe/repro.ts';
import { parseTarget } from '../../src/matrix/target.ts';
import type { Settings, TestCase } from '../../src/core/types.ts';
import { SETTINGS } from '../fixtures/settings.ts';

const settings: Settings = { ...SETTINGS };

function test(to: string, labels: Record<string, string>): TestCase {
  const target = parseTarget(to);
  if (!target.ok) throw new Error(target.errors.join('; '));
  return { index: 3, name: 'n', from: 'dark-tower', labels, to, target: target.value, expect: 'deny' };
}

describe('reproduceCommand', () => {
  it('starts a throwaway pod like the canary and runs the same probe', () => {
    expect(reproduceCommand(test('tcp://db.data:5432', { app: 'frontend' }), settings)).toBe(
      'kubectl run netpol-repro-4 -n dark-tower --rm -i --restart=Never --image=busybox:1.36 --labels=app=frontend -- nc -z -v -v -w 5 db.data 5432',
    );
  });

  it('is pasted into a shell as exactly the intended words', () => {
    const context = "it's a $context with `ticks`";
    const cmd = reproduceCommand(test('http://h/?a=b', { team: 'ops' }), { ...settings, context });
    const r = spawnSync(
      '/bin/sh',
      ['-c', `kubectl() { for a in "$@"; do printf '%s\\n' "$a"; done; }; ${cmd}`],
      {
        encoding: 'utf8',
      },
    );
    expect(r.stdout.split('\n').slice(0, -1)).toEqual([
      '--context',
      context,
      'run',
      'netpol-repro-4',
      '-n',
      'dark-tower',
      '--rm',
      '-i',
      '--restart=Never',
      '--image=busybox:1.36',
      '--labels=team=ops',
      '--',
      'sh',
      '-c',
      "nc -z -v -v -w 5 h 80; wget --spider -T 5 'http://h/?a=b'",
    ]);
  });
});
