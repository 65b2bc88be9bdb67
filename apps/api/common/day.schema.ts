import { z } from 'zod';

/** A calendar day written YYYY-MM-DD that exists (no 13th month, no 30 February). */
export function daySchema(what = 'a day') {
  return z
    .string({ error: 'is required' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `must be ${what} as YYYY-MM-DD`)
    .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'must be a real calendar day');
}
