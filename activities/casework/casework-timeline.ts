import type { EntityManager } from '@mikro-orm/core';
import type { CaseType } from '../../workflows/domain/cases';
import { CaseworkEvent } from './casework-event.entity';
import { inOrder, type TimelineEntry } from './timeline';

export interface CaseworkEventInput {
  caseType: CaseType;
  caseId: string;
  /** Unique within the case: the business key of what happened (a task id and what befell it, say). */
  key: string;
  action: string;
  step?: string | null;
  at: Date;
  actor?: { userId: string; role: string } | null;
  reasonCode?: string | null;
  policySnapshotId?: string | null;
  data?: Record<string, unknown> | null;
}

/**
 * Appends a line to the shared timeline unless the case has one with the same key (the unique key backs this up, and
 * the caller's activity retries turn a lost race into a no-op). Returns whether a line was written.
 */
export async function appendCaseworkEvent(em: EntityManager, input: CaseworkEventInput): Promise<boolean> {
  if ((await em.count(CaseworkEvent, { caseType: input.caseType, caseId: input.caseId, eventKey: input.key })) > 0) return false;
  em.persist(
    new CaseworkEvent({
      caseType: input.caseType,
      caseId: input.caseId,
      eventKey: input.key,
      action: input.action,
      step: input.step ?? null,
      actorId: input.actor?.userId ?? null,
      actorRole: input.actor?.role ?? null,
      at: input.at,
      reasonCode: input.reasonCode ?? null,
      policySnapshotId: input.policySnapshotId ?? null,
      data: input.data ?? null,
    }),
  );
  await em.flush();
  return true;
}

/** The line a case wrote under `key`, if any (what a retried activity answers from). */
export function findCaseworkEvent(em: EntityManager, caseType: CaseType, caseId: string, key: string): Promise<CaseworkEvent | null> {
  return em.findOne(CaseworkEvent, { caseType, caseId, eventKey: key });
}

/** A case's history from the shared table, oldest first, in the shape every case type shares. */
export async function readCaseworkTimeline(em: EntityManager, caseType: CaseType, caseId: string): Promise<TimelineEntry[]> {
  const rows = await em.find(CaseworkEvent, { caseType, caseId }, { orderBy: { seq: 'asc' } });
  return inOrder(
    rows.map((r) => ({
      caseType: r.caseType,
      caseId: r.caseId,
      key: r.eventKey,
      action: r.action,
      step: r.step,
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
