import { z } from 'zod';

/**
 * 特困人员救助供养: the basic-living standard (urban and rural) and the care standard by 自理能力, each as the region
 * publishes it — per month or per year, in fen. The section has no national default: the seeds give only some figures
 * (崇阳县: rural 8,200 yuan a year, urban 1,000 yuan a month, care for those unable to look after themselves 12,908
 * yuan a year; nothing for partial self-care), so a region that runs the program must set all of them.
 */

export const TEKUN_PERIODS = ['month', 'year'] as const;

/** An amount as published: integer fen per month or per year (zero allowed: e.g. no care allowance for full self-care). */
export const publishedAmountSchema = z
  .object({
    fen: z
      .number({ error: 'must be an amount in fen' })
      .int('must be an integer number of fen (分), not yuan')
      .min(0, 'must not be negative'),
    per: z.enum(TEKUN_PERIODS, { error: 'must be month or year' }),
  })
  .strict();

export type PublishedAmount = z.infer<typeof publishedAmountSchema>;

export const tekunPolicySchema = z
  .object({
    basicLiving: z.object({ urban: publishedAmountSchema, rural: publishedAmountSchema }).strict(),
    /** Care standard by self-care ability: full (具备自理能力), partial (部分丧失), none (完全丧失). Urban and rural alike. */
    care: z.object({ full: publishedAmountSchema, partial: publishedAmountSchema, none: publishedAmountSchema }).strict(),
  })
  .strict();

export type TekunPolicy = z.infer<typeof tekunPolicySchema>;
