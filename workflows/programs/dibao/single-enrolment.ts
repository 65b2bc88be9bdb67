import { ageOn } from '../../domain/age';

/**
 * 单人保: a severely disabled member may be enrolled alone, as a one-person household, when the household as a whole
 * is above the line. Which disability grades qualify, from what age, and whether the household's own income must stay
 * under a ceiling are the region's rules; a policy written before regions set them keeps the national defaults.
 */

export interface SingleEnrolmentRule {
  /** Disability grades that qualify (一二级重度残疾: 1 and 2). */
  disabilityGrades: number[];
  /** Minimum age in whole years. */
  minAge: number;
  /**
   * When set: the household's per-capita income must be below (低于, strict) this multiple of the standard for any
   * member to be enrolled alone; null: no ceiling.
   */
  incomeCeilingMultiplier: number | null;
}

export const DEFAULT_SINGLE_ENROLMENT: SingleEnrolmentRule = { disabilityGrades: [1, 2], minAge: 18, incomeCeilingMultiplier: null };

/** Whether a member meets the region's 单人保 conditions of person (grade and age) on a date. */
export function singleEnrolmentEligible(
  member: { disabilityGrade: number | null; birthDate: string },
  onIso: string,
  rule: SingleEnrolmentRule = DEFAULT_SINGLE_ENROLMENT,
): boolean {
  return member.disabilityGrade !== null && rule.disabilityGrades.includes(member.disabilityGrade) && ageOn(member.birthDate, onIso) >= rule.minAge;
}

/**
 * The household total (fen) at or above which no member is enrolled alone, or undefined without a ceiling. Integer
 * arithmetic: the multiplier in hundredths, so 1.5 × the standard is exact.
 */
export function singleEnrolmentCeilingFen(rule: SingleEnrolmentRule, standardFen: number, members: number): number | undefined {
  if (rule.incomeCeilingMultiplier === null) return undefined;
  return (Math.round(rule.incomeCeilingMultiplier * 100) * standardFen * members) / 100;
}
