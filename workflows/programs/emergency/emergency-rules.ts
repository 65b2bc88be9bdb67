import type { RegionPolicy } from '../../../config/policy/policy.schema';

/**
 * 救急难 / 临时救助 rules shared by the emergency workflow and the API: who may approve an amount, the amount tiers and
 * the reserve-fund year.
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

/** What a 临时救助 request is for: a sudden event (急难型) or a burden of rigid expenses (支出型). */
export type AssistanceKind = 'urgent' | 'expense';

/** One cause's amount tier: months of the urban standard per person affected, and the most months for any household. */
export interface AmountTier {
  monthsPerPerson: number;
  maxMonths: number;
}

/**
 * 临时救助 amount tiers by cause and household size: the most that may be approved for a request, in fen — the urban
 * 低保 standard × min(monthsPerPerson × people, maxMonths), months in tenths, rounded down to the fen. The cause is the
 * event (fire, illness…) for an urgent request and `expense` for a 支出型 one. No tier for the cause (or none set by the
 * region): no ceiling beyond the amount asked.
 */
export function amountCeilingFen(
  standards: RegionPolicy['standards'],
  tiers: Partial<Record<string, AmountTier>> | undefined,
  cause: string,
  peopleAffected: number,
): number | undefined {
  const tier = tiers?.[cause];
  if (!tier) return undefined;
  requireFen(standards.urbanFen, 'urbanFen');
  if (!Number.isInteger(peopleAffected) || peopleAffected < 1) throw new RangeError(`peopleAffected must be a whole number ≥ 1, got ${peopleAffected}`);
  const tenths = Math.min(Math.round(tier.monthsPerPerson * 10) * peopleAffected, Math.round(tier.maxMonths * 10));
  return Math.floor((standards.urbanFen * tenths) / 10);
}

/** The tier a request is measured against. */
export function assistanceCause(kind: AssistanceKind, eventType: string): string {
  return kind === 'expense' ? 'expense' : eventType;
}

function requireFen(value: number, name: string): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${name} must be an integer number of fen, got ${value}`);
}

const CHINA_OFFSET_MS = 8 * HOUR_MS;

/** The reserve-fund year of an instant: the calendar year in China (UTC+8, no daylight saving). */
export function ledgerYear(atMs: number): number {
  return new Date(atMs + CHINA_OFFSET_MS).getUTCFullYear();
}
