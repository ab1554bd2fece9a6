// The busybox stand-ins, run directly against the double's real control endpoint:
// each outcome must print what busybox 1.36 prints, exit as it exits and wait as it waits.
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { comparable, readRecordings } from '../lab/recordings.ts';
import { createExecService } from './exec.ts';
import { fakeIp, rules } from './network.ts';
import type { ExecService, Labels, NetSource, NetworkFn } from './types.ts';

const here = dirname(fileURLToPath(import.meta.url));
const shimDir = join(here, 'shims');

/** A line with its host, address and port as placeholders. */
function shapeOf(line: string): string {
  return comparable(line)
    .replace(/\b\d{1,3}(\.\d{1,3}){3}\b/g, 'IP')
    .replace(/\(IP:\d+\)/g, '(IP:PORT)')
    .replace(/^Connecting to \S+/, 'Connecting to H')
    .replace(/^(nc: )?\S+ \(IP:PORT\)/, '$1H (IP:PORT)')
    .replace(/bad address '[^']*'/, "bad address 'H'");
}
/** Every line the real busybox printed in the probe lab (test/lab/recordings.json), as a shape. */
const recordedShapes = new Set(readRecordings().commands.flatMap((c) => c.lines.map(shapeOf)));

/** The line, with this probe's host, address and port as placeholders, is one busybox printed in the lab. */
function expectDocumented(line: string, _host?: string, _port?: number) {
  expect(recordedShapes, `busybox printed \`${shapeOf(line)}\` in the probe lab`).toContain(shapeOf(line));
}

const pods = new Map<string, { metadata: { name: string; namespace: string; labels: Labels } }>();
const asked: NetSource[] = [];
let network: NetworkFn = () => ({ kind: 'allowed' });
let service: ExecService;
let server: http.Server;
let baseUrl = '';

