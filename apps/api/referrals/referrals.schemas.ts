import { z } from 'zod';
import { REFERRAL_KINDS } from '../../../activities/emergency/referral-bridge';

export const listReferralsSchema = z
  .object({
    kind: z.enum(REFERRAL_KINDS, { error: `must be one of ${REFERRAL_KINDS.join(', ')}` }).optional(),
    status: z.enum(['referred', 'accepted', 'closed'], { error: 'must be referred, accepted or closed' }).optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export type ListReferralsQuery = z.infer<typeof listReferralsSchema>;

const note = z.string({ error: 'is required' }).trim().min(1, 'is required').max(500, 'must be at most 500 characters');

export const handleReferralSchema = z.object({ reason: note }).strict();
export type HandleReferralBody = z.infer<typeof handleReferralSchema>;

/** One bill: its number (the business key of the payment) and the expenses eligible after basic insurance, in fen. */
export const medicalPaymentSchema = z
  .object({
    invoiceNo: z.string({ error: 'is required' }).trim().regex(/^[A-Za-z0-9-]{1,40}$/, 'must be the bill number: letters, digits and -, at most 40'),
    eligibleExpenseFen: z.number({ error: 'must be an amount in fen' }).int('must be an integer number of fen (分), not yuan').positive('must be positive').max(100_000_000_00, 'must be at most 100,000,000 yuan'),
  })
  .strict();
export type MedicalPaymentBody = z.infer<typeof medicalPaymentSchema>;
