import type { EntityManager } from '@mikro-orm/core';
import { inOrder, type TimelineEntry } from '../casework/timeline';
import { LifecycleEvent } from './lifecycle-event.entity';

/**
 * An enrolled household's history in the shape every case type shares (table `recipient_events`): the event type is
 * the action, its code the reason. The table has no sequence, so lines of one instant are ordered by key.
 */
export async function readRecipientTimeline(em: EntityManager, householdId: string): Promise<TimelineEntry[]> {
  const rows = await em.find(LifecycleEvent, { householdId }, { orderBy: { at: 'asc', key: 'asc' } });
  return inOrder(
    rows.map((r, i) => ({
      caseType: 'recipient' as const,
      caseId: r.householdId,
      key: r.key,
      action: r.type,
      step: null,
      at: r.at,
      actorId: actorIdOf(r.data),
      actorRole: null,
      reasonCode: r.code,
      policySnapshotId: null,
      data: r.data,
      order: i,
    })),
  );
}

function actorIdOf(data: Record<string, unknown>): string | null {
  const actor = data.actor as { userId?: unknown } | null | undefined;
  return typeof actor?.userId === 'string' ? actor.userId : null;
}
