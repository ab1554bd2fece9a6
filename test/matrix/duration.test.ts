import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../src/matrix/duration.ts';

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['5s', 5000],
    ['1m', 60_000],
    ['1m30s', 90_000],
    ['1h', 3_600_000],
    ['1h2m3s4ms', 3_723_004],
    ['1.5s', 1500],
    [' 2s ', 2000],
    ['0.0001s', 1],
  ])('%j is %d ms', (text, ms) => {
    expect(parseDuration(text)).toEqual({ ok: true, value: ms });
  });

  it.each([
    ['', /empty/],
    ['5', /has no unit/],
    ['-5s', /negative/],
    ['0s', /zero/],
    ['0ms', /zero/],
    ['5d', /not a duration.*h, m, s or ms/],
    ['5 s', /not a duration/],
    ['5S', /not a duration/],
    ['30s1m', /largest first/],
    ['1s1s', /largest first/],
    ['soon', /not a duration/],
  ])('refuses %j', (text, message) => {
    const r = parseDuration(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatch(message);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0ms'],
    [850, '850ms'],
    [1000, '1s'],
    [1540, '1.5s'],
    [12_000, '12s'],
    [59_960, '1m'],
    [90_000, '1m30s'],
    [3_600_000, '1h'],
    [3_900_000, '1h5m'],
  ])('%d ms is %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('reads back what it writes, to the second', () => {
    for (const ms of [1000, 61_000, 3_661_000]) {
      expect(parseDuration(formatDuration(ms))).toEqual({ ok: true, value: ms });
    }
  });
});
