/**
 * 低收入家庭认定: where a household's assessed income places it, on the same income and asset findings as 低保.
 * The seeds' words are strict at both ends — 低保 is 家庭人均收入低于当地低保标准; 低收入 is 家庭人均收入高于低保标准，
 * 但低于低保标准1.5倍（the region's multiplier）且家庭财产符合低保条件 — so a household exactly at the standard, or
 * exactly at the multiple, is in neither. Compared on exact household totals (standard × members), never on a rounded
 * per-capita figure. Pure: no I/O.
 */
export type Placement = 'dibao' | 'low_income' | 'none';

export interface PlacementInput {
  /** The 低保 standard for the household's area, fen per person per month. */
  standardFen: number;
  members: number;
  /** Household income net of the deductions the region allows, fen per month. */
  totalIncomeFen: number;
  /** The region's 低收入 multiplier of the standard (e.g. 1.5). */
  multiplier: number;
  /** No asset finding (deposits, vehicles, extra property, undeclared assets) above the 低保 limits. */
  assetsWithinLimits: boolean;
}

export function placeHousehold(input: PlacementInput): Placement {
  if (input.members < 1) throw new RangeError('a household has at least one member');
  const line = input.standardFen * input.members;
  if (input.totalIncomeFen < line) return input.assetsWithinLimits ? 'dibao' : 'none';
  // Multiplier in hundredths, so 1.5 × 830.00 yuan is compared exactly.
  const ceiling = Math.round(input.multiplier * 100) * line;
  if (input.totalIncomeFen > line && input.totalIncomeFen * 100 < ceiling && input.assetsWithinLimits) return 'low_income';
  return 'none';
}

/** Special assistance a recognised 低收入 household may apply for (seed 004: 取暖、医疗、教育…; domain: housing). */
export const LOW_INCOME_ASSISTANCE = ['medical', 'education', 'housing', 'heating'] as const;
export type LowIncomeAssistance = (typeof LOW_INCOME_ASSISTANCE)[number];

/** Months between re-checks of a recognised 低收入 household. */
export const LOW_INCOME_REVIEW_MONTHS = 12;
