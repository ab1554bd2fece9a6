// Names and labels checked as the Kubernetes API server checks them, with its wording
// (k8s.io/apimachinery/pkg/util/validation), so a user who searches for a message finds
// the Kubernetes documentation. Checking before we call kubectl turns a confusing
// mid-run failure into a clear error up front.
import type { Labels } from '../core/types.ts';
import { showValue } from '../core/show-value.ts';

const LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const SUBDOMAIN_FMT = `${LABEL_FMT}(\\.${LABEL_FMT})*`;
const QNAME_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';

const LABEL_RE = new RegExp(`^${LABEL_FMT}$`);
const SUBDOMAIN_RE = new RegExp(`^${SUBDOMAIN_FMT}$`);
const QNAME_RE = new RegExp(`^${QNAME_FMT}$`);
const LABEL_VALUE_RE = new RegExp(`^(${QNAME_FMT})?$`);

// The double spaces after the commas are the API server's own.
const DNS1123_LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '" +
  LABEL_FMT +
  "')";
const DNS1123_SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '" +
  SUBDOMAIN_FMT +
  "')";
const QNAME_MSG =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '" +
  QNAME_FMT +
  "')";
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(" +
  QNAME_FMT +
  ")?')";

const maxLenMsg = (n: number): string => `must be no more than ${n} characters`;

export function dns1123LabelErrors(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLenMsg(63));
  if (!LABEL_RE.test(value)) errs.push(DNS1123_LABEL_MSG);
  return errs;
}

export function dns1123SubdomainErrors(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 253) errs.push(maxLenMsg(253));
  if (!SUBDOMAIN_RE.test(value)) errs.push(DNS1123_SUBDOMAIN_MSG);
  return errs;
}

/** Messages for a namespace name (a DNS-1123 label, at most 63 characters). */
export const namespaceNameErrors = dns1123LabelErrors;
/** Messages for a node name (a DNS-1123 subdomain). */
export const nodeNameErrors = dns1123SubdomainErrors;
/** Messages for a Secret name (a DNS-1123 subdomain). */
export const secretNameErrors = dns1123SubdomainErrors;

/** A label key: an optional DNS-1123 subdomain prefix and '/', then a name of at most 63. */
export function labelKeyErrors(key: string): string[] {
  const parts = key.split('/');
  let name: string;
  const errs: string[] = [];
  if (parts.length === 1) {
    name = parts[0] ?? '';
  } else if (parts.length === 2) {
    const prefix = parts[0] ?? '';
    name = parts[1] ?? '';
    if (prefix === '') errs.push('prefix part must be non-empty');
    else errs.push(...dns1123SubdomainErrors(prefix).map((m) => `prefix part ${m}`));
  } else {
    return [
      `a qualified name ${QNAME_MSG} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (name === '') errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push(`name part ${maxLenMsg(63)}`);
  if (!QNAME_RE.test(name)) errs.push(`name part ${QNAME_MSG}`);
  return errs;
}

export function labelValueErrors(value: string): string[] {
  const errs: string[] = [];
  if (value.length > 63) errs.push(maxLenMsg(63));
  if (!LABEL_VALUE_RE.test(value)) errs.push(LABEL_VALUE_MSG);
  return errs;
}

/**
 * Every problem with a set of labels, each as `<where>: key "k": …` or
 * `<where>: value "v" of key "k": …` (no prefix when `where` is '').
 */
export function labelsErrors(labels: Labels, where: string): string[] {
  const errs: string[] = [];
  const at = where === '' ? '' : `${where}: `;
  for (const [key, value] of Object.entries(labels)) {
    for (const m of labelKeyErrors(key)) errs.push(`${at}key ${showValue(key)}: ${m}`);
    for (const m of labelValueErrors(value)) {
      errs.push(`${at}value ${showValue(value)} of key ${showValue(key)}: ${m}`);
    }
  }
  return errs;
}

const IMAGE_RE = /^[A-Za-z0-9._/:@-]+$/;

/**
 * An image reference as a container runtime would take it (registry/name:tag@digest).
 * Deliberately loose on structure, strict on characters: the value ends up in a pod spec
 * and in commands people paste, so nothing may look like an option or a shell word.
 */
export function imageReferenceErrors(image: string): string[] {
  if (image === '') return ['an image reference must not be empty'];
  const errs: string[] = [];
  if (image.length > 4096) errs.push('an image reference must be no more than 4096 characters');
  if (/\s/.test(image)) errs.push('an image reference must not contain whitespace');
  if (image.startsWith('-')) errs.push('an image reference must not start with "-"');
  if (!IMAGE_RE.test(image)) {
    errs.push(
      'an image reference may contain only letters, digits and the characters . _ / : @ - (as in busybox:1.36 or registry.example.com/tools/busybox@sha256:…)',
    );
  }
  return errs;
}
