// busybox 1.36 `nc` (nc_bloaty) against the simulated network: same options, texts, exit codes and waits.
import process from 'node:process';
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

const A = 'nc';

const SPEC = {
  short: {
    n: 'none',
    p: 'required',
    s: 'required',
    u: 'none',
    v: 'none',
    w: 'required',
    l: 'none',
    k: 'none',
    i: 'required',
    o: 'required',
    z: 'none',
    b: 'none',
  },
  long: {},
};

/** bb_lookup_port: a number up to 65535; anything else is 0 (the image has no /etc/services). */
function lookupPort(text) {
  return /^[0-9]+$/.test(text) && Number(text) <= 65535 ? Number(text) : 0;
}

async function main(argv) {
  if (argv.length === 1 && argv[0] === '--help') {
    process.stdout.write(`${BANNER}\n\n${USAGE.nc}`);
    return 0;
  }
  // "-e PROG [ARGS]" ends the options: everything after it is the program.
  const e = argv.findIndex((a) => a === '-e' || /^-[nuvlkz]*e$/.test(a));
  let prog;
  if (e >= 0) {
    prog = argv.slice(e + 1);
    argv = argv[e] === '-e' ? argv.slice(0, e) : [...argv.slice(0, e), argv[e].slice(0, -1)];
    if (argv[argv.length - 1] === '-') argv.pop();
  }
  const { opts, operands } = getopt(A, argv, SPEC);
  let verbose = 0;
  let wait = 0;
  const set = new Set();
  for (const { key, value } of opts) {
    set.add(key);
    if (key === 'v') verbose++;
    else if (key === 'w') wait = wholeNumber(A, value, 0, 2147483647);
    else if (key === 'i') wholeNumber(A, value, 1, 65535);
    else if (key === 'p' && lookupPort(value) === 0) die(A, `bad local port '${value}'`);
  }
  if (operands.length > 2) showUsage(A);
  if (set.has('l')) die(A, 'listen mode (-l) is not simulated by the netpol cluster double');
  if (set.has('u')) die(A, 'UDP (-u) is not simulated by the netpol cluster double');
  if (operands.length === 0) showUsage(A);

  const hostArg = operands[0];
  const { host, port } = splitHostPort(A, hostArg, operands[1] === undefined ? 0 : lookupPort(operands[1]));
  const answer = await askNetwork(A, host, port, 'tcp');
  // -w does not cover name resolution
  if (answer.outcome.kind === 'dns-timeout') await sleepSeconds(RESOLVER_GIVES_UP_S);
  if (answer.outcome.kind === 'dns-failure' || answer.outcome.kind === 'dns-timeout')
    die(A, `bad address '${hostArg}'`);
  const them = `${hostArg} (${dotted(answer.ip, port)})`;
  const code = await connect(answer.outcome, them, verbose, wait, set.has('z'), prog);
  if (verbose > 1) out.err('sent 0, rcvd 0\n');
  return code;
}

/** What the server does after accepting does not matter to a connect: nc says "open". */
const CONNECTED = ['allowed', 'hang', 'closed', 'tls-alert', 'not-tls'];

async function connect(outcome, them, verbose, wait, zero, prog) {
  if (outcome.kind === 'icmp') {
    await sleepSeconds(ICMP_REJECT_S);
    const error = ICMP_ERRORS[outcome.type];
    // quiet about a refusal at one -v ("scanning" verbosity), not about the others
    if (verbose > 1 || (verbose && error !== 'Connection refused')) out.err(`${A}: ${them}: ${error}\n`);
    return 1;
  }
  if (CONNECTED.includes(outcome.kind)) {
    if (verbose) out.err(`${them} open\n`);
    if (prog !== undefined) die(A, '-e PROG is not simulated by the netpol cluster double');
    // Without -z nc copies stdin to the peer until EOF; the simulated peer sends nothing.
    if (!zero) await drain(process.stdin);
    return 0;
  }
  if (outcome.kind === 'refused') {
    // nc_bloaty stays quiet about refusals at one -v ("scanning" verbosity); -vv shows them.
    if (verbose > 1) out.err(`${A}: ${them}: Connection refused\n`);
    return 1;
  }
  // timeout: alarm(-w) races the kernel's own connect timeout; -w 0 means no alarm.
  await sleepSeconds(wait > 0 && wait < KERNEL_CONNECT_TIMEOUT_S ? wait : KERNEL_CONNECT_TIMEOUT_S);
  if (verbose) out.err(`${A}: ${them}: Connection timed out\n`);
  return 1;
}

function drain(stream) {
  return new Promise((resolve) => {
    stream.on('data', () => {});
    stream.on('end', resolve);
    stream.on('error', resolve);
  });
}

run(main);
