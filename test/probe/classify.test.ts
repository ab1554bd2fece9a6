// The classifier on what a real busybox printed in the probe lab (test/lab/recordings.json,
// proven current by test/lab/lab.test.ts), and on the few cases a lab cannot produce.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/probe/classify.ts';
import { parseProbeLines, type ProbeRun, type ToolResult } from '../../src/probe/probe-script.ts';
import { parseTarget } from '../../src/matrix/target.ts';
import type { Actual, Target } from '../../src/core/types.ts';
import { LAB_CASES, LAB_TIMEOUT_MS, labCommands } from '../lab/cases.ts';
import { readRecordings } from '../lab/recordings.ts';

function target(raw: string): Target {
  const r = parseTarget(raw);
  if (!r.ok) throw new Error(r.errors.join('; '));
  return r.value;
}
const HTTP = target('http://web.shop:8080/healthz');
const HTTPS = target('https://api.example.com/');
const TCP = target('tcp://db.shop:5432');
const T = LAB_TIMEOUT_MS;

const recordings = readRecordings();

/** A command's recording as the script reports it: output on one line. */
function recorded(argv: string[], dnsDropped: boolean): ToolResult {
  const r = recordings.commands.find(
    (c) => c.argv.join(' ') === argv.join(' ') && c.dnsDropped === dnsDropped,
  );
  if (!r) throw new Error(`no recording of ${argv.join(' ')}: run npx tsx test/lab/record.ts`);
  return { exitCode: r.exit ?? 137, output: r.lines.join(' ') };
}

