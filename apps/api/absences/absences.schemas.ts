import { z } from 'zod';
import { daySchema } from '../common/day.schema';

const day = (what: string) => daySchema(`the ${what}`);

/** The longest planned absence one record covers; longer ones are a change of post, not AB岗. */
export const MAX_ABSENCE_DAYS = 92;

export const absenceSchema = z
  .object({
    /** Whose absence: yourself unless an administrator records it for a caseworker of their region. */
    userId: z.string().uuid('must be a user id').optional(),
    backupUserId: z.string({ error: 'is required' }).uuid('must be a user id'),
    startsOn: day('first day away'),
    endsOn: day('last day away'),
    reason: z.string({ error: 'is required' }).trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.endsOn < b.startsOn) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'must not be before startsOn' });
    else if ((Date.parse(b.endsOn) - Date.parse(b.startsOn)) / 86_400_000 + 1 > MAX_ABSENCE_DAYS) {
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: `must be at most ${MAX_ABSENCE_DAYS} days after startsOn` });
    }
  });
export type AbsenceBody = z.infer<typeof absenceSchema>;

export const absenceQuerySchema = z.object({ userId: z.string().uuid('must be a user id').optional() }).strict();
export type AbsenceQuery = z.infer<typeof absenceQuerySchema>;
