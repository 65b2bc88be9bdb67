import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import type { Application } from '../application/application.entity';
import type { DecideInput } from '../application/application.contract';
import { CheckReport } from '../application/check-report.entity';
import { Notice } from '../application/notice.entity';
import type { Household } from '../households/household.entity';
import { readPolicySnapshot } from '../../config/policy/policy-shape';
import { PolicySnapshot } from '../regions/policy-snapshot.entity';
import { formatYuan } from '../../workflows/domain/money';
import { addMonths, monthOf } from '../../workflows/domain/months';
import { LOW_INCOME_REVIEW_MONTHS, placeHousehold } from '../../workflows/programs/low-income/placement';
import { LowIncomeHousehold } from './low-income-household.entity';

/** Findings of the economic check that put a household's assets above the 低保 limits. */
const ASSET_FLAGS: ReadonlySet<string> = new Set(['assets_undeclared', 'deposits_above_limit', 'extra_property', 'vehicle_owned']);

export const LOW_INCOME_NOTICE_HEADING = '低收入家庭认定告知书';

/**
 * A 低保 application refused because the household's income is not below the standard: when its own findings (the
 * visit's incomes net of allowed deductions, the economic check's asset flags) place it above the standard and below
 * the region's multiple of it, the household is recorded as 低收入 in the same transaction as the decision, with a
 * written notice of the recognition and of the special assistance it opens. Returns whether it was recognised.
 */
export async function recogniseLowIncome(
  em: EntityManager,
  args: { application: Application; household: Household; input: DecideInput; deductionsFen: number; at: Date },
): Promise<boolean> {
  const { application, household, input, at } = args;
  const members = household.members.getItems();
  const incomes = new Map((input.incomes ?? []).map((i) => [i.memberId, i.monthlyIncomeFen]));
  const gross = members.reduce((sum, m) => sum + (incomes.get(m.id) ?? m.declaredMonthlyIncomeFen), 0);
  const totalIncomeFen = Math.max(0, gross - args.deductionsFen);
  const standardFen = household.area === 'urban' ? input.standards.urbanFen : input.standards.ruralFen;
  const snapshot = await em.findOne(PolicySnapshot, application.policySnapshotId, { fields: ['document'] });
  const multiplier = snapshot ? readPolicySnapshot(snapshot.document).lowIncome.multiplier : 1.5;
  const [check] = await em.find(CheckReport, { applicationId: application.id }, { orderBy: { round: 'desc' }, limit: 1, fields: ['flags'] });
  const assetsWithinLimits = !(check?.flags ?? []).some((f) => ASSET_FLAGS.has(f));
  const placement = placeHousehold({ standardFen, members: members.length, totalIncomeFen, multiplier, assetsWithinLimits });
  if (placement !== 'low_income') return false;

  const reviewDueMonth = addMonths(monthOf(at.getTime()), LOW_INCOME_REVIEW_MONTHS);
  em.persist(
    new LowIncomeHousehold({
      id: randomUUID(),
      householdId: household.id,
      applicationId: application.id,
      regionCode: application.regionCode,
      regionPath: application.regionPath,
      members: members.length,
      totalIncomeFen,
      standardFen,
      multiplierPercent: Math.round(multiplier * 100),
      recognisedAt: at,
      reviewDueMonth,
    }),
  );
  const perCapita = Math.floor(totalIncomeFen / members.length);
  const text = [
    LOW_INCOME_NOTICE_HEADING,
    `申请编号：${application.caseNo}`,
    `经审核，您家庭人均月收入${formatYuan(perCapita)}元，高于当地最低生活保障标准${formatYuan(standardFen)}元、低于其${multiplier}倍，家庭财产符合规定，认定为低收入家庭。`,
    '低收入家庭不按月发放保障金，可按规定申请医疗、教育、住房、取暖等专项救助。',
    `将于${reviewDueMonth.replace('-', '年')}月复核家庭经济状况。如对本认定有异议，可依法申请行政复议或提起行政诉讼。`,
  ].join('\n');
  em.persist(new Notice({ id: randomUUID(), applicationId: application.id, kind: 'low_income', reasonCode: null, text, issuedAt: at }));
  return true;
}
