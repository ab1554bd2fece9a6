// Reading YAML (and JSON, which YAML 1.2 contains) that users give us, safely: the YAML
// 1.2 core schema (so `yes` and `on` stay strings), a small alias budget against
// "billion laughs" documents, and a nesting limit checked BEFORE parsing, because a
// deeply nested document once crashed Node 20 inside the yaml package.
import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';
import { fail, ok, type Result } from '../core/result.ts';

export const MAX_YAML_DEPTH = 64;
/** How often one anchor may be used (the yaml package's count; its default). */
export const MAX_YAML_ALIASES = 100;

export interface YamlText {
  /** The document as plain data (maps are objects, `null` for an empty document). */
  value: unknown;
  /**
   * 1-based line of the node at `path` (map keys and list indexes), or of the path's
   * longest existing start; with `which: 'key'`, the line of the last map key instead.
   */
  line(path: readonly (string | number)[], which?: 'key' | 'value'): number;
}

/** Errors read `<source>, line L, column C: …` (no input name: the caller knows it). */
export function readYamlText(text: string, source: string): Result<YamlText> {
  const deep = nestingDepth(text);
  if (deep.depth > MAX_YAML_DEPTH) {
    return fail(
      `${source}, line ${deep.line}: the document is nested more than ${MAX_YAML_DEPTH} levels deep; a matrix or an input needs only a few levels`,
    );
  }
  const json = readJsonText(text);
  if (json) return ok(json);
  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, {
      version: '1.2',
      schema: 'core',
      merge: false,
      uniqueKeys: true,
      prettyErrors: false,
      lineCounter,
    });
  } catch (e) {
    return fail(`${source}: could not be read as YAML or JSON: ${errorText(e)}`);
  }
  const where = (offset: number): string => {
    const pos = lineCounter.linePos(offset);
    return `${source}, line ${pos.line}, column ${pos.col}`;
  };
  if (doc.errors.length > 0) {
    return fail(
      ...doc.errors.slice(0, 10).map((e) => `${where(e.pos[0])}: ${yamlMessage(e.code, e.message)}`),
    );
  }
  const keyErrors: string[] = [];
  walk(doc.contents, (node) => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (isCollection(pair.key) || isAlias(pair.key)) {
          keyErrors.push(
            `${where(nodeStart(pair.key))}: a map key must be plain text, not a list, map or alias`,
          );
        }
      }
    }
  });
  if (keyErrors.length > 0) return fail(...keyErrors.slice(0, 10));
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (e) {
    const msg = errorText(e);
    if (/alias count/i.test(msg)) {
      return fail(
        `${source}: an anchor is used through aliases (*name) more than ${MAX_YAML_ALIASES} times, or aliases nest too deeply; write those values out instead`,
      );
    }
    return fail(`${source}: could not be read as YAML or JSON: ${msg}`);
  }
  const lineOfOffset = (offset: number): number => lineCounter.linePos(offset).line;
  return ok({
    value,
    line(path, which = 'value') {
      let node: unknown = doc.contents;
      let keyNode: unknown;
      for (const step of path) {
        keyNode = undefined;
        let next: unknown;
        if (isMap(node)) {
          const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(step));
          if (pair) {
            keyNode = pair.key;
            next = pair.value ?? pair.key;
          }
        } else if (isSeq(node) && typeof step === 'number') {
          next = node.items[step];
        }
        if (next === undefined || next === null) break;
        node = next;
      }
      const target = which === 'key' && keyNode !== undefined ? keyNode : node;
      return lineOfOffset(nodeStart(target));
    },
  });
}

/** Where a JSON value starts, and its children's (by key or index); a map value knows its key's start too. */
interface JsonPos {
  start: number;
  keyStart?: number;
  keys?: Map<string, JsonPos>;
  items?: JsonPos[];
}

/**
 * JSON (what a generated matrix usually is) read without the yaml package's document
 * tree: for a 1000-test matrix that tree costs the action ~50 MB and 0.2 s, JSON.parse
 * a tenth. The same value and the same lines as the YAML way; anything JSON.parse
 * refuses, a duplicate key or a `__proto__` key goes the YAML way, for its messages.
 * Called after the nesting check, which bounds the scanner's recursion.
 */
