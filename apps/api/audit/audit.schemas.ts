import { z } from 'zod';
import { daySchema } from '../common/day.schema';

const day = daySchema();

export const auditQuerySchema = z
  .object({
    action: z.string().max(40).optional(),
    targetType: z.string().max(40).optional(),
    targetId: z.string().max(160).optional(),
    actorId: z.string().max(36).optional(),
    /** Who, by user name (the auditor knows people, not ids). */
    actor: z.string().trim().min(1).max(64).optional(),
    /** From and to (inclusive) as Asia/Shanghai days. */
    from: day.optional(),
    to: day.optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const refusedQuerySchema = z.object({ pageSize: z.coerce.number().int().min(1).max(200).default(100) }).strict();
export type RefusedQuery = z.infer<typeof refusedQuerySchema>;
