import { z } from 'zod';
import { RECEIVERS, SERVICE_METHODS } from '../../../activities/application/notice-service.entity';

/** 送达: how and when a written notice reached the household. Not in the future; the note is optional. */
export const serviceSchema = z
  .object({
    method: z.enum(SERVICE_METHODS, { error: `must be one of ${SERVICE_METHODS.join(', ')}` }),
    receivedBy: z.enum(RECEIVERS, { error: `must be one of ${RECEIVERS.join(', ')}` }),
    servedAt: z.iso
      .datetime({ offset: true, error: 'must be a date and time with its offset, e.g. 2026-12-01T10:00:00+08:00' })
      .refine((v) => Date.parse(v) <= Date.now() + 60_000, 'must not be in the future'),
    note: z.string().trim().max(200, 'must be at most 200 characters').optional(),
  })
  .strict();
export type ServiceBody = z.infer<typeof serviceSchema>;
