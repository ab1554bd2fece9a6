// The CLI's flags are the action's inputs: the same names, the same defaults,
// and the same validation (parseSettings), so a run on a laptop and a run in CI
// mean the same thing.
import { parseSettings } from '../matrix/settings.ts';
import type { Result } from '../core/result.ts';
import type { Settings } from '../core/types.ts';

/** action.yml's defaults for every input parseSettings reads (a unit test keeps them in step). */
export const ACTION_DEFAULTS: Readonly<Record<string, string>> = {
  image: 'busybox:1.36',
  timeout: '5s',
  'ready-timeout': '60s',
  attempts: '3',
  'namespace-prefix': 'canary-test-',
  'refused-means-denied': 'false',
  'fail-on-mismatch': 'true',
  concurrency: '32',
  'max-enforcement-delay': '',
  context: '',
  'kubectl-version': '',
  'image-pull-secret': '',
  'node-selector': '',
  tolerations: '',
};

/** Flags that take a value and mean what the input of the same name means. */
export const SETTING_FLAGS = [
  'timeout',
  'ready-timeout',
  'attempts',
  'namespace-prefix',
  'image',
  'concurrency',
  'max-enforcement-delay',
  'context',
  'image-pull-secret',
  'node-selector',
  'tolerations',
] as const;

/** Flags that are switches: present means true. */
export const SETTING_SWITCHES = ['refused-means-denied'] as const;

export function settingsFromFlags(flags: Record<string, string>, switches: Set<string>): Result<Settings> {
  const get = (name: string): string => {
    if ((SETTING_SWITCHES as readonly string[]).includes(name)) {
      return switches.has(name) ? 'true' : (ACTION_DEFAULTS[name] ?? '');
    }
    if ((SETTING_FLAGS as readonly string[]).includes(name) && flags[name] !== undefined)
      return flags[name] ?? '';
    return ACTION_DEFAULTS[name] ?? '';
  };
  const r = parseSettings(get);
  if (r.ok) return r;
  // said as the flag a person typed, not as an action input
  return { ok: false, errors: r.errors.map((e) => e.replace(/^input "([^"]+)": /, '--$1: ')) };
}
