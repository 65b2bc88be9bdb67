import type { EntityManager } from '@mikro-orm/core';
import { Member } from '../households/member.entity';
import { Payment } from '../payments/payment.entity';
import { KinRegisterEntry } from './kin-register.entity';

/**
 * 近亲属回避 at the moment of work. Intake stores the staff excluded from a new application, but the register grows
 * after cases start and covers every kind of case (emergency help, a recipient's re-reviews, a payment batch): so
 * whoever takes or decides work is also checked against the register as it stands now. A staff member's own
 * household is registered with the relation `self` and is caught the same way.
 */

/** ID digests the user is registered against (a handful per person: the lookup is by the staff index). */
async function registeredDigests(em: EntityManager, userId: string): Promise<string[]> {
  const entries = await em.find(KinRegisterEntry, { staffUserId: userId }, { fields: ['relativeDigest'] });
  return [...new Set(entries.map((e) => e.relativeDigest))];
}

/** Households with a member the user is registered against. */
async function relatedHouseholdIds(em: EntityManager, userId: string): Promise<string[]> {
  const digests = await registeredDigests(em, userId);
  if (digests.length === 0) return [];
  const members = await em.find(Member, { idDigest: { $in: digests } }, { fields: ['household'] });
  return [...new Set(members.map((m) => m.household.id))];
}

/** Whether the user is registered against a member of the household. */
export async function relatedToHousehold(em: EntityManager, userId: string, householdId: string): Promise<boolean> {
  return (await relatedHouseholdIds(em, userId)).includes(householdId);
}

/** Whether a payment of the batch goes to a household the user is registered against. */
export async function relatedToBatch(em: EntityManager, userId: string, batchId: string): Promise<boolean> {
  const households = await relatedHouseholdIds(em, userId);
  if (households.length === 0) return false;
  return (await em.count(Payment, { batchId, householdId: { $in: households } })) > 0;
}