beforeAll(async () => {
  pods.set('dark-tower/canary-1', {
    metadata: { name: 'canary-1', namespace: 'dark-tower', labels: { app: 'frontend' } },
  });
  service = createExecService({
    getPod: (ns, name) => pods.get(`${ns}/${name}`),
    network: (src, host, port, scheme) => {
      asked.push(src);
      return network(src, host, port, scheme);
    },
    execLatencyMs: () => 0,
  });
  server = http.createServer((req, res) => {
    if (!service.handleControl(req, res)) res.writeHead(404).end();
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

/** Every stand-in this file starts; a failed test must not leave one waiting out a timeout. */
const started = new Set<ChildProcess>();

afterAll(async () => {
  for (const child of started) if (child.exitCode === null) child.kill('SIGKILL');
  await service.close();
  await new Promise((ok) => server.close(ok));
});

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

function start(
  applet: string,
  args: string[],
  pod = 'canary-1',
): { child: ChildProcess; done: Promise<Ran> } {
  const child = spawn(join(shimDir, applet), args, {
    env: {
      PATH: `${shimDir}:/usr/bin:/bin`,
      NETPOL_DOUBLE_URL: baseUrl,
      NETPOL_DOUBLE_NAMESPACE: 'dark-tower',
      NETPOL_DOUBLE_POD: pod,
      NETPOL_DOUBLE_NODE: process.execPath,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const done = new Promise<Ran>((ok) => child.on('close', (code) => ok({ code, stdout, stderr })));
  return { child, done };
}

const probe = (applet: string, args: string[], pod?: string) => start(applet, args, pod).done;

describe('wget --spider', () => {
  beforeAll(() => {
    network = rules([
      { to: '127.0.0.1:18080', outcome: 200 },
      { to: '127.0.0.1:18081', outcome: 404 },
      { to: '127.0.0.1:18082', outcome: 500 },
      { to: '127.0.0.1:18083', outcome: 'refused' },
      { to: '127.0.0.1:18084', outcome: 302 },
      { to: 'no-such-host.invalid', outcome: 'dns-failure' },
    ]);
  });

  it('prints "remote file exists" for a 200 and exits 0', async () => {
    const r = await probe('wget', ['--spider', '-T', '2', 'http://127.0.0.1:18080/']);
    expect(r).toEqual({
      code: 0,
      stdout: '',
      stderr: 'Connecting to 127.0.0.1:18080 (127.0.0.1:18080)\nremote file exists\n',
    });
    for (const line of r.stderr.trimEnd().split('\n')) expectDocumented(line);
  });

  it('treats a redirect as success, like busybox following it', async () => {
    const r = await probe('wget', ['--spider', '-T', '2', 'http://127.0.0.1:18084/old']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('Connecting to 127.0.0.1:18084 (127.0.0.1:18084)\nremote file exists\n');
  });

  it.each([
    [18081, 'HTTP/1.1 404 Not Found'],
    [18082, 'HTTP/1.1 500 Internal Server Error'],
  ])('reports the server error for port %i with the reason phrase', async (port, statusLine) => {
    const r = await probe('wget', ['--spider', '-T', '2', `http://127.0.0.1:${port}/`]);
    expect(r.code).toBe(1);
    const error = `wget: server returned error: ${statusLine}`;
    expect(r.stderr).toBe(`Connecting to 127.0.0.1:${port} (127.0.0.1:${port})\n${error}\n`);
    expectDocumented(error);
  });

  it('reports a refused connection after "Connecting to"', async () => {
    const r = await probe('wget', ['--spider', '-T', '2', 'http://127.0.0.1:18083/']);
    expect(r.code).toBe(1);
    const refused = "wget: can't connect to remote host (127.0.0.1): Connection refused";
    expect(r.stderr).toBe(`Connecting to 127.0.0.1:18083 (127.0.0.1:18083)\n${refused}\n`);
    expectDocumented(refused);
  });

  it('names the host as written, with its port only when the URL has one', async () => {
    const withPort = await probe('wget', ['--spider', '-T', '2', 'http://no-such-host.invalid:80/x']);
    expect(withPort).toEqual({
      code: 1,
      stdout: '',
      stderr: "wget: bad address 'no-such-host.invalid:80'\n",
    });
    expectDocumented("wget: bad address 'no-such-host.invalid:80'");
    const withoutPort = await probe('wget', ['--spider', '-T', '2', 'http://no-such-host.invalid/x']);
    expect(withoutPort.stderr).toBe("wget: bad address 'no-such-host.invalid'\n");
  });

  it('-q leaves only the error lines', async () => {
    const ok = await probe('wget', ['--spider', '-q', '-T', '2', 'http://127.0.0.1:18080/']);
    expect(ok).toEqual({ code: 0, stdout: '', stderr: '' });
    const bad = await probe('wget', ['-q', '--spider', '-T', '2', 'http://127.0.0.1:18081/']);
    expect(bad).toEqual({
      code: 1,
      stdout: '',
      stderr: 'wget: server returned error: HTTP/1.1 404 Not Found\n',
    });
  });

  it('uses the fake address of a service name and the note busybox prints for https', async () => {
    const r = await probe('wget', ['--spider', '-T', '2', 'https://127.0.0.1:18080/']);
    expect(r.stderr).toBe(
      'Connecting to 127.0.0.1:18080 (127.0.0.1:18080)\nwget: note: TLS certificate validation not implemented\nremote file exists\n',
    );
    network = () => ({ kind: 'allowed' });
    const svc = await probe('wget', ['--spider', '-T', '2', 'http://web.prod.svc.cluster.local/']);
    expect(svc.stderr).toBe(
      `Connecting to web.prod.svc.cluster.local (${fakeIp('web.prod.svc.cluster.local')}:80)\nremote file exists\n`,
    );
    expect(fakeIp('web.prod.svc.cluster.local')).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\./);
  });

  it('downloads with -O - and shows the status line with -S', async () => {
    network = () => ({ kind: 'allowed' });
    const r = await probe('wget', ['-q', '-S', '-O', '-', '-T', '2', 'http://127.0.0.1:18080/']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('<html><body>netpol cluster double: 127.0.0.1:18080 answered 200</body></html>\n');
    expect(r.stderr.split('\n')[0]).toBe('  HTTP/1.1 200 OK');
  });

  it('goes through the busybox multi-call binary too', async () => {
    network = () => ({ kind: 'allowed', status: 404 });
    const r = await probe('busybox', ['wget', '--spider', '-T', '2', 'http://127.0.0.1:18081/']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('wget: server returned error: HTTP/1.1 404 Not Found\n');
  });
});

describe('nc -z', () => {
  beforeAll(() => {
    network = rules([
      { to: 'api.dark-tower.svc.cluster.local:8080', outcome: 'allowed' },
      { to: 'db:5432', outcome: 'refused' },
      { to: 'nowhere.invalid', outcome: 'dns-failure' },
    ]);
  });

  it('says the port is open and exits 0', async () => {
    const host = 'api.dark-tower.svc.cluster.local';
    const r = await probe('nc', ['-z', '-v', '-w', '2', host, '8080']);
    expect(r).toEqual({ code: 0, stdout: '', stderr: `${host} (${fakeIp(host)}:8080) open\n` });
    expectDocumented(r.stderr.trimEnd(), host, 8080);
  });

  it('keeps a refusal quiet at one -v, as nc_bloaty does, and names it at -vv', async () => {
    const one = await probe('nc', ['-z', '-v', '-w', '2', 'db', '5432']);
    expect(one).toEqual({ code: 1, stdout: '', stderr: '' });
    const two = await probe('nc', ['-z', '-vv', '-w', '2', 'db', '5432']);
    const refused = `nc: db (${fakeIp('db')}:5432): Connection refused`;
    expect(two).toEqual({ code: 1, stdout: '', stderr: `${refused}\nsent 0, rcvd 0\n` });
    expectDocumented(refused, 'db', 5432);
  });

  it('reports a name that does not resolve', async () => {
    const r = await probe('nc', ['-z', '-v', '-w', '2', 'nowhere.invalid', '80']);
    expect(r).toEqual({ code: 1, stdout: '', stderr: "nc: bad address 'nowhere.invalid'\n" });
    expectDocumented(r.stderr.trimEnd(), 'nowhere.invalid', 80);
  });
});

describe('dropped packets', () => {
  it('make wget -T and nc -w wait their whole timeout, unlike a refusal', async () => {
    network = rules([
      { to: 'blackhole.example.com', outcome: 'timeout' },
      { to: '*', outcome: 'refused' },
    ]);
    const wget = start('wget', ['--spider', '-T', '2', 'http://blackhole.example.com/']);
    const nc = start('nc', ['-z', '-v', '-w', '2', 'blackhole.example.com', '443']);
    const refused = await probe('wget', ['--spider', '-T', '2', 'http://elsewhere.example.com/']);
    expect(refused.code).toBe(1);
    // Started together, the refusal is over while both timeouts are still waiting.
    expect(wget.child.exitCode).toBeNull();
    expect(nc.child.exitCode).toBeNull();

    const ip = fakeIp('blackhole.example.com');
    expect(ip).toMatch(/^198\.1[89]\./);
    expect(await wget.done).toEqual({
      code: 1,
      stdout: '',
      stderr: `Connecting to blackhole.example.com (${ip}:80)\nwget: download timed out\n`,
    });
    expectDocumented('wget: download timed out');
    const ncResult = await nc.done;
    expect(ncResult).toEqual({
      code: 1,
      stdout: '',
      stderr: `nc: blackhole.example.com (${ip}:443): Connection timed out\n`,
    });
    expectDocumented(ncResult.stderr.trimEnd(), 'blackhole.example.com', 443);
  });
});

describe('command lines busybox rejects', () => {
  it.each([
    ['wget', ['--spider', '-x', 'http://a/'], "wget: invalid option -- 'x'\n"],
    ['wget', ['--spider', '--bogus', 'http://a/'], "wget: unrecognized option '--bogus'\n"],
    ['wget', ['--spider', '-T'], "wget: option requires an argument -- 'T'\n"],
    ['wget', ['--spider', '-T', '2'], ''],
    ['nc', ['-z', '-q', 'a', '80'], "nc: invalid option -- 'q'\n"],
    ['nc', ['-z', '-v', 'a', '80', 'extra'], ''],
  ])('%s %j: usage, exit 1, network not asked', async (applet, args, message) => {
    const before = asked.length;
    const r = await probe(applet, args);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `${message}BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: ${applet} ` +
        r.stderr.split(`Usage: ${applet} `)[1],
    );
    expect(r.stderr).toContain(
      applet === 'wget' ? '\t-T SEC\t\tNetwork read timeout is SEC seconds\n' : '\t-z\tZero-I/O mode',
    );
    expect(asked.length).toBe(before);
  });

  it.each([
    ['wget', ['--spider', '-T', '1.5', 'http://a/'], "wget: invalid number '1.5'\n"],
    ['wget', ['--spider', '-T', '', 'http://a/'], "wget: invalid number ''\n"],
    ['nc', ['-z', '-v', '-w', '0.5', 'a', '80'], "nc: invalid number '0.5'\n"],
    ['wget', ['--spider', 'gopher://a/'], 'wget: not an http or ftp url: gopher://a/\n'],
    ['wget', ['--spider', 'http://a:http/'], "wget: bad port spec 'a:http'\n"],
  ])('%s %j: whole seconds and real URLs only', async (applet, args, message) => {
    const before = asked.length;
    expect(await probe(applet, args)).toEqual({ code: 1, stdout: '', stderr: message });
    expect(asked.length).toBe(before);
  });
});

describe('the double', () => {
  it("reads the pod's labels when the probe runs, not when the pod was made", async () => {
    network = rules(
      [{ from: { namespace: 'dark-tower', labels: { role: 'client' } }, to: '*', outcome: 200 }],
      'refused',
    );
    const url = 'http://api.dark-tower.svc.cluster.local:8080/';
    const before = await probe('wget', ['--spider', '-q', '-T', '2', url]);
    expect(before.code).toBe(1);
    expect(before.stderr).toContain('Connection refused');

    pods.get('dark-tower/canary-1')!.metadata.labels = { app: 'frontend', role: 'client' };
    const after = await probe('wget', ['--spider', '-q', '-T', '2', url]);
    expect(after).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(asked.at(-1)).toEqual({
      namespace: 'dark-tower',
      pod: 'canary-1',
      labels: { app: 'frontend', role: 'client' },
    });
  });

  it('says so when the probing pod no longer exists', async () => {
    const r = await probe('nc', ['-z', '-v', '-w', '2', 'db', '5432'], 'gone');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'nc: the cluster double could not simulate this connection: pod dark-tower/gone does not exist (deleted while probing?)\n',
    );
  });

  it('answers plain requests outside /__double/ with false, so the API server handles them', async () => {
    const res = await fetch(`${baseUrl}/api/v1/namespaces`);
    expect(res.status).toBe(404);
    const control = await fetch(`${baseUrl}/__double/nothing-here`);
    expect(control.status).toBe(404);
    expect(await control.json()).toEqual({
      message: 'the cluster double has no control endpoint GET /__double/nothing-here',
    });
  });
});

describe('network rules', () => {
  const src = (labels: Labels, namespace = 'dark-tower'): NetSource => ({
    namespace,
    pod: 'canary-1',
    labels,
  });

  it('take the first rule that matches source and target, else the fallback', () => {
    const net = rules(
      [
        { from: { labels: { app: 'frontend' } }, to: 'API.example.com:443', outcome: 'allowed' },
        { from: { namespace: 'dark-tower' }, to: 'api.example.com', outcome: 'timeout' },
        {
          to: (host, port, scheme) => scheme === 'tcp' && port === 5432 && host.startsWith('db'),
          outcome: 'refused',
        },
        { to: '[fd00::1]:80', outcome: 503 },
      ],
      'dns-failure',
    );
    expect(net(src({ app: 'frontend', tier: 'web' }), 'api.EXAMPLE.com', 443, 'https')).toEqual({
      kind: 'allowed',
    });
    expect(net(src({ app: 'backend' }), 'api.example.com', 443, 'https')).toEqual({ kind: 'timeout' });
    expect(net(src({ app: 'frontend' }), 'api.example.com', 8443, 'https')).toEqual({ kind: 'timeout' });
    expect(net(src({}, 'other'), 'api.example.com', 443, 'https')).toEqual({ kind: 'dns-failure' });
    expect(net(src({}), 'db-primary', 5432, 'tcp')).toEqual({ kind: 'refused' });
    expect(net(src({}), 'fd00::1', 80, 'http')).toEqual({ kind: 'allowed', status: 503 });
  });

  it('reject outcomes and targets that mean nothing, saying what to write instead', () => {
    expect(() => rules([{ to: 'a', outcome: 42 }])).toThrow(
      'network outcome 42 is not an HTTP status: use a whole number from 100 to 599',
    );
    expect(() => rules([{ to: 'a', outcome: 'blocked' as 'refused' }])).toThrow(
      "network outcome 'blocked' is unknown: use allowed, refused, timeout, dns-failure, dns-timeout, hang, closed, tls-alert, not-tls, icmp-admin-prohibited, icmp-host-prohibited, icmp-net-unreachable, icmp-port-unreachable or a status",
    );
    expect(() => rules([{ to: 'a:b:c:', outcome: 'allowed' }])).toThrow("network rule target 'a:b:c:'");
    expect(
      rules([{ to: 'a', outcome: 'icmp-net-unreachable' }])(
        { namespace: '', pod: '', labels: {} },
        'a',
        1,
        'tcp',
      ),
    ).toEqual({
      kind: 'icmp',
      type: 'net-unreachable',
    });
  });

  it('give every host a stable address in the range a cluster would use', () => {
    expect(fakeIp('web')).toBe(fakeIp('WEB'));
    expect(fakeIp('web')).not.toBe(fakeIp('db'));
    for (const name of ['web', 'web.prod.svc', 'web.prod.svc.cluster.local']) {
      expect(fakeIp(name)).toMatch(/^10\.(9[6-9]|10\d|11[01])\.\d+\.([1-9]|[1-9]\d|1\d\d|2[0-4]\d|25[0-4])$/);
    }
    expect(fakeIp('example.com')).toMatch(/^198\.1[89]\.\d+\.\d+$/);
    expect(fakeIp('192.0.2.7')).toBe('192.0.2.7');
    expect(fakeIp('[2001:db8::1]')).toBe('2001:db8::1');
  });
});
