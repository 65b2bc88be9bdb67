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

/** Recipients read per page of the register. */
const PAGE = 500;

/** One line of the posted register. */
export interface RegisterEntry {
  head: string | null;
  householdSize: number;
  membersCounted: number;
  monthlyBenefitFen: number;
  since: string;
}

function entry(r: Recipient, household: Household | undefined): RegisterEntry {
  const head = household?.members.getItems().find((m) => m.relation === 'head');
  return { head: head ? maskName(head.name) : null, householdSize: household?.members.length ?? 0, membersCounted: r.membersCounted, monthlyBenefitFen: r.monthlyBenefitFen, since: r.startMonth };
}

/**
 * 长期公示: the current recipients of one village or community, as posted for as long as they receive benefits —
 * head of household (masked), household size and monthly amount. Never ID numbers, addresses or phone numbers.
 */
@Injectable()
export class PublicityRegisterService {
  constructor(private readonly orm: MikroORM) {}

  async register(user: AuthUser, villageCode: string) {
    const { village, pages } = await this.registerPages(user, villageCode);
    const entries: RegisterEntry[] = [];
    for await (const page of pages) entries.push(...page);
    return { village, program: 'dibao', entries };
  }

  /**
   * The register as pages of entries, in enrolment order (keyset on creation time and id), so an export of any size
   * reads one page at a time. Checks the village first: a 404 or 422 comes before any row.
   */
  async registerPages(user: AuthUser, villageCode: string): Promise<{ village: { code: string; name: string }; pages: AsyncIterable<RegisterEntry[]> }> {
    const em = this.orm.em.fork();
    const village = await em.findOne(Region, villageCode);
    if (!village || !withinSubtree(village.path, user.regionPath)) throw new NotFoundError(`no region ${villageCode} in your subtree`);
    if (village.level !== 'village') throw new UnprocessableError([{ field: 'village', rule: 'must be a village or community' }]);
    const orm = this.orm;
    async function* pages(): AsyncIterable<RegisterEntry[]> {
      let after: { createdAt: Date; id: string } | undefined;
      for (;;) {
        const page = orm.em.fork();
        const keyset = after ? { $or: [{ createdAt: { $gt: after.createdAt } }, { createdAt: after.createdAt, id: { $gt: after.id } }] } : {};
        const recipients = await page.find(Recipient, { regionCode: villageCode, status: { $in: ['active', 'gradual_exit'] }, program: 'dibao', ...keyset }, { orderBy: { createdAt: 'asc', id: 'asc' }, limit: PAGE });
        if (recipients.length === 0) return;
        const households = await page.find(Household, { id: { $in: recipients.map((r) => r.householdId) } }, { populate: ['members'] });
        const byId = new Map(households.map((h) => [h.id, h]));
        yield recipients.map((r) => entry(r, byId.get(r.householdId)));
        const last = recipients[recipients.length - 1]!;
        after = { createdAt: last.createdAt, id: last.id };
        if (recipients.length < PAGE) return;
      }
    }
    return { village: { code: village.code, name: village.name }, pages: pages() };
  }
}
