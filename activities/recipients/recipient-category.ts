import type { RecipientCategory } from '../../workflows/programs/dibao/lifecycle';
import { ageOn } from '../../workflows/domain/age';

/**
 * The re-review category of a household (分类管理), which sets how often it is re-reviewed:
 * - working_age: someone aged 18–59 without a recorded disability, who may find work (reviewed most often);
 * - stable: everyone is 60 or older, under 16, or severely disabled (grade 1 or 2): income seldom changes;
 * - other: the rest (e.g. a 16–17-year-old, or a working-age member with a lighter disability).
 */
export function recipientCategory(members: { birthDate: string; disabilityGrade: number | null }[], onIso: string): RecipientCategory {
  const ages = members.map((m) => ({ age: ageOn(m.birthDate, onIso), grade: m.disabilityGrade }));
  if (ages.some((m) => m.age >= 18 && m.age < 60 && m.grade === null)) return 'working_age';
  if (ages.every((m) => m.age >= 60 || m.age < 16 || m.grade === 1 || m.grade === 2)) return 'stable';
  return 'other';
}
