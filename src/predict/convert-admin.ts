// policy.networking.k8s.io objects to the model's AdminPolicy: ClusterNetworkPolicy
// (v1alpha2) and AdminNetworkPolicy / BaselineAdminNetworkPolicy (v1alpha1).
// Checked for the shape the model relies on; anything else is an error that
// names the field, as policyFrom does for NetworkPolicy.
import type {
  AdminAction,
  AdminPeer,
  AdminPolicy,
  AdminPort,
  AdminRule,
  AdminSubject,
  LabelSelector,
  NamespacedPodSelector,
  Protocol,
} from '../policy/types.ts';
import { fail, ok, type Result } from '../core/result.ts';
import { isObject } from './convert.ts';

export const ADMIN_GROUP = 'policy.networking.k8s.io';

/** The kinds and versions the model reads. */
export const ADMIN_KINDS: Record<string, string> = {
  ClusterNetworkPolicy: `${ADMIN_GROUP}/v1alpha2`,
  AdminNetworkPolicy: `${ADMIN_GROUP}/v1alpha1`,
  BaselineAdminNetworkPolicy: `${ADMIN_GROUP}/v1alpha1`,
};

export function isAdminKind(kind: string, apiVersion: string): boolean {
  return ADMIN_KINDS[kind] === apiVersion;
}

type Kind = AdminPolicy['kind'];

export function adminPolicyFrom(obj: unknown): Result<AdminPolicy> {
  const o = isObject(obj) ? obj : {};
  const kind = o.kind as Kind;
  const meta = isObject(o.metadata) ? o.metadata : {};
  const name = typeof meta.name === 'string' ? meta.name : '';
  const who = `${kind} ${name || '(no name)'}`;
  if (name === '') return fail(`${who} has no metadata.name`);
  const spec = o.spec;
  if (!isObject(spec)) return fail(`${who} has no spec`);
  const errors: string[] = [];
  const v1alpha1 = kind !== 'ClusterNetworkPolicy';

  let tier: AdminPolicy['tier'] = kind === 'BaselineAdminNetworkPolicy' ? 'Baseline' : 'Admin';
  if (kind === 'ClusterNetworkPolicy') {
    if (spec.tier === 'Admin' || spec.tier === 'Baseline') tier = spec.tier;
    else errors.push('spec.tier must be Admin or Baseline');
  }
  let priority = 0;
  if (kind !== 'BaselineAdminNetworkPolicy') {
    const p = spec.priority;
    if (typeof p === 'number' && Number.isInteger(p) && p >= 0 && p <= 1000) priority = p;
    else errors.push('spec.priority must be a whole number from 0 to 1000');
  }
  const subject = subjectOf(spec.subject, errors);
  const actions: AdminAction[] =
    kind === 'BaselineAdminNetworkPolicy' ? ['Accept', 'Deny'] : ['Accept', 'Deny', 'Pass'];
  const rules = (key: 'ingress' | 'egress'): AdminRule[] => {
    const list = spec[key];
    if (list === undefined || list === null) return [];
    if (!Array.isArray(list)) {
      errors.push(`spec.${key} must be a list of rules`);
      return [];
    }
    return list.flatMap((r, i) => {
      const rule = ruleOf(r, `spec.${key}[${i}]`, key, v1alpha1, actions, errors);
      return rule ? [rule] : [];
    });
  };
  const ingress = rules('ingress');
  const egress = rules('egress');
  if (errors.length > 0) return fail(...errors.map((e) => `${who}: ${e}`));
  return ok({ kind, name, tier, priority, subject, ingress, egress });
}

