// A canary's attempts → each test's verdict: the network proven before a drop counts, and
// enforcement lag, on what a real busybox printed in the probe lab (test/lab/recordings.json).
import { describe, expect, it } from 'vitest';
import { decideTest, NETWORK_UNPROVEN, showsNetwork, type Try } from '../../src/probe/canary-verdicts.ts';
import { classify } from '../../src/probe/classify.ts';
import {
  CONTROL_HOST,
  parseControlLine,
  buildProbeScript,
  type ProbeRun,
  type ToolResult,
} from '../../src/probe/probe-script.ts';
import { parseTarget } from '../../src/matrix/target.ts';
import type { Expect, TestCase } from '../../src/core/types.ts';
import { LAB_TIMEOUT_MS } from '../lab/cases.ts';
import { readRecordings } from '../lab/recordings.ts';

const recordings = readRecordings();

function nc(host: string, port: string, dnsDropped = false): ToolResult {
  const r = recordings.commands.find(
    (c) => c.argv[0] === 'nc' && c.argv[6] === host && c.argv[7] === port && c.dnsDropped === dnsDropped,
  );
  if (!r) throw new Error(`no recording of nc ${host} ${port}`);
  return { exitCode: r.exit ?? 137, output: r.lines.join(' ') };
}

/** busybox names what it was given: for an address, the address (the lab's targets are names) */
function asAddress(r: ToolResult, name: string, address: string): ToolResult {
  return { ...r, output: r.output.replace(`${name} (`, `${address} (`) };
}

function test(expect: Expect, raw: string, index = 0): TestCase {
  const t = parseTarget(raw);
  if (!t.ok) throw new Error(t.errors.join('; '));
  return { index, name: `t${index}`, from: 'ns', labels: {}, to: raw, target: t.value, expect };
}

function tryOf(t: TestCase, run: ProbeRun, attempt: number, atMs: number): Try {
  return { attempt, atMs, observation: classify(t.target, run, LAB_TIMEOUT_MS) };
}

const OPEN = nc('web.lab', '8080');
const DROPPED = nc('dropped.lab', '5432');
const DROPPED_IP = asAddress(DROPPED, 'dropped.lab', '127.0.0.2');
const NO_NAME = nc('nosuch.lab', '5432');
const REFUSED = nc('reset.lab', '5432');
const S = { refusedMeansDenied: false };

describe('showsNetwork: a connection made or a name resolved', () => {
  it('reads the real texts', () => {
    const o = (host: string, r: ToolResult) =>
      showsNetwork(
        host,
        { nc: r },
        classify(test('deny', `tcp://${host}:5432`).target, { nc: r }, LAB_TIMEOUT_MS),
      );
    expect(o('web.lab', OPEN)).toBe(true); // a connection
    expect(o('dropped.lab', DROPPED)).toBe(true); // dropped, but DNS answered
    expect(o('127.0.0.2', DROPPED_IP)).toBe(false); // an address needs no DNS: a drop only
    expect(o('nosuch.lab', NO_NAME)).toBe(false); // bad address
    expect(o('reset.lab', REFUSED)).toBe(true); // resolved, then refused
    expect(o('localhost', asAddress(DROPPED, 'dropped.lab', 'localhost'))).toBe(false); // /etc/hosts
  });

  it('reads the control line of the script', () => {
    const script = buildProbeScript([], 5000, { control: true });
    expect(script).toContain(`'nc' '-z' '-v' '-v' '-w' '5' '${CONTROL_HOST}' '443' &`);
    expect(buildProbeScript([], 5000)).not.toContain(CONTROL_HOST);
    const line = `@@ncp 0 ctl 1 ${asAddress(DROPPED, 'dropped.lab', CONTROL_HOST).output}`;
    const control = parseControlLine(`@@ncp 0 nc 0 x\n${line}\n`);
    expect(control?.exitCode).toBe(1);
    expect(showsNetwork(CONTROL_HOST, { nc: control! }, { actual: 'blocked', detail: '' })).toBe(true);
    expect(parseControlLine('@@ncp 0 nc 0 x\n')).toBeUndefined();
  });
});

