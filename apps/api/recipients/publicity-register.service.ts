import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { Household } from '../../../activities/households/household.entity';
import { Recipient } from '../../../activities/recipients/recipient.entity';
import { Region } from '../../../activities/regions/region.entity';
import { withinSubtree } from '../../../activities/regions/region.repository';
import type { AuthUser } from '../auth/auth.types';
import { NotFoundError, UnprocessableError } from '../common/errors';

/** 王*兰: the family name and the last character, the rest masked (a one-character given name keeps only the family name). */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/**
 * 长期公示: the current recipients of one village or community, as posted for as long as they receive benefits —
 * head of household (masked), household size and monthly amount. Never ID numbers, addresses or phone numbers.
 */
@Injectable()
export class PublicityRegisterService {
  constructor(private readonly orm: MikroORM) {}

  async register(user: AuthUser, villageCode: string) {
    const em = this.orm.em.fork();
    const village = await em.findOne(Region, villageCode);
    if (!village || !withinSubtree(village.path, user.regionPath)) throw new NotFoundError(`no region ${villageCode} in your subtree`);
    if (village.level !== 'village') throw new UnprocessableError([{ field: 'village', rule: 'must be a village or community' }]);
    const recipients = await em.find(Recipient, { regionCode: villageCode, status: { $in: ['active', 'gradual_exit'] }, program: 'dibao' }, { orderBy: { createdAt: 'asc' } });
    const households = await em.find(Household, { id: { $in: recipients.map((r) => r.householdId) } }, { populate: ['members'] });
    const byId = new Map(households.map((h) => [h.id, h]));
    return {
      village: { code: village.code, name: village.name },
      program: 'dibao',
      entries: recipients.map((r) => {
        const household = byId.get(r.householdId);
        const head = household?.members.getItems().find((m) => m.relation === 'head');
        return {
          head: head ? maskName(head.name) : null,
          householdSize: household?.members.length ?? 0,
          membersCounted: r.membersCounted,
          monthlyBenefitFen: r.monthlyBenefitFen,
          since: r.startMonth,
        };
      }),
    };
  }
}
