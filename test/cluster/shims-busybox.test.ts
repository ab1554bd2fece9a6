// The double's busybox stand-ins against what the real busybox printed in the probe lab
// (test/lab/recordings.json, itself checked against busybox by test/lab/lab.test.ts): the
// same command, against the same kind of target, prints the same lines (addresses aside),
// exits the same, takes about as long, and holds its output open where busybox's TLS
// helper does. Then the action's probe script through the stand-ins, as the end-to-end
// tests run it, reads each of the new cases as the real busybox's output reads.
import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTarget } from '../../src/matrix/target.ts';
import { classify } from '../../src/probe/classify.ts';
import { buildProbeScript, killSeconds, parseProbeLines } from '../../src/probe/probe-script.ts';
import { LAB_CASES } from '../lab/cases.ts';
import { comparable, readRecordings, type CommandRecording } from '../lab/recordings.ts';
import { createExecService } from './exec.ts';
import { labNetwork } from './lab-network.ts';
import type { ExecService, NetworkFn } from './types.ts';

const shimDir = join(dirname(fileURLToPath(import.meta.url)), 'shims');
const recordings = readRecordings();

const networks = new Map<string, NetworkFn>();
let service: ExecService;
let server: http.Server;
let baseUrl = '';

beforeAll(async () => {
  service = createExecService({
    getPod: (namespace, name) =>
      networks.has(name) ? { metadata: { name, namespace, labels: {} } } : undefined,
    network: (src, host, port, scheme) => {
      const fn = networks.get(src.pod);
      if (!fn) throw new Error(`no network for pod ${src.pod}`);
      return fn(src, host, port, scheme);
    },
    execLatencyMs: () => 0,
  });
  server = http.createServer((req, res) => {
    if (!service.handleControl(req, res)) res.writeHead(404).end();
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await service.close();
  await new Promise((ok) => server.close(ok));
});

interface Ran {
  exit: number | null;
  lines: string[];
  exitMs: number;
  /** stdout/stderr still open a second after the process exited */
  heldOpen: boolean;
}

/** Runs a command with the stand-ins first on PATH, as the double's exec does, in a process group of its own. */
function runShim(pod: string, argv: string[], stdin = ''): Promise<Ran & { stdout: string }> {
  const started = Date.now();
  const child = spawn(argv[0] ?? '', argv.slice(1), {
    env: {
      PATH: `${shimDir}:/usr/bin:/bin`,
      NETPOL_DOUBLE_URL: baseUrl,
      NETPOL_DOUBLE_NAMESPACE: 'lab',
      NETPOL_DOUBLE_POD: pod,
      NETPOL_DOUBLE_NODE: process.execPath,
    },
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdin.end(stdin);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  let exitMs = -1;
  let closed = false;
  const killGroup = (): void => {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // gone
    }
  };
  return new Promise((done) => {
    const finish = (heldOpen: boolean): void => {
      killGroup(); // a stand-in's TLS "helper"
      const lines = `${stdout}${stderr}`.split('\n').filter((l) => l !== '');
      done({ exit: child.exitCode, lines, exitMs, heldOpen, stdout });
    };
    child.on('exit', () => {
      exitMs = Date.now() - started;
      setTimeout(() => {
        if (!closed) finish(true);
      }, 1000);
    });
    child.on('close', () => {
      closed = true;
      finish(false);
    });
  });
}

/** Lines with addresses as placeholders: the double gives every name its own fake address. */
const shape = (line: string): string =>
  comparable(line)
    .replace(/\b\d{1,3}(\.\d{1,3}){3}\b/g, 'IP')
    .trim();

/** fn over the items, at most `size` at a time (node stand-ins cost CPU to start: the waits must stay theirs) */
async function pool<T, R>(items: T[], size: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: size }, worker));
  return out;
}

function firstConnection(argv: string[]): { host: string; port: number; path: string } {
  if (argv[0] === 'nc') return { host: argv.at(-2) ?? '', port: Number(argv.at(-1)), path: '' };
  const u = new URL(argv.at(-1) ?? '');
  return { host: u.hostname, port: Number(u.port) || (u.protocol === 'https:' ? 443 : 80), path: u.pathname };
}

describe('the stand-ins print what busybox printed in the probe lab', () => {
  it('for every recorded command: the same lines, exit code, time and open pipes', async () => {
    expect(recordings.commands.length).toBeGreaterThan(40);
    const ran = await pool(recordings.commands, 6, (rec: CommandRecording, i) => {
      const pod = `cmd-${i}`;
      networks.set(pod, labNetwork(firstConnection(rec.argv), rec.dnsDropped));
      return runShim(pod, rec.argv);
    });
    const view = (rec: CommandRecording, r?: Ran) => ({
      command: `${rec.dnsDropped ? '(DNS dropped) ' : ''}${rec.argv.join(' ')}`,
      exit: r ? r.exit : rec.exit,
      lines: (r ? r.lines : rec.lines).map(shape),
      heldOpen: r ? r.heldOpen : rec.closedSeconds === null,
    });
    expect(recordings.commands.map((rec, i) => view(rec, ran[i]))).toEqual(
      recordings.commands.map((rec) => view(rec)),
    );
    recordings.commands.forEach((rec, i) => {
      const seconds = (ran[i]?.exitMs ?? -1) / 1000;
      // busybox's waits (a timeout, the resolver, an ICMP error) are the stand-ins' waits
      expect(Math.abs(seconds - rec.exitSeconds), rec.argv.join(' ')).toBeLessThanOrEqual(1);
    });
  });
});

describe("the action's probe script through the stand-ins", () => {
  it('reads the new cases as it reads the real busybox, and ends at the kill bound', async () => {
    const names = [
      'accepts and never answers',
      'HTTP 302 to a dropped address',
      'TLS handshake stalls',
      'TLS handshake refused (TLS 1.3 only)',
      'plain HTTP on the https port',
      'reject with icmp type admin-prohibited',
      'reject with icmp type net-unreachable (http)',
      'DNS dropped',
    ];
    const cases = names.map((n) => {
      const c = LAB_CASES.find((x) => x.name === n);
      if (!c) throw new Error(`no lab case ${n}`);
      return c;
    });
    const timeoutMs = 2000;
    const probes = cases.map((c, id) => {
      const t = parseTarget(c.target);
      if (!t.ok) throw new Error(c.target);
      return { id, target: t.value };
    });
    // one pod, one network: each target's own path decides its first answer
    networks.set('script', (src, host, port, scheme) => {
      const c = cases.find((x) => {
        const u = new URL(x.target);
        return (
          u.hostname === host && Number(u.port) === port && (scheme === 'tcp' || u.protocol === `${scheme}:`)
        );
      });
      const u = c ? new URL(c.target) : undefined;
      return labNetwork({ host, port, path: u?.pathname ?? '/ok' }, c?.dnsDropped === true)(
        src,
        host,
        port,
        scheme,
      );
    });
    const r = await runShim('script', ['sh', '-s'], buildProbeScript(probes, timeoutMs));
    expect(r.exit).toBe(0);
    expect(r.heldOpen).toBe(false);
    const runs = parseProbeLines(r.stdout);
    expect(
      cases.map((c, id) => ({
        case: c.name,
        actual: classify(probes[id]!.target, runs.get(id) ?? {}, timeoutMs).actual,
      })),
    ).toEqual(cases.map((c) => ({ case: c.name, actual: c.actual })));
    // the dropped resolver is cut off by the kill, not waited out
    expect(r.exitMs).toBeLessThan((killSeconds(timeoutMs) + 1) * 1000);
  });
});
