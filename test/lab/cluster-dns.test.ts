// The built-in control in a cluster whose domain is not cluster.local: the real busybox's
// resolver walks the pod's search list to the API server's Service, nc prints the name as
// the script gave it, and that proves the canary's network, so a drop counts for a deny.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCanaryScript, readCanaryResults } from '../../src/probe/canary-script.ts';
import { CONTROL_HOST, CONTROL_PORT } from '../../src/probe/probe-script.ts';
import { parseTarget } from '../../src/matrix/target.ts';
import { LAB_TIMEOUT_MS } from './cases.ts';
import { HOSTS, startLab, withMessageFile, type Lab } from './lab.ts';

const DOMAIN = 'cluster.test';
// the Service's address drops the connection: the name resolving is the whole proof
const API_SERVICE = `kubernetes.default.svc.${DOMAIN}`;

let started: Promise<Lab> | undefined;
const lab = (): Promise<Lab> =>
  (started ??= startLab({
    clusterDns: { domain: DOMAIN, namespace: 'team-a', records: { [API_SERVICE]: HOSTS['dropped.lab'] } },
  }));
afterAll(async () => (await started?.catch(() => undefined))?.close());

describe(`the built-in control in a cluster whose domain is ${DOMAIN}`, () => {
  it('resolves through the search list, and a canary of addresses only is proven by it', async () => {
    const l = await lab();
    const parsed = parseTarget(`tcp://${HOSTS['dropped.lab']}:5432`);
    if (!parsed.ok) throw new Error('the target does not parse');
    const tests = [{ index: 0, target: parsed.value }];
    await withMessageFile(async (messagePath) => {
      const script = buildCanaryScript([{ id: 0, target: parsed.value, expect: 'deny' }], {
        timeoutMs: LAB_TIMEOUT_MS,
        attempts: 2,
        messagePath,
      });
      expect(script).toContain(`'${CONTROL_HOST}' '${CONTROL_PORT}'`);
      const r = await l.sh(script, { killAfterMs: 60_000 });
      expect(r.code).toBe(0);
      const message = readFileSync(messagePath, 'utf8');
      // nc names it as given, with the address the search list found
      expect(message).toContain(`${CONTROL_HOST} (${HOSTS['dropped.lab']}:${CONTROL_PORT})`);
      const read = readCanaryResults(tests, message, LAB_TIMEOUT_MS);
      expect(read.provenAt).toBe(1);
      // proven in its first attempt, the drop is what a deny needs: the script did not retry it
      expect(read.tries.get(0)?.map((t) => t.observation.actual)).toEqual(['blocked']);
    });
  });

  it('while the name in the default domain does not resolve there at all', async () => {
    const l = await lab();
    const r = await l.run(['nc', '-z', '-v', '-v', '-w', '1', 'kubernetes.default.svc.cluster.local', '443']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('bad address');
  });
});
