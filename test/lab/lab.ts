// The probe lab: a network namespace of our own with real servers and nftables rules on
// loopback addresses only, and a busybox built as the busybox:1.36 image is (by
// scripts/build-busybox.sh), so the probe scripts run as they run in a canary: busybox
// sh, uid 65534, only busybox's applets on PATH. Nothing here leaves the namespace.
//
// A machine that cannot do this fails the suite, saying what it needs; it never skips.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Where the servers listen (all on 127.0.0.1, name web.lab). */
export const PORTS = {
  http: 8080, // /ok 200, /301../308 → /ok, /to-dropped, /to-closed, /403 /404 /500
  closeAtOnce: 8081, // accepts, then closes
  hang: 8082, // accepts and never answers (for https: the TLS handshake stalls)
  https: 8443, // TLS ok, the same routes
  tls13Only: 8444, // TLS 1.3 only: busybox's TLS 1.2 handshake fails
  tlsSilent: 8446, // TLS done, no HTTP answer
  closed: 8099, // nothing listens
} as const;

/** Names in the lab's /etc/hosts, each on an address with its own nftables rule. */
export const HOSTS = {
  'web.lab': '127.0.0.1', // the servers
  'dropped.lab': '127.0.0.2', // drop
  'reset.lab': '127.0.0.3', // reject with tcp reset
  'admin.lab': '127.0.0.4', // reject with icmp type admin-prohibited
  'hostp.lab': '127.0.0.5', // reject with icmp type host-prohibited
  'netun.lab': '127.0.0.6', // reject with icmp type net-unreachable
  'portun.lab': '127.0.0.7', // reject with icmp type port-unreachable
} as const;

/** A name no hosts file has: with the lab's DNS it fails at once, with dnsDropped after the resolver's retries. */
export const UNKNOWN_HOST = 'nosuch.lab';

// On the input hook, as a policy on the far side would: a packet dropped on output makes
// the sender's own send fail at once (EPERM), which is not what a dropped packet does.
const NFT_RULES = `table inet ncplab {
  chain in {
    type filter hook input priority 0; policy accept;
    ip daddr 127.0.0.2 meta l4proto tcp drop
    ip daddr 127.0.0.3 meta l4proto tcp reject with tcp reset
    ip daddr 127.0.0.4 meta l4proto tcp reject with icmp type admin-prohibited
    ip daddr 127.0.0.5 meta l4proto tcp reject with icmp type host-prohibited
    ip daddr 127.0.0.6 meta l4proto tcp reject with icmp type net-unreachable
    ip daddr 127.0.0.7 meta l4proto tcp reject with icmp type port-unreachable
    ip daddr 127.0.0.53 udp dport 53 drop
    ip daddr 127.0.0.53 tcp dport 53 drop
  }
}
`;

const NEEDS =
  'the probe lab (test/lab) needs root, network namespaces (ip netns), nftables (apt-get install nftables), openssl, and a busybox built by scripts/build-busybox.sh';

export interface Lab {
  name: string;
  /** folder of busybox applet links, the only thing on the probes' PATH */
  bin: string;
  /** runs `sh -s` with this stdin in the namespace as uid 65534; resolves when sh exits, or at killAfterMs */
  sh(script: string, opts?: { killAfterMs?: number }): Promise<ShResult>;
  /** runs one command (argv[0] an applet) the same way */
  run(argv: string[], opts?: { killAfterMs?: number }): Promise<ShResult>;
  /** processes in the namespace besides the servers: what a probe left behind */
  strays(): number[];
  close(): Promise<void>;
}

export interface ShResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** until its stdout and stderr closed (or it was killed) */
  ms: number;
  /** until the process itself exited */
  exitMs: number;
  /** true when we had to kill it at killAfterMs */
  killed: boolean;
}

