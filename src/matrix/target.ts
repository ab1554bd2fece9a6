// Probe targets: http://, https:// and tcp://host:port, read strictly by hand rather
// than with URL (which repairs and normalises what it is given). Every accepted target
// is made of characters that are inert in a shell and cannot start an option, so no
// target can smuggle an option or a shell word into a probe.
import { isIPv4, isIPv6 } from 'node:net';
import { fail, ok, type Result } from '../core/result.ts';
import { showValue } from '../core/show-value.ts';
import type { Target } from '../core/types.ts';

const MAX_TARGET_LENGTH = 2048;
const DEFAULT_PORT = { http: 80, https: 443 } as const;

const PATH_CHARS = /^[A-Za-z0-9\-._~/?=%:@+,]*$/;
const PATH_ALLOWED = 'letters, digits and - . _ ~ / ? = % : @ + ,';
const DNS_LABEL = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
const FORMS = 'http://host[:port][/path], https://host[:port][/path] or tcp://host:port';

export function parseTarget(raw: string): Result<Target> {
  const say = (msg: string) => fail(`target ${showValue(raw)}: ${msg}`);
  if (raw === '') return fail(`the target is empty: write ${FORMS}`);
  if (raw.length > MAX_TARGET_LENGTH) return say(`is longer than ${MAX_TARGET_LENGTH} characters`);
  const bad = findBadChar(raw);
  if (bad !== undefined) {
    return say(
      `contains ${bad}, which a target may not contain; percent-encode it in a path (a space is %20, & is %26)`,
    );
  }
  const schemeMatch = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(raw);
  if (!schemeMatch) {
    return say(`has no scheme: write ${FORMS}`);
  }
  const scheme = (schemeMatch[1] as string).toLowerCase();
  if (scheme !== 'http' && scheme !== 'https' && scheme !== 'tcp') {
    return say(`the scheme ${showValue(scheme)} is not supported: write ${FORMS}`);
  }
  const rest = raw.slice(schemeMatch[0].length);
  if (rest.includes('#')) return say('has a fragment (#…); probes never send one, so remove it');
  const authEnd = rest.search(/[/?]/);
  const authority = authEnd === -1 ? rest : rest.slice(0, authEnd);
  let path = authEnd === -1 ? '' : rest.slice(authEnd);
  if (authority.includes('@'))
    return say('has user information (user@host); probes send no credentials, so remove it');

  const hp = splitHostPort(authority);
  if (!hp.ok) return say(hp.errors.join('; '));
  const { host, portText } = hp.value;
  const errs: string[] = [];
  const hostErr = hostError(host.text, host.bracketed);
  if (hostErr !== undefined) errs.push(hostErr);

  let port: number;
  if (portText === undefined) {
    if (scheme === 'tcp') {
      errs.push('a tcp target needs a port: write tcp://host:port');
      port = 0;
    } else {
      port = DEFAULT_PORT[scheme];
    }
  } else if (!/^\d{1,5}$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535) {
    errs.push(`the port ${showValue(portText)} is not a number from 1 to 65535`);
    port = 0;
  } else {
    port = Number(portText);
  }

  if (scheme === 'tcp') {
    if (path !== '' && path !== '/') errs.push('a tcp target has no path or query: write tcp://host:port');
    path = '';
  } else {
    if (path.startsWith('?')) path = `/${path}`;
    if (path === '') path = '/';
    if (!PATH_CHARS.test(path)) errs.push(`the path may contain only ${PATH_ALLOWED}`);
    else if (/%(?![0-9A-Fa-f]{2})/.test(path))
      errs.push('each % in the path must be followed by two hex digits, as in %20');
  }
  if (errs.length > 0) return fail(...errs.map((e) => `target ${showValue(raw)}: ${e}`));
  return ok({ scheme, raw, host: host.text.toLowerCase(), port, path });
}

function findBadChar(raw: string): string | undefined {
  for (const ch of raw) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x20 || code === 0x7f)
      return `a control character (U+${code.toString(16).toUpperCase().padStart(4, '0')})`;
    if (code > 0x7e) return `the non-ASCII character ${JSON.stringify(ch)}`;
    if (/\s/.test(ch)) return 'a space';
    // Brackets are left to the host parser: they are legal around an IPv6 address.
    if (`"'\\\`$;|&<>()*!{}^`.includes(ch)) return `the character ${ch}`;
  }
  return undefined;
}

function splitHostPort(
  authority: string,
): Result<{ host: { text: string; bracketed: boolean }; portText: string | undefined }> {
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']');
    if (close === -1) return fail('an IPv6 address must be closed with "]", as in http://[fd00::1]:8080/');
    const after = authority.slice(close + 1);
    if (after !== '' && !after.startsWith(':')) return fail('after "]" only ":port" may follow');
    return ok({
      host: { text: authority.slice(1, close), bracketed: true },
      portText: after === '' ? undefined : after.slice(1),
    });
  }
  if (authority.includes('[') || authority.includes(']')) {
    return fail('"[" and "]" may only surround an IPv6 address, as in http://[fd00::1]/');
  }
  const colons = authority.split(':').length - 1;
  if (colons > 1) return fail('an IPv6 address must be in brackets, as in tcp://[fd00::1]:5432');
  const [host, portText] = authority.split(':');
  return ok({ host: { text: host ?? '', bracketed: false }, portText });
}

function hostError(host: string, bracketed: boolean): string | undefined {
  if (host === '') return 'the host is missing';
  if (bracketed) {
    if (host.includes('%')) return 'an IPv6 zone (%…) is not supported';
    return isIPv6(host) ? undefined : `${showValue(host)} is not an IPv6 address`;
  }
  if (/^[0-9.]+$/.test(host)) {
    if (!isIPv4(host) || host.split('.').some((p) => p.length > 1 && p.startsWith('0'))) {
      return `${showValue(host)} is not an IPv4 address (four numbers from 0 to 255, without leading zeros)`;
    }
    return undefined;
  }
  const name = host.toLowerCase().replace(/\.$/, '');
  if (name.length > 253) return 'the host name is longer than 253 characters';
  const labels = name.split('.');
  if (labels.some((l) => l.length > 63 || !DNS_LABEL.test(l))) {
    return `${showValue(host)} is not a valid host name: use letters, digits and "-" in dot-separated parts that start and end with a letter or digit, an IPv4 address, or an IPv6 address in brackets`;
  }
  return undefined;
}

/** The URL a probe fetches, in a canonical form (default port left out, path at least "/"). */
export function targetUrl(target: Target): string {
  if (target.scheme === 'tcp') return `tcp://${targetHostPort(target)}`;
  const host = target.host.includes(':') ? `[${target.host}]` : target.host;
  const port = target.port === DEFAULT_PORT[target.scheme] ? '' : `:${target.port}`;
  return `${target.scheme}://${host}${port}${target.path}`;
}

/** `host:port`, with an IPv6 host in brackets. */
export function targetHostPort(target: Target): string {
  const host = target.host.includes(':') ? `[${target.host}]` : target.host;
  return `${host}:${target.port}`;
}