describe('the network proven before a drop counts', () => {
  const deny = test('deny', 'tcp://127.0.0.2:5432');
  const drop = (attempt: number, atMs = 0) => tryOf(deny, { nc: DROPPED_IP }, attempt, atMs);

  it('a deny whose only evidence is drops is inconclusive, never a pass', () => {
    const v = decideTest(deny, [drop(1), drop(2, 6000), drop(3, 13000)], undefined, S);
    expect(v.verdict).toBe('inconclusive');
    expect(v.detail).toContain(NETWORK_UNPROVEN);
    expect(v.detail).toContain('Connection timed out');
  });

  it('an allow that was only dropped, in a canary never proven, is inconclusive too', () => {
    const allow = test('allow', 'tcp://127.0.0.2:5432');
    expect(decideTest(allow, [tryOf(allow, { nc: DROPPED_IP }, 1, 0)], undefined, S).verdict).toBe(
      'inconclusive',
    );
  });

  it('counts a drop from the attempt the network was proven in, or later, not before', () => {
    expect(decideTest(deny, [drop(1)], 1, S).verdict).toBe('pass');
    expect(decideTest(deny, [drop(1), drop(2, 6000)], 2, S).verdict).toBe('pass');
    expect(decideTest(deny, [drop(1)], 2, S).verdict).toBe('inconclusive');
  });

  it('a deny that connected after a drop before the proof fails', () => {
    const v = decideTest(
      deny,
      [drop(1), tryOf(deny, { nc: asAddress(OPEN, 'web.lab', '127.0.0.2') }, 2, 6000)],
      2,
      S,
    );
    expect(v.verdict).toBe('fail');
    expect(v.enforcedAfterMs).toBeUndefined();
  });

  it('leaves what is not a drop alone: a refusal, a name that does not resolve', () => {
    const r = test('deny', 'tcp://reset.lab:5432');
    expect(decideTest(r, [tryOf(r, { nc: REFUSED }, 1, 0)], undefined, S).verdict).toBe('inconclusive');
    expect(
      decideTest(r, [tryOf(r, { nc: REFUSED }, 1, 0)], undefined, { refusedMeansDenied: true }).verdict,
    ).toBe('pass');
  });
});

describe('enforcement lag', () => {
  const deny = test('deny', 'tcp://dropped.lab:5432');
  const open = (attempt: number, atMs: number) =>
    tryOf(deny, { nc: asAddress(OPEN, 'web.lab', 'dropped.lab') }, attempt, atMs);
  const drop = (attempt: number, atMs: number) => tryOf(deny, { nc: DROPPED }, attempt, atMs);

  it('a deny that connected at first and was blocked later passes, with the window', () => {
    const v = decideTest(deny, [open(1, 300), open(2, 1350), drop(3, 2410)], 1, S);
    expect(v.verdict).toBe('pass');
    expect(v.enforcedAfterMs).toBe(2410);
    expect(v.warning).toContain('reachable for up to the first 2.4 s after the canary started');
    expect(v.warning).toContain('connected 1.4 s after the start');
    expect(v.detail).toContain('Connection timed out');
    expect(v.detail).toContain(v.warning);
  });

  it('max-enforcement-delay below the window fails it, at or above passes', () => {
    const tries = [open(1, 300), drop(2, 2410)];
    const failed = decideTest(deny, tries, 1, { ...S, maxEnforcementDelayMs: 2000 });
    expect(failed.verdict).toBe('fail');
    expect(failed.detail).toContain('longer than max-enforcement-delay (2.0 s)');
    expect(failed.enforcedAfterMs).toBe(2410);
    expect(decideTest(deny, tries, 1, { ...S, maxEnforcementDelayMs: 3000 }).verdict).toBe('pass');
  });

  it('an allow blocked at first and allowed later is reported the same way', () => {
    const allow = test('allow', 'tcp://dropped.lab:5432');
    const v = decideTest(
      allow,
      [
        tryOf(allow, { nc: DROPPED }, 1, 200),
        tryOf(allow, { nc: asAddress(OPEN, 'web.lab', 'dropped.lab') }, 2, 3100),
      ],
      1,
      S,
    );
    expect(v.verdict).toBe('pass');
    expect(v.enforcedAfterMs).toBe(3100);
    expect(v.warning).toContain('blocked for up to the first 3.1 s after the canary started');
  });

  it('no window for a result that agreed at once, or never', () => {
    expect(decideTest(deny, [drop(1, 300)], 1, S).enforcedAfterMs).toBeUndefined();
    expect(decideTest(deny, [open(1, 300), open(2, 1300)], 1, S).verdict).toBe('fail');
  });
});
