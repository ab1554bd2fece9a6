// The action's inputs, read and checked all at once. `get` returns '' for an unset input
// (the runner has already applied action.yml's defaults; the CLI passes them itself).
// Every message names its input: `input "timeout": …`.
import { parseDuration } from './duration.ts';
import {
  imageReferenceErrors,
  labelsErrors,
  labelKeyErrors,
  labelValueErrors,
  secretNameErrors,
} from './k8s-names.ts';
import { fail, ok, type Result } from '../core/result.ts';
import { quoteHint, showValue } from '../core/show-value.ts';
import { didYouMean } from './suggest.ts';
import type { Labels, Settings, Toleration } from '../core/types.ts';
import { readYamlText } from './yaml-text.ts';

const HOUR_MS = 3_600_000;

export function parseSettings(get: (name: string) => string): Result<Settings> {
  const errors: string[] = [];
  const read = (name: string): string => get(name).trim();
  const problem = (name: string, msg: string): void => {
    errors.push(`input ${JSON.stringify(name)}: ${msg}`);
  };
  /** For inputs that action.yml gives a default: empty means someone set it to ''. */
  const required = (name: string, what: string): string | undefined => {
    const v = read(name);
    if (v === '') problem(name, `is empty; remove it to use the default, or give ${what}`);
    return v === '' ? undefined : v;
  };

  const duration = (name: string): number => {
    const text = required(name, 'a duration such as 5s');
    if (text === undefined) return 0;
    const r = parseDuration(text);
    if (!r.ok) {
      r.errors.forEach((e) => problem(name, e));
      return 0;
    }
    if (r.value > HOUR_MS) problem(name, `${showValue(text)} is more than the limit of 1h`);
    return r.value;
  };

  const integer = (name: string, min: number, max: number): number => {
    const text = required(name, `a whole number from ${min} to ${max}`);
    if (text === undefined) return min;
    const n = /^\d{1,6}$/.test(text) ? Number(text) : NaN;
    if (!(n >= min && n <= max))
      problem(name, `must be a whole number from ${min} to ${max}, got ${showValue(text)}`);
    return n;
  };

  const boolean = (name: string): boolean => {
    const text = required(name, 'true or false');
    if (text === undefined) return false;
    // As @actions/core's getBooleanInput: the YAML 1.2 core schema's spellings only.
    if (['true', 'True', 'TRUE'].includes(text)) return true;
    if (['false', 'False', 'FALSE'].includes(text)) return false;
    problem(name, `must be true or false (also True, TRUE, False, FALSE), got ${showValue(text)}`);
    return false;
  };

  const image = required('image', 'an image such as busybox:1.36') ?? '';
  if (image !== '') imageReferenceErrors(image).forEach((e) => problem('image', `${showValue(image)}: ${e}`));
  const timeoutMs = duration('timeout');
  const readyTimeoutMs = duration('ready-timeout');
  const attempts = integer('attempts', 1, 10);
  const namespacePrefix = required('namespace-prefix', 'a prefix such as canary-test-') ?? '';
  if (namespacePrefix !== '')
    namespacePrefixErrors(namespacePrefix).forEach((e) => problem('namespace-prefix', e));
  const refusedMeansDenied = boolean('refused-means-denied');
  const failOnMismatch = boolean('fail-on-mismatch');
  const concurrency = integer('concurrency', 1, 100);

  const settings: Settings = {
    image,
    timeoutMs,
    readyTimeoutMs,
    attempts,
    namespacePrefix,
    refusedMeansDenied,
    failOnMismatch,
    concurrency,
  };

  const maxDelay = read('max-enforcement-delay');
  if (maxDelay !== '') {
    const r = parseDuration(maxDelay);
    if (!r.ok) r.errors.forEach((e) => problem('max-enforcement-delay', e));
    else if (r.value > HOUR_MS)
      problem('max-enforcement-delay', `${showValue(maxDelay)} is more than the limit of 1h`);
    else settings.maxEnforcementDelayMs = r.value;
  }

  const context = read('context');
  if (context !== '') {
    if (context.startsWith('-')) problem('context', `${showValue(context)} must not start with "-"`);
    // eslint-disable-next-line no-control-regex -- control characters are what we refuse
    if (/[\s\u0000-\u001f\u007f]/.test(context)) {
      problem('context', `${showValue(context)} must not contain whitespace or control characters`);
    }
    settings.context = context;
  }

  const kubectlVersion = read('kubectl-version');
  if (kubectlVersion !== '') {
    if (kubectlVersion !== 'latest' && !/^v?\d{1,3}\.\d{1,3}(\.\d{1,3})?$/.test(kubectlVersion)) {
      problem(
        'kubectl-version',
        `must be a version such as v1.33.1 or 1.33.1, a minor version such as 1.33, or latest, got ${showValue(kubectlVersion)}`,
      );
    }
    settings.kubectlVersion = kubectlVersion;
  }

  const secret = read('image-pull-secret');
  if (secret !== '') {
    secretNameErrors(secret).forEach((e) => problem('image-pull-secret', `${showValue(secret)}: ${e}`));
    settings.imagePullSecret = secret;
  }

  const selectorText = read('node-selector');
  if (selectorText !== '') {
    const r = readNodeSelector(selectorText);
    if (!r.ok) r.errors.forEach((e) => problem('node-selector', e));
    else if (Object.keys(r.value).length > 0) settings.nodeSelector = r.value;
  }

  const tolerationsText = read('tolerations');
  if (tolerationsText !== '') {
    const r = readTolerations(tolerationsText);
    if (!r.ok) r.errors.forEach((e) => problem('tolerations', e));
    else if (r.value.length > 0) settings.tolerations = r.value;
  }

  return errors.length > 0 ? fail(...errors) : ok(settings);
}

