// examples/rbac.yaml is "the least the action needs": it grants every permission the
// run's own review asks for (src/cluster/access.ts), and not the exec or attach a canary
// that probes by itself has no use for.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { requiredPermissions, type Permission } from '../../src/cluster/access.ts';

interface Rule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
}

const docs = parseAllDocuments(readFileSync(resolve(import.meta.dirname, '../../examples/rbac.yaml'), 'utf8'))
  .map((d) => d.toJS() as { kind?: string; metadata?: { name?: string }; rules?: Rule[] })
  .filter((d) => d?.kind);
const rules = docs.filter((d) => d.kind === 'ClusterRole' || d.kind === 'Role').flatMap((d) => d.rules ?? []);

const grants = (p: Permission): boolean => {
  const resource = p.subresource ? `${p.resource}/${p.subresource}` : p.resource;
  return rules.some(
    (r) => r.apiGroups.includes('') && r.resources.includes(resource) && r.verbs.includes(p.verb),
  );
};

describe('examples/rbac.yaml', () => {
  it('grants every permission a run checks for, creating and sharing namespaces included', () => {
    const needs = requiredPermissions(['dark-tower', 'canary-test-x'], ['canary-test-x'], true);
    expect(needs.length).toBeGreaterThan(4);
    expect(needs.filter((p) => !grants(p))).toEqual([]);
  });

  it('grants no exec, attach or port-forward, and reads logs only', () => {
    const resources = rules.flatMap((r) => r.resources);
    for (const sub of ['pods/exec', 'pods/attach', 'pods/portforward', 'pods/proxy', '*'])
      expect(resources).not.toContain(sub);
    const logs = rules.filter((r) => r.resources.includes('pods/log'));
    expect(logs.flatMap((r) => r.verbs)).toEqual(['get']);
    // and nothing anywhere may write what it only reads
    expect(rules.flatMap((r) => r.verbs)).not.toContain('*');
  });
});
