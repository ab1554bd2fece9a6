// Shared parts of the busybox 1.36 stand-ins: option parsing the way busybox's
// getopt32 (glibc getopt_long, permuting) does it, the texts busybox prints, and
// the question to the cluster double about what the network does.
import http from 'node:http';
import https from 'node:https';
import process from 'node:process';
import { URL, URLSearchParams } from 'node:url';

/** The banner busybox prints above an applet's usage text. */
export const BANNER = 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.';

/** Linux gives up on an unanswered SYN after about 127 s (tcp_syn_retries = 6). */
export const KERNEL_CONNECT_TIMEOUT_S = 127;

/** glibc's resolver with a dropped nameserver: 5 s, twice, then "bad address" (test/lab/recordings.json). */
export const RESOLVER_GIVES_UP_S = 10;

/** An ICMP rejection reached the probe after about a second in the probe lab (test/lab/recordings.json). */
export const ICMP_REJECT_S = 1;

/** What connect() fails with for each `reject with icmp type …`. */
export const ICMP_ERRORS = {
  'admin-prohibited': 'No route to host',
  'host-prohibited': 'No route to host',
  'net-unreachable': 'Network is unreachable',
  'port-unreachable': 'Connection refused',
};

export const USAGE = {
  wget: `Usage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]
\t[--post-data STR | --post-file FILE] [-Y on/off]
\t[--no-check-certificate] [-P DIR] [-U AGENT] [-T SEC] URL...

Retrieve files via HTTP or FTP

\t--spider\tOnly check URL existence: $? is 0 if exists
\t--header STR\tAdd STR (of form 'header: value') to headers
\t--post-data STR\tSend STR using POST method
\t--post-file FILE\tSend FILE using POST method
\t--no-check-certificate\tDon't validate the server's certificate
\t-c\t\tContinue retrieval of aborted transfer
\t-q\t\tQuiet
\t-P DIR\t\tSave to DIR (default .)
\t-S    \t\tShow server response
\t-T SEC\t\tNetwork read timeout is SEC seconds
\t-O FILE\t\tSave to FILE ('-' for stdout)
\t-o LOGFILE\tLog messages to FILE
\t-U STR\t\tUse STR for User-Agent header
\t-Y on/off\tUse proxy
`,
  nc: `Usage: nc [OPTIONS] HOST PORT  - connect
nc [OPTIONS] -l -p PORT [HOST] [PORT]  - listen

\t-e PROG\tRun PROG after connect (must be last)
\t-l\tListen mode, for inbound connects
\t-lk\tWith -e, provides persistent server
\t-p PORT\tLocal port
\t-s ADDR\tLocal address
\t-w SEC\tTimeout for connects and final net reads
\t-i SEC\tDelay interval for lines sent
\t-n\tDon't do DNS resolution
\t-u\tUDP mode
\t-b\tAllow broadcasts
\t-v\tVerbose
\t-o FILE\tHex dump traffic
\t-z\tZero-I/O mode (scanning)
`,
};

/** Thrown to end the applet with an exit code; the text is already written. */
export class Exit extends Error {
  constructor(code) {
    super(`exit ${code}`);
    this.code = code;
  }
}

/** Where the applet's messages go (wget -o LOGFILE moves them to a file). */
export const out = {
  err: (text) => process.stderr.write(text),
};

/** bb_error_msg_and_die: "applet: message", exit 1. */
export function die(applet, message) {
  out.err(`${applet}: ${message}\n`);
  throw new Exit(1);
}

/** bb_show_usage after an option error: banner and usage on stderr, exit 1. */
export function showUsage(applet) {
  out.err(`${BANNER}\n\n${USAGE[applet]}`);
  throw new Exit(1);
}

/**
 * getopt_long with argument permutation, as glibc does it for busybox.
 * spec.short: { letter: 'none' | 'required' | 'optional' }; spec.long: { name: { arg, key } }.
 * Returns options in command-line order (key, value) and the operands.
 */
