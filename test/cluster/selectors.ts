// Label and field selectors as the apiserver parses and matches them.
import { badRequest } from './status.ts';
import type { Obj } from './store.ts';

export type LabelRequirement =
  | { op: 'exists' | '!'; key: string }
  | { op: '=' | '!='; key: string; value: string }
  | { op: 'in' | 'notin'; key: string; values: string[] };

const splitTopLevel = (text: string): string[] => {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts.map((p) => p.trim()).filter((p) => p !== '');
};

export const parseLabelSelector = (text: string | null | undefined): LabelRequirement[] => {
  if (!text) return [];
  return splitTopLevel(text).map((part): LabelRequirement => {
    const set = /^([^\s!=()]+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(part);
    if (set) {
      const values = set[3]!.split(',').map((v) => v.trim());
      return { op: set[2] as 'in' | 'notin', key: set[1]!, values };
    }
    const eq = /^([^\s!=()]+)\s*(==|!=|=)\s*([^\s!=(),]*)$/.exec(part);
    if (eq) return { op: eq[2] === '!=' ? '!=' : '=', key: eq[1]!, value: eq[3]! };
    const not = /^!\s*([^\s!=()]+)$/.exec(part);
    if (not) return { op: '!', key: not[1]! };
    if (/^[^\s!=()]+$/.test(part)) return { op: 'exists', key: part };
    throw badRequest(
      `unable to parse requirement: found '${part}', expected: 'in', 'notin', '=', '==', '!=', '!', or an identifier`,
    );
  });
};

export const matchesLabels = (
  reqs: LabelRequirement[],
  labels: Record<string, string> | undefined,
): boolean =>
  reqs.every((r) => {
    const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key);
    const v = has ? labels![r.key] : undefined;
    switch (r.op) {
      case 'exists':
        return has;
      case '!':
        return !has;
      case '=':
        return has && v === r.value;
      case '!=':
        return !has || v !== r.value;
      case 'in':
        return has && r.values.includes(v!);
      case 'notin':
        return !has || !r.values.includes(v!);
    }
  });

export interface FieldRequirement {
  field: string;
  op: '=' | '!=';
  value: string;
}

/** Field labels each resource supports beyond metadata.name and metadata.namespace. */
const FIELD_LABELS: Record<string, string[]> = {
  pods: [
    'spec.nodeName',
    'spec.restartPolicy',
    'spec.schedulerName',
    'spec.serviceAccountName',
    'spec.hostNetwork',
    'status.phase',
    'status.podIP',
    'status.nominatedNodeName',
  ],
  namespaces: ['status.phase'],
  nodes: ['spec.unschedulable'],
  services: ['spec.clusterIP', 'spec.type'],
  events: [
    'involvedObject.kind',
    'involvedObject.namespace',
    'involvedObject.name',
    'involvedObject.uid',
    'involvedObject.apiVersion',
    'involvedObject.resourceVersion',
    'involvedObject.fieldPath',
    'reason',
    'reportingComponent',
    'source',
    'type',
  ],
};

export const parseFieldSelector = (text: string | null | undefined, resource: string): FieldRequirement[] => {
  if (!text) return [];
  return text
    .split(',')
    .filter((p) => p.trim() !== '')
    .map((part) => {
      const m = /^\s*([^!=\s]+)\s*(==|!=|=)\s*(.*?)\s*$/.exec(part);
      if (!m) throw badRequest(`invalid selector: '${text}'; can't understand '${part}'`);
      const field = m[1]!;
      const allowed = ['metadata.name', 'metadata.namespace', ...(FIELD_LABELS[resource] ?? [])];
      if (!allowed.includes(field)) throw badRequest(`field label not supported: ${field}`);
      return { field, op: m[2] === '!=' ? '!=' : '=', value: m[3]! } as FieldRequirement;
    });
};

const fieldValue = (obj: Obj, field: string): string => {
  if (field === 'source') return String(obj.source?.component ?? '');
  let cur: unknown = obj;
  for (const part of field.split('.'))
    cur = typeof cur === 'object' && cur !== null ? (cur as Obj)[part] : undefined;
  return cur === undefined || cur === null ? '' : String(cur);
};

export const matchesFields = (reqs: FieldRequirement[], obj: Obj): boolean =>
  reqs.every((r) => (fieldValue(obj, r.field) === r.value) === (r.op === '='));
