import { z } from 'zod';
import { fen, wholeMonths } from '../policy-units.schema';

/** 低保: the standards (per person per month, urban and rural), 单人保 conditions and dynamic management. */
export const dibaoPolicySchema = z
  .object({
    standards: z.object({ urbanFen: fen, ruralFen: fen }).strict(),
    /** 单人保 conditions (optional: snapshots taken before regions set them use the national defaults). */
    singleEnrolment: z
      .object({
        disabilityGrades: z
          .array(z.number().int('must be a whole disability grade').min(1, 'must be a grade from 1 to 4').max(4, 'must be a grade from 1 to 4'))
          .min(1, 'must name at least one grade')
          .max(4, 'must name at most four grades'),
        minAge: z.number().int('must be a whole number of years').min(0, 'must not be negative').max(100, 'must be at most 100'),
        incomeCeilingMultiplier: z
          .number({ error: 'must be a multiple of the standard or null' })
          .min(1, 'must be at least 1 × the standard')
          .max(5, 'must be at most 5 × the standard')
          .nullable(),
      })
      .strict()
      .optional(),
    lifecycle: z
      .object({
        gradualExit: z
          .object({
            multiplier: z
              .number({ error: 'must be a multiple of the standard' })
              .min(1, 'must be at least 1 × the standard (渐退 band starts at the standard)')
              .max(3, 'must be at most 3 × the standard'),
            months: z
              .number({ error: 'must be a number of months' })
              .int('must be a whole number of months')
              .min(0, 'must not be negative (0 months means exit at once)')
              .max(24, 'must be at most 24 months of 渐退'),
          })
          .strict(),
        reReviewMonths: z.object({ stable: wholeMonths, working_age: wholeMonths, other: wholeMonths }).strict(),
        economicCheckMonths: wholeMonths.max(6, 'must be at most 6 months: economic data is re-checked at least twice a year'),
        deductions: z.object({ rigidExpenses: z.boolean(), workCosts: z.boolean() }).strict(),
      })
      .strict(),
  })
  .strict();

export type DibaoPolicy = z.infer<typeof dibaoPolicySchema>;

/** 低收入家庭: the band above the 低保 standard, as a multiple of it. */
export const lowIncomePolicySchema = z
  .object({ multiplier: z.number().min(1, 'must be at least 1').max(3, 'must be at most 3') })
  .strict();

export type LowIncomePolicy = z.infer<typeof lowIncomePolicySchema>;
