/**
 * 差额补助: the monthly 低保 benefit, in integer fen (分). Never floating yuan.
 *
 * Household rule ("保户不保人"): pay (standard − per-capita income) × members. Computed as
 * standard × members − total income, which is the same amount without rounding a per-capita figure.
 * 单人保: a severely disabled member (the region's grades and age, see single-enrolment.ts) may be enrolled as a
 * one-person household when the household as a whole is above the line, and below the region's income ceiling if it
 * sets one; each such member is paid standard − own income.
 */

export interface BenefitMember {
  /** Assessed monthly income of this member, in fen. */
  monthlyIncomeFen: number;
  /** Severely disabled adult eligible for 单人保. */
  singleEnrolment: boolean;
}

export interface BenefitInput {
  /** 低保 standard for the household's area, fen per person per month. */
  standardFen: number;
  members: readonly BenefitMember[];
  /** Deductible rigid expenses and work costs, fen per month (0 when the region deducts nothing). */
  deductionsFen?: number;
  /** 单人保 only while the household total is below this (fen); absent: no ceiling. */
  singleEnrolmentCeilingFen?: number;
}

export type BenefitBasis = 'household' | 'single_person' | 'none';

/** The amount with the figures that produced it, so every decision can explain itself. */
export interface BenefitResult {
  amountFen: number;
  basis: BenefitBasis;
  /** Members counted in the calculation (household size, or the number of 单人保 members). */
  membersCounted: number;
  totalIncomeFen: number;
  /** Per-capita income in fen, rounded down (for display; the amount is computed exactly). */
  perCapitaIncomeFen: number;
  standardFen: number;
  deductionsFen: number;
}

function assertFen(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer number of fen, got ${value}`);
  }
}

/** Computes the monthly benefit. Pure; throws RangeError on malformed money. */
export function computeMonthlyBenefit(input: BenefitInput): BenefitResult {
  const deductionsFen = input.deductionsFen ?? 0;
  assertFen('standardFen', input.standardFen);
  assertFen('deductionsFen', deductionsFen);
  if (input.members.length === 0) throw new RangeError('a household has at least one member');
  input.members.forEach((m, i) => assertFen(`members[${i}].monthlyIncomeFen`, m.monthlyIncomeFen));

  const n = input.members.length;
  const gross = input.members.reduce((sum, m) => sum + m.monthlyIncomeFen, 0);
  const totalIncomeFen = Math.max(0, gross - deductionsFen);
  const base = {
    totalIncomeFen,
    perCapitaIncomeFen: Math.floor(totalIncomeFen / n),
    standardFen: input.standardFen,
    deductionsFen,
  };

  // 家庭人均收入低于当地最低生活保障标准 (seed 001): strictly below, compared on the exact household total (per-capita
  // rounding cannot move a household across the line); at the line, nothing is paid.
  const householdGap = input.standardFen * n - totalIncomeFen;
  if (householdGap > 0) return { ...base, amountFen: householdGap, basis: 'household', membersCounted: n };

  // Only members actually paid count: one whose own income reaches the standard is not enrolled (低于, strict).
  const underCeiling = input.singleEnrolmentCeilingFen === undefined || totalIncomeFen < input.singleEnrolmentCeilingFen;
  const single = underCeiling ? input.members.filter((m) => m.singleEnrolment && m.monthlyIncomeFen < input.standardFen) : [];
  const singleAmount = single.reduce((sum, m) => sum + (input.standardFen - m.monthlyIncomeFen), 0);
  if (singleAmount > 0) {
    return { ...base, amountFen: singleAmount, basis: 'single_person', membersCounted: single.length };
  }
  return { ...base, amountFen: 0, basis: 'none', membersCounted: 0 };
}