function readJsonText(text: string): YamlText | undefined {
  if (!/^\s*[{[]/.test(text) || text.includes('"__proto__"')) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const root = jsonPositions(text);
  if (!root) return undefined;
  const newlines: number[] = [];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) newlines.push(i);
  const lineOfOffset = (offset: number): number => {
    let lo = 0;
    let hi = newlines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((newlines[mid] ?? 0) < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };
  return {
    value,
    line(path, which = 'value') {
      let node = root;
      let keyStart: number | undefined;
      for (const step of path) {
        keyStart = undefined;
        const next =
          node.keys?.get(String(step)) ?? (typeof step === 'number' ? node.items?.[step] : undefined);
        if (!next) break;
        if (node.keys) keyStart = next.keyStart;
        node = next;
      }
      return lineOfOffset(which === 'key' && keyStart !== undefined ? keyStart : node.start);
    },
  };
}

/** The positions of a JSON text JSON.parse accepted; undefined when a map has a key twice. */
function jsonPositions(text: string): JsonPos | undefined {
  let i = 0;
  const space = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i] ?? '')) i++;
  };
  const string = (): string => {
    const from = i++;
    while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(from, i)) as string;
  };
  const value = (): JsonPos | undefined => {
    space();
    const start = i;
    const c = text[i];
    if (c === '{' || c === '[') {
      i++;
      const keys = new Map<string, JsonPos>();
      const items: JsonPos[] = [];
      space();
      if (text[i] === (c === '{' ? '}' : ']')) {
        i++;
      } else {
        for (;;) {
          space();
          let key: string | undefined;
          let keyStart = 0;
          if (c === '{') {
            keyStart = i;
            key = string();
            space();
            i++; // the colon
          }
          const v = value();
          if (!v) return undefined;
          if (key === undefined) items.push(v);
          else {
            if (keys.has(key)) return undefined;
            keys.set(key, { ...v, keyStart });
          }
          space();
          if (text[i++] !== ',') break; // the closing bracket
        }
      }
      return c === '{' ? { start, keys } : { start, items };
    }
    if (c === '"') string();
    else while (i < text.length && !',]} \t\n\r'.includes(text[i] ?? '')) i++;
    return { start };
  };
  return value();
}

function nodeStart(node: unknown): number {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range ? range[0] : 0;
}

function walk(node: unknown, visit: (node: YamlNode) => void): void {
  // The nesting pre-check bounds the recursion depth.
  if (isPair(node)) {
    walk(node.key, visit);
    walk(node.value, visit);
    return;
  }
  if (!isCollection(node)) return;
  visit(node);
  for (const item of node.items) walk(item, visit);
}

function errorText(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.split('\n')[0] ?? msg;
}

function yamlMessage(code: string, message: string): string {
  const first = message.split('\n')[0] ?? message;
  if (code === 'MULTIPLE_DOCS') return 'the text holds more than one YAML document (a "---" line); give one';
  if (code === 'DUPLICATE_KEY') return 'a key appears twice in the same map; keys must be unique';
  return first.replace(/ at line \d+, column \d+.*$/, '');
}

/**
 * A cheap upper-bound estimate of how deeply a document nests, without parsing it:
 * block levels from indentation and `- `/`? `/`key: ` indicators, plus open flow
 * brackets outside quoted scalars and comments. It may overcount odd documents (then we
 * refuse them with a clear message), but a deep document cannot slip past it.
 */
export function nestingDepth(text: string): { depth: number; line: number } {
  let flow = 0;
  let quote: '"' | "'" | '' = '';
  let best = { depth: 0, line: 1 };
  const indents: number[] = [];
  let blockScalarIndent = -1;
  let blockDepth = 0;
  const lines = text.split(/\r\n|\r|\n/);
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n] as string;
    const indent = /^ */.exec(line)?.[0].length ?? 0;
    const blank = /^\s*(#.*)?$/.test(line);
    if (blockScalarIndent >= 0) {
      if (blank || indent > blockScalarIndent) continue;
      blockScalarIndent = -1;
    }
    // Inside a flow collection or quoted text that spans lines, the block depth is that
    // of the line where it started.
    let depth = blockDepth;
    if (quote === '' && flow === 0 && !blank) {
      while (indents.length > 0 && (indents[indents.length - 1] as number) >= indent) indents.pop();
      indents.push(indent);
      depth = indents.length;
      // Compact nesting on one line: "- - - x", "? x", "- key: value".
      const rest = line.slice(indent);
      const lead = /^(?:[-?:](?:[ \t]+|$))*/.exec(rest)?.[0] ?? '';
      depth += lead.replace(/[^-?:]/g, '').length;
      if (/^[^#'"[{]*?:(\s|$)/.test(rest.slice(lead.length))) depth++;
      blockDepth = depth;
    }
    let lineFlowMax = flow;
    let prev = ' ';
    for (let i = 0; i < line.length; i++) {
      const c = line[i] as string;
      if (quote === '"') {
        if (c === '\\') i++;
        else if (c === '"') quote = '';
      } else if (quote === "'") {
        if (c === "'") {
          if (line[i + 1] === "'") i++;
          else quote = '';
        }
      } else if (c === '#' && /\s/.test(prev)) {
        break;
      } else if ((c === '"' || c === "'") && /[\s[{,:?-]/.test(prev)) {
        quote = c;
      } else if (c === '[' || c === '{') {
        flow++;
        lineFlowMax = Math.max(lineFlowMax, flow);
      } else if (c === ']' || c === '}') {
        flow = Math.max(0, flow - 1);
      } else if ((c === '|' || c === '>') && flow === 0 && /[\s:-]/.test(prev)) {
        if (/^[|>][-+0-9]*\s*(#.*)?$/.test(line.slice(i))) blockScalarIndent = indent;
      }
      prev = c;
    }
    const total = depth + lineFlowMax;
    if (total > best.depth) best = { depth: total, line: n + 1 };
  }
  return best;
}
