import { z } from 'zod';
import { EMERGENCY_EVENT_TYPES } from '../../../activities/emergency/emergency-request.entity';
import { REFERRAL_KINDS } from '../../../workflows/emergency/definitions';
import { householdMembersSchema, householdPlaceFields } from '../applications/applications.schemas';

const fen = z.number({ error: 'must be an amount in fen' }).int('must be an integer number of fen (分), not yuan').positive('must be more than zero');
const text = (what: string) => z.string({ error: `is required (${what})` }).trim().min(1, `is required (${what})`).max(2000, 'must be at most 2000 characters');

/**
 * A household the platform has never seen (先行救助 comes before any application): its village, address and members,
 * registered with the request.
 */
export const newHouseholdSchema = z
  .object({
    ...householdPlaceFields,
    members: householdMembersSchema,
  })
  .strict();
export type NewHouseholdBody = z.infer<typeof newHouseholdSchema>;

/** 救急难 request as a village assistant, a township clerk or the household raises it: for a known household, or a new one. */
export const raiseEmergencySchema = z
  .object({
    householdId: z.string().uuid('must be a household id').optional(),
    household: newHouseholdSchema.optional(),
    /** 急难型 (default) or 支出型: a burden of rigid expenses (medical, education) rather than a sudden event. */
    kind: z.enum(['urgent', 'expense'], { error: 'must be urgent (急难型) or expense (支出型)' }).default('urgent'),
    eventType: z.enum(EMERGENCY_EVENT_TYPES, { error: `must be one of ${EMERGENCY_EVENT_TYPES.join(', ')}` }),
    peopleAffected: z.number({ error: 'must be a number of people' }).int('must be a whole number of people').min(1, 'at least one person is affected').max(999, 'must be at most 999'),
    amountAskedFen: fen.max(100_000_000, 'must be at most 1,000,000 yuan'),
    eventDescription: text('what happened'),
    need: text('what the household needs'),
  })
  .strict()
  .superRefine((body, ctx) => {
    if ((body.householdId === undefined) === (body.household === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['householdId'], message: 'give either a registered household id or a new household, not both' });
    }
  });
export type RaiseEmergencyBody = z.infer<typeof raiseEmergencySchema>;

export const referSchema = z
  .object({
    kind: z.enum(REFERRAL_KINDS, { error: `must be one of ${REFERRAL_KINDS.join(', ')}` }),
    department: z.string({ error: 'is required (the receiving department code)' }).regex(/^[a-z][a-z0-9_]{1,39}$/, 'must be a department code (lower case letters, digits, _)'),
  })
  .strict();
export type ReferBody = z.infer<typeof referSchema>;

export const emergencyListSchema = z
  .object({
    status: z.enum(['awaiting_decision', 'paying', 'follow_up', 'verified', 'rejected', 'closed']).optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export type EmergencyListQuery = z.infer<typeof emergencyListSchema>;

const year = z.coerce.number().int('must be a year').min(2000, 'must be a year from 2000').max(2100, 'must be a year up to 2100');

export const reserveQuerySchema = z.object({ year: year.optional() }).strict();
export type ReserveQuery = z.infer<typeof reserveQuerySchema>;

/** A county top-up of a township's fund; `reference` (the county's voucher number) makes a resubmission harmless. */
export const topUpSchema = z
  .object({
    year: year.optional(),
    amountFen: fen,
    reference: z.string({ error: 'is required (the voucher number of the top-up)' }).regex(/^[A-Za-z0-9_-]{1,40}$/, 'must be a voucher number (letters, digits, - or _)'),
  })
  .strict();
export type TopUpBody = z.infer<typeof topUpSchema>;

export const fundingSchema = z.object({ year }).strict();
export type FundingBody = z.infer<typeof fundingSchema>;
