import type { EntityManager } from '@mikro-orm/core';
import { inOrder, type TimelineEntry } from '../casework/timeline';
import { LowIncomeEvent } from './low-income-event.entity';

export interface LowIncomeEventInput {
  recordId: string;
  key: string;
  action: string;
  at: Date;
  actor?: { userId: string; role: string } | null;
  data?: Record<string, unknown> | null;
}

/** Appends a line unless one with the same key exists (the unique key backs this up). Returns whether it wrote. */
export async function appendLowIncomeEvent(em: EntityManager, input: LowIncomeEventInput): Promise<boolean> {
  if ((await em.count(LowIncomeEvent, { recordId: input.recordId, eventKey: input.key })) > 0) return false;
  em.persist(
    new LowIncomeEvent({
      recordId: input.recordId,
      eventKey: input.key,
      action: input.action,
      actorId: input.actor?.userId ?? null,
      actorRole: input.actor?.role ?? null,
      at: input.at,
      data: input.data ?? null,
    }),
  );
  await em.flush();
  return true;
}

/** The register entry's history in the shape every case type shares (table `low_income_events`). */
export async function readLowIncomeTimeline(em: EntityManager, recordId: string): Promise<TimelineEntry[]> {
  const rows = await em.find(LowIncomeEvent, { recordId }, { orderBy: { seq: 'asc' } });
  return inOrder(
    rows.map((r) => ({
      caseType: 'low_income' as const,
      caseId: r.recordId,
      key: r.eventKey,
      action: r.action,
      step: typeof r.data?.step === 'string' ? r.data.step : null,
      at: r.at,
      actorId: r.actorId,
      actorRole: r.actorRole,
      reasonCode: null,
      policySnapshotId: null,
      data: r.data,
      order: r.seq,
    })),
  );
}
