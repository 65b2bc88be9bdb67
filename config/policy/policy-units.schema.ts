import { z } from 'zod';
import { ROLES } from '../../workflows/domain/roles';

/** The units policy figures are written in, each with the rule a value breaks phrased for the administrator. */

export const workingDays = z
  .number({ error: 'must be a number of working days' })
  .int('must be a whole number of working days')
  .min(1, 'must be at least 1 working day')
  .max(250, 'must be at most 250 working days');

export const calendarDays = z
  .number({ error: 'must be a number of days' })
  .int('must be a whole number of days')
  .min(1, 'must be at least 1 day')
  .max(90, 'must be at most 90 days');

export const fen = z
  .number({ error: 'must be an amount in fen' })
  .int('must be an integer number of fen (分), not yuan')
  .positive('must be positive');

/** Whole calendar months between recurring events of a recipient's lifecycle (复核, 核对). */
export const wholeMonths = z
  .number({ error: 'must be a number of months' })
  .int('must be a whole number of months')
  .min(1, 'must be at least 1 month');

export const clockHours = z
  .number({ error: 'must be a number of clock hours' })
  .int('must be a whole number of clock hours')
  .min(1, 'must be at least 1 clock hour')
  .max(168, 'must be at most 168 clock hours (one week)');

export const role = z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` });
