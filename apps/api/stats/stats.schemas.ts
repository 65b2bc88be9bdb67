import { z } from 'zod';
import { STATS_METRICS } from './stats-metrics';

const region = z.string().regex(/^\d{6,12}$/, 'must be a region code').optional();
const month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM')
  .optional();

export const dashboardQuerySchema = z.object({ region, month }).strict();
export type DashboardQuery = z.infer<typeof dashboardQuerySchema>;

export const drillQuerySchema = z
  .object({
    metric: z.enum(STATS_METRICS, { error: `must be one of ${STATS_METRICS.join(', ')}` }),
    key: z.string().min(1).max(20).regex(/^[\w+-]+$/, 'must be a bucket, status or month').optional(),
    step: z.string().min(1).max(32).regex(/^\w+$/, 'must be a step code').optional(),
    region,
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export type DrillQuery = z.infer<typeof drillQuerySchema>;

export const summaryQuerySchema = z.object({ region, month, format: z.enum(['xlsx', 'csv'], { error: 'must be xlsx or csv' }).optional() }).strict();
export type SummaryQuery = z.infer<typeof summaryQuerySchema>;
