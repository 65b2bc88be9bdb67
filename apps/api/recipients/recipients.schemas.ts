import { z } from 'zod';
import { isoDateSchema, isoMonthSchema } from '../../../config/dates.schema';

/**
 * Bodies and queries of the recipient lifecycle routes (动态管理). Free text (an account of the change, a complaint,
 * a reason) is stored in the database; only ids, codes, months and fen reach the household's workflow.
 */
const text = (what: string) => z.string({ error: `is required (${what})` }).trim().min(1, `is required (${what})`).max(2000, 'must be at most 2000 characters');
const fen = z.number({ error: 'must be an amount in fen' }).int('must be an integer number of fen (分), not yuan').min(0, 'must not be negative');
const month = isoMonthSchema;
const isoDate = isoDateSchema;

/** Why a household is suspended or leaves; stored with the status change and printed on the notice. */
export const LIFECYCLE_REASON_CODES = [
  'income_above_standard',
  'assets_above_limit',
  'moved_away',
  'deceased',
  'false_declaration',
  'refused_review',
  'unreachable',
  'review_pending',
  'requested_by_household',
  'other',
] as const;
export const lifecycleReasonCode = z.enum(LIFECYCLE_REASON_CODES, { error: `must be one of ${LIFECYCLE_REASON_CODES.join(', ')}` });

export const incomesSchema = z.array(z.object({ memberId: z.string().uuid('must be a member id'), monthlyIncomeFen: fen }).strict()).min(1, 'must assess every member');
export const deductionsSchema = z.object({ rigidExpensesFen: fen, workCostsFen: fen }).strict();

export const listRecipientsSchema = z
  .object({
    status: z.enum(['active', 'gradual_exit', 'suspended', 'terminated']).optional(),
    region: z.string().regex(/^\d{6,12}$/, 'must be a region code').optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export type ListRecipientsQuery = z.infer<typeof listRecipientsSchema>;

/** A change in income or in the household, as the household or a caseworker reports it: every member's income now. */
export const reportChangeSchema = z
  .object({
    kind: z.enum(['income', 'household']),
    reportedBy: z.enum(['household', 'caseworker']),
    incomes: incomesSchema,
    deductions: deductionsSchema.default({ rigidExpensesFen: 0, workCostsFen: 0 }),
    account: text('what changed, as reported'),
  })
  .strict();
export type ReportChangeBody = z.infer<typeof reportChangeSchema>;

export const complaintSchema = z
  .object({ channel: z.enum(['letter', 'phone', 'visit', 'online', 'staff']), content: text('what the complaint says') })
  .strict();
export type ComplaintBody = z.infer<typeof complaintSchema>;

export const statusChangeSchema = z.object({ reasonCode: lifecycleReasonCode, reason: text('the written notice states it') }).strict();
export type StatusChangeBody = z.infer<typeof statusChangeSchema>;

/** A new 低保 standard for a region, effective from a month (past months get arrears, future ones wait). */
export const standardChangeSchema = z
  .object({ effectiveMonth: month, standards: z.object({ urbanFen: fen, ruralFen: fen }).strict(), reason: text('why the standard changes') })
  .strict();
export type StandardChangeBody = z.infer<typeof standardChangeSchema>;

/** 专项治理: re-review every recipient of a region subtree within a window. */
export const campaignSchema = z
  .object({ from: isoDate, to: isoDate, reason: text('what the campaign is for') })
  .strict()
  .refine((b) => b.from <= b.to, { message: 'must not be before from', path: ['to'] });
export type CampaignBody = z.infer<typeof campaignSchema>;

export const listComplaintsSchema = z
  .object({ page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(100).default(20) })
  .strict();
export type ListComplaintsQuery = z.infer<typeof listComplaintsSchema>;
