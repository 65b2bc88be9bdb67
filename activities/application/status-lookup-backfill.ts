import type { MikroORM } from '@mikro-orm/core';
import { Household } from '../households/household.entity';
import { statusLookupDigest } from '../households/personal-data';
import { Application } from './application.entity';

const PAGE = 200;

/**
 * Gives every application written before the public case-status lookup its lookup digest (case number + last six
 * characters of the head of household's ID number, read through the field encryption). Idempotent: only rows
 * without a digest are read, so setup runs it every time. Returns how many rows it filled; never logs a value.
 */
export async function backfillStatusLookupDigests(orm: MikroORM, digestKey: string): Promise<number> {
  let filled = 0;
  for (let after = ''; ; ) {
    const em = orm.em.fork();
    const page = await em.find(Application, { statusLookupDigest: null, id: { $gt: after } }, { orderBy: { id: 'asc' }, limit: PAGE });
    if (page.length === 0) return filled;
    const households = await em.find(Household, { id: { $in: page.map((a) => a.householdId) } }, { populate: ['members'] });
    const byId = new Map(households.map((h) => [h.id, h]));
    for (const application of page) {
      const members = byId.get(application.householdId)?.members.getItems() ?? [];
      const applicant = members.find((m) => m.relation === 'head') ?? [...members].sort((a, b) => a.position - b.position)[0];
      if (!applicant) continue;
      application.statusLookupDigest = statusLookupDigest(digestKey, application.caseNo, applicant.idNumber);
      filled += 1;
    }
    await em.flush();
    after = page[page.length - 1]!.id;
  }
}