export function getopt(applet, argv, spec) {
  const opts = [];
  const operands = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      operands.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      const inline = eq < 0 ? undefined : arg.slice(eq + 1);
      const names = Object.keys(spec.long ?? {});
      const exact = names.find((n) => n === name);
      const prefixed = names.filter((n) => n.startsWith(name));
      const chosen = exact ?? (prefixed.length === 1 ? prefixed[0] : undefined);
      if (chosen === undefined && prefixed.length > 1) {
        out.err(
          `${applet}: option '--${name}' is ambiguous; possibilities:${prefixed.map((n) => ` '--${n}'`).join('')}\n`,
        );
        showUsage(applet);
      }
      if (chosen === undefined) {
        out.err(`${applet}: unrecognized option '--${name}'\n`);
        showUsage(applet);
      }
      const def = spec.long[chosen];
      if (def.arg === 'none') {
        if (inline !== undefined) {
          out.err(`${applet}: option '--${chosen}' doesn't allow an argument\n`);
          showUsage(applet);
        }
        opts.push({ key: def.key, value: undefined });
      } else if (inline !== undefined) {
        opts.push({ key: def.key, value: inline });
      } else if (def.arg === 'required') {
        if (i + 1 >= argv.length) {
          out.err(`${applet}: option '--${chosen}' requires an argument\n`);
          showUsage(applet);
        }
        opts.push({ key: def.key, value: argv[++i] });
      } else {
        opts.push({ key: def.key, value: undefined });
      }
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      for (let j = 1; j < arg.length; j++) {
        const letter = arg[j];
        const kind = spec.short[letter];
        if (kind === undefined) {
          out.err(`${applet}: invalid option -- '${letter}'\n`);
          showUsage(applet);
        }
        if (kind === 'none') {
          opts.push({ key: letter, value: undefined });
          continue;
        }
        const rest = arg.slice(j + 1);
        if (rest !== '') {
          opts.push({ key: letter, value: rest });
        } else if (kind === 'required') {
          if (i + 1 >= argv.length) {
            out.err(`${applet}: option requires an argument -- '${letter}'\n`);
            showUsage(applet);
          }
          opts.push({ key: letter, value: argv[++i] });
        } else {
          opts.push({ key: letter, value: undefined });
        }
        break;
      }
      continue;
    }
    operands.push(arg);
  }
  return { opts, operands };
}

/** xatou_range: decimal digits only, else "invalid number"; then the range check. */
export function wholeNumber(applet, text, low, high) {
  if (!/^[0-9]+$/.test(text)) die(applet, `invalid number '${text}'`);
  const n = Number(text);
  if (n < low || n > high) die(applet, `number ${text} is not in ${low}..${high} range`);
  return n;
}

/** busybox's str2sockaddr: "host", "host:port", "[v6]", "[v6]:port", "v6". */
export function splitHostPort(applet, spec, defaultPort) {
  let host = spec;
  let portText;
  if (spec.startsWith('[')) {
    const close = spec.indexOf(']');
    host = close < 0 ? spec.slice(1) : spec.slice(1, close);
    const after = close < 0 ? '' : spec.slice(close + 1);
    if (after.startsWith(':')) portText = after.slice(1);
  } else {
    const first = spec.indexOf(':');
    const last = spec.lastIndexOf(':');
    // More than one ':' is a bare IPv6 address, not a port.
    if (first >= 0 && first === last) {
      host = spec.slice(0, last);
      portText = spec.slice(last + 1);
    }
  }
  let port = defaultPort;
  if (portText !== undefined) {
    if (!/^[0-9]+$/.test(portText) || Number(portText) > 65535) die(applet, `bad port spec '${spec}'`);
    port = Number(portText);
  }
  return { host, port };
}

/** IP:PORT the way xmalloc_sockaddr2dotted prints it. */
export function dotted(ip, port) {
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}

export function sleepSeconds(seconds) {
  return new Promise((resolve) => setTimeout(resolve, seconds * 1000));
}

/** Asks the cluster double what the network does for this pod's connection attempt. */
export async function askNetwork(applet, host, port, scheme) {
  const base = process.env.NETPOL_DOUBLE_URL;
  if (!base) {
    die(
      applet,
      'NETPOL_DOUBLE_URL is not set: this stand-in only works inside an exec of the netpol cluster double',
    );
  }
  const url = new URL('/__double/network', base);
  url.search = new URLSearchParams({
    namespace: process.env.NETPOL_DOUBLE_NAMESPACE ?? '',
    pod: process.env.NETPOL_DOUBLE_POD ?? '',
    host,
    port: String(port),
    scheme,
  }).toString();
  let answer;
  try {
    answer = await getJson(url);
  } catch (err) {
    die(applet, `cannot ask the cluster double at ${base} what the network does: ${err.message}`);
  }
  if (answer.status !== 200) {
    die(
      applet,
      `the cluster double could not simulate this connection: ${answer.body.message ?? answer.status}`,
    );
  }
  return answer.body;
}

function getJson(url) {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    // The double listens on loopback with a throw-away certificate when it uses TLS.
    const req = client.get(url, { rejectUnauthorized: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
        } catch {
          reject(new Error(`answer was not JSON (HTTP ${res.statusCode})`));
        }
      });
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

/** Runs an applet's main and exits with its code once stdout/stderr are flushed. */
export function run(main) {
  main(process.argv.slice(2)).then(
    (code) => finish(code ?? 0),
    (err) => {
      if (err instanceof Exit) return finish(err.code);
      process.stderr.write(`netpol cluster double: stand-in crashed: ${err?.stack ?? err}\n`);
      finish(1);
    },
  );
}

function finish(code) {
  process.exitCode = code;
  // Let pending writes drain; nothing else keeps the process alive.
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}
