import { z } from 'zod';
import { isoMonthSchema } from '../../../config/dates.schema';

const month = isoMonthSchema;

/** 发起发放: prepare a county's payments for one month. */
export const startRunSchema = z
  .object({
    countyCode: z.string({ error: 'is required' }).regex(/^\d{6}$/, 'must be the 6-digit code of a county or district'),
    month,
  })
  .strict();

export type StartRunBody = z.infer<typeof startRunSchema>;

export const listRunsSchema = z
  .object({
    countyCode: z.string().regex(/^\d{6}$/, 'must be a county code').optional(),
    month: month.optional(),
  })
  .strict();

export type ListRunsQuery = z.infer<typeof listRunsSchema>;

/** The batch's payments come in keyset pages (by payment id), never all at once. */
export const runDetailSchema = z
  .object({
    after: z.string().uuid('must be a payment id').optional(),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export type RunDetailQuery = z.infer<typeof runDetailSchema>;
