import { z } from 'zod';
import { clockHours, fen, workingDays } from '../policy-units.schema';

/** Causes a 临时救助 amount tier is set for: the sudden events, and rigid expenses (支出型). */
export const EMERGENCY_CAUSES = ['fire', 'flood', 'accident', 'illness', 'death', 'natural_disaster', 'other', 'expense'] as const;

/** 临时救助 / 救急难 (先行救助): decision hours (clock hours, not working days), the township's tier and the 备用金 funding. */
export const emergencyPolicySchema = z
  .object({
    townshipDecisionHours: clockHours,
    countyDecisionHours: clockHours,
    townshipLimitMonths: z
      .number({ error: 'must be a number of months of the urban 低保 standard' })
      .positive('the township limit must be a positive number of months of the urban 低保 standard')
      .refine((m) => Math.abs(m * 10 - Math.round(m * 10)) < 1e-9, 'the township limit must be in tenths of a month'),
    followUpDays: workingDays,
    /**
     * Calendar days after verification during which the household may still be referred (转介); the request closes
     * when they pass. Policies written before the setting count 30.
     */
    referralWindowDays: z
      .number({ error: 'must be a number of calendar days' })
      .int('the referral window must be a whole number of days')
      .min(0, 'the referral window must not be negative')
      .max(365, 'the referral window must be at most 365 days')
      .optional(),
    reserveFundPerResidentFen: z
      .number({ error: 'must be an amount in fen per registered resident' })
      .int('the reserve fund per resident must be an integer number of fen (分), not yuan')
      .min(0, 'the reserve fund per resident must not be negative'),
    /**
     * 临时救助 amount tiers by cause (an event type, or `expense` for 支出型 requests): months of the urban standard
     * per person affected and the most months per household. Optional: without a tier the amount asked is the limit.
     */
    amountTiers: z
      .partialRecord(
        z.enum([...EMERGENCY_CAUSES], { error: `must be a cause: ${EMERGENCY_CAUSES.join(', ')}` }),
        z
          .object({
            monthsPerPerson: z.number({ error: 'must be a number of months' }).positive('must be positive').max(12, 'must be at most 12 months a person'),
            maxMonths: z.number({ error: 'must be a number of months' }).positive('must be positive').max(24, 'must be at most 24 months'),
          })
          .strict(),
      )
      .optional(),
  })
  .strict();

export type EmergencyPolicy = z.infer<typeof emergencyPolicySchema>;

/**
 * 医疗救助: the share of a referred household's eligible medical expenses paid, and the most paid to one household in a
 * calendar year. Optional in the policy: snapshots taken before regions set it use the national defaults.
 */
export const medicalPolicySchema = z
  .object({
    ratio: z.number({ error: 'must be a share between 0 and 1' }).min(0, 'must not be negative').max(1, 'must be at most 100 %'),
    annualCapFen: fen,
  })
  .strict();

export type MedicalPolicy = z.infer<typeof medicalPolicySchema>;
