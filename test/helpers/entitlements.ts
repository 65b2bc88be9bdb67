import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { Entitlement } from '../../activities/recipients/entitlement.entity';
import type { EntitlementKind } from '../../activities/recipients/recipient.contract';

/**
 * An entitlement ledger row written straight to the database, as the recipient workflow would record it: payment
 * tests need a ledger to pay from before anything in their stack writes one.
 */
export function entitlementRow(householdId: string, month: string, amountFen: number, kind: EntitlementKind = 'regular', reference = ''): Entitlement {
  return new Entitlement({
    id: randomUUID(),
    householdId,
    month,
    benefitType: 'dibao',
    kind,
    reference,
    amountFen,
    policySnapshotId: 'snap-test',
    derivation: { standardFen: 83_000, totalIncomeFen: 0, members: 1, deductionsFen: 0, basis: 'household' },
    recordedAt: new Date(),
  });
}

export async function seedEntitlements(em: EntityManager, rows: Entitlement[]): Promise<void> {
  em.persist(rows);
  await em.flush();
}