/** The busybox to test with: NETPOL_CANARY_BUSYBOX, or where scripts/build-busybox.sh caches it. */
export function busyboxPath(): string {
  const cache =
    process.env.NETPOL_CANARY_CACHE ??
    join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'netpol-canary');
  const path = process.env.NETPOL_CANARY_BUSYBOX ?? join(cache, 'busybox');
  if (!existsSync(path)) {
    throw new Error(
      `no busybox at ${path}: run scripts/build-busybox.sh as root (it builds busybox from Debian's source package with make defconfig and caches it there), or set NETPOL_CANARY_BUSYBOX`,
    );
  }
  const help = spawnSync(path, ['wget', '--help'], { encoding: 'utf8' });
  if (!`${help.stdout}${help.stderr}`.includes('-T SEC')) {
    throw new Error(
      `${path} is not a busybox built with make defconfig (its wget has no -T; Debian's packaged busybox is configured differently): run scripts/build-busybox.sh`,
    );
  }
  return path;
}

function must(cmd: string, args: string[], input?: string): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', input });
  if (r.error || r.status !== 0) {
    const why = r.error ? r.error.message : (r.stderr || r.stdout).trim();
    throw new Error(`${cmd} ${args.join(' ')} failed (${why}): ${NEEDS}`);
  }
  return r.stdout;
}

const live = new Set<() => void>();
process.once('exit', () => live.forEach((f) => f()));

/**
 * A cluster's DNS, as a pod in `namespace` of a cluster whose domain is `domain` sees it: a
 * nameserver that answers `records` (full names, each to an address of HOSTS), and the
 * search list and ndots that the kubelet writes into the pod's resolv.conf (dnsPolicy
 * ClusterFirst).
 */
export interface ClusterDns {
  domain: string;
  namespace: string;
  records: Record<string, string>;
}

/**
 * Makes the lab. `dnsDropped`: the resolver's nameserver is dropped (else it refuses at once).
 * `clusterDns`: a nameserver that answers, with a pod's search list (see ClusterDns).
 */
