// The probe lab's servers and nftables rules (test/lab/lab.ts) as the double's network
// outcomes: what each lab address is, so that the busybox stand-ins can be run against
// the same targets and compared with what the real busybox printed there
// (test/lab/recordings.json).
import type { NetOutcome, NetworkFn } from './types.ts';

/** What the lab's http(s) servers answer for a path: test/lab/servers.mjs. */
function route(path: string): NetOutcome {
  if (path === '/ok' || path === '/') return { kind: 'allowed', status: 200 };
  if (path === '/to-dropped') return { kind: 'allowed', status: 302, location: 'http://dropped.lab:8080/ok' };
  if (path === '/to-closed') return { kind: 'allowed', status: 302, location: 'http://web.lab:8099/ok' };
  const status = /^\/([1-5]\d\d)$/.exec(path);
  return { kind: 'allowed', status: status ? Number(status[1]) : 404 };
}

/** The outcome of one connection in the lab; `path` is what the first request asks for. */
export function labOutcome(
  host: string,
  port: number,
  scheme: 'http' | 'https' | 'tcp',
  path: string,
  dnsDropped: boolean,
): NetOutcome {
  switch (host) {
    case 'dropped.lab':
      return { kind: 'timeout' };
    case 'reset.lab':
      return { kind: 'refused' };
    case 'admin.lab':
      return { kind: 'icmp', type: 'admin-prohibited' };
    case 'hostp.lab':
      return { kind: 'icmp', type: 'host-prohibited' };
    case 'netun.lab':
      return { kind: 'icmp', type: 'net-unreachable' };
    case 'portun.lab':
      return { kind: 'icmp', type: 'port-unreachable' };
    case 'web.lab':
      break;
    default:
      return { kind: dnsDropped ? 'dns-timeout' : 'dns-failure' };
  }
  const tls = scheme === 'https';
  switch (port) {
    case 8080: // plain http
      return tls ? { kind: 'not-tls' } : route(path);
    case 8443: // https
      return tls ? route(path) : { kind: 'closed' };
    case 8081:
      return { kind: 'closed' };
    case 8082:
      return { kind: 'hang' };
    case 8444: // TLS 1.3 only
      return { kind: 'tls-alert' };
    case 8446: // TLS done, then silence
      return tls ? { kind: 'hang' } : { kind: 'tls-alert' };
    default:
      return { kind: 'refused' };
  }
}

/** The network one probe command sees: its first connection asks for `path`, later ones (redirects) for /ok. */
export function labNetwork(
  first: { host: string; port: number; path: string },
  dnsDropped: boolean,
): NetworkFn {
  return (_src, host, port, scheme) =>
    labOutcome(
      host,
      port,
      scheme,
      host === first.host && port === first.port ? first.path : '/ok',
      dnsDropped,
    );
}
