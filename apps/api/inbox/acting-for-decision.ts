import type { EntityManager } from '@mikro-orm/core';
import type { AuditLog } from '../../../activities/audit/audit-log.service';
import type { Submission } from '../../../activities/tasks/submission.entity';
import type { Task } from '../../../activities/tasks/task.entity';
import type { AuthUser } from '../auth/auth.types';

/** Whom a row's holder is, when the caller covers them today (AB岗); null when the caller acts for nobody. */
export function actingFor(assigneeId: string | null, covered: Map<string, string>): { userId: string; displayName: string } | null {
  return assigneeId && covered.has(assigneeId) ? { userId: assigneeId, displayName: covered.get(assigneeId)! } : null;
}

/**
 * A decision taken by the B post on an absent colleague's task: the submission names the colleague and the audit
 * line `acting_for` says who decided for whom, written together so neither exists without the other.
 */
export async function recordActingFor(em: EntityManager, audit: AuditLog, user: AuthUser, task: Task, submission: Submission): Promise<void> {
  await em.transactional(async (tx) => {
    tx.persist(submission);
    await audit.append(tx, {
      actorId: user.id,
      actorRole: user.role,
      regionCode: task.regionCode,
      action: 'acting_for',
      targetType: 'task',
      targetId: task.id,
      after: { actingForId: submission.actingForId, submissionId: submission.id, step: task.step },
    });
  });
}