export async function startLab(opts: { dnsDropped?: boolean; clusterDns?: ClusterDns } = {}): Promise<Lab> {
  if (process.getuid?.() !== 0) throw new Error(`not root: ${NEEDS}`);
  const busybox = busyboxPath();
  const work = mkdtempSync(join(tmpdir(), 'ncp-lab-'));
  chmodSync(work, 0o755);
  const name = `ncp-lab-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const etc = join('/etc/netns', name);
  let servers: ChildProcess | undefined;
  const running = new Set<ChildProcess>();
  let made = false;
  const cleanupSync = (): void => {
    for (const c of [...running, ...(servers ? [servers] : [])]) killGroup(c);
    if (made) spawnSync('ip', ['netns', 'delete', name]);
    rmSync(etc, { recursive: true, force: true }); // ours: made below with this unique name
    rmSync(work, { recursive: true, force: true }); // ours: mkdtemp above
  };
  live.add(cleanupSync);
  try {
    // the applets: a copy of busybox (uid 65534 cannot reach ~/.cache) and a link per applet
    const bin = join(work, 'bin');
    mkdirSync(bin);
    copyFileSync(busybox, join(bin, 'busybox'));
    chmodSync(join(bin, 'busybox'), 0o755);
    for (const applet of must(join(bin, 'busybox'), ['--list']).split('\n').filter(Boolean)) {
      if (applet !== 'busybox') symlinkSync('busybox', join(bin, applet));
    }
    // a certificate for the TLS servers
    const certs = join(work, 'certs');
    mkdirSync(certs);
    must('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', // busybox's TLS takes RSA certificates
      '-subj', '/CN=web.lab', '-keyout', join(certs, 'key.pem'), '-out', join(certs, 'cert.pem'),
    ]); // prettier-ignore
    // the namespace, its names and its resolver
    mkdirSync(etc, { recursive: true });
    const hosts = Object.entries(HOSTS).map(([h, ip]) => `${ip} ${h}`);
    writeFileSync(join(etc, 'hosts'), `127.0.0.1 localhost\n${hosts.join('\n')}\n`);
    writeFileSync(join(etc, 'resolv.conf'), resolvConf(opts));
    must('ip', ['netns', 'add', name]);
    made = true;
    must('ip', ['-n', name, 'link', 'set', 'lo', 'up']);
    must('ip', ['netns', 'exec', name, 'nft', '-f', '-'], NFT_RULES);
    servers = await startServers(name, certs, opts.clusterDns?.records);

    const exec = (argv: string[], stdin: string, killAfterMs = 60_000): Promise<ShResult> => {
      const started = Date.now();
      const child = spawn(
        'ip',
        ['netns', 'exec', name, 'setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', '--',
          join(bin, 'env'), '-i', `PATH=${bin}`, 'HOME=/', ...argv], // prettier-ignore
        { detached: true, stdio: ['pipe', 'pipe', 'pipe'], cwd: '/' },
      );
      running.add(child);
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
      child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
      child.stdin.on('error', () => {});
      child.stdin.end(stdin);
      let exitMs = -1;
      child.on('exit', () => (exitMs = Date.now() - started));
      return new Promise((done) => {
        let killed = false;
        const timer = setTimeout(() => {
          killed = true;
          killGroup(child);
        }, killAfterMs);
        child.on('close', (code) => {
          clearTimeout(timer);
          killGroup(child); // whatever it left behind (a TLS helper, a timeout watcher)
          running.delete(child);
          done({ code, stdout, stderr, ms: Date.now() - started, exitMs, killed });
        });
      });
    };
    return {
      name,
      bin,
      sh: (script, o) => exec([join(bin, 'sh'), '-s'], script, o?.killAfterMs),
      run: (argv, o) => exec(argv, '', o?.killAfterMs),
      strays: () =>
        must('ip', ['netns', 'pids', name])
          .split('\n')
          .filter(Boolean)
          .map(Number)
          .filter((pid) => pid !== servers?.pid),
      close: async () => {
        live.delete(cleanupSync);
        if (servers) {
          const gone = new Promise((r) => servers?.once('close', r));
          killGroup(servers);
          await gone;
        }
        servers = undefined;
        cleanupSync();
      },
    };
  } catch (err) {
    live.delete(cleanupSync);
    cleanupSync();
    throw err;
  }
}

function resolvConf(opts: { dnsDropped?: boolean; clusterDns?: ClusterDns }): string {
  const dns = opts.clusterDns;
  if (dns) {
    const search = `${dns.namespace}.svc.${dns.domain} svc.${dns.domain} ${dns.domain}`;
    return `nameserver 127.0.0.1\nsearch ${search}\noptions ndots:5\n`; // the servers' DNS answers
  }
  if (opts.dnsDropped) return 'nameserver 127.0.0.53\n'; // nftables drops it
  return 'nameserver 127.0.0.1\n'; // nothing listens on 127.0.0.1:53: refused at once
}

/** A folder the canary script (uid 65534) can write its termination message in, for `fn`. */
export async function withMessageFile<T>(fn: (messagePath: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'netpol-lab-message-'));
  chmodSync(dir, 0o777); // the script runs as nobody, as in a canary
  try {
    return await fn(join(dir, 'termination-log'));
  } finally {
    rmSync(dir, { recursive: true, force: true }); // ours: mkdtemp above
  }
}

function startServers(netns: string, certs: string, dns?: Record<string, string>): Promise<ChildProcess> {
  const script = resolve(import.meta.dirname, 'servers.mjs');
  const dnsArg = dns ? [JSON.stringify(dns)] : [];
  const child = spawn(
    'ip',
    ['netns', 'exec', netns, process.execPath, script, certs, JSON.stringify(PORTS), ...dnsArg],
    {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return new Promise((ok, fail) => {
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      if (c.includes('ready')) ok(child);
    });
    child.on('close', (code) => fail(new Error(`the lab's servers stopped (exit ${code}): ${err.trim()}`)));
  });
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // gone already
  }
}
