import type { MikroORM } from '@mikro-orm/core';
import { Application } from '../application/application.entity';
import { isoDate, shanghaiDay } from '../../workflows/domain/calendar';
import { CheckAuthorization } from './check-authorization.entity';
import { Member } from './member.entity';

const PAGE = 200;

/**
 * Applications filed before authorisations were recorded had `authorizationSigned: true` at intake (it was always
 * required): each gets its record — every member a signer, signed the day it was filed, taken by whoever filed it —
 * so their checks keep running. Idempotent (one record per application id); returns how many it wrote.
 */
export async function backfillCheckAuthorizations(orm: MikroORM): Promise<number> {
  let written = 0;
  for (let after = ''; ; ) {
    const em = orm.em.fork();
    const page = await em.find(Application, { id: { $gt: after } }, { orderBy: { id: 'asc' }, limit: PAGE, fields: ['id', 'householdId', 'submittedById', 'submittedAt'] });
    if (page.length === 0) return written;
    const recorded = new Set((await em.find(CheckAuthorization, { applicationId: { $in: page.map((a) => a.id) } }, { fields: ['applicationId'] })).map((r) => r.applicationId));
    const missing = page.filter((a) => !recorded.has(a.id));
    const members = await em.find(Member, { household: { $in: missing.map((a) => a.householdId) } }, { fields: ['id', 'household'], orderBy: { position: 'asc' } });
    for (const application of missing) {
      em.persist(
        new CheckAuthorization({
          id: application.id,
          householdId: application.householdId,
          applicationId: application.id,
          signerMemberIds: members.filter((m) => m.household.id === application.householdId).map((m) => m.id),
          signedOn: isoDate(shanghaiDay(application.submittedAt.getTime())),
          recordedById: application.submittedById,
          recordedAt: new Date(),
        }),
      );
      written += 1;
    }
    await em.flush();
    after = page[page.length - 1]!.id;
  }
}
