import { z } from 'zod';
import type { BodyOf } from '../inbox/decision.schemas';
import { arrangementSchema, selfCareSchema, tekunFactsShape } from './tekun.schemas';

const required = (what: string) => z.string({ error: `is required (${what})` }).trim().min(1, `is required (${what})`).max(2000, 'must be at most 2000 characters');
const optional = z.string().trim().max(2000, 'must be at most 2000 characters').optional();

/** The investigator's findings: the person's facts, the six daily activities and the arrangement, with the account. */
const findings = <S extends 'tekun_assessment' | 'tekun_review'>(step: S, what: string) =>
  z
    .object({
      step: z.literal(step),
      person: z.object(tekunFactsShape).strict(),
      selfCare: selfCareSchema,
      arrangement: arrangementSchema,
      reason: required(what),
    })
    .strict()
    .superRefine((d, ctx) => {
      const institution = d.arrangement.institutionId?.trim();
      if (d.arrangement.mode === 'centralized' && !institution) ctx.addIssue({ code: 'custom', path: ['arrangement', 'institutionId'], message: 'must name the institution of a centralized arrangement (集中供养)' });
      if (d.arrangement.mode === 'dispersed' && institution) ctx.addIssue({ code: 'custom', path: ['arrangement', 'institutionId'], message: 'must be empty for a dispersed arrangement (分散供养)' });
    });

/** Decisions on the tasks of a 特困供养 case. */
export const TEKUN_DECISION_SCHEMAS = {
  tekun_assessment: findings('tekun_assessment', 'what the investigation found'),
  tekun_confirmation: z
    .object({ step: z.literal('tekun_confirmation'), outcome: z.enum(['approve', 'reject'], { error: 'must be approve or reject' }), reason: optional })
    .strict()
    .superRefine((d, ctx) => {
      if (d.outcome === 'reject' && !d.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'is required when the outcome is reject (the written notice states it)' });
    }),
  tekun_filing: z.object({ step: z.literal('tekun_filing'), outcome: z.literal('acknowledged', { error: 'must be acknowledged' }), reason: optional }).strict(),
  tekun_review: findings('tekun_review', 'what the annual review found'),
} as const;

export type TekunDecision = BodyOf<typeof TEKUN_DECISION_SCHEMAS>;