function selectorOf(value: unknown, at: string, errors: string[]): LabelSelector {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) {
    errors.push(`${at} must be a label selector (matchLabels, matchExpressions)`);
    return {};
  }
  const out: LabelSelector = {};
  if (value.matchLabels !== undefined && value.matchLabels !== null) {
    if (!isObject(value.matchLabels)) errors.push(`${at}.matchLabels must be a map of labels`);
    else
      out.matchLabels = Object.fromEntries(Object.entries(value.matchLabels).map(([k, v]) => [k, String(v)]));
  }
  const exprs = value.matchExpressions;
  if (exprs !== undefined && exprs !== null) {
    if (!Array.isArray(exprs)) errors.push(`${at}.matchExpressions must be a list`);
    else {
      exprs.forEach((e, i) => {
        const op = isObject(e) ? e.operator : undefined;
        if (!isObject(e) || typeof e.key !== 'string') errors.push(`${at}.matchExpressions[${i}] has no key`);
        else if (op !== 'In' && op !== 'NotIn' && op !== 'Exists' && op !== 'DoesNotExist') {
          errors.push(`${at}.matchExpressions[${i}].operator must be In, NotIn, Exists or DoesNotExist`);
        }
      });
      out.matchExpressions = structuredClone(exprs) as LabelSelector['matchExpressions'];
    }
  }
  return out;
}

function podsOf(value: unknown, at: string, errors: string[]): NamespacedPodSelector {
  const v = isObject(value) ? value : {};
  if (!isObject(value)) errors.push(`${at} must have namespaceSelector and podSelector`);
  return {
    namespaceSelector: selectorOf(v.namespaceSelector, `${at}.namespaceSelector`, errors),
    podSelector: selectorOf(v.podSelector, `${at}.podSelector`, errors),
  };
}

function subjectOf(value: unknown, errors: string[]): AdminSubject {
  if (!isObject(value)) {
    errors.push('spec.subject must set namespaces or pods');
    return {};
  }
  const set = ['namespaces', 'pods'].filter((k) => value[k] !== undefined && value[k] !== null);
  if (set.length !== 1) {
    errors.push('spec.subject must set exactly one of namespaces and pods');
    return {};
  }
  if (set[0] === 'namespaces')
    return { namespaces: selectorOf(value.namespaces, 'spec.subject.namespaces', errors) };
  return { pods: podsOf(value.pods, 'spec.subject.pods', errors) };
}

const PEER_FIELDS = {
  ingress: ['namespaces', 'pods'],
  egress: ['namespaces', 'pods', 'networks', 'nodes', 'domainNames'],
} as const;

function ruleOf(
  value: unknown,
  at: string,
  direction: 'ingress' | 'egress',
  v1alpha1: boolean,
  actions: AdminAction[],
  errors: string[],
): AdminRule | undefined {
  if (!isObject(value)) {
    errors.push(`${at} must be a rule (action, ${direction === 'ingress' ? 'from' : 'to'})`);
    return undefined;
  }
  // v1alpha1 says Allow where v1alpha2 says Accept
  const raw = value.action === 'Allow' && v1alpha1 ? 'Accept' : value.action;
  const allowedWords = actions.map((a) => (a === 'Accept' && v1alpha1 ? 'Allow' : a));
  if (
    typeof raw !== 'string' ||
    !actions.includes(raw as AdminAction) ||
    (value.action === 'Accept' && v1alpha1)
  ) {
    errors.push(`${at}.action must be ${allowedWords.join(', ').replace(/, (\w+)$/, ' or $1')}`);
    return undefined;
  }
  const peersKey = direction === 'ingress' ? 'from' : 'to';
  const list = value[peersKey];
  if (!Array.isArray(list) || list.length === 0) {
    errors.push(`${at}.${peersKey} must be a list of at least one peer`);
    return undefined;
  }
  const peers: AdminPeer[] = [];
  list.forEach((p, i) => {
    const where = `${at}.${peersKey}[${i}]`;
    const fields = PEER_FIELDS[direction];
    const set = isObject(p) ? fields.filter((k) => p[k] !== undefined && p[k] !== null) : [];
    if (!isObject(p) || set.length !== 1) {
      errors.push(`${where} must set exactly one of ${fields.join(', ')}`);
      return;
    }
    const field = set[0] as (typeof fields)[number];
    if (field === 'namespaces')
      peers.push({ namespaces: selectorOf(p.namespaces, `${where}.namespaces`, errors) });
    else if (field === 'pods') peers.push({ pods: podsOf(p.pods, `${where}.pods`, errors) });
    else if (field === 'nodes') peers.push({ nodes: selectorOf(p.nodes, `${where}.nodes`, errors) });
    else {
      const items = p[field];
      if (!Array.isArray(items) || items.some((x) => typeof x !== 'string')) {
        errors.push(`${where}.${field} must be a list of strings`);
      } else peers.push({ [field]: [...items] as string[] });
    }
  });
  const ports = v1alpha1
    ? portsV1alpha1(value.ports, `${at}.ports`, errors)
    : protocolsOf(value.protocols, `${at}.protocols`, errors);
  return {
    ...(typeof value.name === 'string' && value.name !== '' ? { name: value.name } : {}),
    action: raw as AdminAction,
    peers,
    ...(ports ? { ports } : {}),
  };
}

