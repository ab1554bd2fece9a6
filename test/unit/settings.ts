// The settings unit tests start from: action.yml's defaults, read by parseSettings
// itself (inputs.test.ts asserts what those are).
import { ACTION_DEFAULTS } from '../../src/cli-settings.ts';
import { parseSettings } from '../../src/inputs.ts';
import type { Settings } from '../../src/types.ts';

const parsed = parseSettings((name) => ACTION_DEFAULTS[name] ?? '');
if (!parsed.ok) throw new Error(`action.yml's defaults do not parse: ${parsed.errors.join('; ')}`);

export const SETTINGS: Readonly<Settings> = parsed.value;
