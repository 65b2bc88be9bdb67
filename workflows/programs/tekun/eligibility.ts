import type { DisabilityKind, TekunCondition } from './tekun-codes';

/**
 * 特困人员认定, the 三无 test: a person qualifies only when all three hold — no capacity to work (无劳动能力), no source
 * of income (无生活来源), and no one with a legal duty to support them (赡养、抚养、扶养义务人) who is able to. Pure.
 */

/** The highest disability grade (1 is the most severe) that by itself means no capacity to work, by kind. */
const NO_LABOUR_GRADE: Partial<Record<DisabilityKind, number>> = { intellectual: 3, mental: 3, physical: 2, visual: 1 };

export interface LabourFacts {
  /** Whole years at the date of assessment. */
  age: number;
  disability?: { kind: DisabilityKind; grade: number } | null;
  /** Found unable to work on other grounds the province recognises (e.g. a serious illness), with a written finding. */
  otherwiseUnableToWork?: boolean;
}

/**
 * No capacity to work: aged 60 or over, under 16, grade 1–3 intellectual or mental disability, grade 1–2 physical,
 * grade 1 visual, or another recognised finding.
 */
export function hasNoLabourCapacity(facts: LabourFacts): boolean {
  if (facts.age >= 60 || facts.age < 16) return true;
  const limit = facts.disability ? NO_LABOUR_GRADE[facts.disability.kind] : undefined;
  if (limit !== undefined && facts.disability!.grade >= 1 && facts.disability!.grade <= limit) return true;
  return facts.otherwiseUnableToWork === true;
}

export interface TekunFacts extends LabourFacts {
  /** The person's own income, fen per month, net of what the region deducts. */
  monthlyIncomeFen: number;
  /** Property within the region's limits (the same asset findings as 低保). */
  assetsWithinLimits: boolean;
  /** Everyone with a legal duty to support the person, and whether the investigation found them able to. */
  supporters: { able: boolean }[];
}

export interface TekunEligibility {
  eligible: boolean;
  /** The conditions not met, in the order the regulation lists them; empty when eligible. */
  unmet: TekunCondition[];
}

/**
 * The 三无 test. No source of income means income below the local 低保 standard (the area's, fen per person per month)
 * with property within limits; a person at the standard has income.
 */
export function assessTekunEligibility(facts: TekunFacts, dibaoStandardFen: number): TekunEligibility {
  if (!Number.isInteger(facts.monthlyIncomeFen) || facts.monthlyIncomeFen < 0) throw new RangeError('income is a non-negative whole number of fen');
  const unmet: TekunCondition[] = [];
  if (!hasNoLabourCapacity(facts)) unmet.push('labour_capacity');
  if (!(facts.monthlyIncomeFen < dibaoStandardFen && facts.assetsWithinLimits)) unmet.push('income_source');
  if (facts.supporters.some((s) => s.able)) unmet.push('supporter');
  return { eligible: unmet.length === 0, unmet };
}
