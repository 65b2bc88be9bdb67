import { z } from 'zod';

export const auditQuerySchema = z
  .object({
    action: z.string().max(40).optional(),
    targetType: z.string().max(40).optional(),
    targetId: z.string().max(160).optional(),
    actorId: z.string().max(36).optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type AuditQuery = z.infer<typeof auditQuerySchema>;
