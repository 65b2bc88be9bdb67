import { z } from 'zod';

/** Codes of the written reason for refusing emergency help or a fund top-up (the text stays with the submission). */
export const EMERGENCY_REASON_CODES = ['not_eligible', 'not_urgent', 'covered_elsewhere', 'insufficient_evidence', 'no_county_funds', 'other'] as const;

const reason = z.string().trim().max(2000, 'must be at most 2000 characters');
const fen = z.number({ error: 'must be an amount in fen' }).int('must be an integer number of fen (分), not yuan');
const reasonCode = z.enum(EMERGENCY_REASON_CODES, { error: `must be one of ${EMERGENCY_REASON_CODES.join(', ')}` });

/** Approve names the amount (fen); reject names its reason code and the written reason. */
function decision<S extends 'emergency_township_decision' | 'emergency_county_decision' | 'emergency_fund_top_up'>(step: S) {
  return refined(z.object({ step: z.literal(step), outcome: z.enum(['approve', 'reject']), amountFen: fen.positive('must be more than zero').optional(), reasonCode: reasonCode.optional(), reason: reason.optional() }).strict());
}

function refined<T extends z.ZodObject>(schema: T) {
  return schema.superRefine((d: Record<string, unknown>, ctx) => {
      if (d.outcome === 'approve' && d.amountFen === undefined) ctx.addIssue({ code: 'custom', path: ['amountFen'], message: 'is required when approving (the amount to pay, in fen)' });
      if (d.outcome === 'reject' && !d.reasonCode) ctx.addIssue({ code: 'custom', path: ['reasonCode'], message: 'is required when rejecting' });
      if (d.outcome === 'reject' && !d.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'is required when rejecting (the household is told why)' });
    });
}

/**
 * Decisions on the tasks of a 救急难 request. On the fund top-up task, `topUpFen` is what the county adds to the
 * township's fund before the payment is tried again (once per task), and `amountFen` what is then paid.
 */
export const EMERGENCY_DECISION_SCHEMAS = {
  emergency_township_decision: decision('emergency_township_decision'),
  emergency_county_decision: decision('emergency_county_decision'),
  emergency_fund_top_up: refined(
    z.object({
      step: z.literal('emergency_fund_top_up'),
      outcome: z.enum(['approve', 'reject']),
      amountFen: fen.positive('must be more than zero').optional(),
      topUpFen: fen.positive('must be more than zero').optional(),
      reasonCode: reasonCode.optional(),
      reason: reason.optional(),
    }).strict(),
  ),
  emergency_follow_up: z
    .object({
      step: z.literal('emergency_follow_up'),
      outcome: z.enum(['proper', 'improper']),
      recoveryFen: fen.min(0, 'must not be negative'),
      reason: z.string({ error: 'is required (what the check found)' }).trim().min(1, 'is required (what the check found)').max(2000, 'must be at most 2000 characters'),
    })
    .strict()
    .superRefine((d, ctx) => {
      if (d.outcome === 'proper' && d.recoveryFen !== 0) ctx.addIssue({ code: 'custom', path: ['recoveryFen'], message: 'must be 0 when the payment was proper' });
      if (d.outcome === 'improper' && d.recoveryFen === 0) ctx.addIssue({ code: 'custom', path: ['recoveryFen'], message: 'must name the amount to recover when the payment was improper' });
    }),
} as const;