const RESERVED_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease', 'openshift'];
const RESERVED_STARTS = ['kube-', 'openshift-', 'default'];

/**
 * Why a namespace prefix is unusable, without the input name. Reserved prefixes are
 * refused because the action deletes, after the run, the namespaces it created whose
 * names start with the prefix: such a prefix could one day match a system namespace.
 */
export function namespacePrefixErrors(prefix: string): string[] {
  if (prefix === '')
    return ['must not be empty: the action creates and deletes only namespaces with this prefix'];
  const errs: string[] = [];
  if (prefix.length > 62)
    errs.push('must be no more than 62 characters, so that a namespace name can follow it');
  if (!/^[a-z0-9][a-z0-9-]*$/.test(prefix)) {
    errs.push(
      `${showValue(prefix)} must be the start of a namespace name: lower case letters, digits and "-", starting with a letter or digit`,
    );
  }
  const why =
    'the action deletes the namespaces it created whose names start with this prefix, so it must not come near a system namespace; choose a prefix of your own, such as canary-test-';
  const start = RESERVED_STARTS.find((r) => prefix.startsWith(r));
  if (start !== undefined) {
    errs.push(
      `${showValue(prefix)} is refused: names starting with ${showValue(start)} are reserved; ${why}`,
    );
  } else {
    const system = RESERVED_NAMESPACES.find((ns) => ns.startsWith(prefix));
    if (system !== undefined) {
      errs.push(
        `${showValue(prefix)} is refused: it is the start of the system namespace ${showValue(system)}; ${why}`,
      );
    }
  }
  return errs;
}

/** A node selector from YAML or JSON text: a map of label keys to string values. */
export function readNodeSelector(text: string): Result<Labels> {
  const y = readYamlText(text, 'the YAML');
  if (!y.ok) return y;
  const v = y.value.value;
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    return fail(`must be a map of labels, such as {"kubernetes.io/os": "linux"}, got ${showValue(v)}`);
  }
  const errs: string[] = [];
  const entries: [string, string][] = [];
  for (const [key, value] of Object.entries(v)) {
    if (typeof value === 'string') entries.push([key, value]);
    else
      errs.push(
        `the value of ${showValue(key)} must be a string, got ${showValue(value)}${quoteHint(value)}`,
      );
  }
  // fromEntries defines own properties, so even a "__proto__" key cannot reach a prototype.
  const labels: Labels = Object.fromEntries(entries);
  errs.push(...labelsErrors(labels, ''));
  return errs.length > 0 ? fail(...errs) : ok(labels);
}

