import { describe, expect, it } from 'vitest';
import { matchesFields, matchesLabels, parseFieldSelector, parseLabelSelector } from './selectors.ts';

const pod = {
  metadata: { name: 'canary-a', namespace: 'shop', labels: { app: 'web', tier: 'front' } },
  spec: { nodeName: 'kind-worker' },
  status: { phase: 'Running' },
};

describe('label selectors', () => {
  const match = (sel: string): boolean => matchesLabels(parseLabelSelector(sel), pod.metadata.labels);

  it('supports =, ==, !=, in, notin, exists and !key', () => {
    expect(
      [
        'app=web',
        'app==web',
        'app!=db',
        'app in (db, web)',
        'app notin (db)',
        'tier',
        '!missing',
        'app=web,tier in (front)',
      ].map(match),
    ).toEqual(Array(8).fill(true));
    expect(
      [
        'app=db',
        'app!=web',
        'app in (db)',
        'app notin (web,db)',
        'missing',
        '!tier',
        'app=web,tier=back',
      ].map(match),
    ).toEqual(Array(7).fill(false));
  });

  it('treats a missing label as matching != and notin', () => {
    expect(matchesLabels(parseLabelSelector('team!=a,team notin (a)'), {})).toBe(true);
  });

  it('refuses what it cannot parse with a 400', () => {
    expect(() => parseLabelSelector('app in web')).toThrow(/unable to parse requirement/);
  });
});

describe('field selectors', () => {
  it('matches metadata.name, metadata.namespace, status.phase and spec.nodeName', () => {
    const sel = parseFieldSelector(
      'metadata.name=canary-a,metadata.namespace==shop,status.phase!=Pending,spec.nodeName=kind-worker',
      'pods',
    );
    expect(matchesFields(sel, pod)).toBe(true);
    expect(matchesFields(parseFieldSelector('status.phase=Pending', 'pods'), pod)).toBe(false);
  });

  it('refuses field labels the resource does not support, as the apiserver does', () => {
    expect(() => parseFieldSelector('spec.nodeName=x', 'namespaces')).toThrow(
      'field label not supported: spec.nodeName',
    );
  });
});
