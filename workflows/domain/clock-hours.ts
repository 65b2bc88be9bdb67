/** Deadlines in clock hours (not working days), for urgent work: nights, weekends and holidays count. Pure. */

const HOUR_MS = 3_600_000;

/** A deadline in clock hours (not working days): nights, weekends and holidays count. */
export function addClockHours(fromMs: number, hours: number): number {
  if (!Number.isInteger(fromMs)) throw new RangeError(`fromMs must be an integer epoch millisecond, got ${fromMs}`);
  if (!Number.isInteger(hours) || hours < 0) throw new RangeError(`hours must be a whole non-negative number, got ${hours}`);
  return fromMs + hours * HOUR_MS;
}

/** Clock hours left until a due time, in tenths (rounded down); negative once the due time has passed. */
export function remainingHours(dueAtMs: number, nowMs: number): number {
  return Math.floor((dueAtMs - nowMs) / (HOUR_MS / 10)) / 10;
}