describe('classify, on the recordings of the probe lab', () => {
  it("reads the product's script output for every row of the decision table", () => {
    expect(recordings.scripts.length).toBe(2);
    let n = 0;
    for (const s of recordings.scripts) {
      const runs = parseProbeLines(s.lines.join('\n'));
      s.targets.forEach((raw, id) => {
        const c = LAB_CASES.find((x) => x.target === raw && (x.dnsDropped === true) === s.dnsDropped);
        const obs = classify(target(raw), runs.get(id) ?? {}, s.timeoutMs);
        expect({ case: c?.name, actual: obs.actual }).toEqual({ case: c?.name, actual: c?.actual });
        expect(obs.detail).not.toMatch(/undefined|\[object|NaN/);
        n++;
      });
    }
    expect(n).toBe(LAB_CASES.length);
  });

  it.each(LAB_CASES.map((c) => [c.name, c] as const))(
    'reads the commands recorded one by one: %s',
    (_name, c) => {
      const run: ProbeRun = {};
      for (const argv of labCommands(c.target))
        run[argv[0] as 'nc' | 'wget'] = recorded(argv, c.dnsDropped === true);
      expect(classify(target(c.target), run, T).actual).toBe(c.actual);
    },
  );

  it('says what the server did, and that a redirect does not decide', () => {
    const run = (raw: string): string => {
      const cmds = labCommands(raw);
      return classify(target(raw), Object.fromEntries(cmds.map((a) => [a[0], recorded(a, false)])), T).detail;
    };
    expect(run('http://web.lab:8080/404')).toMatch(/connection was made .*answered with HTTP 404/);
    expect(run('http://web.lab:8082/')).toMatch(/HTTP answer did not come within 2 s/);
    expect(run('https://web.lab:8444/')).toMatch(
      /TLS handshake failed \("wget: TLS error from peer \(alert code 70\)/,
    );
    expect(run('http://web.lab:8080/to-dropped')).toMatch(
      /redirected to dropped\.lab:8080.*a redirect does not decide: the first connection does/,
    );
    expect(run('http://dropped.lab:8080/')).toMatch(
      /no answer within 2 s \("nc: dropped\.lab \(127\.0\.0\.2:8080\): Connection timed out"\)/,
    );
    expect(run('http://admin.lab:8080/')).toMatch(
      /ICMP error \("nc: admin\.lab \(127\.0\.0\.4:8080\): No route to host"\)/,
    );
  });
});

describe('classify: what no lab shows', () => {
  const NC_OPEN = { exitCode: 0, output: 'db.shop (10.0.0.3:5432) open sent 0, rcvd 0' };
  const NC_DROPPED = {
    exitCode: 1,
    output: 'nc: db.shop (10.0.0.3:5432): Connection timed out sent 0, rcvd 0',
  };
  const KILLED = { exitCode: 137, output: '' };
  const cases: [string, Target, ProbeRun, Actual, RegExp][] = [
    [
      'stopped after the name resolved: not DNS, and not blocked',
      HTTP,
      { nc: KILLED, wget: { exitCode: 137, output: 'Connecting to web.shop:8080 (10.0.0.1:8080)' } },
      'error',
      /nc was stopped at 4 s before it could tell/,
    ],
    [
      'stopped on an IP literal: no DNS to blame',
      target('tcp://10.0.0.3:5432'),
      { nc: KILLED },
      'error',
      /stopped at 4 s/,
    ],
    [
      'stopped having printed something',
      TCP,
      { nc: { exitCode: 137, output: 'nc: x' } },
      'error',
      /printed "nc: x"/,
    ],
    [
      'wget shows a connection nc did not see: allowed, never blocked',
      HTTP,
      {
        nc: NC_DROPPED,
        wget: { exitCode: 1, output: 'wget: server returned error: HTTP/1.1 404 Not Found' },
      },
      'allowed',
      /wget connected .*though nc said/,
    ],
    [
      "wget's timeout alone decides nothing",
      HTTP,
      { nc: { exitCode: 1, output: 'nc: weird' }, wget: { exitCode: 1, output: 'wget: download timed out' } },
      'error',
      /nc exited with 1 and printed "nc: weird"/,
    ],
    [
      'no nc result',
      HTTP,
      { wget: { exitCode: 0, output: 'remote file exists' } },
      'allowed',
      /wget connected/,
    ],
    ['no result at all', TCP, {}, 'error', /printed no result for the TCP connect probe/],
    ['no wget result for http', HTTP, { nc: NC_OPEN }, 'error', /no result for the HTTP probe/],
    [
      'no nc in the image',
      TCP,
      { nc: { exitCode: 127, output: 'sh: nc: not found' } },
      'error',
      /has no nc.*input "image"/,
    ],
    [
      'no timeout in the image',
      HTTPS,
      {
        nc: { exitCode: 127, output: 'sh: timeout: not found' },
        wget: { exitCode: 127, output: 'sh: timeout: not found' },
      },
      'error',
      /has no timeout .*sh, nc, wget and timeout/,
    ],
    [
      'an old wget without -T',
      HTTP,
      {
        nc: NC_OPEN,
        wget: { exitCode: 1, output: "wget: invalid option -- 'T' BusyBox v1.22.1 multi-call binary." },
      },
      'error',
      /wget does not accept the probe's options/,
    ],
    [
      "an old busybox's timeout (-t SECS)",
      TCP,
      { nc: { exitCode: 1, output: "timeout: invalid option -- 's' BusyBox v1.29.3 multi-call binary." } },
      'error',
      /the canary image's timeout does not accept the probe's options/,
    ],
    [
      'a crash',
      TCP,
      { nc: { exitCode: 139, output: '' } },
      'error',
      /signal 11 \(exit 139, printed nothing\)/,
    ],
    [
      'an HTTP "Not Found" is no missing tool',
      HTTP,
      { nc: NC_OPEN, wget: { exitCode: 1, output: 'wget: server returned error: HTTP/1.1 404 Not Found' } },
      'allowed',
      /HTTP 404/,
    ],
  ];
  it.each(cases)('%s', (_name, t, run, actual, detail) => {
    const obs = classify(t, run, T);
    expect(obs.actual).toBe(actual);
    expect(obs.detail).toMatch(detail);
    expect(obs.detail).not.toMatch(/undefined|\[object|NaN/);
  });

  it('keeps details short even for long output', () => {
    const obs = classify(
      TCP,
      { nc: { exitCode: 1, output: `nc: x: Connection timed out ${'x'.repeat(1000)}` } },
      T,
    );
    expect(obs.actual).toBe('blocked');
    expect(obs.detail.length).toBeLessThan(320);
  });
});

describe('classify: no deny test passes on a target that accepted a connection', () => {
  // every recorded output, as nc's and as wget's, also as if killed
  const results = recordings.commands.flatMap((c): { tool: string; r: ToolResult }[] => {
    const r = { exitCode: c.exit ?? 137, output: c.lines.join(' ') };
    return [
      { tool: c.argv[0] ?? '', r },
      { tool: c.argv[0] ?? '', r: { ...r, exitCode: 137 } },
    ];
  });
  const ncs = results.filter((x) => x.tool === 'nc').map((x) => x.r);
  const wgets = results.filter((x) => x.tool === 'wget').map((x) => x.r);

  it('is blocked only when nc timed out connecting and nothing shows a connection', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ncs), fc.option(fc.constantFrom(...wgets)), (nc, wget) => {
        const t = wget ? HTTP : TCP;
        const obs = classify(t, wget ? { nc, wget } : { nc }, T);
        const connected =
          /\) open\b/.test(nc.output) ||
          /remote file exists|server returned error|TLS|error getting response/.test(wget?.output ?? '');
        if (connected) expect(obs.actual).toBe('allowed');
        if (obs.actual === 'blocked') {
          expect(nc.output).toMatch(/Connection timed out/);
          expect(connected).toBe(false);
        }
      }),
      { numRuns: 400 },
    );
  });
});
