/**
 * 医疗救助: the share of a referred household's eligible (policy-covered, after insurance) medical expenses that is paid,
 * in integer fen — the region's ratio, rounded down to the fen, and never beyond what is left of the household's annual
 * cap. Pure.
 */
export interface MedicalRule {
  /** Share paid, 0–1 (0.75 = 75 %). */
  ratio: number;
  /** Most paid to one household in a calendar year, fen. */
  annualCapFen: number;
}

/** The national default, for policy snapshots taken before regions set it. */
export const DEFAULT_MEDICAL_RULE: MedicalRule = { ratio: 0.75, annualCapFen: 16_000_000 };

export interface MedicalShare {
  /** What the ratio gives before the cap. */
  byRatioFen: number;
  /** What is paid: the ratio's share, within the cap left this year. */
  paidFen: number;
  /** Left of the annual cap after this payment. */
  capLeftFen: number;
}

export function medicalShare(eligibleExpenseFen: number, paidThisYearFen: number, rule: MedicalRule): MedicalShare {
  for (const [name, v] of [['eligibleExpenseFen', eligibleExpenseFen], ['paidThisYearFen', paidThisYearFen], ['annualCapFen', rule.annualCapFen]] as const) {
    if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`${name} must be a non-negative integer number of fen, got ${v}`);
  }
  // The ratio in basis points keeps the product exact for ratios given to two decimals of a percent.
  const byRatioFen = Math.floor((eligibleExpenseFen * Math.round(rule.ratio * 10_000)) / 10_000);
  const left = Math.max(0, rule.annualCapFen - paidThisYearFen);
  const paidFen = Math.min(byRatioFen, left);
  return { byRatioFen, paidFen, capLeftFen: left - paidFen };
}
