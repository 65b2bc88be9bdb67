import type { RegionPolicy } from '../../../config/policy/policy.schema';
import { computeMonthlyBenefit, type BenefitBasis } from './benefit';

/**
 * Dynamic management (动态管理) of an enrolled household, as pure functions: re-review intervals by category
 * (分类管理), and the re-assessment of a household after a change (有进有出、有升有降, with 渐退 gradual exit).
 * Money is integer fen; calendar months are workflows/domain/months.ts.
 */

/** Category of a recipient household for the re-review interval. */
export type RecipientCategory = keyof RegionPolicy['lifecycle']['reReviewMonths'];

/** Months between periodic re-reviews (复核) of a household of this category, from the region's policy. */
export function reReviewInterval(lifecycle: RegionPolicy['lifecycle'], category: RecipientCategory): number {
  return lifecycle.reReviewMonths[category];
}

/** Expenses a household declares, fen per month; deducted from income only where the region allows it. */
export interface DeclaredDeductions {
  /** Rigid expenses (刚性支出): medical, education, housing. */
  rigidExpensesFen: number;
  /** Costs of taking up work (就业成本). */
  workCostsFen: number;
}

export interface AssessInput {
  /** The household's 低保 standard, fen per person per month. */
  standardFen: number;
  /** Assessed monthly income of every member, fen. */
  members: readonly { monthlyIncomeFen: number; singleEnrolment?: boolean }[];
  deductions: DeclaredDeductions;
  lifecycle: RegionPolicy['lifecycle'];
  /** The amount being paid now, fen; kept unchanged during 渐退. */
  currentAmountFen: number;
  /**
   * 'strict' (the default) reads the seed's band as written — 超过低保标准但低于低保标准2倍: above the standard and
   * below the multiple, both ends excluded. 'inclusive' is the earlier reading (standard ≤ income ≤ multiple), kept
   * only so that recipient histories recorded under it replay unchanged.
   */
  band?: 'strict' | 'inclusive';
}

export type AssessmentKind = 'continue' | 'increase' | 'decrease' | 'stop' | 'gradual_exit';

/** How an amount was derived: stored with every entitlement and notice. */
export interface Derivation {
  standardFen: number;
  totalIncomeFen: number;
  members: number;
  deductionsFen: number;
  basis: BenefitBasis;
}

export interface Assessment {
  kind: AssessmentKind;
  /** The amount to pay from the effective month, fen (the current amount for 渐退, 0 for stop). */
  amountFen: number;
  perCapitaIncomeFen: number;
  derivation: Derivation;
}

/**
 * Re-assesses a household. Below the standard (低于, strict): the recomputed 差额 amount, an increase, decrease or
 * continue by comparison with the current amount. Above the standard and below multiplier × standard (超过…但低于,
 * both strict; compared on the exact household total, so per-capita rounding cannot move a household across): gradual
 * exit keeping the current amount. Exactly at the standard, at the multiple or above it: stop.
 */
export function assess(input: AssessInput): Assessment {
  const { deductions, lifecycle } = input;
  const deductionsFen =
    (lifecycle.deductions.rigidExpenses ? deductions.rigidExpensesFen : 0) + (lifecycle.deductions.workCosts ? deductions.workCostsFen : 0);
  const result = computeMonthlyBenefit({
    standardFen: input.standardFen,
    members: input.members.map((m) => ({ monthlyIncomeFen: m.monthlyIncomeFen, singleEnrolment: m.singleEnrolment ?? false })),
    deductionsFen,
  });
  const derivation: Derivation = {
    standardFen: result.standardFen,
    totalIncomeFen: result.totalIncomeFen,
    members: input.members.length,
    deductionsFen,
    basis: result.basis,
  };
  const base = { perCapitaIncomeFen: result.perCapitaIncomeFen, derivation };
  if (result.amountFen > 0) {
    const kind = result.amountFen > input.currentAmountFen ? 'increase' : result.amountFen < input.currentAmountFen ? 'decrease' : 'continue';
    return { ...base, kind, amountFen: result.amountFen };
  }
  // Integer comparison: multiplier in hundredths, so 1.5 × 600.00 yuan is exact.
  const band = Math.round(lifecycle.gradualExit.multiplier * 100) * input.standardFen * input.members.length;
  const line = input.standardFen * input.members.length;
  const inBand =
    input.band === 'inclusive'
      ? result.totalIncomeFen * 100 <= band
      : result.totalIncomeFen > line && result.totalIncomeFen * 100 < band;
  if (inBand && lifecycle.gradualExit.months > 0) {
    return { ...base, kind: 'gradual_exit', amountFen: input.currentAmountFen };
  }
  return { ...base, kind: 'stop', amountFen: 0 };
}
