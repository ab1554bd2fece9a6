// One layout for every help text: the usage line, a blank line, what the command does,
// a blank line, then its options, each in one column with its meaning beside it.

export interface Help {
  /** `netpol-canary run MATRIX_FILE [options]` */
  usage: string;
  /** what the command does, and its exit codes */
  about: string[];
  /** [`--timeout 5s`, 'per-probe connect timeout'], a meaning's further lines after '\n' */
  options: (readonly [string, string])[];
}

const COLUMN = 27;

/** Every command's last option. */
export const HELP_OPTION = ['-h, --help', 'show this help'] as const;

export function renderHelp(help: Help): string {
  const options = help.options.flatMap(([option, meaning]) => {
    const [first = '', ...more] = meaning.split('\n');
    const head = option.length < COLUMN ? option.padEnd(COLUMN) : `${option}\n${''.padEnd(COLUMN + 2)}`;
    return [`  ${head}${first}`, ...more.map((line) => `${''.padEnd(COLUMN + 2)}${line}`)];
  });
  return [`usage: ${help.usage}`, '', ...help.about, ...(options.length ? ['', ...options] : [])].join('\n');
}

/** The flag names an option column names: `--timeout 5s` is `timeout`. */
export function optionNames(help: Help): string[] {
  return help.options.flatMap(([option]) => [...option.matchAll(/--([a-z][a-z-]*)/g)].map((m) => m[1] ?? ''));
}
