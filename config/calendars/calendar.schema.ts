import { z } from 'zod';
import { isoDateSchema } from '../dates.schema';

const isoDate = isoDateSchema;

/**
 * One year of the State Council's holiday table (节假日安排). A year whose table is not published is shipped as
 * `published: false` with no dates: it counts weekends only and every deadline in it carries a warning.
 */
export const holidayYearSchema = z
  .object({
    year: z.number().int('must be a whole year').min(2000, 'must be 2000 or later').max(2100, 'must be 2100 or earlier'),
    published: z.boolean(),
    source: z.string().min(1, 'must say where the table comes from'),
    holidays: z.array(z.object({ name: z.string().min(1, 'must be named'), from: isoDate, to: isoDate }).strict()),
    makeUpWorkdays: z.array(isoDate),
  })
  .strict()
  .superRefine((y, ctx) => {
    if (!y.published && (y.holidays.length > 0 || y.makeUpWorkdays.length > 0)) {
      ctx.addIssue({ code: 'custom', path: ['published'], message: 'an unpublished year must not list holiday dates' });
    }
    y.holidays.forEach((h, i) => {
      if (!h.from.startsWith(`${y.year}-`) && !h.to.startsWith(`${y.year}-`)) {
        ctx.addIssue({ code: 'custom', path: ['holidays', i], message: `must fall in ${y.year}` });
      }
      if (h.from > h.to) ctx.addIssue({ code: 'custom', path: ['holidays', i, 'to'], message: 'must not be before from' });
    });
    y.makeUpWorkdays.forEach((d, i) => {
      const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
      if (weekday !== 0 && weekday !== 6) {
        ctx.addIssue({ code: 'custom', path: ['makeUpWorkdays', i], message: 'a make-up working day must fall on a weekend' });
      }
    });
  });

export type HolidayYearConfig = z.infer<typeof holidayYearSchema>;
