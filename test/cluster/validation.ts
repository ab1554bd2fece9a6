// Object validation with the apiserver's field-error wording (k8s.io/apimachinery
// util/validation), so a user sees the same 422 messages as from a real cluster.
import { invalidValue, notSupported, required, type FieldError } from './status.ts';
import type { Obj } from './store.ts';

const LABEL_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const SUBDOMAIN_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_RE = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QNAME_RE = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE_RE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

const tooLong = (n: number): string => `must be no more than ${n} characters`;
const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const DNS1035_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const QNAME_PART =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

export const dns1123Label = (v: string): string[] => [
  ...(v.length > 63 ? [tooLong(63)] : []),
  ...(LABEL_RE.test(v) ? [] : [LABEL_MSG]),
];
export const dns1123Subdomain = (v: string): string[] => [
  ...(v.length > 253 ? [tooLong(253)] : []),
  ...(SUBDOMAIN_RE.test(v) ? [] : [SUBDOMAIN_MSG]),
];
export const dns1035Label = (v: string): string[] => [
  ...(v.length > 63 ? [tooLong(63)] : []),
  ...(DNS1035_RE.test(v) ? [] : [DNS1035_MSG]),
];

export const qualifiedName = (v: string): string[] => {
  const parts = v.split('/');
  let name = v;
  const errs: string[] = [];
  if (parts.length === 2) {
    const prefix = parts[0]!;
    name = parts[1]!;
    if (prefix === '') errs.push('prefix part must be non-empty');
    else errs.push(...dns1123Subdomain(prefix).map((m) => `prefix part ${m}`));
  } else if (parts.length > 2) {
    return [
      `a qualified name ${QNAME_PART} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (name === '') errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push(`name part ${tooLong(63)}`);
  if (name !== '' && !QNAME_RE.test(name)) errs.push(`name part ${QNAME_PART}`);
  return errs;
};

export const labelValue = (v: string): string[] => [
  ...(v.length > 63 ? [tooLong(63)] : []),
  ...(LABEL_VALUE_RE.test(v) ? [] : [LABEL_VALUE_MSG]),
];

export type NameRule = (v: string) => string[];

export const validateMeta = (meta: Obj, nameRule: NameRule, namespaced: boolean): FieldError[] => {
  const errs: FieldError[] = [];
  if (!meta.name) errs.push(required('metadata.name', 'name or generateName is required'));
  else for (const m of nameRule(meta.name)) errs.push(invalidValue('metadata.name', meta.name, m));
  if (namespaced && !meta.namespace) errs.push(required('metadata.namespace'));
  for (const [k, v] of Object.entries((meta.labels ?? {}) as Record<string, unknown>)) {
    for (const m of qualifiedName(k)) errs.push(invalidValue('metadata.labels', k, m));
    if (typeof v !== 'string') errs.push(invalidValue('metadata.labels', v, 'label values must be strings'));
    else for (const m of labelValue(v)) errs.push(invalidValue('metadata.labels', v, m));
  }
  for (const k of Object.keys((meta.annotations ?? {}) as Record<string, unknown>)) {
    for (const m of qualifiedName(k.toLowerCase())) errs.push(invalidValue('metadata.annotations', k, m));
  }
  return errs;
};

const containerErrors = (list: unknown, path: string, requiredList: boolean): FieldError[] => {
  const errs: FieldError[] = [];
  if (!Array.isArray(list) || list.length === 0) return requiredList ? [required(path)] : [];
  const seen = new Set<string>();
  list.forEach((c: Obj, i) => {
    const p = `${path}[${i}]`;
    if (!c?.name) errs.push(required(`${p}.name`));
    else {
      for (const m of dns1123Label(c.name)) errs.push(invalidValue(`${p}.name`, c.name, m));
      if (seen.has(c.name))
        errs.push({
          type: 'FieldValueDuplicate',
          field: `${p}.name`,
          detail: `Duplicate value: ${JSON.stringify(c.name)}`,
        });
      seen.add(c.name);
    }
    if (!c?.image) errs.push(required(`${p}.image`));
    (Array.isArray(c?.ports) ? c.ports : []).forEach((port: Obj, j: number) => {
      const n = port?.containerPort;
      if (typeof n !== 'number' || n < 1 || n > 65535)
        errs.push(
          invalidValue(`${p}.ports[${j}].containerPort`, n ?? 0, 'must be between 1 and 65535, inclusive'),
        );
    });
  });
  return errs;
};

export const validatePodSpec = (spec: Obj | undefined): FieldError[] => {
  const s = spec ?? {};
  const errs = [
    ...containerErrors(s.containers, 'spec.containers', true),
    ...containerErrors(s.initContainers, 'spec.initContainers', false),
  ];
  if (s.restartPolicy !== undefined && !['Always', 'OnFailure', 'Never'].includes(s.restartPolicy))
    errs.push(notSupported('spec.restartPolicy', s.restartPolicy, ['Always', 'OnFailure', 'Never']));
  const ads = s.activeDeadlineSeconds;
  if (ads !== undefined && (typeof ads !== 'number' || ads < 1 || ads > 2147483647))
    errs.push(invalidValue('spec.activeDeadlineSeconds', ads, 'must be between 1 and 2147483647, inclusive'));
  return errs;
};

export const validateServiceSpec = (spec: Obj | undefined): FieldError[] => {
  const s = spec ?? {};
  const errs: FieldError[] = [];
  const type = s.type ?? 'ClusterIP';
  if (!['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'].includes(type))
    errs.push(notSupported('spec.type', type, ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort']));
  const ports = Array.isArray(s.ports) ? s.ports : [];
  if (ports.length === 0 && type !== 'ExternalName' && s.clusterIP !== 'None')
    errs.push(required('spec.ports'));
  ports.forEach((p: Obj, i: number) => {
    if (typeof p?.port !== 'number' || p.port < 1 || p.port > 65535)
      errs.push(
        invalidValue(`spec.ports[${i}].port`, p?.port ?? 0, 'must be between 1 and 65535, inclusive'),
      );
  });
  return errs;
};

export const validateNetworkPolicySpec = (spec: Obj | undefined): FieldError[] => {
  const errs: FieldError[] = [];
  ((spec?.policyTypes ?? []) as unknown[]).forEach((t, i) => {
    if (t !== 'Ingress' && t !== 'Egress')
      errs.push(notSupported(`spec.policyTypes[${i}]`, t, ['Ingress', 'Egress']));
  });
  return errs;
};
