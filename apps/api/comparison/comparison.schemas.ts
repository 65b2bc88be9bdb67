import { z } from 'zod';
import { COMPARISON_SOURCES } from '../../../activities/comparison/comparison-import.entity';

/** 数据比对 import: which department's list, compared against which region's recipients (the body is the file). */
export const importQuerySchema = z
  .object({
    source: z.enum(COMPARISON_SOURCES, { error: `must be one of ${COMPARISON_SOURCES.join(', ')}` }),
    regionCode: z.string({ error: 'is required' }).regex(/^\d{6,12}$/, 'must be a region code'),
  })
  .strict();
export type ImportQuery = z.infer<typeof importQuerySchema>;

export const leadsQuerySchema = z
  .object({
    status: z.enum(['pending', 'confirmed', 'dismissed']).optional(),
    importId: z.uuid('must be an import id').optional(),
    limit: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(200, 'must be at most 200').default(50),
  })
  .strict();
export type LeadsQuery = z.infer<typeof leadsQuerySchema>;

/** An investigator's finding on a lead: confirmed (a re-review opens) or dismissed, always with a reason. */
export const leadDecisionSchema = z
  .object({
    outcome: z.enum(['confirm', 'dismiss'], { error: 'must be confirm or dismiss' }),
    reason: z.string({ error: 'is required' }).trim().min(2, 'must say what the investigation found').max(500, 'must be at most 500 characters'),
  })
  .strict();
export type LeadDecisionBody = z.infer<typeof leadDecisionSchema>;

/** The media types an import accepts, by format. */
export const LIST_FORMATS: Record<string, 'csv' | 'xlsx'> = {
  'text/csv': 'csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
};
