import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { probeCommands } from '../../src/probe/probe-script.ts';
import { parseTarget, targetHostPort, targetUrl } from '../../src/matrix/target.ts';

describe('parseTarget accepts', () => {
  it.each([
    [
      'http://web.shop.svc.cluster.local:8080/healthz',
      { scheme: 'http', host: 'web.shop.svc.cluster.local', port: 8080, path: '/healthz' },
    ],
    ['http://Web.Shop', { scheme: 'http', host: 'web.shop', port: 80, path: '/' }],
    ['HTTPS://api.example.com?x=1', { scheme: 'https', host: 'api.example.com', port: 443, path: '/?x=1' }],
    ['https://10.96.0.1:6443/version', { scheme: 'https', host: '10.96.0.1', port: 6443, path: '/version' }],
    [
      'http://[FD00::1]:8080/a%20b?q=a,b+c@d:e~f',
      { scheme: 'http', host: 'fd00::1', port: 8080, path: '/a%20b?q=a,b+c@d:e~f' },
    ],
    ['tcp://db.shop:5432', { scheme: 'tcp', host: 'db.shop', port: 5432, path: '' }],
    ['tcp://[::1]:53', { scheme: 'tcp', host: '::1', port: 53, path: '' }],
    ['tcp://kube-dns.kube-system:53/', { scheme: 'tcp', host: 'kube-dns.kube-system', port: 53, path: '' }],
  ])('%s', (raw, want) => {
    expect(parseTarget(raw)).toEqual({ ok: true, value: { raw, ...want } });
  });

  it('gives a canonical URL and host:port', () => {
    const t = (raw: string) => {
      const r = parseTarget(raw);
      if (!r.ok) throw new Error(r.errors.join());
      return r.value;
    };
    expect(targetUrl(t('http://web:80'))).toBe('http://web/');
    expect(targetUrl(t('https://web:443/x'))).toBe('https://web/x');
    expect(targetUrl(t('https://web:8443'))).toBe('https://web:8443/');
    expect(targetUrl(t('http://[fd00::1]/'))).toBe('http://[fd00::1]/');
    expect(targetUrl(t('tcp://[fd00::1]:5432'))).toBe('tcp://[fd00::1]:5432');
    expect(targetHostPort(t('http://web'))).toBe('web:80');
    expect(targetHostPort(t('https://[fd00::1]'))).toBe('[fd00::1]:443');
  });
});

describe('parseTarget refuses, and says what is allowed', () => {
  it.each([
    ['', /empty: write http:\/\/host/],
    ['web.shop:80', /has no scheme: write http:\/\/.*tcp:\/\/host:port/],
    ['ftp://files', /scheme "ftp" is not supported/],
    ['tcp://db.shop', /tcp target needs a port/],
    ['tcp://db:5432/x', /tcp target has no path/],
    ['http://web:0/', /port "0" is not a number from 1 to 65535/],
    ['http://web:65536/', /from 1 to 65535/],
    ['http://web:/', /port "" is not/],
    ['http://user:pw@web/', /user information/],
    ['http://web/#top', /fragment/],
    ['http://-oProxy=x/', /not a valid host name/],
    ['http://web_1/', /not a valid host name/],
    ['http://010.0.0.1/', /not an IPv4 address/],
    ['http://1.2.3/', /not an IPv4 address/],
    ['http://[::1/', /closed with "\]"/],
    ['http://[fe80::1%25eth0]/', /zone/],
    ['http://[zz::1]/', /not an IPv6 address/],
    ['tcp://fd00::1:53', /must be in brackets/],
    ['http://web/a b', /contains a space.*%20/],
    ['http://web/$(id)', /contains the character \$/],
    ['http://web/`id`', /character `/],
    ['http://web/a;b', /character ;/],
    ['http://web/a|b', /character \|/],
    ['http://web/a&b', /character &.*& is %26/],
    ["http://web/'x'", /character '/],
    ['http://web/a\\b', /character \\/],
    ['http://web/a*b', /character \*/],
    ['http://web/[x]', /path may contain only letters, digits and - \. _ ~ \/ \? = % : @ \+ ,/],
    ['http://web/a\nb', /control character \(U\+000A\)/],
    ['http://wéb/', /non-ASCII character "é"/],
    ['http://web/%2', /two hex digits/],
  ])('%j', (raw, message) => {
    const r = parseTarget(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join('\n')).toMatch(message);
  });
});

describe('parseTarget limits', () => {
  it('refuses a target longer than 2048 characters', () => {
    const r = parseTarget(`http://web/${'a'.repeat(2100)}`);
    expect(!r.ok && r.errors[0]).toMatch(/longer than 2048 characters/);
  });
});

// Only characters that are inert in a shell, plus the brackets of an IPv6 address.
const SAFE_WORD = /^[A-Za-z0-9._~/?=%:@+,[\]-]+$/;

describe('accepted targets are shell-safe', () => {
  it('for any input, an accepted target gives probe words that are inert and never an option', () => {
    const alphabet = fc.constantFrom(
      ...'abcXYZ019-._~/?=%:@+,[]'.split(''),
      ...` '"\\$\`;|&<>()*!#{}^\t\n\r\u0000é-`.split(''),
    );
    const raw = fc.oneof(
      fc.string(),
      fc
        .tuple(
          fc.constantFrom('http://', 'https://', 'tcp://', 'HTTP://'),
          fc.string({ unit: alphabet, maxLength: 30 }),
        )
        .map(([s, rest]) => s + rest),
      fc
        .tuple(
          fc.constantFrom('http://', 'tcp://'),
          fc.domain(),
          fc.integer({ min: -1, max: 70000 }),
          fc.string({ unit: alphabet, maxLength: 10 }),
        )
        .map(([s, host, port, path]) => `${s}${host}:${port}/${path}`),
      fc
        .tuple(
          fc.constantFrom('http', 'https'),
          fc.oneof(
            fc.domain(),
            fc.ipV4(),
            fc.ipV6().map((ip) => `[${ip}]`),
          ),
          fc.stringMatching(/^[a-z0-9/?=%:@+,~._-]{0,20}$/),
        )
        .map(([s, host, path]) => `${s}://${host}/${path.replace(/%/g, '%25')}`),
    );
    let accepted = 0;
    fc.assert(
      fc.property(raw, (text) => {
        const r = parseTarget(text);
        if (!r.ok) {
          expect(r.errors.length).toBeGreaterThan(0);
          return;
        }
        accepted++;
        expect(r.value.raw).toMatch(SAFE_WORD);
        for (const { argv } of probeCommands(r.value, 5000)) {
          for (const word of argv) expect(word).toMatch(SAFE_WORD);
          const fixed = argv[0] === 'wget' ? 4 : 6;
          for (const word of argv.slice(fixed)) expect(word.startsWith('-')).toBe(false);
        }
        expect(r.value.port).toBeGreaterThanOrEqual(1);
        expect(r.value.port).toBeLessThanOrEqual(65535);
      }),
      { numRuns: 600 },
    );
    // The generators must actually produce accepted targets, or the property says nothing.
    expect(accepted).toBeGreaterThan(60);
  });
});
