// Text from users (test names, targets, busybox output) placed into GitHub-flavoured
// Markdown so that it shows exactly as written: it can neither break a table nor turn
// into a link, HTML, an image, math or a heading.

// eslint-disable-next-line no-control-regex -- control characters are what we remove
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const NEWLINES = /\r\n|\r|\n/g;
// Every ASCII punctuation character except those we write as entities (& < >).
const PUNCTUATION = /[!-%'-/:;=?@[-`{-~]/g;

/** Plain text for a table cell or a line: each character shows as itself. */
export function escapeText(text: string): string {
  return text
    .replace(CONTROL, '')
    .replace(PUNCTUATION, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(NEWLINES, '<br>');
}

/** An inline code span, safe inside a table cell (GFM unescapes `\|` there). */
export function codeSpan(text: string): string {
  const one = text.replace(CONTROL, '').replace(NEWLINES, ' ').replace(/\t/g, ' ');
  const longest = Math.max(0, ...[...one.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = one.startsWith('`') || one.endsWith('`') || one === '' ? ' ' : '';
  return `${fence}${pad}${one.replace(/\|/g, '\\|')}${pad}${fence}`;
}

/** One table row from cells that are already Markdown. */
export function tableRow(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** A fenced code block that shows `text` as written, whatever backticks it holds. */
export function codeBlock(text: string, lang = ''): string {
  const clean = text.replace(CONTROL, '').replace(/\r\n|\r/g, '\n');
  const longest = Math.max(2, ...[...clean.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${clean}\n${fence}`;
}
