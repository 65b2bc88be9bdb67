import { z } from 'zod';
import { REASON_CODES } from '../../../workflows/application/decisions';
import { DOCUMENT_CODES } from '../applications/applications.schemas';
import type { BodyOf } from './decision.schemas';

// Decisions on the tasks of an application. `reason` is free text: it is stored with the submission and printed on
// notices, but never sent to the workflow.

const reason = z.string().trim().max(2000, 'must be at most 2000 characters');
const required = (what: string) => z.string({ error: `is required (${what})` }).trim().min(1, `is required (${what})`).max(2000, 'must be at most 2000 characters');
const reasonCode = z.enum(REASON_CODES, { error: `must be one of ${REASON_CODES.join(', ')}` });
const fen = z.number({ error: 'must be an amount in fen' }).int('must be an integer number of fen (分), not yuan').min(0, 'must not be negative');
const count = z.number().int('must be a whole number').min(0, 'must not be negative');

function needsReason<T extends z.ZodObject>(schema: T, negative: string, what: string) {
  return schema.superRefine((d: Record<string, unknown>, ctx) => {
    if (d.outcome !== negative) return;
    if (!d.reasonCode) ctx.addIssue({ code: 'custom', path: ['reasonCode'], message: `is required when the outcome is ${negative}` });
    if (!d.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: `is required when the outcome is ${negative} (${what})` });
  });
}

const approval = (step: 'township_review' | 'county_approval' | 'township_confirmation') =>
  needsReason(z.object({ step: z.literal(step), outcome: z.enum(['approve', 'reject']), reasonCode: reasonCode.optional(), reason: reason.optional() }).strict(), 'reject', 'the written notice states it');

/** Decisions on the tasks of a 低保 application. */
export const APPLICATION_DECISION_SCHEMAS = {
  supplement: z.object({ step: z.literal('supplement'), documents: z.array(z.enum(DOCUMENT_CODES)).min(1, 'must list the documents supplied'), reason: reason.optional() }).strict(),
  acceptance: needsReason(z.object({ step: z.literal('acceptance'), outcome: z.enum(['accept', 'return']), reasonCode: reasonCode.optional(), reason: reason.optional() }).strict(), 'return', 'the written notice states it'),
  home_visit: z
    .object({
      step: z.literal('home_visit'),
      recommendation: z.enum(['eligible', 'ineligible']),
      disputed: z.boolean({ error: 'must say whether the case is disputed' }),
      incomes: z.array(z.object({ memberId: z.string().uuid('must be a member id'), monthlyIncomeFen: fen }).strict()).min(1, 'must assess every member'),
      /** 刚性支出 (medical, education, housing) and 就业成本 found at the visit, fen a month; the region decides which count. */
      deductions: z.object({ rigidExpensesFen: fen, workCostsFen: fen }).strict().optional(),
      reasonCode: reasonCode.optional(),
      reason: required('the findings of the home visit'),
    })
    .strict(),
  appraisal: z
    .object({
      step: z.literal('appraisal'),
      outcome: z.enum(['pass', 'fail']),
      panelSize: count.min(1, 'must be at least 1 representative').max(200, 'must be at most 200 representatives'),
      present: count.max(200, 'must be at most 200 representatives'),
      votesFor: count,
      votesAgainst: count,
      reason: reason.optional(),
    })
    .strict(),
  township_review: approval('township_review'),
  county_sampling: z.object({ step: z.literal('county_sampling'), outcome: z.enum(['confirmed', 'discrepancy']), reason: required('what the visit found') }).strict(),
  county_approval: approval('county_approval'),
  township_confirmation: approval('township_confirmation'),
  filing: z.object({ step: z.literal('filing'), outcome: z.literal('acknowledged'), reason: reason.optional() }).strict(),
  escalation: z
    .object({ step: z.literal('escalation'), outcome: z.enum(['noted', 'reassigned']), reassignTo: z.string().uuid('must be a user id').optional(), reason: required('what the supervisor did') })
    .strict()
    .superRefine((d, ctx) => {
      if (d.outcome === 'reassigned' && !d.reassignTo) ctx.addIssue({ code: 'custom', path: ['reassignTo'], message: 'is required when reassigning' });
    }),
} as const;

export type ApplicationDecision = BodyOf<typeof APPLICATION_DECISION_SCHEMAS>;
