// What the network did, read from the TEXT the busybox probes printed (recorded in
// test/lab/recordings.json): exit codes alone cannot tell a dropped packet from a 404, a
// closed port or a mistyped host. The decision table is the README's "Verdicts" section.
//
// Reachability is whether a TCP connection was made: nc's "open" (or anything wget shows
// that needs a connection: an HTTP answer, the TLS note). wget's own failures never
// decide: its "download timed out" reads the same for a dropped SYN and for a server that
// accepted and never answered, and it follows redirects wherever they point. Only nc's
// "Connection timed out" with no sign of a connection anywhere is `blocked`.
import type { Observation, Target } from '../core/types.ts';
import { killSeconds, probeSeconds, type ProbeRun, type ToolResult } from './probe-script.ts';

const MAX_QUOTE = 200;

/**
 * The busybox message that matched, quoted from its "wget:"/"nc:" start (or from the
 * start of the output when it has none), cut to a readable length.
 */
function quote(output: string, at: number): string {
  const starts = [...output.matchAll(/(?:^|\s)(?=(?:wget|nc|ssl_client): )/g)].filter(
    (m) => (m.index ?? 0) + m[0].length <= at,
  );
  const last = starts[starts.length - 1];
  const from = last ? (last.index ?? 0) + last[0].length : 0;
  let text = output.slice(from).trim();
  // nc -v -v ends every report with its byte counts: nothing a reader needs
  text = text.replace(/\s*sent \d+, rcvd \d+$/, '');
  return `"${text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE)}…` : text}"`;
}

function find(output: string, re: RegExp): number {
  const m = re.exec(output);
  return m ? m.index : -1;
}

/** Stopped by our `timeout -s KILL` (137; 124 from a coreutils timeout), or killed by anyone. */
function wasKilled(r: ToolResult): boolean {
  return r.exitCode === 137 || r.exitCode === 124;
}

const TOOLS = 'sh, nc, wget and timeout';

/** The probe could not run as intended: no tool, an option it lacks, or a crash. */
function cannotRun(tool: string, r: ToolResult): Observation | undefined {
  const text = r.output;
  const seen = text === '' ? 'printed nothing' : `printed ${quote(text, 0)}`;
  const missing = /(?:^|[\s:])([A-Za-z0-9_.-]+): (?:applet )?not found/.exec(text);
  if (r.exitCode === 127 || missing) {
    return {
      actual: 'error',
      detail: `the canary image has no ${missing?.[1] ?? tool} (exit ${r.exitCode}, ${seen}); use an image that provides ${TOOLS} as busybox does (input "image")`,
    };
  }
  const i = find(
    text,
    /invalid option|unrecognized option|unknown option|Usage: (wget|nc|timeout)\b|multi-call binary/i,
  );
  if (i >= 0) {
    // an old busybox's timeout (-t SECS) refuses -s as its nc or wget would refuse theirs
    const who = /(?:^|\s)(nc|wget|timeout): (?:invalid|unrecognized|unknown) option/.exec(text)?.[1] ?? tool;
    return {
      actual: 'error',
      detail: `the canary image's ${who} does not accept the probe's options (${quote(text, i)}); use busybox:1.36, or an image whose ${TOOLS} support them (input "image")`,
    };
  }
  if (r.exitCode >= 128 && !wasKilled(r)) {
    return {
      actual: 'error',
      detail: `${tool} was killed by signal ${r.exitCode - 128} (exit ${r.exitCode}, ${seen}), so the probe tells nothing`,
    };
  }
  return undefined;
}

const NC_OPEN = /\) open\b/;
const WGET_CONNECTED =
  /remote file exists|server returned error: HTTP|TLS certificate validation not implemented|error getting response|TLS error from peer|got bad TLS record|no response from server/;
