// Durations as people write them in workflow files: 500ms, 5s, 1m30s, 1h.
import { fail, ok, type Result } from '../core/result.ts';
import { showValue } from '../core/show-value.ts';

const UNIT_MS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };
const UNIT_ORDER = ['h', 'm', 's', 'ms'];
const PART = /(\d+(?:\.\d+)?)(ms|h|m|s)/y;

const HOW = 'write a whole or decimal number with a unit: h, m, s or ms, as in 500ms, 5s, 1m30s or 1h';

/** Milliseconds, rounded up to a whole millisecond; errors never mention an input name. */
export function parseDuration(text: string): Result<number> {
  const s = text.trim();
  if (s === '') return fail(`the duration is empty: ${HOW}`);
  if (s.startsWith('-')) return fail(`${showValue(text)} is negative: a duration must be more than zero`);
  if (/^\d+(\.\d+)?$/.test(s)) return fail(`${showValue(text)} has no unit: ${HOW}`);
  let total = 0;
  let pos = 0;
  let lastUnit = -1;
  PART.lastIndex = 0;
  while (pos < s.length) {
    PART.lastIndex = pos;
    const m = PART.exec(s);
    if (!m) return fail(`${showValue(text)} is not a duration: ${HOW}`);
    const unit = m[2] as string;
    const order = UNIT_ORDER.indexOf(unit);
    if (order <= lastUnit) {
      return fail(`${showValue(text)} is not a duration: give each unit once, largest first, as in 1h30m`);
    }
    lastUnit = order;
    total += Number(m[1]) * (UNIT_MS[unit] ?? 0);
    pos = PART.lastIndex;
  }
  const ms = Math.ceil(total);
  if (ms <= 0) return fail(`${showValue(text)} is zero: a duration must be more than zero`);
  if (!Number.isSafeInteger(ms)) return fail(`${showValue(text)} is too long`);
  return ok(ms);
}

/** Short and readable: 850ms, 1.5s, 12s, 1m30s, 1h5m. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '0ms';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) {
    const tenths = Math.round(ms / 100) / 10;
    if (tenths < 60) return `${tenths}s`;
  }
  const totalSec = Math.round(ms / 1000);
  const h = Math.floor(totalSec / 3600);
  const m = Math.floor((totalSec % 3600) / 60);
  const sec = totalSec % 60;
  return [h > 0 ? `${h}h` : '', m > 0 ? `${m}m` : '', sec > 0 ? `${sec}s` : ''].join('') || '0s';
}
