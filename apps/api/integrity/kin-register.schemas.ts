import { z } from 'zod';
import { isValidIdNumber } from '../../../activities/departments/id-number';
import { KIN_RELATIONS, STAFF_KINDS } from '../../../activities/integrity/kin-register.entity';

export const kinEntrySchema = z
  .object({
    staffUserId: z.string().uuid('must be a user id').nullable().default(null),
    staffName: z.string({ error: 'is required' }).trim().min(1, 'is required').max(50, 'must be at most 50 characters'),
    staffKind: z.enum(STAFF_KINDS, { error: `must be one of ${STAFF_KINDS.join(', ')}` }),
    regionCode: z.string().regex(/^\d{6,12}$/, 'must be a region code'),
    relativeIdNumber: z
      .string({ error: 'is required' })
      .regex(/^\d{17}[\dX]$/, 'must be an 18-character resident ID number')
      .refine(isValidIdNumber, 'has a wrong check digit'),
    relation: z.enum(KIN_RELATIONS, { error: `must be one of ${KIN_RELATIONS.join(', ')}` }),
    reason: z.string().trim().min(1, 'is required').max(500),
  })
  .strict();
export type KinEntryBody = z.infer<typeof kinEntrySchema>;
