// The probes against a real busybox (built as the busybox:1.36 image is) and real sockets
// in a network namespace: every row of the README's decision table gives its outcome, a
// canary's probing ends within one probe timeout plus the kill margin whatever the
// targets do, it leaves no process behind, and the recordings the unit tests and the
// cluster double's shims rely on are still what busybox prints.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  BACKOFF_S,
  buildCanaryScript,
  IN_LOG_MARKER,
  readCanaryResults,
} from '../../src/probe/canary-script.ts';
import { classify } from '../../src/probe/classify.ts';
import { KILL_MARGIN_S, killSeconds, parseProbeLines, probeSeconds } from '../../src/probe/probe-script.ts';
import { parseTarget } from '../../src/matrix/target.ts';
import { LAB_CASES, LAB_TIMEOUT_MS } from './cases.ts';
import { startLab, withMessageFile, type Lab } from './lab.ts';
import { comparable, readRecordings, recordCommands, recordScripts, runScript } from './recordings.ts';

// Started by the first test that needs them: a machine that cannot make them fails every
// test here, each saying what it needs (root, network namespaces, nftables, the busybox).
let started: Promise<{ main: Lab; dnsDropped: Lab }> | undefined;
function labs(): Promise<{ main: Lab; dnsDropped: Lab }> {
  started ??= (async () => {
    const main = await startLab();
    try {
      return { main, dnsDropped: await startLab({ dnsDropped: true }) };
    } catch (err) {
      await main.close();
      throw err;
    }
  })();
  return started;
}
afterAll(async () => {
  const made = await started?.catch(() => undefined);
  await made?.main.close();
  await made?.dnsDropped.close();
});

/** The contract: a canary's probing ends within the probe timeout plus the margin (+1 s for sh and the exec). */
const BOUND_MS = (probeSeconds(LAB_TIMEOUT_MS) + KILL_MARGIN_S + 1) * 1000;

async function untilNoStrays(lab: Lab): Promise<number[]> {
  for (let i = 0; i < 60 && lab.strays().length > 0; i++) await new Promise((r) => setTimeout(r, 50));
  return lab.strays();
}

describe.each([false, true])('one canary probing every target of the lab (DNS dropped: %s)', (dropped) => {
  const cases = LAB_CASES.filter((c) => (c.dnsDropped === true) === dropped);

  it('gives each row of the decision table its outcome, within one probe timeout plus the margin', async () => {
    const lab = dropped ? (await labs()).dnsDropped : (await labs()).main;
    const r = await runScript(
      lab,
      cases.map((c) => c.target),
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const runs = parseProbeLines(r.stdout);
    const got = cases.map((c, id) => {
      const t = parseTarget(c.target);
      if (!t.ok) throw new Error(c.target);
      const obs = classify(t.value, runs.get(id) ?? {}, LAB_TIMEOUT_MS);
      return { case: c.name, actual: obs.actual, detail: obs.detail };
    });
    expect(got.map(({ case: name, actual }) => ({ case: name, actual }))).toEqual(
      cases.map((c) => ({ case: c.name, actual: c.actual })),
    );
    for (const g of got) expect(g.detail).not.toMatch(/undefined|\[object/);
    expect(r.ms).toBeLessThan(BOUND_MS);
    if (dropped) {
      // the resolver would take longer: the kill ended these probes, at the bound and not before
      expect(r.ms).toBeGreaterThanOrEqual((killSeconds(LAB_TIMEOUT_MS) - 0.5) * 1000);
      expect(got.filter((g) => g.actual === 'dns-error').map((g) => g.detail)).toEqual([
        expect.stringContaining(
          `did not resolve within ${probeSeconds(LAB_TIMEOUT_MS)} s: is DNS egress allowed?`,
        ),
        expect.stringContaining(
          `did not resolve within ${probeSeconds(LAB_TIMEOUT_MS)} s: is DNS egress allowed?`,
        ),
      ]);
    }
    // wget's TLS helper, timeout's watcher: nothing stays behind in the canary
    expect(await untilNoStrays(lab)).toEqual([]);
  });
});

describe('the canary’s own script, in this busybox’s sh', () => {
  it('gives each row its outcome, times its attempts, retries what disagrees and writes its termination message', async () => {
    const lab = (await labs()).main;
    const cases = LAB_CASES.filter((c) => c.dnsDropped !== true);
    const tests = cases.map((c, id) => {
      const t = parseTarget(c.target);
      if (!t.ok) throw new Error(c.target);
      // every case expected allowed: what is not is retried once, after the first backoff
      return { index: id, target: t.value, expect: 'allow' as const };
    });
    await withMessageFile(async (messagePath) => {
      const script = buildCanaryScript(
        tests.map((t) => ({ id: t.index, target: t.target, expect: t.expect })),
        { timeoutMs: LAB_TIMEOUT_MS, attempts: 2, messagePath },
      );
      const r = await lab.sh(script, { killAfterMs: 60_000 });
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      // the log has it all; the message too, or says to read the log
      const message = readFileSync(messagePath, 'utf8');
      const read = readCanaryResults(
        tests,
        message.startsWith(IN_LOG_MARKER) ? r.stdout : message,
        LAB_TIMEOUT_MS,
      );
      expect(read.inLog).toBe(false);
      expect(read.doneMs).toBeGreaterThan(0);
      const retried = cases.filter((c) => c.actual !== 'allowed').length;
      expect(retried).toBeGreaterThan(0);
      for (const [id, c] of cases.entries()) {
        const tries = read.tries.get(id) ?? [];
        expect({ case: c.name, actual: tries.map((t) => t.observation.actual) }).toEqual({
          case: c.name,
          actual: c.actual === 'allowed' ? ['allowed'] : [c.actual, c.actual],
        });
      }
      // attempt 2 began after attempt 1 ended and the first backoff: times from the script's own clock
      const second = [...read.tries.values()].flat().find((t) => t.attempt === 2);
      expect(second?.atMs).toBeGreaterThanOrEqual(BACKOFF_S[0]! * 1000);
      expect(read.provenAt).toBe(1);
      expect(read.doneMs).toBeLessThan(2 * BOUND_MS + BACKOFF_S[0]! * 1000);
      expect(await untilNoStrays(lab)).toEqual([]);
    });
  });
});

describe('the recordings (test/lab/recordings.json)', () => {
  const recorded = readRecordings();

  it("are what this busybox prints for every case's commands, run one by one", async () => {
    const now = await recordCommands(await labs(), LAB_CASES);
    const view = (list: typeof now) =>
      list.map((c) => ({
        argv: c.argv.join(' '),
        dnsDropped: c.dnsDropped,
        exit: c.exit,
        lines: c.lines.map(comparable),
        // a helper that holds the pipes open is part of the record
        closes: c.closedSeconds !== null,
      }));
    expect(view(now)).toEqual(view(recorded.commands));
    for (const c of now) {
      const was = recorded.commands.find(
        (r) => r.argv.join(' ') === c.argv.join(' ') && r.dnsDropped === c.dnsDropped,
      );
      expect(Math.abs(c.exitSeconds - (was?.exitSeconds ?? -10)), c.argv.join(' ')).toBeLessThanOrEqual(1);
    }
  });

  it("are what the product's script prints for them", async () => {
    const now = await recordScripts(await labs(), LAB_CASES);
    const view = (list: typeof now) =>
      list.map((s) => ({ ...s, lines: s.lines.map(comparable), seconds: undefined }));
    expect(view(now)).toEqual(view(recorded.scripts));
  });
});
