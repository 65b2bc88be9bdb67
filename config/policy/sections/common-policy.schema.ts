import { z } from 'zod';
import { calendarDays, role, workingDays } from '../policy-units.schema';

/**
 * The part of a region's policy every program shares: the application procedure (which steps run and how long each may
 * take), escalation, the overall clock, the inbox's at-risk warning and the asset limits of the household economic
 * check (the same findings decide 低保, 低收入 and 特困).
 */

const timed = z.object({ limitDays: workingDays }).strict();

export const commonPolicySchema = z
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
    clock: z.object({ pauseDuringPublicity: z.boolean(), pauseWhileAwaitingApplicant: z.boolean() }).strict(),
    /** A task this many working days before its due time shows as at risk in the inbox (0: never). */
    atRiskWorkingDays: z
      .number()
      .int('must be a whole number of working days')
      .min(0, 'must not be negative')
      .max(30, 'must be at most 30 working days'),
    assets: z
      .object({
        depositMonths: z.number().int('must be a whole number').min(0, 'must not be negative').max(120, 'must be at most 120'),
        vehiclesAllowed: z.number().int('must be a whole number').min(0, 'must not be negative'),
        extraPropertiesAllowed: z.number().int('must be a whole number').min(0, 'must not be negative'),
      })
      .strict(),
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

export type CommonPolicy = z.infer<typeof commonPolicySchema>;
