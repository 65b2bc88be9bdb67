import { Injectable } from '@nestjs/common';
import { MikroORM, type FilterQuery } from '@mikro-orm/core';
import { Application } from '../../../activities/application/application.entity';
import { Household } from '../../../activities/households/household.entity';
import { LowIncomeHousehold } from '../../../activities/low-income/low-income-household.entity';
import { Region } from '../../../activities/regions/region.entity';
import { withinSubtree } from '../../../activities/regions/region.repository';
import { shanghaiDay, isoDate } from '../../../workflows/domain/calendar';
import { LOW_INCOME_ASSISTANCE } from '../../../workflows/programs/low-income/placement';
import type { AuthUser } from '../auth/auth.types';
import { NotFoundError } from '../common/errors';
import { maskName } from '../recipients/publicity-register.service';
import type { ListLowIncomeQuery } from './low-income.schemas';

/**
 * The 低收入 register of the caller's subtree: households recognised from a 低保 application's findings, with their
 * assessed figures, the special assistance they may apply for and when their re-check falls due (due ones first when
 * asked). Heads of household masked; no ID numbers, addresses or phone numbers.
 */
@Injectable()
export class LowIncomeService {
  constructor(private readonly orm: MikroORM) {}

  async list(user: AuthUser, query: ListLowIncomeQuery) {
    const em = this.orm.em.fork();
    let path = user.regionPath;
    if (query.region) {
      const region = await em.findOne(Region, query.region);
      if (!region || !withinSubtree(region.path, user.regionPath)) throw new NotFoundError(`no region ${query.region} in your subtree`);
      path = region.path;
    }
    const thisMonth = isoDate(shanghaiDay(Date.now())).slice(0, 7);
    const where: FilterQuery<LowIncomeHousehold> = { regionPath: { $like: `${path}%` }, status: 'active', ...(query.dueForReview ? { reviewDueMonth: { $lte: thisMonth } } : {}) };
    const [rows, total] = await em.findAndCount(LowIncomeHousehold, where, {
      orderBy: query.dueForReview ? { reviewDueMonth: 'asc', id: 'asc' } : { recognisedAt: 'desc', id: 'asc' },
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    });
    const households = new Map((await em.find(Household, { id: { $in: rows.map((r) => r.householdId) } }, { populate: ['members'] })).map((h) => [h.id, h]));
    const cases = new Map((await em.find(Application, { id: { $in: rows.map((r) => r.applicationId) } }, { fields: ['id', 'caseNo'] })).map((a) => [a.id, a.caseNo]));
    const items = rows.map((r) => {
      const head = households.get(r.householdId)?.members.getItems().find((m) => m.relation === 'head');
      return {
        id: r.id,
        householdId: r.householdId,
        applicationId: r.applicationId,
        caseNo: cases.get(r.applicationId) ?? null,
        regionCode: r.regionCode,
        head: head ? maskName(head.name) : null,
        members: r.members,
        perCapitaIncomeFen: Math.floor(r.totalIncomeFen / r.members),
        standardFen: r.standardFen,
        multiplier: r.multiplierPercent / 100,
        recognisedAt: r.recognisedAt,
        reviewDueMonth: r.reviewDueMonth,
        reviewDue: r.reviewDueMonth <= thisMonth,
        assistance: [...LOW_INCOME_ASSISTANCE],
      };
    });
    return { items, total, page: query.page, pageSize: query.pageSize };
  }
}
