// busybox 1.36 `wget` against the simulated network: same options, texts, exit codes and waits.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { STATUS_CODES } from 'node:http';
import {
  ICMP_ERRORS,
  ICMP_REJECT_S,
  KERNEL_CONNECT_TIMEOUT_S,
  RESOLVER_GIVES_UP_S,
  askNetwork,
  die,
  dotted,
  getopt,
  out,
  run,
  showUsage,
  sleepSeconds,
  splitHostPort,
  wholeNumber,
  BANNER,
  USAGE,
} from './busybox.mjs';

const A = 'wget';

const SPEC = {
  short: {
    c: 'none',
    q: 'none',
    S: 'none',
    O: 'required',
    o: 'required',
    P: 'required',
    Y: 'required',
    U: 'required',
    T: 'required',
    t: 'required',
    n: 'optional',
  },
  long: {
    continue: { arg: 'none', key: 'c' },
    quiet: { arg: 'none', key: 'q' },
    'server-response': { arg: 'none', key: 'S' },
    'output-document': { arg: 'required', key: 'O' },
    'output-file': { arg: 'required', key: 'o' },
    'directory-prefix': { arg: 'required', key: 'P' },
    proxy: { arg: 'required', key: 'Y' },
    'user-agent': { arg: 'required', key: 'U' },
    timeout: { arg: 'required', key: 'T' },
    tries: { arg: 'required', key: 't' },
    header: { arg: 'required', key: 'header' },
    'post-data': { arg: 'required', key: 'post-data' },
    'post-file': { arg: 'required', key: 'post-file' },
    spider: { arg: 'none', key: 'spider' },
    'no-check-certificate': { arg: 'none', key: 'no-check-certificate' },
    'passive-ftp': { arg: 'none', key: 'ignored' },
    'no-cache': { arg: 'none', key: 'ignored' },
    'no-verbose': { arg: 'none', key: 'ignored' },
    'no-clobber': { arg: 'none', key: 'ignored' },
    'no-host-directories': { arg: 'none', key: 'ignored' },
    'no-parent': { arg: 'none', key: 'ignored' },
  },
};

/** busybox accepts 200-204 (redirects are followed before this); every other status is an error. */
function isSuccess(status) {
  return (status >= 200 && status <= 204) || status === 100;
}

function statusLine(status) {
  const reason = STATUS_CODES[status];
  return reason ? `HTTP/1.1 ${status} ${reason}` : `HTTP/1.1 ${status}`;
}

async function main(argv) {
  if (argv.length === 1 && argv[0] === '--help') {
    process.stdout.write(`${BANNER}\n\n${USAGE.wget}`);
    return 0;
  }
  const { opts, operands } = getopt(A, argv, SPEC);
  const o = { quiet: false, spider: false, serverResponse: false, noCheckCert: false, timeout: 900 };
  for (const { key, value } of opts) {
    if (key === 'q') o.quiet = true;
    else if (key === 'S') o.serverResponse = true;
    else if (key === 'spider') o.spider = true;
    else if (key === 'no-check-certificate') o.noCheckCert = true;
    else if (key === 'O') o.output = value;
    else if (key === 'o') o.log = value;
    else if (key === 'P') o.prefix = value;
    // -T is converted while options are read, so a bad number stops wget right there.
    else if (key === 'T') o.timeout = wholeNumber(A, value, 0, 2147483647);
  }
  if (operands.length === 0) showUsage(A);
  if (o.log !== undefined && o.log !== '-') {
    const fd = fs.openSync(o.log, 'w');
    out.err = (text) => fs.writeSync(fd, text);
  }
  for (const url of operands) await downloadOne(url, o);
  return 0;
}

