import { Injectable } from '@nestjs/common';
import { MikroORM, type FilterQuery } from '@mikro-orm/core';
import { Application } from '../../../activities/application/application.entity';
import { Household } from '../../../activities/households/household.entity';
import { User } from '../../../activities/identity/user.entity';
import { LowIncomeHousehold } from '../../../activities/low-income/low-income-household.entity';
import { readCaseworkTimeline } from '../../../activities/casework/casework-timeline';
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
    const items = rows.map((r) => entryView(r, households.get(r.householdId), cases.get(r.applicationId) ?? null, thisMonth));
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  /** One register entry of the caller's subtree, with its re-checks so far and its history. */
  async get(user: AuthUser, id: string) {
    const em = this.orm.em.fork();
    const record = await em.findOne(LowIncomeHousehold, { id, regionPath: { $like: `${user.regionPath}%` } });
    if (!record) throw new NotFoundError(`no 低收入 household ${id} in your region`);
    const [household, application, timeline] = await Promise.all([
      em.findOne(Household, record.householdId, { populate: ['members'] }),
      em.findOne(Application, record.applicationId, { fields: ['id', 'caseNo'] }),
      readCaseworkTimeline(em, 'low_income', record.id),
    ]);
    const thisMonth = isoDate(shanghaiDay(Date.now())).slice(0, 7);
    const actorIds = [...new Set(timeline.map((e) => e.actorId).filter((a): a is string => a !== null))];
    const names = new Map((await em.find(User, { id: { $in: actorIds } }, { fields: ['id', 'displayName'] })).map((u) => [u.id, u.displayName]));
    return {
      ...entryView(record, household ?? undefined, application?.caseNo ?? null, thisMonth),
      area: household?.area ?? null,
      status: record.status,
      rechecks: record.rechecks,
      lastRecheckedAt: record.lastRecheckedAt,
      endedAt: record.endedAt,
      endedAs: record.endedAs,
      timeline: timeline.map((e) => ({
        action: e.action,
        step: e.step,
        at: e.at,
        actor: e.actorId ? { userId: e.actorId, role: e.actorRole, name: names.get(e.actorId) ?? null } : null,
        data: e.data,
      })),
    };
  }
}

/** A register entry as the console shows it: the head of household masked, figures in fen. */
function entryView(r: LowIncomeHousehold, household: Household | undefined, caseNo: string | null, thisMonth: string) {
  const head = household?.members.getItems().find((m) => m.relation === 'head');
  return {
    id: r.id,
    householdId: r.householdId,
    applicationId: r.applicationId,
    caseNo,
    regionCode: r.regionCode,
    head: head ? maskName(head.name) : null,
    members: r.members,
    perCapitaIncomeFen: Math.floor(r.totalIncomeFen / r.members),
    standardFen: r.standardFen,
    multiplier: r.multiplierPercent / 100,
    recognisedAt: r.recognisedAt,
    reviewDueMonth: r.reviewDueMonth,
    reviewDue: r.status === 'active' && r.reviewDueMonth <= thisMonth,
    assistance: r.status === 'active' ? [...LOW_INCOME_ASSISTANCE] : [],
  };
}
