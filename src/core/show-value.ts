// How a value the user wrote is shown back in a message: strings quoted (JSON style, so
// control characters are visible and nothing can break the message), long ones cut.
// Collections are only named, never serialised: a YAML alias may make them huge.

const MAX_SHOWN = 80;

export function showValue(value: unknown): string {
  if (typeof value === 'string') {
    const cut = value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value;
    return JSON.stringify(cut);
  }
  if (value === null || value === undefined) return 'nothing (null)';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return `the ${typeof value === 'boolean' ? 'boolean' : 'number'} ${String(value)}`;
  }
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Uint8Array) return 'binary data';
  if (typeof value === 'object') return 'a map';
  return `a ${typeof value}`;
}

/** A hint for YAML values that were meant as text: `1` and `true` need quotes. */
export function quoteHint(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean') {
    return `; quote it to make it text, as in "${String(value)}"`;
  }
  if (value === null) return '; write "" for an empty value';
  return '';
}
