import type { RegionPolicy } from '../../config/policy/policy.schema';

/**
 * 救急难 rules shared by the emergency workflow and the API: who may approve an amount, and clock-hour deadlines.
 * Money is integer fen; the township tier is a number of months (in tenths) of the urban 低保 standard for one person.
 */

/** Who must approve an emergency payment. */
export type ApprovalTier = 'township' | 'county';

const HOUR_MS = 3_600_000;

/** The largest amount the township may approve alone, in fen (rounded down to whole fen). */
export function townshipLimitFen(standards: RegionPolicy['standards'], policy: RegionPolicy['emergency']): number {
  requireFen(standards.urbanFen, 'urbanFen');
  const tenths = Math.round(policy.townshipLimitMonths * 10);
  return Math.floor((standards.urbanFen * tenths) / 10);
}

/** 'township' up to the township limit inclusive, 'county' above it (the county must also approve). */
export function approvalTier(
  amountFen: number,
  standards: RegionPolicy['standards'],
  policy: RegionPolicy['emergency'],
): ApprovalTier {
  requireFen(amountFen, 'amountFen');
  if (amountFen <= 0) throw new RangeError(`amountFen must be positive, got ${amountFen}`);
  return amountFen <= townshipLimitFen(standards, policy) ? 'township' : 'county';
}

/** A deadline in clock hours (not working days): nights, weekends and holidays count. */
export function addClockHours(fromMs: number, hours: number): number {
  if (!Number.isInteger(fromMs)) throw new RangeError(`fromMs must be an integer epoch millisecond, got ${fromMs}`);
  if (!Number.isInteger(hours) || hours < 0) throw new RangeError(`hours must be a whole non-negative number, got ${hours}`);
  return fromMs + hours * HOUR_MS;
}

function requireFen(value: number, name: string): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${name} must be an integer number of fen, got ${value}`);
}

const CHINA_OFFSET_MS = 8 * HOUR_MS;

/** The reserve-fund year of an instant: the calendar year in China (UTC+8, no daylight saving). */
export function ledgerYear(atMs: number): number {
  return new Date(atMs + CHINA_OFFSET_MS).getUTCFullYear();
}

/** Clock hours left until a due time, in tenths (rounded down); negative once the due time has passed. */
export function remainingHours(dueAtMs: number, nowMs: number): number {
  return Math.floor((dueAtMs - nowMs) / (HOUR_MS / 10)) / 10;
}
