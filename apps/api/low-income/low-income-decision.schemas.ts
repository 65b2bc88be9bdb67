import { z } from 'zod';
import type { BodyOf } from '../inbox/decision.schemas';

const fen = z.number({ error: 'must be an amount in fen' }).int('must be an integer number of fen (分), not yuan').min(0, 'must not be negative');

/**
 * The township investigator's 复核 of a 低收入 household: the same findings a 低保 assessment uses (members, household
 * income net of the deductions the region allows, assets within the limits); the placement follows from them.
 */
export const LOW_INCOME_DECISION_SCHEMAS = {
  low_income_recheck: z
    .object({
      step: z.literal('low_income_recheck'),
      members: z.number({ error: 'is required (the members of the household now)' }).int('must be a whole number').min(1, 'must be at least 1 member').max(30, 'must be at most 30 members'),
      totalIncomeFen: fen,
      assetsWithinLimits: z.boolean({ error: 'must say whether the assets are within the 低保 limits' }),
      reason: z.string({ error: 'is required (the findings of the re-check)' }).trim().min(1, 'is required (the findings of the re-check)').max(2000, 'must be at most 2000 characters'),
    })
    .strict(),
} as const;

export type LowIncomeDecision = BodyOf<typeof LOW_INCOME_DECISION_SCHEMAS>;
