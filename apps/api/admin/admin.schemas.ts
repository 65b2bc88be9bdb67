import { z } from 'zod';
import { isoDateSchema } from '../../../config/dates.schema';

const isoDate = isoDateSchema;

/** Policy overrides are a few levels deep (publicity.afterReview.days); anything deeper is not a policy. */
const MAX_OVERRIDE_DEPTH = 8;

/** How deep objects and arrays nest in a value, counted without recursion (a hostile body may nest thousands deep). */
function nesting(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > MAX_OVERRIDE_DEPTH) return deepest;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return deepest;
}
const reason = z.string({ error: 'is required' }).trim().min(1, 'is required: say why').max(2000, 'must be at most 2000 characters');

/** A proposed change: a partial override merged onto the region's current one, effective from a date. */
export const proposeSchema = z
  .object({
    override: z.record(z.string(), z.unknown(), { error: 'must be an object of policy fields' }).refine((o) => nesting(o) <= MAX_OVERRIDE_DEPTH, `must nest at most ${MAX_OVERRIDE_DEPTH} levels`),
    effectiveFrom: isoDate,
    reason,
  })
  .strict();
export type ProposeBody = z.infer<typeof proposeSchema>;

export const reviewSchema = z.object({ reason }).strict();
export type ReviewBody = z.infer<typeof reviewSchema>;

export const dryRunSchema = z
  .object({
    regionCode: z.string().regex(/^\d{6,12}$/, 'must be a region code'),
    date: isoDate,
    facts: z
      .object({ disputed: z.boolean().default(false), relativeOfStaff: z.boolean().default(false), sampled: z.boolean().default(false) })
      .strict()
      .default({ disputed: false, relativeOfStaff: false, sampled: false }),
    /** A change not yet proposed, merged onto the region's own layer: the answer then carries `proposed` beside it. */
    proposal: z.object({ override: proposeSchema.shape.override }).strict().optional(),
  })
  .strict();
export type DryRunBody = z.infer<typeof dryRunSchema>;

/** Which running cases to move to their region's current policy: listed ones, or all at a step. */
export const moveCasesSchema = z
  .object({
    applicationIds: z.array(z.string().uuid('must be an application id')).min(1).max(500).optional(),
    step: z.string().max(32).optional(),
    reason,
  })
  .strict()
  .refine((b) => b.applicationIds || b.step, { message: 'name the cases (applicationIds) or a step', path: ['applicationIds'] });
export type MoveCasesBody = z.infer<typeof moveCasesSchema>;
