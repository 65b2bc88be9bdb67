/**
 * Calendar months in Asia/Shanghai, as pure functions: every program counts due months, review intervals and
 * payment months the same way, so the arithmetic lives here rather than in one program's rules.
 */

/** A calendar month, 'YYYY-MM'. */
export type Month = string;

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

function parseMonth(month: Month): { year: number; index: number } {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!match) throw new RangeError(`not a month (YYYY-MM): ${month}`);
  return { year: Number(match[1]), index: Number(match[2]) - 1 };
}

function formatMonth(year: number, index: number): Month {
  return `${String(year).padStart(4, '0')}-${String(index + 1).padStart(2, '0')}`;
}

/** The month, in Asia/Shanghai, of an instant. */
export function monthOf(epochMs: number): Month {
  const d = new Date(epochMs + SHANGHAI_OFFSET_MS);
  return formatMonth(d.getUTCFullYear(), d.getUTCMonth());
}

/** The month `n` months after (or before, when negative) `month`. */
export function addMonths(month: Month, n: number): Month {
  const { year, index } = parseMonth(month);
  const total = year * 12 + index + n;
  return formatMonth(Math.floor(total / 12), ((total % 12) + 12) % 12);
}

/** Whole months from `from` to `to` (negative when `to` is earlier). */
export function monthsBetween(from: Month, to: Month): number {
  const a = parseMonth(from);
  const b = parseMonth(to);
  return (b.year - a.year) * 12 + (b.index - a.index);
}

/** Epoch milliseconds of 00:00 Asia/Shanghai on the first day of the month. */
export function monthStart(month: Month): number {
  const { year, index } = parseMonth(month);
  return Date.UTC(year, index, 1) - SHANGHAI_OFFSET_MS;
}
