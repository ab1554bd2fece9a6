import { describe, expect, it } from 'vitest';
import { annotationsFor, describeSource } from '../../src/report/annotations.ts';
import { renderJUnit, xmlAttr, xmlText } from '../../src/report/junit.ts';
import { codeSpan, escapeText } from '../../src/report/markdown.ts';
import { DEFAULT_SUMMARY_MAX_BYTES, reachabilityMatrix, renderSummary } from '../../src/report/summary.ts';
import type { Actual, TestCase, TestResult, Verdict } from '../../src/core/types.ts';
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
      detail: 'expected deny, but it was allowed: connected (open)',
    }),
  ];
  const tests = results.map((r, i) => ({ name: r.name, line: 10 + i }) as TestCase);
  const md = renderSummary(results, {
    title: 'NetworkPolicies',
    run: '123-1-abc',
    wallTimeMs: 9100,
    tests,
    matrixFile: 'ci/matrix.yaml',
    repro: (r) => `kubectl run x -n ${r.from} -- nc -z -v -w 5 db 5432`,
    evidence: (r) =>
      r.name === 'f1' ? { policies: [{ namespace: 'shop', name: 'default-deny' }] } : undefined,
    warnings: ['only deny tests target db.shop:5432'],
  });

  it('starts with a heading that says run and which step, then the verdict and the counts', () => {
    expect(md).toMatch(
      /^## netpol-canary run: NetworkPolicies\n\n\*\*❌ Failed\*\* · 5 tests: ❌ 2 failed · ⚠️ 1 inconclusive · ✅ 2 passed\n\n<sub>run `123-1-abc` · 9\.1s<\/sub>\n/,
    );
    expect(md).toContain('- ⚠️ only deny tests target db\\.shop\\:5432');
    expect(renderSummary([result({ name: 'a', verdict: 'pass' })], { mode: 'predict' })).toMatch(
      /^## netpol-canary prediction\n\n\*\*✅ Predicted to pass\*\* · 1 test: /,
    );
  });

  it('gives each failed and inconclusive test a block of its own, failures first', () => {
    const blocks = md.split('\n').filter((l) => l.startsWith('### ') && /fail|inconclusive/.test(l));
    expect(blocks).toEqual(['### ❌ fail: f1', '### ❌ fail: f2', '### ⚠️ inconclusive: i1']);
    const f1 = md.slice(md.indexOf('### ❌ fail: f1'), md.indexOf('### ❌ fail: f2'));
    expect(f1).toBe(
      [
        '### ❌ fail: f1',
        '',
        '- **From** namespace `shop`, labels `app=web` **→** `http://api.shop:8080/`',
        '- **Expected** allow, got **blocked**, after 3 attempts (1.2s)',
        '- **Why:** no policy selects app\\=web',
        '- **Probe said:** detail of f1',
        '- **Policy** `shop/default-deny`: `kubectl get networkpolicy -n shop default-deny -o yaml`',
        '- **Matrix:** `ci/matrix.yaml`, line 12',
        '',
        '<details><summary>Reproduce</summary>',
        '',
        '```sh',
        'kubectl run x -n shop -- nc -z -v -w 5 db 5432',
        '```',
        '',
        '</details>',
        '',
        '',
      ].join('\n'),
    );
    // the probe's words without the repeated expectation
    expect(md).toContain('- **Probe said:** connected \\(open\\)');
    expect(md).toContain('- **From** namespace `other`, no labels **→** `tcp://db.shop:5432`');
  });

  it('draws the reachability matrix with numbered targets and a legend for every symbol', () => {
    const m = reachabilityMatrix(results);
    const lines = m.split('\n').filter((l) => l.startsWith('| '));
    expect(cells(lines[0] ?? '')).toEqual(['from \\\\ to', '**1**', '**2**']);
    // p1 allowed, f1 blocked, i1 unknown: mixed outcomes show as unknown, and f1 contradicts.
    expect(cells(lines[2] ?? '')).toEqual(['shop \\[app\\=web\\]', '? ❗', '✗']);
    expect(cells(lines[3] ?? '')).toEqual(['other', '', '✓ ❗']);
    expect(m).toContain('1. `http://api.shop:8080/`\n2. `tcp://db.shop:5432`');
    for (const symbol of ['✓ allowed', '✗ denied', '? unknown', '❗ contradicts', 'blank: not tested'])
      expect(m).toContain(symbol);
    expect(md).toContain(m);
    expect(reachabilityMatrix(results, 'predict')).toContain('✓ predicted allowed');
  });

  it('folds the passing tests into a table of three columns, after the matrix', () => {
    const folded = md.slice(md.indexOf('<details><summary>✅ 2 passed tests</summary>'));
    expect(md.indexOf('### Reachability')).toBeLessThan(md.indexOf('✅ 2 passed tests'));
    const rows = folded.split('\n').filter((l) => l.startsWith('| '));
    expect(rows.map((r) => cells(r))).toEqual([
      ['Test', 'From → to', 'Expected'],
      ['---', '---', '---'],
      ['p1', 'shop \\[app\\=web\\] → `http://api.shop:8080/`', 'allow: allowed'],
      ['p2', 'shop \\[app\\=web\\] → `tcp://db.shop:5432`', 'deny: blocked'],
    ]);
    expect(folded).toMatch(/<\/details>\n\n$/);
    // a default name says from and to already
    const plain = renderSummary([
      result({ name: 'shop [app=web] -> http://api.shop:8080/', verdict: 'pass' }),
    ]);
    expect(plain).toContain(
      '| shop \\[app\\=web\\] \\-&gt; http\\:\\/\\/api\\.shop\\:8080\\/ |  | allow: allowed |',
    );
  });

  it('in a prediction shows no time and no probe text that only repeats the why', () => {
    const predicted = result({
      name: 'pf',
      verdict: 'fail',
      durationMs: 0,
      attempts: 0,
      detail: 'expected allow, but it was denied: predicted from the manifests: denied: policy x',
      explanation: 'allow expected but blocked: policy x',
    });
    const out = renderSummary([predicted], { mode: 'predict', repro: () => 'kubectl run' });
    expect(out).toContain(
      '- **Expected** allow, predicted **blocked**\n- **Why:** allow expected but blocked\\: policy x\n',
    );
    expect(out).not.toMatch(/0ms|Probe said|Reproduce|attempts/);
  });

  it('lists deny tests that say control: none as "address not verified"', () => {
    const r = [
      result({
        name: 'no internet',
        verdict: 'pass',
        to: 'tcp://1.1.1.1:443',
        expect: 'deny',
        actual: 'blocked',
      }),
      result({ name: 'other', verdict: 'pass' }),
    ];
    const out = renderSummary(r, {
      tests: [{ name: 'no internet', control: 'none' } as TestCase, { name: 'other' } as TestCase],
    });
    expect(out).toContain('### Address not verified');
    expect(out).toContain('- no internet: `tcp://1.1.1.1:443`, ✅ pass (address not verified)');
    expect(out).not.toContain('- other:');
    expect(renderSummary(r)).not.toContain('Address not verified');
  });

  it('keeps a hostile test name and detail as text', () => {
    const out = renderSummary([result({ name: HOSTILE, verdict: 'fail', detail: 'a | b\n<img src=x>' })]);
    expect(out).not.toMatch(/<script|<img/);
    const heading = out.split('\n').find((l) => l.startsWith('### ❌'));
    expect(heading).toContain('&lt;script&gt;');
    expect(out).toContain('- **Probe said:** a \\| b<br>&lt;img src\\=x&gt;');
  });

  it('trims passing rows first, then the matrix, then the blocks, with a note', () => {
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
    for (let maxBytes = fullSize - 1; maxBytes > 900; maxBytes -= 97) {
      const out = renderSummary(many, { maxBytes });
      expect(Buffer.byteLength(out)).toBeLessThanOrEqual(maxBytes);
      const passes = out
        .split('\n')
        .filter((l) => /^\| pass\\-\d+ \|/.test(l))
        .map((l) => cells(l)[0]?.replace(/\\/g, '') ?? '');
      const others = out
        .split('\n')
        .filter((l) => /^### (❌|⚠️) /.test(l))
        .map((l) => l.replace(/^.*: /, '').replace(/\\/g, ''));
      const withMatrix = out.includes('### Reachability');
      expect(passes).toEqual(Array.from({ length: passes.length }, (_, i) => `pass-${i}`));
      expect(others).toEqual(
        ['fail-0', 'fail-1', 'fail-2', 'fail-3', 'fail-4', 'unsure-0'].slice(0, others.length),
      );
      if (passes.length > 0) expect(withMatrix).toBe(true);
      if (withMatrix) expect(others).toHaveLength(6);
      const parts = [
        others.length < 6 ? `${6 - others.length} of 6 failed or inconclusive tests` : '',
        passes.length < 30 ? `${30 - passes.length} of 30 passing tests` : '',
        withMatrix ? '' : 'the reachability matrix',
      ].filter(Boolean);
      expect(out).toContain(`> **Note:** ${parts.join(' and ')} are left out`);
      seen.add(`${passes.length > 0}/${withMatrix}/${others.length}`);
    }
    // Every stage of trimming was reached.
    expect(seen).toContain('true/true/6');
    expect(seen).toContain('false/true/6');
    expect(seen).toContain('false/false/6');
    expect([...seen].some((x) => x.startsWith('false/false/') && !x.endsWith('/6'))).toBe(true);
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
    const out = renderSummary(results5000, {
      repro: () => `kubectl exec -n x canary -- wget --spider -T 5 'http://x/${'p'.repeat(100)}'`,
    });
    expect(Buffer.byteLength(out)).toBeLessThanOrEqual(DEFAULT_SUMMARY_MAX_BYTES);
    expect(out).toMatch(/\*\*❌ Failed\*\* · 5000 tests: ❌ 100 failed · ⚠️ 0 inconclusive · ✅ 4900 passed/);
    expect(out).toMatch(/of 4900 passing tests are left out/);
    expect(out.split('\n').filter((l) => l.startsWith('### ❌ fail: '))).toHaveLength(100);
    expect(out).toMatch(/not drawn: it would have 120 sources × 45 targets/);
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

  it("puts each on its test's line of the matrix file, with a title that names the test", () => {
    const r = [
      result({ name: 'ok', verdict: 'pass' }),
      result({ name: 'bad', verdict: 'fail' }),
      result({ name: 'inline', verdict: 'fail' }),
    ];
    const tests = [{ name: 'ok', line: 3 }, { name: 'bad', line: 8 }, { name: 'inline' }] as TestCase[];
    const a = annotationsFor(r, { file: 'ci/matrix.yaml', tests });
    expect(a.map((x) => [x.title, x.file, x.line])).toEqual([
      ['netpol-canary: test "bad" failed', 'ci/matrix.yaml', 8],
      ['netpol-canary: test "inline" failed', undefined, undefined],
    ]);
    // the matrix given inline has no file to point at
    expect(annotationsFor(r, { tests })[0]?.file).toBeUndefined();
  });

  it('makes at most maxErrors annotations, the last saying how many more and where', () => {
    const r = Array.from({ length: 14 }, (_, i) =>
      result({ name: `t${i}`, verdict: i % 5 === 4 ? 'inconclusive' : 'fail' }),
    );
    const tests = r.map((x, i) => ({ name: x.name, line: 10 + i }) as TestCase);
    expect(annotationsFor(r.slice(0, 10), { tests, file: 'm.yaml' })).toHaveLength(10);
    const a = annotationsFor(r, { tests, file: 'm.yaml', maxErrors: 9 });
    expect(a).toHaveLength(9);
    expect(a.slice(0, 8).map((x) => x.line)).toEqual([10, 11, 12, 13, 15, 16, 17, 18]);
    expect(a[8]).toEqual({
      title: 'netpol-canary: 6 more tests did not pass',
      message:
        'GitHub shows only 10 error annotations per step: the other 6 tests that did not pass (4 failed, 2 inconclusive; m.yaml, lines 20, 21, 22, 23, 14, 19) have none of their own. ' +
        'Every test is in the job summary, in the JUnit report and in the `results` output.',
    });
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
      // without the run's wall time, the sum of the tests' times
      '<testsuite name="my suite" tests="3" failures="1" errors="1" skipped="0" time="3.634">',
    );
  });

  it('marks a failure with <failure> and an inconclusive test with <error type="inconclusive">', () => {
    expect(xml).toMatch(
      /<testcase name="fail &quot;two&quot; &amp; &lt;three&gt;\[31m" classname="shop \[app=web\]" time="1\.200">\n\s*<failure message="expected allow, got blocked" type="fail">/,
    );
    expect(xml).toMatch(
      /<testcase name="unsure" classname="other \[app=web\]" time="1\.200">\n\s*<error message="expected allow, got dns-error" type="inconclusive">[^<]*why: it's \]\]&gt; odd<\/error>/,
    );
    expect(xml).toMatch(
      /<testcase name="pass one" classname="shop \[app=web\]" time="1\.234">\n\s*<system-out>/,
    );
  });

  it('escapes text and attributes, and removes characters XML cannot carry', () => {
    expect(xmlText('a<b>&c\u0000\u0008\ud800')).toBe('a&lt;b&gt;&amp;c');
    expect(xmlAttr(`"it's"\n\tx`)).toBe('&quot;it&apos;s&quot;&#10;&#9;x');
  });

  it('is well-formed for an empty run', () => {
    checkWellFormed(renderJUnit([]));
  });
});
