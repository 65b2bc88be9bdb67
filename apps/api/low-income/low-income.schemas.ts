import { z } from 'zod';

export const listLowIncomeSchema = z
  .object({
    region: z.string().regex(/^\d{6,12}$/, 'must be a region code').optional(),
    dueForReview: z.enum(['true', 'false'], { error: 'must be true or false' }).transform((v) => v === 'true').optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export type ListLowIncomeQuery = z.infer<typeof listLowIncomeSchema>;
