// The rows of the README's decision table (section "Verdicts"), as targets in the probe
// lab (lab.ts), with what the probe must conclude. The recordings (recordings.json) hold
// what busybox printed for each target's commands; lab.test.ts runs the product's own
// script against all of them.
import type { Actual } from '../../src/core/types.ts';

export interface LabCase {
  /** the case, as the decision table names it */
  name: string;
  /** the target, as a matrix names it */
  target: string;
  /** the lab whose resolver's nameserver is dropped */
  dnsDropped?: boolean;
  actual: Actual;
}

/** The timeout the lab probes with; the recordings were made with it. */
export const LAB_TIMEOUT_MS = 2000;

const redirects = [301, 302, 303, 307, 308].map((code): LabCase => ({
  name: `HTTP ${code} to /ok`,
  target: `http://web.lab:8080/${code}`,
  actual: 'allowed',
}));
const errors = [403, 404, 500].map((code): LabCase => ({
  name: `HTTP ${code}`,
  target: `http://web.lab:8080/${code}`,
  actual: 'allowed',
}));
const icmp = [
  ['admin-prohibited', 'admin.lab'],
  ['host-prohibited', 'hostp.lab'],
  ['net-unreachable', 'netun.lab'],
  ['port-unreachable', 'portun.lab'],
].flatMap(([type, host]): LabCase[] => [
  { name: `reject with icmp type ${type}`, target: `tcp://${host}:5432`, actual: 'refused' },
  { name: `reject with icmp type ${type} (http)`, target: `http://${host}:8080/`, actual: 'refused' },
]);

export const LAB_CASES: LabCase[] = [
  { name: 'HTTP 200', target: 'http://web.lab:8080/ok', actual: 'allowed' },
  ...redirects,
  { name: 'HTTP 302 to a dropped address', target: 'http://web.lab:8080/to-dropped', actual: 'allowed' },
  { name: 'HTTP 302 to a closed port', target: 'http://web.lab:8080/to-closed', actual: 'allowed' },
  ...errors,
  { name: 'accepts, then closes at once', target: 'http://web.lab:8081/', actual: 'allowed' },
  { name: 'accepts and never answers', target: 'http://web.lab:8082/', actual: 'allowed' },
  { name: 'TLS ok, 200', target: 'https://web.lab:8443/ok', actual: 'allowed' },
  { name: 'TLS ok, 404', target: 'https://web.lab:8443/404', actual: 'allowed' },
  { name: 'TLS ok, 302 to /ok', target: 'https://web.lab:8443/302', actual: 'allowed' },
  { name: 'TLS handshake refused (TLS 1.3 only)', target: 'https://web.lab:8444/', actual: 'allowed' },
  { name: 'plain HTTP on the https port', target: 'https://web.lab:8080/ok', actual: 'allowed' },
  { name: 'TLS handshake stalls', target: 'https://web.lab:8082/', actual: 'allowed' },
  { name: 'TLS done, no HTTP answer', target: 'https://web.lab:8446/', actual: 'allowed' },
  { name: 'tcp: connected', target: 'tcp://web.lab:8080', actual: 'allowed' },
  { name: 'tcp: accepts, then closes at once', target: 'tcp://web.lab:8081', actual: 'allowed' },
  { name: 'tcp: accepts and never answers', target: 'tcp://web.lab:8082', actual: 'allowed' },
  { name: 'closed port', target: 'http://web.lab:8099/', actual: 'refused' },
  { name: 'tcp: closed port', target: 'tcp://web.lab:8099', actual: 'refused' },
  { name: 'dropped', target: 'http://dropped.lab:8080/', actual: 'blocked' },
  { name: 'tcp: dropped', target: 'tcp://dropped.lab:5432', actual: 'blocked' },
  { name: 'reject with tcp reset', target: 'http://reset.lab:8080/', actual: 'refused' },
  { name: 'tcp: reject with tcp reset', target: 'tcp://reset.lab:5432', actual: 'refused' },
  ...icmp,
  { name: 'unknown name', target: 'http://nosuch.lab:8080/', actual: 'dns-error' },
  { name: 'tcp: unknown name', target: 'tcp://nosuch.lab:5432', actual: 'dns-error' },
  { name: 'DNS dropped', target: 'http://nosuch.lab:8080/', dnsDropped: true, actual: 'dns-error' },
  { name: 'tcp: DNS dropped', target: 'tcp://nosuch.lab:5432', dnsDropped: true, actual: 'dns-error' },
  // names in the hosts file still resolve where DNS is dropped: a whole canary of hung targets
  { name: 'DNS dropped, hung server', target: 'http://web.lab:8082/', dnsDropped: true, actual: 'allowed' },
  { name: 'DNS dropped, TLS stall', target: 'https://web.lab:8082/', dnsDropped: true, actual: 'allowed' },
];

/** The busybox commands a target's probe runs, as the recordings name them (timeout LAB_TIMEOUT_MS). */
export function labCommands(target: string): string[][] {
  const sec = String(Math.ceil(LAB_TIMEOUT_MS / 1000));
  const u = new URL(target);
  const port = u.port || (u.protocol === 'https:' ? '443' : '80');
  const nc = ['nc', '-z', '-v', '-v', '-w', sec, u.hostname, port];
  return u.protocol === 'tcp:' ? [nc] : [nc, ['wget', '--spider', '-T', sec, target]];
}
