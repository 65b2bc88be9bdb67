import type { TekunPolicy } from '../../../config/policy/sections/tekun-policy.schema';
import { supportArrangement, type Arrangement } from './arrangement';
import { assessTekunEligibility, type TekunEligibility, type TekunFacts } from './eligibility';
import { assessSelfCare, centralizedPriority } from './self-care';
import { tekunMonthlySupport, type TekunSupport } from './support-amount';
import type { DailyActivity, SelfCareLevel, SupportMode } from './tekun-codes';

/** One person's 特困 assessment: the 三无 test, the self-care level, the support a month and the arrangement. Pure. */

export interface TekunAssessmentInput {
  area: 'urban' | 'rural';
  facts: TekunFacts;
  /** Whether the person does each daily activity unaided. */
  canDo: Record<DailyActivity, boolean>;
  mode: SupportMode;
  institutionId?: string | null;
}

export interface TekunAssessment {
  eligibility: TekunEligibility;
  selfCare: { level: SelfCareLevel; unable: DailyActivity[]; centralizedPriority: boolean };
  /** The monthly support when eligible; null otherwise (nothing is payable). */
  support: TekunSupport | null;
  arrangement: Extract<Arrangement, { ok: true }>;
}

export interface TekunRules {
  tekun: TekunPolicy;
  /** The 低保 standards (fen per person per month): the income line of 无生活来源. */
  dibaoStandards: { urbanFen: number; ruralFen: number };
}

/** Throws nothing for eligibility; an arrangement that breaks its rule comes back as the failed arrangement. */
export function assessTekun(input: TekunAssessmentInput, rules: TekunRules): TekunAssessment | Extract<Arrangement, { ok: false }> {
  const arrangement = supportArrangement(input.mode, input.institutionId);
  if (!arrangement.ok) return arrangement;
  const standardFen = input.area === 'urban' ? rules.dibaoStandards.urbanFen : rules.dibaoStandards.ruralFen;
  const eligibility = assessTekunEligibility(input.facts, standardFen);
  const { level, unable } = assessSelfCare(input.canDo);
  return {
    eligibility,
    selfCare: { level, unable, centralizedPriority: centralizedPriority(level) },
    support: eligibility.eligible ? tekunMonthlySupport(rules.tekun, input.area, level) : null,
    arrangement,
  };
}
