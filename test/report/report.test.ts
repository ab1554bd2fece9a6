import { describe, expect, it } from 'vitest';
import { annotationsFor, describeSource } from '../../src/report/annotations.ts';
import { renderJUnit, xmlAttr, xmlText } from '../../src/report/junit.ts';
import { codeSpan, escapeText } from '../../src/report/markdown.ts';
import { DEFAULT_SUMMARY_MAX_BYTES, reachabilityMatrix, renderSummary } from '../../src/report/summary.ts';
import type { Actual, TestResult, Verdict } from '../../src/core/types.ts';
import { decideVerdict } from '../../src/probe/verdict.ts';

function result(over: Partial<TestResult> & { name: string; verdict: Verdict }): TestResult {
  const actual: Actual =
    over.verdict === 'pass' ? 'allowed' : over.verdict === 'fail' ? 'blocked' : 'dns-error';
  return {
    from: 'shop',
    labels: { app: 'web' },
    to: 'http://api.shop:8080/',
    expect: 'allow',
    actual,
    detail: `detail of ${over.name}`,
    attempts: 1,
    durationMs: 1200,
    ...over,
  };
}

const HOSTILE =
  'x | y <script>alert(1)</script> `code` [link](http://evil) **bold** $math$ \\| end\nsecond line';

