import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { EmergencyRequest } from '../../../activities/emergency/emergency-request.entity';
import { EmergencyReferral } from '../../../activities/emergency/follow-up.entity';
import { Household } from '../../../activities/households/household.entity';
import { LowIncomeHousehold } from '../../../activities/low-income/low-income-household.entity';
import { TekunCase } from '../../../activities/tekun/tekun-case.entity';
import { LIVE_RECIPIENT_STATUSES, Recipient } from '../../../activities/recipients/recipient.entity';
import { LOW_INCOME_ASSISTANCE } from '../../../workflows/programs/low-income/placement';
import type { AuthUser } from '../auth/auth.types';
import { NotFoundError } from '../common/errors';

/** How far back a sudden event keeps a household in the 急难 layer. */
const EMERGENCY_LOOKBACK_MS = 365 * 86_400_000;

export type Layer = 'core' | 'extended' | 'emergency';

/**
 * "五类三层" for one household: which layer it stands in and by which program — 重点保障层 (低保 enrolled, or a member
 * supported as 特困), 边缘延伸层
 * (recognised 低收入), 急难层 (a sudden event helped within the year) — with the figures behind each, and the special
 * assistance it may apply for because of them. Read from the programs' own records; nothing is stored twice.
 */
@Injectable()
export class HouseholdLayersService {
  constructor(private readonly orm: MikroORM) {}

  async layers(user: AuthUser, householdId: string) {
    const em = this.orm.em.fork();
    const household = await em.findOne(Household, { id: householdId, regionPath: { $like: `${user.regionPath}%` } }, { fields: ['id', 'regionCode'] });
    if (!household) throw new NotFoundError(`no household ${householdId} in your subtree`);
    const since = new Date(Date.now() - EMERGENCY_LOOKBACK_MS);
    const [recipient, tekun, lowIncome, emergencies] = await Promise.all([
      em.findOne(Recipient, { householdId, status: { $in: [...LIVE_RECIPIENT_STATUSES] } }),
      em.find(TekunCase, { householdId, status: 'supported' }, { orderBy: { decidedAt: 'asc' }, fields: ['id', 'caseNo', 'startMonth', 'monthlySupportFen', 'mode', 'selfCareLevel'] }),
      em.findOne(LowIncomeHousehold, { householdId, status: 'active' }, { orderBy: { recognisedAt: 'desc' } }),
      em.find(EmergencyRequest, { householdId, createdAt: { $gte: since }, status: { $ne: 'rejected' } }, { orderBy: { createdAt: 'desc' }, fields: ['id', 'caseNo', 'status', 'eventType', 'createdAt'] }),
    ]);
    const referrals = emergencies.length ? await em.find(EmergencyReferral, { requestId: { $in: emergencies.map((e) => e.id) } }) : [];
    const programs = [
      ...(recipient ? [{ layer: 'core' as Layer, program: 'dibao', status: recipient.status, since: recipient.startMonth, monthlyBenefitFen: recipient.monthlyBenefitFen }] : []),
      ...tekun.map((c) => ({ layer: 'core' as Layer, program: 'tekun', status: 'supported', since: c.startMonth, caseNo: c.caseNo, monthlySupportFen: c.monthlySupportFen, mode: c.mode, selfCareLevel: c.selfCareLevel })),
      ...(lowIncome
        ? [{ layer: 'extended' as Layer, program: 'low_income', status: 'recognised', since: lowIncome.recognisedAt, perCapitaIncomeFen: Math.floor(lowIncome.totalIncomeFen / lowIncome.members), standardFen: lowIncome.standardFen, multiplier: lowIncome.multiplierPercent / 100, reviewDueMonth: lowIncome.reviewDueMonth }]
        : []),
      ...emergencies.map((e) => ({ layer: 'emergency' as Layer, program: 'emergency', status: e.status, since: e.createdAt, caseNo: e.caseNo, eventType: e.eventType })),
    ];
    const because = recipient ? 'dibao' : tekun.length > 0 ? 'tekun' : lowIncome ? 'low_income' : null;
    const order: Layer[] = ['core', 'extended', 'emergency'];
    return {
      householdId,
      layer: order.find((l) => programs.some((p) => p.layer === l)) ?? null,
      programs,
      eligible: because ? LOW_INCOME_ASSISTANCE.map((assistance) => ({ assistance, because })) : [],
      referrals: referrals.map((r) => ({ kind: r.kind, department: r.department, status: r.status, at: r.at })),
    };
  }
}
