import { z } from 'zod';
import { dayOf } from '../workflows/domain/calendar';

/** True when a YYYY-MM-DD string names a day that exists (2026-02-30 does not). */
function realDay(iso: string): boolean {
  try {
    dayOf(iso);
    return true;
  } catch {
    return false;
  }
}

/**
 * The one date rule of every input (request bodies, queries, shipped configuration): written YYYY-MM-DD and a real
 * calendar day, so an impossible date of the right shape is a 400 naming the field, never an error further in.
 */
export const isoDateSchema = z
  .string({ error: 'is required' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine(realDay, 'must be a real calendar date');

/** A month written YYYY-MM (01–12). */
export const isoMonthSchema = z.string({ error: 'is required' }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month written YYYY-MM');
