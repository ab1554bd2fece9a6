import { describe, expect, it } from 'vitest';
import { jsonPatch, mergePatch, strategicMerge } from './patch.ts';
import type { Obj } from './store.ts';

const pod = {
  metadata: { name: 'p', labels: { app: 'web', old: 'x' }, finalizers: ['a'] },
  spec: {
    containers: [
      { name: 'c', image: 'busybox:1.36', env: [{ name: 'A', value: '1' }] },
      { name: 'd', image: 'nginx' },
    ],
    tolerations: [{ key: 'k', operator: 'Exists' }],
  },
};

describe('JSON merge patch (RFC 7386)', () => {
  it('merges maps, deletes with null and replaces lists', () => {
    expect(
      mergePatch(pod, {
        metadata: { labels: { old: null, new: 'y' } },
        spec: { containers: [{ name: 'e', image: 'x' }] },
      }),
    ).toMatchObject({
      metadata: { labels: { app: 'web', new: 'y' } },
      spec: { containers: [{ name: 'e', image: 'x' }] },
    });
  });
});

describe('strategic merge patch', () => {
  it('merges containers and env by name, honours $patch: delete and appends finalizers', () => {
    const out = strategicMerge(pod, {
      metadata: { finalizers: ['b'] },
      spec: {
        containers: [
          { name: 'c', env: [{ name: 'B', value: '2' }] },
          { name: 'd', $patch: 'delete' },
        ],
        '$setElementOrder/containers': [{ name: 'c' }],
      },
    }) as typeof pod;
    expect(out.spec.containers).toEqual([
      {
        name: 'c',
        image: 'busybox:1.36',
        env: [
          { name: 'A', value: '1' },
          { name: 'B', value: '2' },
        ],
      },
    ]);
    expect(out.metadata.finalizers).toEqual(['a', 'b']);
  });

  it('replaces lists without a merge key', () => {
    expect(
      (strategicMerge(pod, { spec: { tolerations: [{ key: 'z', operator: 'Exists' }] } }) as typeof pod).spec
        .tolerations,
    ).toEqual([{ key: 'z', operator: 'Exists' }]);
  });
});

describe('JSON patch (RFC 6902)', () => {
  it('adds, replaces, removes, moves, copies and tests', () => {
    const out = jsonPatch(pod, [
      { op: 'add', path: '/metadata/labels/a~1b', value: 'slash' },
      { op: 'replace', path: '/spec/containers/0/image', value: 'busybox:1.37' },
      { op: 'remove', path: '/metadata/labels/old' },
      { op: 'copy', from: '/metadata/name', path: '/metadata/generateName' },
      { op: 'move', from: '/spec/tolerations', path: '/spec/moved' },
      { op: 'test', path: '/metadata/name', value: 'p' },
      { op: 'add', path: '/metadata/finalizers/-', value: 'z' },
    ]) as Obj;
    expect(out.metadata).toEqual({
      name: 'p',
      generateName: 'p',
      labels: { app: 'web', 'a/b': 'slash' },
      finalizers: ['a', 'z'],
    });
    expect(out.spec.containers[0].image).toBe('busybox:1.37');
    expect(out.spec.moved).toEqual([{ key: 'k', operator: 'Exists' }]);
    expect(pod.spec.containers[0]!.image).toBe('busybox:1.36');
  });

  it('fails a test operation and a missing path with 422', () => {
    expect(() => jsonPatch(pod, [{ op: 'test', path: '/metadata/name', value: 'q' }])).toThrow(
      'testing value /metadata/name failed',
    );
    expect(() => jsonPatch(pod, [{ op: 'remove', path: '/metadata/nope' }])).toThrow('doc is missing path');
  });
});
