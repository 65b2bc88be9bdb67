import type { EntityManager } from '@mikro-orm/core';
import type { CaseType } from '../../workflows/domain/cases';
import type { Role } from '../../workflows/domain/roles';
import { Submission } from '../tasks/submission.entity';
import { TASK_RANK, Task, type InboxStep, type TaskStatus } from '../tasks/task.entity';

/**
 * The one writer of inbox rows (table `tasks`) for every case type: opened once per task id, closed once. Case types
 * keep their own timeline and audit entries around these calls, in the same transaction.
 */

export interface InboxRowOpen {
  /** Fixed by the case's workflow: stable across retries, the row's primary key. */
  taskId: string;
  caseType: CaseType;
  caseId: string;
  caseNo: string;
  step: InboxStep;
  role: Role;
  /** Whose inbox subtree sees the row: the region's code and materialized path. */
  region: { code: string; path: string };
  /** Inbox order: emergencies, then escalations (督办), then routine work. */
  urgency: keyof typeof TASK_RANK;
  dueAt: Date;
  /** Shown beside the due time when it was computed over an unpublished holiday year. */
  dueWarning?: string | null;
  createdAt: Date;
  round?: number;
  escalationOf?: string | null;
}

/** The row of a task id, when an earlier attempt (or another writer) has written it. */
export function findInboxRow(em: EntityManager, taskId: string): Promise<Task | null> {
  return em.findOne(Task, taskId);
}

/**
 * Adds an open row to `em`'s unit of work, to be written with the case's own records. A concurrent attempt of the
 * same task id fails on the primary key (UniqueConstraintViolationException): callers treat it as already open.
 */
export function addInboxRow(em: EntityManager, open: InboxRowOpen): Task {
  const row = new Task({
    id: open.taskId,
    caseType: open.caseType,
    caseId: open.caseId,
    caseNo: open.caseNo,
    step: open.step,
    role: open.role,
    escalationOf: open.escalationOf ?? null,
    round: open.round ?? 1,
    regionCode: open.region.code,
    regionPath: open.region.path,
    rank: TASK_RANK[open.urgency],
    dueAt: open.dueAt,
    dueWarning: open.dueWarning ?? null,
    createdAt: open.createdAt,
  });
  em.persist(row);
  return row;
}

export interface TaskRowClose {
  status: Exclude<TaskStatus, 'open'>;
  at: Date;
  actorId: string | null;
  /** The submission that decided the task: linked to the row and marked accepted. */
  submissionId?: string | null;
}

/**
 * Closes an inbox row once, whatever its case type. Returns the row when this call closed it, null when it was not
 * open (a retried activity or a write abandoned by a cancelled procedure), so callers record their events only once.
 */
export async function closeInboxRow(em: EntityManager, taskId: string, close: TaskRowClose): Promise<Task | null> {
  const task = await em.findOne(Task, taskId);
  if (!task || task.status !== 'open') return null;
  task.status = close.status;
  task.closedAt = close.at;
  task.closedById = close.actorId;
  if (close.submissionId !== undefined) task.submissionId = close.submissionId;
  if (close.submissionId) {
    const submission = await em.findOne(Submission, close.submissionId);
    if (submission) submission.status = 'accepted';
  }
  return task;
}
