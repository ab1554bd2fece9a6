// Splits a stream of concatenated JSON values (what `kubectl get -w -o json`
// prints) into whole objects, whatever the chunk boundaries.
export function createJsonSplitter(onValue: (value: unknown) => void): (chunk: string) => void {
  let buffer = '';
  let depth = 0;
  let inString = false;
  let escaped = false;
  let start = -1;
  let scanned = 0;

  return (chunk) => {
    buffer += chunk;
    for (let i = scanned; i < buffer.length; i++) {
      const c = buffer[i];
      if (inString) {
        if (escaped) escaped = false;
        else if (c === '\\') escaped = true;
        else if (c === '"') inString = false;
        continue;
      }
      if (c === '"') inString = true;
      else if (c === '{' || c === '[') {
        if (depth === 0) start = i;
        depth++;
      } else if (c === '}' || c === ']') {
        depth--;
        if (depth === 0 && start >= 0) {
          const text = buffer.slice(start, i + 1);
          buffer = buffer.slice(i + 1);
          i = -1;
          start = -1;
          try {
            onValue(JSON.parse(text));
          } catch {
            // not JSON after all (a warning line with braces): skip it
          }
        }
      }
    }
    scanned = buffer.length;
    if (depth === 0) {
      buffer = '';
      scanned = 0;
    }
  };
}
