import { z } from 'zod';

/** A repayment the household made directly (退还), in fen, with what it was (receipt, transfer). */
export const repaymentSchema = z
  .object({
    amountFen: z.number({ error: 'must be a number of fen' }).int('must be whole fen').positive('must be more than 0'),
    reason: z.string({ error: 'is required' }).trim().min(2, 'must say how it was repaid').max(200, 'must be at most 200 characters'),
  })
  .strict();

export type RepaymentBody = z.infer<typeof repaymentSchema>;

/** How the rest of a plan is recovered: deducted from future payments, or repaid by the household. */
export const recoveryMethodSchema = z
  .object({
    method: z.enum(['deduct', 'repay'], { error: 'must be deduct or repay' }),
    reason: z.string({ error: 'is required' }).trim().min(2, 'must say why').max(200, 'must be at most 200 characters'),
  })
  .strict();

export type RecoveryMethodBody = z.infer<typeof recoveryMethodSchema>;