const CONNECTING = /Connecting to (\S+) \(/g;

/** Every "Connecting to H" of wget's output: more than one means the first hop answered with a redirect. */
function hops(text: string): string[] {
  return [...text.matchAll(CONNECTING)].map((m) => m[1] ?? '');
}

/** What wget says of the connection nc made: a proof of it, or undefined. */
function wgetProof(w: ToolResult | undefined): number {
  if (!w) return -1;
  const i = find(w.output, WGET_CONNECTED);
  if (i >= 0) return i;
  return hops(w.output).length > 1 ? 0 : -1;
}

/** What the server answered, from wget's text, for the detail of an allowed probe. */
function httpStory(w: ToolResult | undefined, timeoutMs: number): string {
  if (!w) return '';
  const text = w.output;
  const via = hops(text);
  const redirected = via.length > 1 ? `the server redirected to ${via[via.length - 1]}, and ` : '';
  const http = /server returned error: HTTP\/[\d.]+ (\d{3})/.exec(text);
  if (w.exitCode === 0) {
    const exists = /remote file exists/.test(text) ? ' ("remote file exists")' : '';
    return `; ${redirected}${redirected ? 'that' : 'the server'} answered${exists}`;
  }
  if (http)
    return `; ${redirected}${redirected ? 'that' : 'the server'} answered with HTTP ${http[1]} (${quote(text, http.index)})`;
  let i = find(text, /TLS error from peer|got bad TLS record/);
  if (i >= 0) return `; ${redirected}the TLS handshake failed (${quote(text, i)})`;
  i = find(text, /error getting response|no response from server/);
  if (i >= 0) return `; ${redirected}the server closed the connection without an answer (${quote(text, i)})`;
  i = find(text, /download timed out/);
  if (i >= 0) {
    const tls = /TLS certificate validation not implemented/.test(text) ? ' TLS and' : '';
    return `; ${redirected}the${tls} HTTP answer did not come within ${probeSeconds(timeoutMs)} s (${quote(text, i)})`;
  }
  if (wasKilled(w))
    return `; ${redirected}wget gave no answer before it was stopped at ${killSeconds(timeoutMs)} s`;
  i = find(text, /wget: /);
  if (via.length > 1 && i >= 0) return `; ${redirected}wget could not get there (${quote(text, i)})`;
  return text === '' ? '' : `; wget printed ${quote(text, Math.max(0, i))}`;
}

const REDIRECT_NOTE = ' (a redirect does not decide: the first connection does)';

/** An IP literal needs no name resolution. */
function isIpLiteral(host: string): boolean {
  return /^[0-9.]+$/.test(host) || host.includes(':');
}

export function classify(target: Target, run: ProbeRun, timeoutMs: number): Observation {
  const nc = run.nc;
  const wget = target.scheme === 'tcp' ? undefined : run.wget;
  for (const [tool, r] of [
    ['nc', nc],
    ['wget', wget],
  ] as const) {
    const broken = r && cannotRun(tool, r);
    if (broken) return broken;
  }
  if (target.scheme !== 'tcp' && !wget) {
    return { actual: 'error', detail: 'the probe script printed no result for the HTTP probe (wget)' };
  }
  const sec = probeSeconds(timeoutMs);
  const text = nc?.output ?? '';

  // A TCP connection was made: the network let it through, whatever the server did then.
  const proof = wgetProof(wget);
  const open = find(text, NC_OPEN);
  if (open >= 0 || proof >= 0) {
    const how =
      open >= 0
        ? `a TCP connection was made (${quote(text, open)})`
        : `wget connected (${quote(wget?.output ?? '', proof)}), though nc said ${text === '' ? 'nothing' : quote(text, 0)}`;
    const story = httpStory(wget, timeoutMs);
    const note = wget && hops(wget.output).length > 1 ? REDIRECT_NOTE : '';
    return { actual: 'allowed', detail: `${how}${story}${note}` };
  }
  if (!nc) {
    return { actual: 'error', detail: 'the probe script printed no result for the TCP connect probe (nc)' };
  }

  let i = find(text, /Connection refused/);
  if (i >= 0) {
    return {
      actual: 'refused',
      detail: `the connection was refused (${quote(text, i)}): nothing listens there, or a policy rejects instead of dropping`,
    };
  }
  i = find(text, /No route to host|Network is unreachable|Host is unreachable/);
  if (i >= 0) {
    return {
      actual: 'refused',
      detail: `the connection was rejected with an ICMP error (${quote(text, i)}): a policy that rejects (ICMP admin- or host-prohibited, net-unreachable), or no route to the target`,
    };
  }
  i = find(text, /Connection timed out/);
  if (i >= 0) {
    return {
      actual: 'blocked',
      detail: `the TCP connection attempt got no answer within ${sec} s (${quote(text, i)}): the packets were dropped`,
    };
  }
  i = find(text, /bad address/);
  if (i >= 0) {
    return {
      actual: 'dns-error',
      detail: `the host name did not resolve (${quote(text, i)}): check the name, and that the canary may reach DNS`,
    };
  }
  if (wasKilled(nc)) {
    const resolved = wget && hops(wget.output).length > 0;
    if (text === '' && !resolved && !isIpLiteral(target.host)) {
      return {
        actual: 'dns-error',
        detail: `the name did not resolve within ${sec} s: is DNS egress allowed? (the probe printed nothing and was stopped at ${killSeconds(timeoutMs)} s)`,
      };
    }
    return {
      actual: 'error',
      detail: `nc was stopped at ${killSeconds(timeoutMs)} s before it could tell whether a connection was made (${text === '' ? 'it printed nothing' : `it printed ${quote(text, 0)}`}), so the probe tells nothing`,
    };
  }
  return {
    actual: 'error',
    detail: `nc exited with ${nc.exitCode} and ${text === '' ? 'printed nothing' : `printed ${quote(text, 0)}`}, which netpol-canary cannot read as allowed or denied`,
  };
}
