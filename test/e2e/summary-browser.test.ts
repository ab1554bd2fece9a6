// The job summary as people see it: rendered as GitHub renders Markdown (GFM by marked,
// GitHub's CSS from github-markdown-css) in headless Chromium (Debian's, driven by
// playwright-core) in a window 1000 px wide. Every failed or inconclusive test's verdict
// and its why must be on screen without scrolling sideways. The demo's summary (the demo
// of `npm run demo`, run through the action) is kept as a screenshot: at
// $NETPOL_SUMMARY_SCREENSHOT, by default netpol-canary-summary.png in the OS temp dir, with
// the hard case beside it (…-hard-case.png); CI uploads both. To refresh the README's:
// `NETPOL_SUMMARY_SCREENSHOT=/tmp/shots/summary.png npx vitest run test/e2e/summary-browser.test.ts`,
// then copy /tmp/shots/summary.png to docs/summary.png.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { marked } from 'marked';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { policyNetwork, readManifestObjects, seedCluster } from '../cluster/policy-network.ts';
import { renderSummary } from '../../src/report/summary.ts';
import type { TestResult } from '../../src/core/types.ts';
import { runAgainst, withCluster } from './helpers.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const WIDTH = 1000;
const SCREENSHOT = resolve(
  process.env.NETPOL_SUMMARY_SCREENSHOT ?? join(tmpdir(), 'netpol-canary-summary.png'),
);
const CSS = readFileSync(
  createRequire(import.meta.url).resolve('github-markdown-css/github-markdown-light.css'),
  'utf8',
);

let profile = '';
let context: BrowserContext | undefined;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: the summary's browser test needs Debian's chromium (apt-get install chromium); .ci/run installs it`,
    );
  }
  profile = mkdtempSync(join(tmpdir(), 'netpol-chromium-'));
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: WIDTH, height: 800 },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  } catch (e) {
    throw new Error(
      `Chromium (${CHROMIUM}) could not start, so the summary cannot be checked as people see it: ${(e as Error).message}`,
      { cause: e },
    );
  }
}, 60_000);

afterAll(async () => {
  await context?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** The page GitHub would show for this Markdown, in a window WIDTH px wide. */
async function show(markdown: string): Promise<Page> {
  if (!context) throw new Error('Chromium did not start');
  const body = await marked.parse(markdown, { gfm: true });
  const page = await context.newPage();
  // no network: everything the page needs is in it
  await page.route('**/*', (route) =>
    route.request().url().startsWith('data:') ? route.continue() : route.abort(),
  );
  await page.setContent(
    `<!doctype html><html><head><meta charset="utf-8"><style>${CSS}</style>` +
      '<style>body{margin:0;background:#fff}.markdown-body{box-sizing:border-box;padding:24px 32px}</style>' +
      `</head><body><article class="markdown-body">${body}</article></body></html>`,
  );
  return page;
}

interface Seen {
  verdict: string;
  why?: string;
  /** what keeps it from being seen: off screen, clipped by a scrolling box, hidden */
  problems: string[];
}

/**
 * Runs in the page (plain JavaScript: the project's TypeScript has no DOM types): each
 * failed or inconclusive test's verdict (its block's heading, or a table cell saying so)
 * and its "Why:" line, and what keeps each from being seen: hidden, off screen, or inside
 * a box that scrolls sideways.
 */
const IN_PAGE = `(() => {
  const width = document.documentElement.clientWidth;
  const problemsOf = (el) => {
    const out = [];
    if (!el.checkVisibility()) out.push('hidden');
    const r = el.getBoundingClientRect();
    if (r.width === 0) out.push('zero width');
    if (r.left < 0 || r.right > width + 0.5) out.push('spans ' + Math.round(r.left) + '..' + Math.round(r.right) + ' px');
    for (let a = el.parentElement; a; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== 'visible' && a.scrollWidth > a.clientWidth + 1)
        out.push('inside a <' + a.tagName.toLowerCase() + '> that scrolls sideways (' + a.scrollWidth + ' > ' + a.clientWidth + ' px)');
    }
    return out;
  };
  const tests = [];
  const verdicts = [...document.querySelectorAll('h3, td')].filter((el) =>
    /^(❌ fail|⚠️ inconclusive)/.test((el.textContent || '').trim()),
  );
  for (const v of verdicts) {
    const seen = { verdict: (v.textContent || '').trim(), problems: problemsOf(v) };
    const list = v.tagName === 'H3' ? v.nextElementSibling : v.closest('tr');
    const why = [...(list ? list.querySelectorAll('li, td') : [])].find((el) => /Why:/.test(el.textContent || ''));
    if (why) {
      seen.why = (why.textContent || '').trim();
      seen.problems.push(...problemsOf(why).map((p) => 'why: ' + p));
    }
    tests.push(seen);
  }
  return { pageScrolls: document.documentElement.scrollWidth > width, tests };
})()`;

function nonPassing(page: Page): Promise<{ pageScrolls: boolean; tests: Seen[] }> {
  return page.evaluate(IN_PAGE) as Promise<{ pageScrolls: boolean; tests: Seen[] }>;
}

async function demoSummary(): Promise<string> {
  return withCluster({ podStartDelayMs: 20 }, async (cluster) => {
    cluster.setNetwork(policyNetwork(cluster));
    const seeded = seedCluster(cluster, readManifestObjects(join(ROOT, 'examples/demo/manifests')));
    await cluster.waitFor(
      () =>
        seeded.pods.every((ref) => {
          const [ns = '', name = ''] = ref.split('/');
          return cluster.pod(ns, name)?.status?.phase === 'Running';
        }),
      30_000,
    );
    const run = await runAgainst(cluster, {
      inputs: { 'matrix-file': 'examples/demo/matrix.yaml', timeout: '1s' },
      workspace: ROOT,
      run: { action: 'netpol-gate' },
    });
    try {
      expect(run.main.outputs).toMatchObject({ passed: '8', failed: '1', inconclusive: '0' });
      return run.main.summary;
    } finally {
      run.dispose();
    }
  });
}

const LONG_URL = `http://${'a-very-long-service-name'.repeat(3)}.some-namespace.svc.cluster.local:8080/${'path/'.repeat(12)}healthz`;

