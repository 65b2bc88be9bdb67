import { z } from 'zod';
import { isoMonthSchema } from '../../../config/dates.schema';

/** The exceptions list: a county and month narrow it. */
export const exceptionsQuerySchema = z
  .object({
    countyCode: z.string().regex(/^\d{6}$/, 'must be a county code').optional(),
    month: isoMonthSchema.optional(),
  })
  .strict();

export type ExceptionsQuery = z.infer<typeof exceptionsQuerySchema>;

/** A household's account recorded or corrected by the payment officer (开户行 and account number). */
export const bankAccountSchema = z
  .object({
    bankName: z.string({ error: 'is required' }).trim().min(2, 'must name the bank branch').max(60, 'must be at most 60 characters'),
    bankAccount: z.string({ error: 'is required' }).regex(/^\d{12,30}$/, 'must be 12 to 30 digits'),
    reason: z.string({ error: 'is required' }).trim().min(2, 'must say why').max(200, 'must be at most 200 characters'),
  })
  .strict();

export type BankAccountBody = z.infer<typeof bankAccountSchema>;

/** Owed but in no run yet: one county's months that already had their run. */
export const unpaidQuerySchema = z
  .object({
    countyCode: z.string({ error: 'is required' }).regex(/^\d{6}$/, 'must be a county code'),
  })
  .strict();

export type UnpaidQuery = z.infer<typeof unpaidQuerySchema>;
