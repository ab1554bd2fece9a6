// Where a command's lines go: stdout and stderr, a line at a time (tests pass their own).

export interface LineIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** the text with exactly one newline at its end */
const asLine = (t: string): string => (t.endsWith('\n') ? t : `${t}\n`);

export const lineStdio: LineIo = {
  out: (t) => void process.stdout.write(asLine(t)),
  err: (t) => void process.stderr.write(asLine(t)),
};
