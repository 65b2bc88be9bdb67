import type { EntityManager } from '@mikro-orm/core';
import { PolicySnapshot } from '../regions/policy-snapshot.entity';
import { amountCeilingFen, assistanceCause } from '../../workflows/programs/emergency/emergency-rules';
import type { EmergencyRequest } from './emergency-request.entity';

/** The most the region's 临时救助 tiers allow for a request, under the policy snapshot it was raised with. */
export async function ceilingOf(em: EntityManager, request: Pick<EmergencyRequest, 'kind' | 'eventType' | 'peopleAffected' | 'policySnapshotId'>): Promise<number | undefined> {
  const snapshot = await em.findOne(PolicySnapshot, request.policySnapshotId, { fields: ['document'] });
  if (!snapshot) return undefined;
  const { standards, emergency } = snapshot.document;
  return amountCeilingFen(standards, emergency.amountTiers, assistanceCause(request.kind, request.eventType), request.peopleAffected);
}
