// Test-controlled RBAC: everything is allowed except what a deny rule matches. Used for
// real requests (403 Forbidden) and for SelfSubjectAccessReview answers alike.
import { forbidden, type ApiError } from './status.ts';

export interface DenyRule {
  verb?: string | string[];
  resource?: string;
  subresource?: string;
  namespace?: string;
  group?: string;
}

export interface Attributes {
  verb: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  group: string;
  name?: string;
}

const verbMatches = (rule: DenyRule, verb: string): boolean => {
  if (rule.verb === undefined || rule.verb === '*') return true;
  const verbs = Array.isArray(rule.verb) ? rule.verb : [rule.verb];
  return verbs.includes('*') || verbs.includes(verb);
};

export const ruleMatches = (rule: DenyRule, a: Attributes): boolean => {
  if (!verbMatches(rule, a.verb)) return false;
  if (rule.resource !== undefined && rule.resource !== '*' && rule.resource !== a.resource) return false;
  // a rule without subresource covers the resource itself only, like RBAC's "pods" vs "pods/exec"
  if ((rule.subresource ?? '') !== (a.subresource ?? '') && rule.subresource !== '*') return false;
  if (rule.namespace !== undefined && rule.namespace !== a.namespace) return false;
  if (rule.group !== undefined && rule.group !== '*' && rule.group !== a.group) return false;
  return true;
};

export interface Rbac {
  deny(rule: DenyRule): () => void;
  clear(): void;
  allowed(a: Attributes): boolean;
  /** throws the apiserver's 403 when a deny rule matches */
  check(a: Attributes, user: string): void;
  rules(): DenyRule[];
}

export const forbiddenFor = (a: Attributes, user: string): ApiError => {
  const res = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const where = a.namespace ? `in the namespace "${a.namespace}"` : 'at the cluster scope';
  return forbidden(
    { resource: a.resource, group: a.group },
    a.name,
    `User "${user}" cannot ${a.verb} resource "${res}" in API group "${a.group}" ${where}`,
  );
};

export const createRbac = (): Rbac => {
  let rules: DenyRule[] = [];
  const allowed = (a: Attributes): boolean => !rules.some((r) => ruleMatches(r, a));
  return {
    deny: (rule) => {
      const copy = { ...rule };
      rules.push(copy);
      return () => {
        rules = rules.filter((r) => r !== copy);
      };
    },
    clear: () => {
      rules = [];
    },
    allowed,
    check: (a, user) => {
      if (!allowed(a)) throw forbiddenFor(a, user);
    },
    rules: () => [...rules],
  };
};
