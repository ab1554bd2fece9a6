// Label selectors as the API server evaluates them, and how to show them.
import type { Labels } from '../core/types.ts';
import type { LabelSelector, LabelSelectorRequirement } from './types.ts';

/** `{}` (and a selector with no terms) matches everything. */
export function matchesSelector(selector: LabelSelector, labels: Labels): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== value) return false;
  }
  return (selector.matchExpressions ?? []).every((req) => matchesRequirement(req, labels));
}

function matchesRequirement(req: LabelSelectorRequirement, labels: Labels): boolean {
  const has = Object.hasOwn(labels, req.key);
  const values = req.values ?? [];
  switch (req.operator) {
    case 'In':
      return has && values.includes(labels[req.key] as string);
    // NotIn and DoesNotExist also match objects that lack the key
    case 'NotIn':
      return !has || !values.includes(labels[req.key] as string);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default:
      // an operator the API would have rejected: match nothing rather than guess
      return false;
  }
}

export function isEmptySelector(selector: LabelSelector): boolean {
  return (
    Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0
  );
}

/** `app=frontend,tier in (a, b),!legacy`; `{}` for the empty selector. */
export function selectorText(selector: LabelSelector): string {
  const terms = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const req of selector.matchExpressions ?? []) {
    const values = (req.values ?? []).join(', ');
    if (req.operator === 'In') terms.push(`${req.key} in (${values})`);
    else if (req.operator === 'NotIn') terms.push(`${req.key} notin (${values})`);
    else if (req.operator === 'Exists') terms.push(req.key);
    else if (req.operator === 'DoesNotExist') terms.push(`!${req.key}`);
    else terms.push(`${req.key} ${String(req.operator)} (${values})`);
  }
  return terms.length > 0 ? terms.join(',') : '{}';
}

export function labelsText(labels: Labels): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}
