import { z } from 'zod';

/**
 * The body of "complete a task". Each case type lists the decisions its tasks take, one schema per step (step codes
 * are unique across case types); the inbox picks the schema by `step`, so errors name the right fields.
 */
export type DecisionSchemas = Readonly<Record<string, z.ZodType<{ step: string }>>>;

/** A validated decision: its step, and the fields that step's schema allows. */
export interface DecisionBody {
  step: string;
  reason?: string;
}

/** The decision bodies a case type's schemas accept. */
export type BodyOf<S extends DecisionSchemas> = z.infer<S[keyof S]>;

/** The decisions of every case type together; a step claimed by two case types is a wiring fault. */
export function mergeDecisionSchemas(lists: readonly DecisionSchemas[]): DecisionSchemas {
  const merged: Record<string, z.ZodType<{ step: string }>> = {};
  for (const list of lists) {
    for (const [step, schema] of Object.entries(list)) {
      if (merged[step]) throw new Error(`decision step ${step} is listed by two case types`);
      merged[step] = schema;
    }
  }
  return merged;
}

/** Picks the step's schema, then validates the whole body with it. */
export function decisionSchemaOf(schemas: DecisionSchemas): z.ZodType<DecisionBody> {
  const steps = Object.keys(schemas);
  return z.unknown().transform((value, ctx): DecisionBody => {
    const step = typeof value === 'object' && value !== null ? (value as Record<string, unknown>).step : undefined;
    if (typeof step !== 'string' || !Object.hasOwn(schemas, step)) {
      ctx.addIssue({ code: 'custom', path: ['step'], message: `must be one of ${steps.join(', ')}` });
      return z.NEVER;
    }
    const parsed = schemas[step].safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
      return z.NEVER;
    }
    return parsed.data as DecisionBody;
  });
}

export const inboxQuerySchema = z
  .object({
    status: z.enum(['open', 'completed', 'cancelled']).default('open'),
    step: z.string().max(32).optional(),
    overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
    assigned: z.enum(['me', 'unassigned', 'any']).default('any'),
    region: z.string().regex(/^\d{6,12}$/, 'must be a region code').optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

export type InboxQuery = z.infer<typeof inboxQuerySchema>;

/** Bulk claim: up to 100 task ids at once, each answered on its own. */
export const claimManySchema = z
  .object({
    taskIds: z
      .array(z.string({ error: 'must be a task id' }).min(1, 'must be a task id').max(120, 'must be a task id'), { error: 'is required (a list of task ids)' })
      .min(1, 'must list at least one task')
      .max(100, 'must list at most 100 tasks'),
  })
  .strict();

export type ClaimManyBody = z.infer<typeof claimManySchema>;
