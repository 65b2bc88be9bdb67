import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import { Household } from '../../activities/households/household.entity';
import { Member } from '../../activities/households/member.entity';
import { idDigest } from '../../activities/households/personal-data';
import { Region } from '../../activities/regions/region.entity';
import { applicationBody } from './factories';

/** A household already on the register of a village (as an earlier case would have left it), without any open case. */
export async function registerHousehold(orm: MikroORM, digestKey: string, villageCode: string): Promise<{ householdId: string; idNumbers: string[] }> {
  const em = orm.em.fork();
  const village = await em.findOneOrFail(Region, villageCode);
  const body = applicationBody(villageCode);
  const household = new Household({ id: randomUUID(), regionCode: village.code, regionPath: village.path, area: village.area ?? 'rural', address: body.address, phone: body.phone });
  body.members.forEach((m, i) => {
    household.members.add(
      new Member({ id: randomUUID(), position: i, name: m.name, idNumber: m.idNumber, idDigest: idDigest(digestKey, m.idNumber), relation: m.relation as Member['relation'], birthDate: m.birthDate, declaredMonthlyIncomeFen: m.declaredMonthlyIncomeFen, disabilityGrade: m.disabilityGrade }),
    );
  });
  await em.persistAndFlush(household);
  return { householdId: household.id, idNumbers: body.members.map((m) => m.idNumber) };
}
