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
  it('starts a throwaway pod like the canary, restricted as it is, and runs the same probe', () => {
    const overrides =
      '{"spec":{"automountServiceAccountToken":false,"enableServiceLinks":false,"securityContext":{"runAsNonRoot":true,"runAsUser":65534,"runAsGroup":65534,"seccompProfile":{"type":"RuntimeDefault"}},' +
      '"containers":[{"name":"netpol-repro-4","securityContext":{"allowPrivilegeEscalation":false,"readOnlyRootFilesystem":true,"runAsNonRoot":true,"capabilities":{"drop":["ALL"]}}}]}}';
    expect(reproduceCommand(test('tcp://db.data:5432', { app: 'frontend' }), settings)).toBe(
      [
        'kubectl run netpol-repro-4 -n dark-tower --rm -i --restart=Never \\',
        '  --image=busybox:1.36 --labels=app=frontend \\',
        `  --override-type=strategic --overrides='${overrides}' \\`,
        '  -- nc -z -v -v -w 5 db.data 5432',
      ].join('\n'),
    );
  });

  it('creates a namespace the run created first, with its labels, and deletes it last', () => {
    const lines = reproduceCommand(test('tcp://db.data:5432', {}), settings, {
      createdNamespace: { labels: { team: 'web', 'pod-security.kubernetes.io/enforce': 'restricted' } },
    }).split('\n');
    expect(lines[0]).toBe('kubectl create namespace dark-tower');
    expect(lines[1]).toBe(
      'kubectl label namespace dark-tower pod-security.kubernetes.io/enforce=restricted team=web',
    );
    expect(lines[2]).toMatch(/^kubectl run netpol-repro-4 -n dark-tower /);
    expect(lines.at(-1)).toBe('kubectl delete namespace dark-tower');
  });

  it('places the pod as the canary: node, node selector, tolerations, pull secret', () => {
    const t = { ...test('tcp://db:1', {}), node: 'kind-worker' };
    const cmd = reproduceCommand(t, {
      ...settings,
      nodeSelector: { pool: 'a' },
      tolerations: [{ key: 'gpu', operator: 'Exists' }],
      imagePullSecret: 'regcred',
    });
    const json = JSON.parse(/--overrides='([^']*)'/.exec(cmd)?.[1] ?? '{}');
    expect(json.spec).toMatchObject({
      nodeSelector: { pool: 'a', 'kubernetes.io/hostname': 'kind-worker' },
      tolerations: [{ key: 'gpu', operator: 'Exists' }],
      imagePullSecrets: [{ name: 'regcred' }],
    });
  });

  it('is pasted into a shell as exactly the intended words', () => {
    const context = "it's a $context with `ticks`";
    const cmd = reproduceCommand(
      test('http://h/?a=b', { team: 'ops' }),
      { ...settings, context },
      {
        createdNamespace: { labels: {} },
      },
    );
    const r = spawnSync('/bin/sh', ['-c', `kubectl() { printf '%s\\n' "$@"; echo @@end; }; ${cmd}`], {
      encoding: 'utf8',
    });
    const calls = r.stdout
      .split('@@end\n')
      .slice(0, -1)
      .map((c) => c.split('\n').slice(0, -1));
    expect(calls[0]).toEqual(['--context', context, 'create', 'namespace', 'dark-tower']);
    const run = calls[1] ?? [];
    const overrides = run.find((w) => w.startsWith('--overrides=')) ?? '';
    expect(run.filter((w) => w !== overrides)).toEqual([
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
      '--override-type=strategic',
      '--',
      'sh',
      '-c',
      "nc -z -v -v -w 5 h 80; wget --spider -T 5 'http://h/?a=b'",
    ]);
    expect(JSON.parse(overrides.slice('--overrides='.length)).spec.securityContext.runAsUser).toBe(65534);
    expect(calls[2]).toEqual(['--context', context, 'delete', 'namespace', 'dark-tower']);
  });
});
