import { ageOn } from '../../workflows/domain/age';

/** Plain, non-identifying counts of the persons a recipient household covers, kept on its row for the 汇总表. */
export interface PersonCounts {
  elderlyCount: number;
  minorCount: number;
  disabledCount: number;
}

/**
 * Counts the covered persons by the categories the monthly 汇总表 reports: 老年人 (60 or older), 未成年人 (under 18),
 * 残疾人 (any recorded disability grade). Computed once at enrolment from the decrypted members the decision already
 * holds, so statistics sum plain integers and never decrypt members in bulk. `covered` is every member for a
 * household enrolment and the members enrolled alone for 单人保.
 */
export function personCounts(covered: { birthDate: string; disabilityGrade: number | null }[], onIso: string): PersonCounts {
  let elderlyCount = 0;
  let minorCount = 0;
  let disabledCount = 0;
  for (const m of covered) {
    const age = ageOn(m.birthDate, onIso);
    if (age >= 60) elderlyCount++;
    if (age < 18) minorCount++;
    if (m.disabilityGrade !== null) disabledCount++;
  }
  return { elderlyCount, minorCount, disabledCount };
}