/** Cells of a Markdown table row, split on unescaped pipes outside code spans (as GFM does). */
function cells(row: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < row.length; i++) {
    const c = row[i];
    if (c === '\\' && i + 1 < row.length) {
      cur += c + row[++i];
    } else if (c === '|') {
      out.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  out.push(cur.trim());
  return out.slice(1, -1);
}

describe('markdown escaping', () => {
  it('shows text as written: no table break, HTML, link, emphasis or line break', () => {
    const e = escapeText(HOSTILE);
    expect(e).not.toMatch(/<script|[^\\]\||[^\\]\[|[^\\]`|[^\\]\*|[^\\]\$|\n/);
    expect(e).toContain('&lt;script&gt;');
    expect(e).toContain('<br>second line');
    expect(cells(`| ${e} | b |`)).toHaveLength(2);
  });

  it('makes code spans that survive backticks and pipes', () => {
    expect(codeSpan('a')).toBe('`a`');
    expect(codeSpan('a`b')).toBe('``a`b``');
    expect(codeSpan('`x`')).toBe('`` `x` ``');
    expect(codeSpan("wget 'http://h/?a|b'")).toBe("`wget 'http://h/?a\\|b'`");
    expect(codeSpan('two\nlines')).toBe('`two lines`');
  });
});

describe('renderSummary', () => {
  const results = [
    result({ name: 'p1', verdict: 'pass' }),
    result({ name: 'i1', verdict: 'inconclusive' }),
    result({ name: 'f1', verdict: 'fail', attempts: 3, explanation: 'no policy selects app=web' }),
    result({ name: 'p2', verdict: 'pass', to: 'tcp://db.shop:5432', expect: 'deny', actual: 'blocked' }),
    result({
      name: 'f2',
      verdict: 'fail',
      labels: {},
      from: 'other',
      to: 'tcp://db.shop:5432',
      expect: 'deny',
      actual: 'allowed',
    }),
  ];
  const md = renderSummary(results, {
    title: 'NetworkPolicies',
    repro: (r) => `kubectl exec -n ${r.from} canary -- nc -z -v -w 5 db 5432`,
    warnings: ['only deny tests target db.shop:5432'],
  });
  const rows = md.split('\n').filter((l) => /^\| (p|f|i)\d /.test(l));

  it('starts with the totals line and the warnings', () => {
    expect(md).toMatch(
      /^## NetworkPolicies\n\n\*\*5 tests:\*\* ✅ 2 passed · ❌ 2 failed · ⚠️ 1 inconclusive\n/,
    );
    expect(md).toContain('- ⚠️ only deny tests target db\\.shop\\:5432');
  });

  it('lists failures first, then inconclusive, then passes, in matrix order', () => {
    expect(rows.map((r) => cells(r)[0])).toEqual(['f1', 'f2', 'i1', 'p1', 'p2']);
    expect(cells(rows[0] ?? '')).toHaveLength(9);
  });

  it('puts the explanation and a repro command in the detail of rows that did not pass', () => {
    const f1 = cells(rows[0] ?? '');
    expect(f1[7]).toBe('1.2s (3 tries)');
    expect(f1[8]).toBe(
      'detail of f1<br>**Why:** no policy selects app\\=web<br>**Reproduce:** `kubectl exec -n shop canary -- nc -z -v -w 5 db 5432`',
    );
    expect(cells(rows[3] ?? '')[8]).toBe('detail of p1');
  });

  it('draws the reachability matrix, marking contradictions', () => {
    const m = reachabilityMatrix(results);
    const lines = m.split('\n').filter((l) => l.startsWith('| '));
    expect(cells(lines[0] ?? '')).toEqual([
      'from \\\\ to',
      '`http://api.shop:8080/`',
      '`tcp://db.shop:5432`',
    ]);
    // p1 allowed, f1 blocked, i1 unknown: mixed outcomes show as unknown, and f1 contradicts.
    expect(cells(lines[2] ?? '')).toEqual(['shop \\[app\\=web\\]', '? ❗', '✗']);
    expect(cells(lines[3] ?? '')).toEqual(['other', '', '✓ ❗']);
    expect(md).toContain(m);
  });

  it('does not draw a matrix above 100 sources × 40 targets', () => {
    const many = Array.from({ length: 41 }, (_, i) =>
      result({ name: `t${i}`, verdict: 'pass', to: `tcp://db:${i + 1}` }),
    );
    expect(reachabilityMatrix(many)).toMatch(
      /not drawn: it would have 1 sources × 41 targets, more than 100 × 40/,
    );
    const rowsOk = Array.from({ length: 100 }, (_, i) =>
      result({ name: `s${i}`, verdict: 'pass', from: `ns${i}` }),
    );
    expect(reachabilityMatrix(rowsOk)).not.toMatch(/not drawn/);
  });

  it('keeps a hostile test name inside its cell', () => {
    const out = renderSummary([result({ name: HOSTILE, verdict: 'fail', detail: 'a | b\n<img src=x>' })]);
    const row = out.split('\n').find((l) => l.includes('alert'));
    expect(row).toBeDefined();
    const c = cells(row ?? '');
    expect(c).toHaveLength(9);
    expect(out).not.toMatch(/<script|<img/);
    expect(c[8]).toBe('a \\| b<br>&lt;img src\\=x&gt;');
  });

  it('trims passing rows first, then the matrix, then others, with a note', () => {
    const many = [
      ...Array.from({ length: 30 }, (_, i) =>
        result({ name: `pass-${i}`, verdict: 'pass', from: `ns-${i % 10}`, to: `tcp://db:${i % 7}` }),
      ),
      ...Array.from({ length: 5 }, (_, i) => result({ name: `fail-${i}`, verdict: 'fail' })),
      result({ name: 'unsure-0', verdict: 'inconclusive' }),
    ];
    const full = renderSummary(many);
    expect(full).not.toMatch(/Note/);
    const fullSize = Buffer.byteLength(full);
    const seen = new Set<string>();
    for (let maxBytes = fullSize - 1; maxBytes > 1200; maxBytes -= 97) {
      const md = renderSummary(many, { maxBytes });
      expect(Buffer.byteLength(md)).toBeLessThanOrEqual(maxBytes);
      const shown = md
        .split('\n')
        .filter((l) => /^\| (pass|fail|unsure)\\-\d+ \|/.test(l))
        .map((l) => cells(l)[0]?.replace(/\\/g, '') ?? '');
      const passes = shown.filter((n) => n.startsWith('pass'));
      const others = shown.filter((n) => !n.startsWith('pass'));
      const withMatrix = md.includes('### Reachability');
      // Passing rows are left out first, from the end; then the matrix; then the others, from the end.
      expect(passes).toEqual(Array.from({ length: passes.length }, (_, i) => `pass-${i}`));
      expect(others).toEqual(
        ['fail-0', 'fail-1', 'fail-2', 'fail-3', 'fail-4', 'unsure-0'].slice(0, others.length),
      );
      if (passes.length > 0) expect(withMatrix).toBe(true);
      if (withMatrix) expect(others).toHaveLength(6);
      const left = 36 - shown.length;
      const matrixNote = withMatrix ? '' : ' and the reachability matrix';
      const rowsNote = left > 0 ? `${left} of 36 rows (passing rows first)` : '';
      expect(md).toContain(
        `> **Note:** ${[rowsNote, matrixNote.slice(5)].filter(Boolean).join(' and ')} are left out`,
      );
      seen.add(`${passes.length > 0}/${withMatrix}/${others.length}`);
    }
    // Every stage of trimming was reached.
    expect(seen).toContain('true/true/6');
    expect(seen).toContain('false/true/6');
    expect(seen).toContain('false/false/6');
    expect([...seen].some((s) => s.startsWith('false/false/') && !s.endsWith('/6'))).toBe(true);
  });

  it('keeps 5000 long tests under 1 MiB, failures first', () => {
    const results5000 = Array.from({ length: 5000 }, (_, i) =>
      result({
        name: `${String(i).padStart(4, '0')} ${'n'.repeat(190)}`,
        verdict: i % 50 === 0 ? 'fail' : 'pass',
        from: `canary-test-${i % 120}`,
        to: `http://service-${i % 45}.shop.svc.cluster.local:8080/health`,
        detail:
          'connected and the server answered ("Connecting to service.shop (10.0.0.1:8080) remote file exists")',
      }),
    );
    const md = renderSummary(results5000, {
      repro: () => `kubectl exec -n x canary -- wget --spider -T 5 'http://x/${'p'.repeat(100)}'`,
    });
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(DEFAULT_SUMMARY_MAX_BYTES);
    expect(md).toMatch(/\*\*5000 tests:\*\* ✅ 4900 passed · ❌ 100 failed · ⚠️ 0 inconclusive/);
    expect(md).toMatch(/rows \(passing rows first\) are left out/);
    const shown = md.split('\n').filter((l) => /^\| \d{4} /.test(l));
    expect(shown.filter((l) => l.includes('❌ fail'))).toHaveLength(100);
    expect(md).toMatch(/not drawn: it would have 120 sources × 45 targets/);
  });
});

describe('annotationsFor', () => {
  it("keeps a refusal counted as denied whole, from decideVerdict's own detail", () => {
    const observed = { actual: 'refused' as const, detail: 'the port refused the connection' };
    const decided = decideVerdict('allow', observed, true);
    const [a] = annotationsFor([
      result({ name: 'r', verdict: decided.verdict, actual: 'refused', detail: decided.detail }),
    ]);
    expect(a?.message).toBe(
      'From a pod labelled app=web in namespace "shop" to http://api.shop:8080/: expected allow, got refused: ' +
        '(a refused connection counts as denied: input refused-means-denied is true): the port refused the connection',
    );
  });

  it('makes one annotation per failed or inconclusive test, failures first', () => {
    const a = annotationsFor([
      result({ name: 'ok', verdict: 'pass' }),
      result({
        name: 'unsure',
        verdict: 'inconclusive',
        labels: {},
        detail: 'the host name did not resolve',
      }),
      result({
        name: 'bad',
        verdict: 'fail',
        detail: 'expected allow, but it was denied: no answer within the timeout',
        explanation: 'policy default-deny selects every pod',
      }),
    ]);
    expect(a).toEqual([
      {
        title: 'netpol-canary: test "bad" failed',
        message:
          'From a pod labelled app=web in namespace "shop" to http://api.shop:8080/: expected allow, got blocked: no answer within the timeout. Why: policy default-deny selects every pod',
      },
      {
        title: 'netpol-canary: test "unsure" is inconclusive',
        message:
          'From a pod without labels in namespace "shop" to http://api.shop:8080/: expected allow, got dns-error: the host name did not resolve',
      },
    ]);
  });

  it('describes a source', () => {
    expect(describeSource({ from: 'shop', labels: { tier: 'a', app: 'b' } })).toBe(
      'a pod labelled app=b,tier=a in namespace "shop"',
    );
  });

  it('keeps titles on one line', () => {
    const [a] = annotationsFor([result({ name: HOSTILE, verdict: 'fail' })]);
    expect(a?.title).not.toMatch(/\n/);
  });
});

/** A small well-formedness check: balanced tags, quoted attributes, known entities only. */
function checkWellFormed(xml: string): void {
  const body = xml.replace(/^<\?xml [^?]*\?>\n/, '');
  const stack: string[] = [];
  const token = /<(\/?)([A-Za-z][\w-]*)((?:\s+[\w-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let pos = 0;
  let roots = 0;
  while (pos < body.length) {
    token.lastIndex = pos;
    const m = token.exec(body);
    if (!m) throw new Error(`not well-formed at ${pos}: ${body.slice(pos, pos + 40)}`);
    pos = token.lastIndex;
    const [, close, name, attrs, selfClose, text] = m;
    const entities = (text ?? attrs ?? '').match(/&[^;]*;?/g) ?? [];
    for (const e of entities) expect(e).toMatch(/^&(amp|lt|gt|quot|apos|#\d+);$/);
    if (text !== undefined) {
      // eslint-disable-next-line no-control-regex -- control characters are what we look for
      expect(text).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
      if (stack.length === 0) expect(text.trim()).toBe('');
    } else if (close) {
      expect(stack.pop()).toBe(name);
    } else if (!selfClose) {
      if (stack.length === 0) roots++;
      stack.push(name ?? '');
    }
  }
  expect(stack).toEqual([]);
  expect(roots).toBe(1);
}

describe('renderJUnit', () => {
  const results = [
    result({ name: 'pass one', verdict: 'pass', durationMs: 1234 }),
    result({
      name: `fail "two" & <three>\u0007\u001b[31m`,
      verdict: 'fail',
      detail: 'expected allow, but it was denied: x',
    }),
    result({ name: 'unsure', verdict: 'inconclusive', from: 'other', explanation: "it's ]]> odd" }),
  ];
  const xml = renderJUnit(results, { suiteName: 'my suite' });

  it('is well-formed XML with one testsuite and one testcase per test', () => {
    checkWellFormed(xml);
    expect(xml.match(/<testsuite /g)).toHaveLength(1);
    expect(xml.match(/<testcase /g)).toHaveLength(3);
    expect(xml).toContain(
      '<testsuite name="my suite" tests="3" failures="1" errors="1" skipped="0" time="3.634">',
    );
  });

  it('marks a failure with <failure> and an inconclusive test with <error type="inconclusive">', () => {
    expect(xml).toMatch(
      /<testcase name="fail &quot;two&quot; &amp; &lt;three&gt;\[31m" classname="shop" time="1\.200">\n\s*<failure message="expected allow, got blocked" type="fail">/,
    );
    expect(xml).toMatch(
      /<testcase name="unsure" classname="other" time="1\.200">\n\s*<error message="expected allow, got dns-error" type="inconclusive">[^<]*why: it's \]\]&gt; odd<\/error>/,
    );
    expect(xml).toMatch(/<testcase name="pass one" classname="shop" time="1\.234">\n\s*<system-out>/);
  });

  it('escapes text and attributes, and removes characters XML cannot carry', () => {
    expect(xmlText('a<b>&c\u0000\u0008\ud800')).toBe('a&lt;b&gt;&amp;c');
    expect(xmlAttr(`"it's"\n\tx`)).toBe('&quot;it&apos;s&quot;&#10;&#9;x');
  });

  it('is well-formed for an empty run', () => {
    checkWellFormed(renderJUnit([]));
  });
});
