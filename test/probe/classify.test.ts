import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/probe/classify.ts';
import { parseTarget } from '../../src/matrix/target.ts';
import type { Actual, Target } from '../../src/core/types.ts';

function target(raw: string): Target {
  const r = parseTarget(raw);
  if (!r.ok) throw new Error(r.errors.join('; '));
  return r.value;
}
const HTTP = target('http://web.shop:8080/healthz');
const HTTPS = target('https://api.example.com/');
const TCP = target('tcp://db.shop:5432');

// The reference texts, next to the repository (../shared) or where this machine keeps them.
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const docPath = [join(repoRoot, '../shared/busybox-probes.md'), '/work/shared/busybox-probes.md'].find((p) =>
  existsSync(p),
);

interface Row {
  section: string;
  what: string;
  output: string;
  exit: number;
}

/** Each table row of the document: its case, its quoted stderr lines folded to one, its exit code. */
function tableRows(doc: string): Row[] {
  const rows: Row[] = [];
  let section = '';
  for (const line of doc.split('\n')) {
    if (line.startsWith('## ')) section = line;
    const cells = /^\|(.*)\|\s*$/
      .exec(line)?.[1]
      ?.split('|')
      .map((c) => c.trim());
    if (!cells || cells.length !== 3 || !/^\d+$/.test(cells[2] ?? '')) continue;
    const quoted = [...(cells[1] ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    rows.push({ section, what: cells[0] ?? '', output: quoted.join(' '), exit: Number(cells[2]) });
  }
  return rows;
}

const EXPECTED_BY_CASE: [RegExp, Actual][] = [
  [/HTTP 200/, 'allowed'],
  [/HTTP 404|HTTP 500/, 'allowed'],
  [/nothing listens|^refused/, 'refused'],
  [/does not resolve/, 'dns-error'],
  [/^connected/, 'allowed'],
  [/no answer/, 'blocked'],
];

describe('classify, on the texts busybox really prints (shared/busybox-probes.md)', () => {
  const doc = docPath === undefined ? '' : readFileSync(docPath, 'utf8');

  it('finds the reference document', () => {
    expect(docPath).toBeDefined();
  });

  it('reads every row of the wget and nc tables as the case it documents', () => {
    const rows = tableRows(doc);
    expect(rows.filter((r) => r.section.includes('wget')).length).toBeGreaterThanOrEqual(5);
    expect(rows.filter((r) => r.section.includes('nc ')).length).toBeGreaterThanOrEqual(4);
    for (const row of rows) {
      const t = row.section.includes('nc ') ? TCP : HTTP;
      const wanted = EXPECTED_BY_CASE.find(([re]) => re.test(row.what))?.[1];
      expect(wanted, `a documented case without an expectation here: ${row.what}`).toBeDefined();
      const obs = classify(t, row.exit, row.output);
      expect({ case: row.what, actual: obs.actual }).toEqual({ case: row.what, actual: wanted });
    }
  });

  it('recognises every quoted probe message in the document (none falls through as unreadable)', () => {
    const quoted = [...doc.matchAll(/`([^`]+)`/g)]
      .map((m) => m[1] ?? '')
      .filter((q) => /wget: |nc: |ssl_client: |\) open$|remote file exists|no response from server/.test(q));
    expect(quoted.length).toBeGreaterThanOrEqual(12);
    for (const q of quoted) {
      const t =
        q.startsWith('nc: ') || q.endsWith(' open')
          ? TCP
          : q.includes('TLS') || q.startsWith('ssl')
            ? HTTPS
            : HTTP;
      const exit = /remote file exists|\) open$/.test(q) ? 0 : 1;
      const obs = classify(t, exit, q.replace(/…/g, 'x'));
      expect({ q, actual: obs.actual }).not.toEqual({ q, actual: 'error' });
      expect(obs.detail).not.toMatch(/undefined|\[object/);
    }
  });
});

describe('classify, case by case', () => {
  const cases: [string, Target, number, string, Actual, RegExp][] = [
    [
      'wget 200',
      HTTP,
      0,
      'Connecting to web.shop:8080 (10.0.0.1:8080)\nremote file exists',
      'allowed',
      /remote file exists/,
    ],
    ['wget exit 0, quiet', HTTP, 0, '', 'allowed', /connected/],
    [
      'wget 404 names the status',
      HTTP,
      1,
      'Connecting to web.shop:8080 (10.0.0.1:8080) wget: server returned error: HTTP/1.1 404 Not Found',
      'allowed',
      /HTTP 404 \("wget: server returned error: HTTP\/1.1 404 Not Found"\).*let the connection through/,
    ],
    [
      'wget 503',
      HTTP,
      1,
      'wget: server returned error: HTTP/1.1 503 Service Unavailable',
      'allowed',
      /HTTP 503/,
    ],
    [
      'timeout',
      HTTP,
      1,
      'Connecting to web.shop:8080 (10.0.0.1:8080) wget: download timed out',
      'blocked',
      /"wget: download timed out"/,
    ],
    ['nc timeout', TCP, 1, 'nc: db.shop (10.0.0.3:5432): Connection timed out', 'blocked', /dropped/],
    [
      'refused',
      HTTP,
      1,
      "wget: can't connect to remote host (10.0.0.1): Connection refused",
      'refused',
      /rejected/,
    ],
    [
      'reset before connecting',
      HTTP,
      1,
      "wget: can't connect to remote host (10.0.0.1): Connection reset by peer",
      'refused',
      /reset/,
    ],
    ['no route', TCP, 1, 'nc: db.shop (10.0.0.3:5432): No route to host', 'refused', /No route to host/],
    [
      'net unreachable',
      TCP,
      1,
      'nc: 10.9.9.9 (10.9.9.9:5432): Network is unreachable',
      'refused',
      /unreachable/,
    ],
    [
      'host unreachable',
      HTTP,
      1,
      "wget: can't connect to remote host (10.0.0.1): Host is unreachable",
      'refused',
      /unreachable/,
    ],
    ['dns', HTTP, 1, "wget: bad address 'web.shopp:8080'", 'dns-error', /did not resolve.*web\.shopp/],
    ['nc dns', TCP, 1, "nc: bad address 'db.shopp'", 'dns-error', /did not resolve/],
    [
      'connected, bad answer',
      HTTP,
      1,
      'Connecting to web.shop:8080 (10.0.0.1:8080) wget: error getting response',
      'allowed',
      /connection was made/,
    ],
    [
      'connected, then reset while reading: the network let it through',
      HTTP,
      1,
      'wget: error getting response: Connection reset by peer',
      'allowed',
      /connection was made/,
    ],
    ['no response', HTTP, 1, 'wget: no response from server', 'allowed', /let the connection through/],
    ['tls', HTTPS, 1, 'wget: TLS error from peer (alert code 40): handshake failure', 'allowed', /TLS error/],
    [
      'ssl_client',
      HTTPS,
      1,
      'ssl_client: api.example.com: handshake failed: error:0A000086',
      'allowed',
      /ssl_client/,
    ],
    ['nc open', TCP, 0, 'db.shop (10.0.0.3:5432) open', 'allowed', /"db.shop \(10.0.0.3:5432\) open"/],
    ['no wget in image', HTTP, 127, 'sh: wget: not found', 'error', /has no wget.*input "image"/],
    ['no nc in image', TCP, 127, 'sh: nc: not found', 'error', /has no nc/],
    [
      'old wget without -T',
      HTTP,
      1,
      "wget: invalid option -- 'T'\nBusyBox v1.22.1 multi-call binary.",
      'error',
      /does not accept the probe's options/,
    ],
    ['segfault', HTTP, 139, '', 'error', /signal 11 \(exit 139, printed nothing\)/],
    ['something unknown', HTTP, 4, 'wget: weird', 'error', /exited with 4 and printed "wget: weird"/],
  ];
  it.each(cases)('%s', (_name, t, exit, output, actual, detail) => {
    const obs = classify(t, exit, output);
    expect(obs.actual).toBe(actual);
    expect(obs.detail).toMatch(detail);
  });

  it('does not mistake an HTTP "Not Found" for a missing tool', () => {
    expect(classify(HTTP, 1, 'wget: server returned error: HTTP/1.1 404 Not Found').actual).toBe('allowed');
  });

  it('keeps details short even for long output', () => {
    const obs = classify(HTTP, 1, `wget: download timed out ${'x'.repeat(1000)}`);
    expect(obs.actual).toBe('blocked');
    expect(obs.detail.length).toBeLessThan(320);
  });
});
