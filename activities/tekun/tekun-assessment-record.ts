import type { PolicyDocument } from '../../config/policy/policy.schema';
import { assessTekun, type TekunAssessment } from '../../workflows/programs/tekun/assessment';
import type { TekunFacts } from '../../workflows/programs/tekun/eligibility';
import type { DailyActivity, SupportMode } from '../../workflows/programs/tekun/tekun-codes';

/** The findings of an assessment or review as the investigator submitted them (the decision body, less its text). */
export interface TekunFindings {
  person: Omit<TekunFacts, 'age'>;
  selfCare: Record<DailyActivity, boolean>;
  arrangement: { mode: SupportMode; institutionId?: string | null };
}

/** What a case keeps of an assessment: the findings, the person's age that day, and what the rules made of them. */
export interface TekunAssessmentRecord extends TekunAssessment {
  step: 'tekun_assessment' | 'tekun_review';
  age: number;
  facts: Omit<TekunFacts, 'age'>;
  selfCareInput: Record<DailyActivity, boolean>;
  /** The policy versions the amounts came from. */
  policy: string;
  assessedAt: string;
}

/**
 * Assesses the submitted findings under the region's rules. The arrangement was checked when the decision was
 * taken (the body's schema), so a failed arrangement here means the rules changed under it: it is an error, not a
 * refusal, and the activity retries until someone looks.
 */
export function assessFindings(
  findings: TekunFindings,
  ctx: { step: TekunAssessmentRecord['step']; age: number; area: 'urban' | 'rural'; policy: PolicyDocument; policyLabel: string; at: Date },
): TekunAssessmentRecord {
  if (!ctx.policy.tekun) throw new Error('the region has no 特困供养 policy section');
  const result = assessTekun(
    { area: ctx.area, facts: { ...findings.person, age: ctx.age }, canDo: findings.selfCare, mode: findings.arrangement.mode, institutionId: findings.arrangement.institutionId },
    { tekun: ctx.policy.tekun, dibaoStandards: ctx.policy.dibao.standards },
  );
  if ('ok' in result) throw new Error(`the arrangement breaks its rule: ${result.code}`);
  return {
    ...result,
    step: ctx.step,
    age: ctx.age,
    facts: findings.person,
    selfCareInput: findings.selfCare,
    policy: ctx.policyLabel,
    assessedAt: ctx.at.toISOString(),
  };
}
