import type { EntityManager } from '@mikro-orm/core';
import type { Actor } from '../../workflows/application/decisions';
import { Application } from './application.entity';
import { CaseEvent } from './case-event.entity';
import { inOrder, type TimelineEntry } from '../casework/timeline';

export interface EventInput {
  applicationId: string;
  key: string;
  step: string;
  action: string;
  at: Date;
  actor?: Actor | null;
  dueAt?: Date | null;
  data?: Record<string, unknown> | null;
  submissionId?: string | null;
}

/**
 * Appends a timeline line unless one with the same key exists (the unique constraint backs this up). The policy
 * snapshot is the case's current one, so a line always says which rules were in force.
 */
export async function appendEvent(em: EntityManager, input: EventInput): Promise<void> {
  const exists = await em.count(CaseEvent, { applicationId: input.applicationId, eventKey: input.key });
  if (exists > 0) return;
  const application = await em.findOneOrFail(Application, input.applicationId);
  em.persist(
    new CaseEvent({
      applicationId: input.applicationId,
      eventKey: input.key,
      step: input.step,
      action: input.action,
      actorId: input.actor?.userId ?? null,
      actorRole: input.actor?.role ?? null,
      at: input.at,
      dueAt: input.dueAt ?? null,
      policySnapshotId: application.policySnapshotId,
      data: input.data ?? null,
      submissionId: input.submissionId ?? null,
    }),
  );
}

/** The application's history in the shape every case type shares (table `case_events`). */
export async function readApplicationTimeline(em: EntityManager, applicationId: string): Promise<TimelineEntry[]> {
  const rows = await em.find(CaseEvent, { applicationId }, { orderBy: { seq: 'asc' } });
  return inOrder(
    rows.map((r) => ({
      caseType: 'application' as const,
      caseId: r.applicationId,
      key: r.eventKey,
      action: r.action,
      step: r.step,
      at: r.at,
      actorId: r.actorId,
      actorRole: r.actorRole,
      reasonCode: null,
      policySnapshotId: r.policySnapshotId,
      data: r.data,
      order: r.seq,
    })),
  );
}
