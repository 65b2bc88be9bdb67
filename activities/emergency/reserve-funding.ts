import type { MikroORM } from '@mikro-orm/core';
import { resolveSections } from '../../config/policy/resolve';
import type { PolicyService } from '../regions/policy.service';
import { Region } from '../regions/region.entity';
import { annualFunding } from './reserve-fund';
import { creditReserve } from './reserve.activities';

export interface FundedTownship {
  townshipCode: string;
  residents: number;
  perResidentFen: number;
  amountFen: number;
}

/** The idempotency key of a township's annual funding: running the job twice for a year funds it once. */
export function annualFundingKey(townshipCode: string, year: number): string {
  return `funding:${townshipCode}:${year}`;
}

/** The idempotency key of a county top-up, chosen by the county (its reference) or by the inbox task it answers. */
export function topUpKey(townshipCode: string, year: number, reference: string): string {
  return `top_up:${townshipCode}:${year}:${reference}`;
}

/**
 * The annual 备用金 funding of every township in a subtree that has its registered residents on record: residents ×
 * the township policy's amount per resident (in force on 1 January of the year, or today for a year before any
 * policy). Once per township and year.
 */
export async function fundReserves(orm: MikroORM, policies: PolicyService, input: { year: number; regionPath: string }): Promise<FundedTownship[]> {
  const em = orm.em.fork();
  const townships = await em.find(Region, { level: 'township', path: { $like: `${input.regionPath}%` } }, { orderBy: { code: 'asc' } });
  const startOfYear = new Date(`${input.year}-01-01T00:00:00+08:00`);
  const funded: FundedTownship[] = [];
  for (const township of townships) {
    if (township.residents === null) continue;
    const atStart = await policies.layersFor(em, township.code, startOfYear);
    const policy = resolveSections(atStart.length > 0 ? atStart : await policies.layersFor(em, township.code));
    const perResidentFen = policy.emergency.reserveFundPerResidentFen;
    const amountFen = annualFunding(township.residents, perResidentFen);
    if (amountFen === 0) continue;
    await creditReserve(orm, { townshipCode: township.code, year: input.year, kind: 'funding', amountFen, idempotencyKey: annualFundingKey(township.code, input.year) });
    funded.push({ townshipCode: township.code, residents: township.residents, perResidentFen, amountFen });
  }
  return funded;
}
