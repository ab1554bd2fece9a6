// The bench plays the action's probe scripts instead of running them (bench/probe-player.ts).
// If buildProbeScript changes and the player no longer reads it, the bench would quietly fall
// back to sh and measure the double again: these tests catch that drift.
import { describe, expect, it } from 'vitest';
import { probesOf } from '../../bench/probe-player.ts';
import { buildProbeScript, probeCommands, shellQuote } from '../../src/probe/probe-script.ts';
import { parseTarget } from '../../src/matrix/target.ts';
import type { Target } from '../../src/core/types.ts';

const target = (raw: string): Target => {
  const t = parseTarget(raw);
  if (!t.ok) throw new Error(`${raw}: ${t.errors.join('; ')}`);
  return t.value;
};

describe('probesOf', () => {
  it("reads back every probe of the action's script, quotes and all", () => {
    const targets = [
      'http://web.shop.svc.cluster.local:8080/healthz',
      'https://example.com/a%20b?x=1%26y=2',
      'tcp://postgres.billing.svc:5432',
      'tcp://10.96.0.10:53',
    ].map(target);
    const probes = targets.map((t, i) => ({ id: i * 7, target: t }));
    const script = buildProbeScript(probes, 2000);
    expect(probesOf(script)).toEqual(
      probes.flatMap((p) => probeCommands(p.target, 2000).map((c) => ({ id: p.id, ...c }))),
    );
  });

  it("reads words quoted as shellQuote quotes them, it's included", () => {
    const words = ['wget', '--spider', '-T', '2', "http://x/it's"];
    const script = `${buildProbeScript([], 2000).replace(/\nwait\n$/, '')}ncp_probe 3 wget ${words.map(shellQuote).join(' ')} &\nwait\n`;
    expect(probesOf(script)).toEqual([{ id: 3, tool: 'wget', argv: words }]);
  });

  it('reads a script of no probes as none, and refuses any other script', () => {
    expect(probesOf(buildProbeScript([], 2000))).toEqual([]);
    const script = buildProbeScript([{ id: 1, target: target('tcp://db.svc:5432') }], 2000);
    expect(probesOf(script.replace("'nc'", 'nc'))).toBeUndefined();
    expect(probesOf(script.replace('\nwait\n', '\n'))).toBeUndefined();
    expect(probesOf(script.replace("ncp_probe 1 nc 'nc'", "ncp_probe 1 wget 'nc'"))).toBeUndefined();
    expect(probesOf(script.replace('timeout -s KILL', 'timeout -s TERM'))).toBeUndefined();
    expect(probesOf(`echo hi\n${script}`)).toBeUndefined();
  });
});
