import type { EntityManager } from '@mikro-orm/core';
import { Submission } from './submission.entity';
import { Task, type TaskStatus } from './task.entity';

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
export async function closeTaskRow(em: EntityManager, taskId: string, close: TaskRowClose): Promise<Task | null> {
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
