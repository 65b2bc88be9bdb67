import type { PublishedAmount, TekunPolicy } from '../../../config/policy/sections/tekun-policy.schema';
import type { SelfCareLevel } from './tekun-codes';

/**
 * What a 特困 person receives a month: the basic-living standard of their area plus the care standard of their
 * self-care level, each as the region publishes it (per month or per year). Pure; integer fen.
 */

/**
 * A published amount as fen per month. A yearly amount is divided by 12 and rounded up to the whole fen, so twelve
 * monthly payments never fall short of the published yearly figure (8,200 yuan a year → 683.34 yuan a month).
 */
export function monthlyFen(amount: PublishedAmount): number {
  if (!Number.isInteger(amount.fen) || amount.fen < 0) throw new RangeError('a published amount is a non-negative whole number of fen');
  return amount.per === 'month' ? amount.fen : Math.ceil(amount.fen / 12);
}

export interface TekunSupport {
  basicLivingFen: number;
  careFen: number;
  totalFen: number;
}

/** The monthly support of a person in `area` at self-care `level` under the region's 特困 section. */
export function tekunMonthlySupport(policy: TekunPolicy, area: 'urban' | 'rural', level: SelfCareLevel): TekunSupport {
  const basicLivingFen = monthlyFen(policy.basicLiving[area]);
  const careFen = monthlyFen(policy.care[level]);
  return { basicLivingFen, careFen, totalFen: basicLivingFen + careFen };
}