const TOLERATION_FIELDS = ['key', 'operator', 'value', 'effect', 'tolerationSeconds'];
const OPERATORS = ['Exists', 'Equal'];
const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** Tolerations from YAML or JSON text, checked as the API server checks a pod's. */
export function readTolerations(text: string): Result<Toleration[]> {
  const y = readYamlText(text, 'the YAML');
  if (!y.ok) return y;
  const list = y.value.value;
  if (!Array.isArray(list)) {
    return fail(
      `must be a list of tolerations, such as [{"key": "dedicated", "operator": "Equal", "value": "ci", "effect": "NoSchedule"}], got ${showValue(list)}`,
    );
  }
  const errs: string[] = [];
  const out: Toleration[] = [];
  list.forEach((item: unknown, i) => {
    const at = `toleration #${i + 1}`;
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      errs.push(`${at}: must be a map with key, operator, value and effect, got ${showValue(item)}`);
      return;
    }
    const fields = item as Record<string, unknown>;
    const t: Toleration = {};
    const before = errs.length;
    for (const [name, value] of Object.entries(fields)) {
      if (!TOLERATION_FIELDS.includes(name)) {
        errs.push(
          `${at}: unknown field ${showValue(name)}${didYouMean(name, TOLERATION_FIELDS)}; the fields are ${TOLERATION_FIELDS.join(', ')}`,
        );
        continue;
      }
      if (name === 'tolerationSeconds') {
        if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
          errs.push(`${at}: tolerationSeconds must be a whole number of seconds, got ${showValue(value)}`);
        } else t.tolerationSeconds = value;
        continue;
      }
      if (typeof value !== 'string') {
        errs.push(`${at}: ${name} must be a string, got ${showValue(value)}${quoteHint(value)}`);
        continue;
      }
      if (name === 'key') {
        if (value !== '')
          labelKeyErrors(value).forEach((e) => errs.push(`${at}: key ${showValue(value)}: ${e}`));
        t.key = value;
      } else if (name === 'operator') {
        if (!OPERATORS.includes(value)) {
          errs.push(
            `${at}: operator must be "Exists" or "Equal", got ${showValue(value)}${didYouMean(value, OPERATORS)}`,
          );
        } else t.operator = value as Toleration['operator'];
      } else if (name === 'effect') {
        if (value !== '' && !EFFECTS.includes(value)) {
          errs.push(
            `${at}: effect must be "NoSchedule", "PreferNoSchedule" or "NoExecute", got ${showValue(value)}${didYouMean(value, EFFECTS)}`,
          );
        } else if (value !== '') t.effect = value as Toleration['effect'];
      } else {
        t.value = value;
      }
    }
    if (errs.length > before) return;
    // The API server's own rules for a toleration.
    const operator = t.operator ?? 'Equal';
    if ((t.key ?? '') === '' && operator !== 'Exists') {
      errs.push(
        `${at}: operator must be Exists when \`key\` is empty, which means "match all values and all keys"`,
      );
    }
    if (operator === 'Exists' && (t.value ?? '') !== '') {
      errs.push(`${at}: value must be empty when \`operator\` is 'Exists'`);
    }
    if (operator === 'Equal' && t.value !== undefined) {
      labelValueErrors(t.value).forEach((e) => errs.push(`${at}: value ${showValue(t.value)}: ${e}`));
    }
    if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute') {
      errs.push(`${at}: effect must be 'NoExecute' when \`tolerationSeconds\` is set`);
    }
    out.push(t);
  });
  return errs.length > 0 ? fail(...errs) : ok(out);
}
