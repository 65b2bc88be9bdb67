import { z } from 'zod';
import { isoMonthSchema } from '../../../config/dates.schema';
import { deductionsSchema, incomesSchema, lifecycleReasonCode } from '../recipients/recipients.schemas';

const required = (what: string) => z.string({ error: `is required (${what})` }).trim().min(1, `is required (${what})`).max(2000, 'must be at most 2000 characters');

/**
 * Decisions on a recipient household's tasks. A re-review (复核) ends in: continue (nothing material changed; the
 * household is re-assessed on what it has), change (the incomes found, every member, and the deductions: increase,
 * decrease, 渐退 or stop follow), or terminate with a reason code. The findings are free text in the submission.
 */
export const RECIPIENT_DECISION_SCHEMAS = {
  re_review: z
    .object({
      step: z.literal('re_review'),
      outcome: z.enum(['continue', 'change', 'terminate']),
      incomes: incomesSchema.optional(),
      deductions: deductionsSchema.optional(),
      reasonCode: lifecycleReasonCode.optional(),
      /** For change: since when the findings hold; a month already paid at more makes an overpayment (多发). */
      effectiveMonth: isoMonthSchema.optional(),
      reason: required('the findings of the re-review'),
    })
    .strict()
    .superRefine((d, ctx) => {
      if (d.outcome === 'change' && !d.incomes) ctx.addIssue({ code: 'custom', path: ['incomes'], message: 'is required when the outcome is change' });
      if (d.effectiveMonth && d.outcome !== 'change') ctx.addIssue({ code: 'custom', path: ['effectiveMonth'], message: 'is given only when the outcome is change' });
      if (d.outcome === 'terminate' && !d.reasonCode) ctx.addIssue({ code: 'custom', path: ['reasonCode'], message: 'is required when the outcome is terminate' });
    }),
} as const;