function parseUrl(url) {
  const sep = url.indexOf('://');
  let scheme = 'http';
  let rest = url;
  if (sep >= 0) {
    scheme = url.slice(0, sep);
    rest = url.slice(sep + 3);
    if (!['http', 'https', 'ftp', 'ftps'].includes(scheme)) die(A, `not an http or ftp url: ${url}`);
  }
  const end = rest.search(/[/?#]/);
  let hostPart = end < 0 ? rest : rest.slice(0, end);
  const pathPart = end < 0 ? '' : rest.slice(end + 1);
  const at = hostPart.lastIndexOf('@');
  if (at >= 0) hostPart = hostPart.slice(at + 1);
  const defaultPort = { http: 80, https: 443, ftp: 21, ftps: 990 }[scheme];
  return { scheme, hostPart, path: pathPart, defaultPort };
}

/** The 3xx statuses busybox's wget follows (test/lab/recordings.json: 301, 302, 303, 307, 308). */
const REDIRECTS = [300, 301, 302, 303, 307, 308];

/** What a node https server sends to a client that speaks plain HTTP, as busybox dumps it in hex. */
const BAD_REQUEST_HEX = Buffer.from('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n')
  .toString('hex')
  .replace(/(..)/g, ' $1');

/**
 * busybox's TLS helper (a forked wget) keeps stdout and stderr open after wget gave up on
 * a stalled handshake: a process in our group that holds them, until it is killed.
 */
function lingerLikeTlsHelper() {
  const helper = spawn('sleep', ['3600'], { stdio: ['ignore', 'inherit', 'inherit'] });
  helper.on('error', () => {});
  helper.unref();
}

async function downloadOne(url, o) {
  let target = parseUrl(url);
  let { host, port } = splitHostPort(A, target.hostPart, target.defaultPort);
  let scheme = target.scheme === 'https' ? 'https' : target.scheme === 'http' ? 'http' : 'tcp';
  let answer = await askNetwork(A, host, port, scheme);
  for (let hop = 0; ; hop++) {
    const outcome = answer.outcome;
    // Name resolution comes first: no "Connecting to" line for a name that does not resolve.
    if (outcome.kind === 'dns-timeout') await sleepSeconds(RESOLVER_GIVES_UP_S);
    if (outcome.kind === 'dns-failure' || outcome.kind === 'dns-timeout')
      die(A, `bad address '${target.hostPart}'`);
    const ip = answer.ip;
    if (!o.quiet) out.err(`Connecting to ${target.hostPart} (${dotted(ip, port)})\n`);
    if (outcome.kind === 'refused') die(A, `can't connect to remote host (${ip}): Connection refused`);
    if (outcome.kind === 'icmp') {
      await sleepSeconds(ICMP_REJECT_S);
      die(A, `can't connect to remote host (${ip}): ${ICMP_ERRORS[outcome.type]}`);
    }
    if (outcome.kind === 'timeout') {
      // alarm(-T) races the kernel's own connect timeout; 0 means no alarm at all.
      if (o.timeout > 0 && o.timeout < KERNEL_CONNECT_TIMEOUT_S) {
        await sleepSeconds(o.timeout);
        die(A, 'download timed out');
      }
      await sleepSeconds(KERNEL_CONNECT_TIMEOUT_S);
      die(A, `can't connect to remote host (${ip}): Connection timed out`);
    }
    if (target.scheme === 'ftp' || target.scheme === 'ftps') {
      die(
        A,
        `${target.scheme}:// is not simulated by the netpol cluster double: probe http(s) or tcp instead`,
      );
    }
    const tls = target.scheme === 'https';
    // printed once the TCP connection is made
    if (tls && !o.noCheckCert) out.err(`${A}: note: TLS certificate validation not implemented\n`);
    if (outcome.kind === 'hang') {
      if (tls) lingerLikeTlsHelper();
      await sleepSeconds(o.timeout > 0 ? o.timeout : 3600);
      die(A, 'download timed out');
    }
    // a TLS server that gets plain HTTP closes the connection
    if (outcome.kind === 'closed' || (!tls && outcome.kind === 'tls-alert')) {
      die(A, 'error getting response: Connection reset by peer');
    }
    if (tls && outcome.kind === 'tls-alert') {
      out.err(`${A}: TLS error from peer (alert code 70): 70\n`);
      die(A, 'error getting response: Connection reset by peer');
    }
    if (tls && outcome.kind === 'not-tls') {
      out.err(`${A}: got bad TLS record (len:47) while expecting handshake record\n${BAD_REQUEST_HEX}\n`);
      die(A, 'error getting response: Connection reset by peer');
    }
    let status = outcome.kind === 'allowed' ? (outcome.status ?? 200) : 200;
    if (REDIRECTS.includes(status)) {
      if (hop >= 20) die(A, 'too many redirections');
      const next = outcome.location ? parseUrl(outcome.location) : undefined;
      const to = next ? splitHostPort(A, next.hostPart, next.defaultPort) : undefined;
      if (next && to && (to.host !== host || to.port !== port || next.scheme !== target.scheme)) {
        if (o.serverResponse) out.err(`  ${statusLine(status)}\n  Location: ${outcome.location}\n\n`);
        target = next;
        ({ host, port } = to);
        scheme = next.scheme === 'https' ? 'https' : 'http';
        answer = await askNetwork(A, host, port, scheme);
        continue;
      }
      // the same server: busybox asks it again without a new "Connecting to", and it answers
      if (o.serverResponse) out.err(`  ${statusLine(status)}\n  Location: /\n\n`);
      status = 200;
    }
    const body = `<html><body>netpol cluster double: ${target.hostPart} answered ${status}</body></html>\n`;
    if (o.serverResponse) out.err(`  ${statusLine(status)}\n`);
    if (!isSuccess(status)) die(A, `server returned error: ${statusLine(status)}`);
    if (o.serverResponse) {
      out.err(`  Content-Type: text/html\n  Content-Length: ${body.length}\n  Connection: close\n\n`);
    }
    if (o.spider) {
      if (!o.quiet) out.err('remote file exists\n');
      return;
    }
    save(body, target, o);
    return;
  }
}

function save(body, target, o) {
  const toStdout = o.output === '-';
  let fname = o.output;
  if (fname === undefined) {
    const last = target.path.split('/').pop() ?? '';
    fname = last === '' ? 'index.html' : last;
    if (o.prefix !== undefined) fname = path.join(o.prefix, fname);
  }
  if (!o.quiet) out.err(toStdout ? 'writing to stdout\n' : `saving to '${fname}'\n`);
  if (toStdout) {
    process.stdout.write(body);
  } else {
    try {
      // Without -O busybox refuses to overwrite (O_EXCL); -O FILE may overwrite.
      fs.writeFileSync(fname, body, { flag: o.output === undefined ? 'wx' : 'w' });
    } catch (err) {
      die(A, `can't open '${fname}': ${err.code === 'EEXIST' ? 'File exists' : err.message}`);
    }
  }
  if (!o.quiet) {
    const name = path.basename(toStdout ? '-' : fname);
    out.err(
      `${name.padEnd(20).slice(0, 20)} 100% |${'*'.repeat(32)}|${String(body.length).padStart(6)}  0:00:00 ETA\n`,
    );
    out.err(toStdout ? 'written to stdout\n' : `'${fname}' saved\n`);
  }
}

run(main);
