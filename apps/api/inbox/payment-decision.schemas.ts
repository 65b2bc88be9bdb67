import { z } from 'zod';

const reason = z.string().trim().max(2000, 'must be at most 2000 characters');

/** Decisions on the tasks of a payment run: the county approves (or rejects, saying why), the payment officer releases. */
export const PAYMENT_DECISION_SCHEMAS = {
  payment_approval: z
    .object({ step: z.literal('payment_approval'), outcome: z.enum(['approve', 'reject']), reason: reason.optional() })
    .strict()
    .superRefine((d, ctx) => {
      if (d.outcome === 'reject' && !d.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'is required when the outcome is reject (the officer must know what to correct)' });
    }),
  payment_release: z.object({ step: z.literal('payment_release'), outcome: z.literal('release'), reason: reason.optional() }).strict(),
} as const;
