import { z } from 'zod';
import { ROLES } from '../../workflows/domain/roles';

/**
 * A region's effective procedure policy for 低保 applications: which steps run, how long each may take, and the
 * money figures. Written as partial overrides at any level of the region tree (national → province → city → county →
 * township) and validated whole after merging, so every error names the region, the field and the rule.
 */

const workingDays = z
  .number({ error: 'must be a number of working days' })
  .int('must be a whole number of working days')
  .min(1, 'must be at least 1 working day')
  .max(250, 'must be at most 250 working days');

const calendarDays = z
  .number({ error: 'must be a number of days' })
  .int('must be a whole number of days')
  .min(1, 'must be at least 1 day')
  .max(90, 'must be at most 90 days');

/** Causes a 临时救助 amount tier is set for: the sudden events, and rigid expenses (支出型). */
export const EMERGENCY_CAUSES = ['fire', 'flood', 'accident', 'illness', 'death', 'natural_disaster', 'other', 'expense'] as const;

const fen = z
  .number({ error: 'must be an amount in fen' })
  .int('must be an integer number of fen (分), not yuan')
  .positive('must be positive');

/** Whole calendar months between recurring events of a recipient's lifecycle (复核, 核对). */
const wholeMonths = z
  .number({ error: 'must be a number of months' })
  .int('must be a whole number of months')
  .min(1, 'must be at least 1 month');
const clockHours = z
  .number({ error: 'must be a number of clock hours' })
  .int('must be a whole number of clock hours')
  .min(1, 'must be at least 1 clock hour')
  .max(168, 'must be at most 168 clock hours (one week)');

const role = z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` });

const timed = z.object({ limitDays: workingDays }).strict();

export const regionPolicySchema = z
  .object({
    intake: z.object({ supplementDays: workingDays }).strict(),
    acceptance: timed,
    investigation: z.object({ mode: z.enum(['serial', 'parallel']), limitDays: workingDays }).strict(),
    appraisal: z
      .object({
        mode: z.enum(['required', 'when_disputed', 'off']),
        limitDays: workingDays,
        /** Share of the panel that must attend (optional: older snapshots use two thirds). */
        quorum: z
          .object({
            numerator: z.number().int('must be a whole number').min(1, 'must be at least 1'),
            denominator: z.number().int('must be a whole number').min(1, 'must be at least 1').max(100, 'must be at most 100'),
          })
          .strict()
          .refine((q) => q.numerator <= q.denominator, 'must be at most the whole panel')
          .optional(),
        /** What a failed appraisal does (optional: older snapshots go back to investigation). */
        onFail: z.enum(['reinvestigate', 'recommend_rejection']).optional(),
      })
      .strict(),
    publicity: z
      .object({
        afterInvestigation: z.object({ enabled: z.boolean(), days: calendarDays }).strict(),
        afterReview: z.object({ enabled: z.boolean(), days: calendarDays }).strict(),
        maxObjectionRounds: z.number().int('must be a whole number').min(0, 'must not be negative').max(5, 'must be at most 5'),
      })
      .strict(),
    townshipReview: timed,
    approval: z
      .object({
        mode: z.enum(['county', 'township_with_filing']),
        limitDays: workingDays,
        samplingRate: z.number().min(0, 'must be at least 0').max(1, 'must be at most 1'),
        samplingLimitDays: workingDays,
        filingLimitDays: workingDays,
      })
      .strict(),
    overallLimitDays: workingDays.nullable(),
    escalation: z.partialRecord(role, role),
    /** Whether the overall decision clock stops while the case waits on the applicant or sits in publicity. */
    clock: z
      .object({ pauseDuringPublicity: z.boolean(), pauseWhileAwaitingApplicant: z.boolean() })
      .strict(),
    /** A task this many working days before its due time shows as at risk in the inbox (0: never). */
    atRiskWorkingDays: z.number().int('must be a whole number of working days').min(0, 'must not be negative').max(30, 'must be at most 30 working days'),
    standards: z.object({ urbanFen: fen, ruralFen: fen }).strict(),
    lowIncomeMultiplier: z.number().min(1, 'must be at least 1').max(3, 'must be at most 3'),
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
    assets: z
      .object({
        depositMonths: z.number().int('must be a whole number').min(0, 'must not be negative').max(120, 'must be at most 120'),
        vehiclesAllowed: z.number().int('must be a whole number').min(0, 'must not be negative'),
        extraPropertiesAllowed: z.number().int('must be a whole number').min(0, 'must not be negative'),
      })
      .strict(),
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
    /** 救急难 / 先行救助: decision hours (clock hours, not working days), the township's tier and the 备用金 funding. */
    emergency: z
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
      .strict(),
    /**
     * 医疗救助: the share of a referred household's eligible medical expenses paid, and the most paid to one household
     * in a calendar year. Optional: snapshots taken before regions set it use the national defaults.
     */
    medicalAssistance: z
      .object({
        ratio: z.number({ error: 'must be a share between 0 and 1' }).min(0, 'must not be negative').max(1, 'must be at most 100 %'),
        annualCapFen: fen,
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.overallLimitDays === null) return;
    const mandatory =
      p.acceptance.limitDays +
      p.investigation.limitDays +
      p.townshipReview.limitDays +
      p.approval.limitDays +
      (p.appraisal.mode === 'required' ? p.appraisal.limitDays : 0);
    if (p.overallLimitDays < mandatory) {
      ctx.addIssue({
        code: 'custom',
        path: ['overallLimitDays'],
        message: `must not be shorter than the sum of the mandatory steps' limits (${mandatory} working days)`,
      });
    }
  });

/** The effective, validated policy of a region. */
export type RegionPolicy = z.infer<typeof regionPolicySchema>;

/** A policy as a workflow receives it: the document plus the snapshot that identifies it in every decision. */
export interface CasePolicy {
  /** Content hash of the effective document; the key of its policy snapshot row. */
  snapshotId: string;
  /** Human label of the versions that produced it, e.g. "220103 v1 · 220100 v1 · national v1". */
  label: string;
  document: RegionPolicy;
}
