// A small, strict command-line parser: --flag value, --flag=value, --switch.
// Unknown flags are errors (a typo must not silently change what runs), with the
// suggestion the matrix's misspelt fields get.
import { suggest } from '../matrix/suggest.ts';
export interface ParsedArgs {
  positionals: string[];
  flags: Record<string, string>;
  switches: Set<string>;
}

export function parseArgs(
  argv: string[],
  spec: { flags: string[]; switches: string[] },
): { ok: true; value: ParsedArgs } | { ok: false; error: string } {
  const value: ParsedArgs = { positionals: [], flags: {}, switches: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') {
      value.positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      value.positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    if (spec.switches.includes(name)) {
      if (eq !== -1) return { ok: false, error: `--${name} takes no value` };
      value.switches.add(name);
    } else if (spec.flags.includes(name)) {
      const v = eq === -1 ? argv[++i] : arg.slice(eq + 1);
      if (v === undefined || (eq === -1 && v.startsWith('--')))
        return { ok: false, error: `--${name} needs a value` };
      value.flags[name] = v;
    } else {
      return { ok: false, error: unknownOption(arg, spec) };
    }
  }
  return { ok: true, value };
}

/** `unknown option --timout (did you mean --timeout?); known options: …` */
export function unknownOption(arg: string, spec: { flags: string[]; switches: string[] }): string {
  const known = [...spec.flags, ...spec.switches].map((f) => `--${f}`);
  // -timeout and --timeout=1s are compared by their name alone
  const name = arg.replace(/^-+/, '').split('=')[0] ?? '';
  const likely = suggest(name, [...spec.flags, ...spec.switches]);
  const hint = likely === undefined ? '' : ` (did you mean --${likely}?)`;
  return `unknown option ${arg}${hint}; known options: ${known.join(', ')}`;
}