function protocolOf(value: unknown): Protocol | undefined {
  if (value === undefined || value === null) return 'TCP';
  return value === 'TCP' || value === 'UDP' || value === 'SCTP' ? value : undefined;
}

/** A rule's port list, each entry read by `read`: absent is undefined (every port), not a list an error. */
function eachPort(
  value: unknown,
  at: string,
  errors: string[],
  read: (p: unknown, i: number) => AdminPort[],
): AdminPort[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) {
    errors.push(`${at} must be a list`);
    return undefined;
  }
  return value.flatMap(read);
}

/** v1alpha1: portNumber {protocol, port}, portRange {protocol, start, end}, namedPort. */
function portsV1alpha1(value: unknown, at: string, errors: string[]): AdminPort[] | undefined {
  return eachPort(value, at, errors, (p, i): AdminPort[] => {
    const where = `${at}[${i}]`;
    if (isObject(p) && isObject(p.portNumber)) {
      const protocol = protocolOf(p.portNumber.protocol);
      const port = p.portNumber.port;
      if (!protocol || typeof port !== 'number') {
        errors.push(`${where}.portNumber needs a port number and a protocol of TCP, UDP or SCTP`);
        return [];
      }
      return [{ protocol, port }];
    }
    if (isObject(p) && isObject(p.portRange)) {
      const protocol = protocolOf(p.portRange.protocol);
      const { start, end } = p.portRange;
      if (!protocol || typeof start !== 'number' || typeof end !== 'number') {
        errors.push(`${where}.portRange needs start, end and a protocol of TCP, UDP or SCTP`);
        return [];
      }
      return [{ protocol, port: start, endPort: end }];
    }
    if (isObject(p) && typeof p.namedPort === 'string') return [{ namedPort: p.namedPort }];
    errors.push(`${where} must set one of portNumber, portRange and namedPort`);
    return [];
  });
}

/** v1alpha2: tcp/udp/sctp {destinationPort: {number} | {range: {start, end}}}, or destinationNamedPort. */
function protocolsOf(value: unknown, at: string, errors: string[]): AdminPort[] | undefined {
  return eachPort(value, at, errors, (p, i): AdminPort[] => {
    const where = `${at}[${i}]`;
    if (isObject(p) && typeof p.destinationNamedPort === 'string')
      return [{ namedPort: p.destinationNamedPort }];
    for (const [key, protocol] of [
      ['tcp', 'TCP'],
      ['udp', 'UDP'],
      ['sctp', 'SCTP'],
    ] as const) {
      if (!isObject(p) || !(key in p)) continue;
      const match = isObject(p[key]) ? p[key] : {};
      const dest = match.destinationPort;
      if (dest === undefined || dest === null) return [{ protocol }];
      if (isObject(dest) && typeof dest.number === 'number') return [{ protocol, port: dest.number }];
      const range = isObject(dest) ? dest.range : undefined;
      if (isObject(range) && typeof range.start === 'number' && typeof range.end === 'number') {
        return [{ protocol, port: range.start, endPort: range.end }];
      }
      errors.push(`${where}.${key}.destinationPort must set number or range (start, end)`);
      return [];
    }
    errors.push(`${where} must set one of tcp, udp, sctp and destinationNamedPort`);
    return [];
  });
}