/** The hard case: long names, long URLs and explanations, many targets, an inconclusive test. */
function stressResults(): TestResult[] {
  const base = { labels: { app: 'frontend', tier: 'web' }, attempts: 3, durationMs: 4200 };
  const out: TestResult[] = [];
  for (let i = 0; i < 14; i++) {
    out.push({
      ...base,
      name: `frontend-${i} reaches ${LONG_URL}`,
      from: `canary-test-namespace-with-a-long-name-${i % 3}`,
      to: `${LONG_URL}?n=${i}`,
      expect: 'allow',
      actual: i % 4 === 1 ? 'dns-error' : i % 4 === 2 ? 'blocked' : 'allowed',
      verdict: i % 4 === 1 ? 'inconclusive' : i % 4 === 2 ? 'fail' : 'pass',
      detail:
        i % 4 === 2
          ? `expected allow, but it was denied: no answer within 1s ("wget: download timed out" ${'x'.repeat(120)})`
          : 'connected',
      ...(i % 4 === 0
        ? {}
        : {
            explanation: `egress from the canary is isolated by ${'default-deny-egress-'.repeat(6)}policy (no egress rule allows ${LONG_URL})`,
          }),
    });
  }
  return out;
}

describe('the job summary in a browser 1000 px wide', () => {
  it("shows the demo's failure, its verdict and its why without sideways scrolling, and keeps a screenshot", async () => {
    const page = await show(await demoSummary());
    const seen = await nonPassing(page);
    expect(seen.tests).toHaveLength(1);
    expect(seen.tests[0]?.verdict).toMatch(/^❌ fail: DELIBERATE FAILURE/);
    expect(seen.tests[0]?.why).toMatch(/^Why: allow expected but blocked/);
    expect(seen.tests.flatMap((t) => t.problems)).toEqual([]);
    expect(seen.pageScrolls).toBe(false);
    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(readFileSync(SCREENSHOT).subarray(1, 4).toString()).toBe('PNG');
    await page.close();
  }, 120_000);

  it('shows every verdict and why of a hard case: long names, URLs and explanations, many targets', async () => {
    const results = stressResults();
    const page = await show(
      renderSummary(results, {
        title: 'a long title for this use of the action '.repeat(3),
        run: '1234567890-1-abcdef12',
        repro: () => `kubectl run x --image=busybox:1.36 -- wget --spider -T 1 ${LONG_URL}`,
      }),
    );
    const seen = await nonPassing(page);
    expect(seen.tests.map((t) => t.verdict.split(':')[0])).toEqual([
      ...Array(3).fill('❌ fail'),
      ...Array(4).fill('⚠️ inconclusive'),
    ]);
    for (const t of seen.tests) expect(t.why).toMatch(/^Why: egress from the canary is isolated/);
    expect(seen.tests.flatMap((t) => t.problems)).toEqual([]);
    expect(seen.pageScrolls).toBe(false);
    await page.screenshot({ path: SCREENSHOT.replace(/\.png$/, '-hard-case.png'), fullPage: true });
    await page.close();
  }, 60_000);

  it('would catch a wide table that hides the verdict (the old layout), so the check can fail', async () => {
    const cells = ['Test', 'From', 'Labels', 'To', 'Expected', 'Actual', 'Verdict', 'Time', 'Detail'];
    const row = [
      'frontend reaches backend',
      'canary-test-namespace-with-a-long-name',
      '`app=frontend,tier=web`',
      `\`${LONG_URL}\``,
      'allow',
      'blocked',
      '❌ fail',
      '4.2s',
      `**Why:** ${'egress is isolated by default-deny '.repeat(3)}`,
    ];
    const md = [`| ${cells.join(' | ')} |`, `|${' --- |'.repeat(9)}`, `| ${row.join(' | ')} |`].join('\n');
    const page = await show(md);
    const seen = await nonPassing(page);
    expect(seen.tests).toHaveLength(1);
    expect(seen.tests[0]?.problems.join('\n')).toMatch(/scrolls sideways|spans/);
    await page.close();
  }, 60_000);
});
