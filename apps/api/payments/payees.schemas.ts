import { z } from 'zod';

/** Where a page of payees continues: after this township and payment id. */
export interface PayeeCursor {
  township: string;
  id: string;
}

/** An opaque cursor (base64url of "township:id"), so clients pass back what they were given. */
export function encodePayeeCursor(c: PayeeCursor): string {
  return Buffer.from(`${c.township}:${c.id}`, 'utf8').toString('base64url');
}

export function decodePayeeCursor(cursor: string): PayeeCursor | null {
  const m = /^(\d{9,12}):([0-9a-f-]{36})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return m ? { township: m[1]!, id: m[2]! } : null;
}

/** A page of a run's payees. */
export const payeesQuerySchema = z
  .object({
    cursor: z
      .string()
      .max(120, 'must be the nextCursor of a previous page')
      .refine((c) => decodePayeeCursor(c) !== null, 'must be the nextCursor of a previous page')
      .optional(),
    limit: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1').max(200, 'must be at most 200').default(50),
  })
  .strict();

export type PayeesQuery = z.infer<typeof payeesQuerySchema>;
