import { z } from 'zod';
import { DAILY_ACTIVITIES, DISABILITY_KINDS, SUPPORT_MODES, type DailyActivity } from '../../../workflows/programs/tekun/tekun-codes';

const canDo = z.boolean({ error: 'must be true (done unaided) or false' });

/** The person's facts the 三无 test looks at, as an investigation finds them (age comes from the birth date). */
export const tekunFactsShape = {
  disability: z
    .object({
      kind: z.enum(DISABILITY_KINDS, { error: `must be one of ${DISABILITY_KINDS.join(', ')}` }),
      grade: z.number({ error: 'must be a grade from 1 to 4' }).int('must be a grade from 1 to 4').min(1, 'must be a grade from 1 to 4').max(4, 'must be a grade from 1 to 4'),
    })
    .strict()
    .nullable()
    .optional(),
  otherwiseUnableToWork: z.boolean({ error: 'must be true or false' }).optional(),
  monthlyIncomeFen: z.number({ error: 'must be an amount in fen' }).int('must be an integer number of fen (分), not yuan').min(0, 'must not be negative'),
  assetsWithinLimits: z.boolean({ error: 'must be true or false' }),
  supporters: z.array(z.object({ able: z.boolean({ error: 'must be true or false' }) }).strict()).max(30, 'must list at most 30 supporters'),
};

/** Whether the person does each of the six daily activities unaided (自理能力评估). */
export const selfCareSchema = z.object(Object.fromEntries(DAILY_ACTIVITIES.map((a) => [a, canDo])) as Record<DailyActivity, typeof canDo>).strict();

/** 分散 or 集中供养, and the institution of a centralized one. */
export const arrangementSchema = z
  .object({
    mode: z.enum(SUPPORT_MODES, { error: `must be one of ${SUPPORT_MODES.join(', ')}` }),
    institutionId: z.string().trim().min(1, 'must not be empty').max(64, 'must be at most 64 characters').nullable().optional(),
  })
  .strict();

/** A person's facts for a 特困供养 assessment: nothing is stored, nothing names the person. */
export const tekunAssessmentSchema = z
  .object({
    /** The village or community the person lives in: its area (urban/rural) and its effective policy decide. */
    regionCode: z.string().regex(/^\d{12}$/, 'must be a 12-digit village or community code'),
    person: z
      .object({
        age: z.number({ error: 'must be a number of years' }).int('must be whole years').min(0, 'must not be negative').max(130, 'must be at most 130'),
        ...tekunFactsShape,
      })
      .strict(),
    selfCare: selfCareSchema,
    arrangement: arrangementSchema,
  })
  .strict();

export type TekunAssessmentBody = z.infer<typeof tekunAssessmentSchema>;
