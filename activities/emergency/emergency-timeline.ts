import type { EntityManager } from '@mikro-orm/core';
import type { EmergencyEventInput } from './emergency.contract';
import { EmergencyEvent } from './emergency-event.entity';
import { inOrder, type TimelineEntry } from '../casework/timeline';

/**
 * Appends a timeline line unless one with the same key exists (the unique constraint backs this up, and the caller's
 * activity retries turn a lost race into a no-op). Returns whether a line was written.
 */
export async function appendEmergencyEvent(em: EntityManager, input: EmergencyEventInput): Promise<boolean> {
  if ((await em.count(EmergencyEvent, { requestId: input.requestId, eventKey: input.key })) > 0) return false;
  em.persist(
    new EmergencyEvent({
      requestId: input.requestId,
      eventKey: input.key,
      action: input.action,
      actorId: input.actor?.userId ?? null,
      actorRole: input.actor?.role ?? null,
      at: new Date(input.at),
      reasonCode: input.reasonCode ?? null,
      policySnapshotId: input.policySnapshotId,
      data: input.data ?? null,
    }),
  );
  await em.flush();
  return true;
}

/** The request's history in the shape every case type shares (table `emergency_events`). */
export async function readEmergencyTimeline(em: EntityManager, requestId: string): Promise<TimelineEntry[]> {
  const rows = await em.find(EmergencyEvent, { requestId }, { orderBy: { seq: 'asc' } });
  return inOrder(
    rows.map((r) => ({
      caseType: 'emergency' as const,
      caseId: r.requestId,
      key: r.eventKey,
      action: r.action,
      step: null,
      at: r.at,
      actorId: r.actorId,
      actorRole: r.actorRole,
      reasonCode: r.reasonCode,
      policySnapshotId: r.policySnapshotId,
      data: r.data,
      order: r.seq,
    })),
  );
}
