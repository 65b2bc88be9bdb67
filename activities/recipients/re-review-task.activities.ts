import { addInboxRow, closeInboxRow, findInboxRow } from '../casework/inbox-rows';
import { UniqueConstraintViolationException, type EntityManager, type MikroORM } from '@mikro-orm/core';
import { AuditLog } from '../audit/audit-log.service';
import { Application } from '../application/application.entity';
import type { CalendarService } from '../regions/calendar.service';
import { PolicySnapshot } from '../regions/policy-snapshot.entity';
import { RE_REVIEW_ROLE } from '../../workflows/recipient/definitions';
import { LifecycleEvent } from './lifecycle-event.entity';
import { Recipient } from './recipient.entity';
import type { CloseReReviewInput, RecipientActivities, ReReviewTaskInput } from './recipient.contract';

type ReReviewActivities = Pick<RecipientActivities, 'openReReviewTask' | 'closeReReviewTask'>;

/**
 * Re-review (复核) rows in the township investigator's inbox. Opened once per task id (the primary key), in the
 * recipient's region (scope columns from its path), due at a campaign's window end or after the region's
 * investigation limit in working days; a complaint's re-review ranks as urgent work (督办). Closing writes the
 * outcome on the household's timeline and, for a person's decision, the audit log. Each in one transaction.
 */
export function reReviewTaskActivities(orm: MikroORM, calendars: CalendarService, audit = new AuditLog()): ReReviewActivities {
  const tx = <T>(work: (em: EntityManager) => Promise<T>) => orm.em.fork().transactional(work);

  async function openReReviewTask(input: ReReviewTaskInput): Promise<void> {
    const em = orm.em.fork();
    if (await findInboxRow(em, input.taskId)) return;
    const recipient = await em.findOneOrFail(Recipient, input.recipientId);
    const policy = (await em.findOneOrFail(PolicySnapshot, recipient.policySnapshotId)).document;
    const due = input.dueAt !== undefined ? { at: new Date(input.dueAt), warning: null } : await calendars.workingDaysFrom(input.at, policy.investigation.limitDays);
    const application = await em.findOneOrFail(Application, recipient.applicationId, { fields: ['caseNo'] });
    const at = new Date(input.at);
    try {
      await tx(async (t) => {
        addInboxRow(t, {
          taskId: input.taskId,
          caseType: 'recipient',
          caseId: input.householdId,
          caseNo: application.caseNo,
          step: 're_review',
          role: RE_REVIEW_ROLE,
          region: { code: recipient.regionCode, path: recipient.regionPath },
          urgency: input.reason === 'complaint' || input.reason === 'data_comparison' ? 'escalation' : 'routine',
          dueAt: due.at,
          dueWarning: due.warning,
          createdAt: at,
        });
        t.persist(
          new LifecycleEvent({
            key: input.taskId,
            householdId: input.householdId,
            type: 're_review',
            code: input.reason,
            effectiveMonth: null,
            data: { taskId: input.taskId, recipientId: input.recipientId, reference: input.reference ?? null, dueAt: due.at.toISOString(), dueWarning: due.warning },
            at,
          }),
        );
      });
    } catch (err) {
      if (!(err instanceof UniqueConstraintViolationException)) throw err;
    }
  }

  async function closeReReviewTask(input: CloseReReviewInput): Promise<void> {
    await tx(async (em) => {
      const at = new Date(input.at);
      const task = await closeInboxRow(em, input.taskId, { status: input.status, at, actorId: input.actor?.userId ?? null, submissionId: input.submissionId ?? null });
      if (!task) return;
      em.persist(
        new LifecycleEvent({
          key: `${input.taskId}:closed`,
          householdId: input.householdId,
          type: 're_review_closed',
          code: input.outcome ?? 'cancelled',
          effectiveMonth: null,
          data: { taskId: input.taskId, submissionId: input.submissionId ?? null, actor: input.actor ?? null },
          at,
        }),
      );
      if (input.status === 'completed' && input.actor) {
        await audit.append(em, {
          actorId: input.actor.userId,
          actorRole: input.actor.role,
          regionCode: task.regionCode,
          action: 're_review_completed',
          targetType: 'recipient',
          targetId: input.householdId,
          after: { taskId: input.taskId, outcome: input.outcome ?? null, submissionId: input.submissionId ?? null },
          at,
        });
      }
    });
  }

  return { openReReviewTask, closeReReviewTask };
}
