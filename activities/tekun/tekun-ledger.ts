import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { Entitlement } from '../recipients/entitlement.entity';
import type { PolicyService } from '../regions/policy.service';
import { monthStart, type Month } from '../../workflows/domain/months';
import { tekunMonthlySupport } from '../../workflows/programs/tekun/support-amount';
import type { TekunCase } from './tekun-case.entity';

/**
 * Entitlement kinds of 特困供养 rows in the shared monthly ledger: `regular` is paid to the person's account by the
 * county's payment run (分散供养); `institution` is 集中供养, owed to the institution that cares for the person and
 * settled with it outside the household bank file (listed per institution).
 */
export const TEKUN_BENEFIT_TYPE = 'tekun';

export interface TekunDerivation {
  area: 'urban' | 'rural';
  selfCareLevel: string;
  basicLivingFen: number;
  careFen: number;
  mode: string;
  institutionId: string | null;
}

/**
 * Records a month's support once (the ledger's unique key: household, month, type, kind, case): basic living plus
 * care under the region's policy in force on the first of that month, so a new standard reaches the next month's
 * payment without waiting for the review. A month from the end on records nothing.
 */
export async function recordTekunEntitlement(em: EntityManager, policies: PolicyService, c: TekunCase, month: Month): Promise<{ amountFen: number }> {
  if (c.endMonth && month >= c.endMonth) return { amountFen: 0 };
  const kind = c.mode === 'centralized' ? 'institution' : 'regular';
  const existing = await em.findOne(Entitlement, { householdId: c.householdId, month, benefitType: TEKUN_BENEFIT_TYPE, kind, reference: c.id }, { fields: ['id', 'amountFen'] });
  if (existing) return { amountFen: existing.amountFen };
  const at = new Date(monthStart(month));
  const policy = await policies.resolveFor(em, c.regionCode, at);
  const sections = await policies.sectionsFor(em, c.regionCode, at);
  const support = sections.tekun ? tekunMonthlySupport(sections.tekun, c.area, c.selfCareLevel!) : null;
  // A region that dropped its 特困 section keeps paying the amount last assessed until the next review.
  const amountFen = support?.totalFen ?? c.monthlySupportFen ?? 0;
  const derivation: TekunDerivation = { area: c.area, selfCareLevel: c.selfCareLevel!, basicLivingFen: support?.basicLivingFen ?? amountFen, careFen: support?.careFen ?? 0, mode: c.mode!, institutionId: c.institutionId };
  em.persist(new Entitlement({ id: randomUUID(), householdId: c.householdId, month, benefitType: TEKUN_BENEFIT_TYPE, kind, reference: c.id, amountFen, policySnapshotId: policy.snapshotId, derivation, recordedAt: new Date() }));
  if (c.monthlySupportFen !== amountFen) c.monthlySupportFen = amountFen;
  await em.flush();
  return { amountFen };
}
