import { describe, expect, it } from 'vitest';
import {
  imageReferenceErrors,
  labelKeyErrors,
  labelsErrors,
  labelValueErrors,
  namespaceNameErrors,
  nodeNameErrors,
  secretNameErrors,
} from '../../src/matrix/k8s-names.ts';
import { didYouMean, editDistance, suggest } from '../../src/matrix/suggest.ts';

describe('Kubernetes names, as the API server checks them', () => {
  it('namespace names are DNS-1123 labels of at most 63 characters', () => {
    for (const ok of ['default', 'canary-test-a', 'a', '0abc', 'a'.repeat(63)])
      expect(namespaceNameErrors(ok)).toEqual([]);
    expect(namespaceNameErrors('Shop')).toEqual([
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    ]);
    expect(namespaceNameErrors('a'.repeat(64))).toEqual(['must be no more than 63 characters']);
    for (const bad of ['', '-a', 'a-', 'a.b', 'a_b']) expect(namespaceNameErrors(bad)).not.toEqual([]);
  });

  it('node and secret names are DNS-1123 subdomains', () => {
    for (const ok of ['ip-10-0-0-1.ec2.internal', 'kind-worker', 'regcred']) {
      expect(nodeNameErrors(ok)).toEqual([]);
      expect(secretNameErrors(ok)).toEqual([]);
    }
    expect(nodeNameErrors('Kind_Worker')[0]).toMatch(/^a lowercase RFC 1123 subdomain must consist of/);
    expect(secretNameErrors(`${'a'.repeat(250)}.bcd`)).toContain('must be no more than 253 characters');
  });

  it('label keys have an optional subdomain prefix and a name part', () => {
    for (const ok of ['app', 'app.kubernetes.io/name', 'My_Key.x', 'example.com/MyName'])
      expect(labelKeyErrors(ok)).toEqual([]);
    expect(labelKeyErrors('')).toEqual([
      'name part must be non-empty',
      "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    ]);
    expect(labelKeyErrors('/app')).toContain('prefix part must be non-empty');
    expect(labelKeyErrors('Example.com/app')[0]).toMatch(/^prefix part a lowercase RFC 1123 subdomain/);
    expect(labelKeyErrors('a/b/c')[0]).toMatch(
      /^a qualified name must consist of .* with an optional DNS subdomain prefix and '\/'/,
    );
    expect(labelKeyErrors('a'.repeat(64))).toContain('name part must be no more than 63 characters');
  });

  it('label values may be empty, at most 63 characters', () => {
    for (const ok of ['', 'web', 'v1.2_3-x']) expect(labelValueErrors(ok)).toEqual([]);
    expect(labelValueErrors('-web')[0]).toMatch(/^a valid label must be an empty string or consist of/);
    expect(labelValueErrors('a'.repeat(64))).toContain('must be no more than 63 characters');
  });

  it('labelsErrors names the key or value and where it is', () => {
    expect(labelsErrors({ app: 'web', 'bad key': 'x', tier: 'front end' }, 'pod labels')).toEqual([
      expect.stringMatching(/^pod labels: key "bad key": name part must consist/),
      expect.stringMatching(/^pod labels: value "front end" of key "tier": a valid label must be/),
    ]);
    expect(labelsErrors({ 'bad key': 'x' }, '')[0]).toMatch(/^key "bad key": /);
  });

  it('image references use a safe character set and never look like an option', () => {
    for (const ok of [
      'busybox:1.36',
      'registry.example.com:5000/tools/busybox@sha256:abc123',
      'my_org/img-x.y',
    ]) {
      expect(imageReferenceErrors(ok)).toEqual([]);
    }
    expect(imageReferenceErrors('')).toEqual(['an image reference must not be empty']);
    expect(imageReferenceErrors('-it')).toContain('an image reference must not start with "-"');
    expect(imageReferenceErrors('busybox 1.36')).toContain('an image reference must not contain whitespace');
    expect(imageReferenceErrors('busybox;id').join()).toMatch(
      /only letters, digits and the characters \. _ \/ : @ -/,
    );
  });
});

describe('suggest', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('form', 'from')).toBe(1);
    expect(editDistance('expects', 'expect')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('suggests close misspellings only', () => {
    const fields = ['name', 'from', 'labels', 'to', 'expect', 'node'];
    expect(suggest('expects', fields)).toBe('expect');
    expect(suggest('label', fields)).toBe('labels');
    expect(suggest('form', fields)).toBe('from');
    expect(suggest('Expect', fields)).toBe('expect');
    expect(suggest('target', fields)).toBeUndefined();
    expect(didYouMean('nmae', fields)).toBe(' (did you mean "name"?)');
    expect(didYouMean('zzzzzz', fields)).toBe('');
  });
});
