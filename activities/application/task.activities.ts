import { addInboxRow, closeInboxRow, findInboxRow } from '../casework/inbox-rows';
import { UniqueConstraintViolationException, type EntityManager, type MikroORM } from '@mikro-orm/core';
import type { ApplicationActivities, CloseTaskInput, OpenTaskInput, OpenedTask } from './application.contract';
import type { CalendarService } from '../regions/calendar.service';
import { AuditLog } from '../audit/audit-log.service';
import { Application } from './application.entity';
import { Task } from '../tasks/task.entity';
import { appendEvent } from './timeline';

/** Steps that are the case's current stage when open (side work and escalations are not). */
const STAGE_STEPS = new Set(['acceptance', 'home_visit', 'appraisal', 'township_review', 'county_sampling', 'county_approval', 'township_confirmation', 'filing']);

type TaskActivities = Pick<ApplicationActivities, 'openTask' | 'closeTask' | 'markOverdue' | 'reassignTask' | 'cancelOpenTasks' | 'rescheduleTask'>;

/** Inbox rows: opened once per task id, closed once, every change on the timeline. */
export function taskActivities(orm: MikroORM, calendars: CalendarService, audit = new AuditLog()): TaskActivities {
  const tx = <T>(work: (em: EntityManager) => Promise<T>) => orm.em.fork().transactional(work);

  async function openTask(input: OpenTaskInput): Promise<OpenedTask> {
    const due = await calendars.workingDaysFrom(input.fromMs, input.workingDays);
    try {
      return await tx(async (em) => {
        const existing = await findInboxRow(em, input.taskId);
        if (existing) return { taskId: existing.id, dueAt: existing.dueAt.getTime(), warning: existing.dueWarning ?? undefined };
        const application = await em.findOneOrFail(Application, input.applicationId);
        // A write abandoned by a cancelled procedure may arrive after the decision: it must not reopen work.
        if (application.status !== 'in_progress' && input.step !== 'filing') {
          return { taskId: input.taskId, dueAt: due.at.getTime(), warning: due.warning ?? undefined };
        }
        const at = new Date(input.fromMs);
        addInboxRow(em, {
          taskId: input.taskId,
          caseType: 'application',
          caseId: input.applicationId,
          caseNo: application.caseNo,
          step: input.step,
          role: input.role,
          escalationOf: input.escalationOf,
          round: input.round,
          region: { code: application.regionCode, path: application.regionPath },
          urgency: input.step === 'escalation' ? 'escalation' : 'routine',
          dueAt: due.at,
          dueWarning: due.warning,
          createdAt: at,
        });
        if (STAGE_STEPS.has(input.step)) application.stage = input.step;
        await appendEvent(em, {
          applicationId: input.applicationId,
          key: `${input.taskId}:opened`,
          step: input.step,
          action: input.step === 'escalation' ? 'escalated' : 'task_opened',
          at,
          dueAt: due.at,
          data: { role: input.role, round: input.round, ...(input.escalationOf ? { escalationOf: input.escalationOf } : {}), ...(due.warning ? { warning: due.warning } : {}) },
        });
        return { taskId: input.taskId, dueAt: due.at.getTime(), warning: due.warning ?? undefined };
      });
    } catch (err) {
      if (err instanceof UniqueConstraintViolationException) return openTask(input);
      throw err;
    }
  }

  async function closeTask(input: CloseTaskInput): Promise<void> {
    await tx(async (em) => {
      const at = new Date(input.at);
      const task = await closeInboxRow(em, input.taskId, { status: input.status, at, actorId: input.actor?.userId ?? null, submissionId: input.submissionId ?? null });
      if (!task) return;
      if (input.status === 'completed' && input.actor) {
        await audit.append(em, {
          actorId: input.actor.userId,
          actorRole: input.actor.role,
          regionCode: task.regionCode,
          action: 'decision',
          targetType: 'task',
          targetId: task.id,
          after: input.decision ? decisionData(input.decision) : null,
        });
      }
      await appendEvent(em, {
        applicationId: input.applicationId,
        key: `${input.taskId}:${input.status}`,
        step: task.step,
        action: input.status === 'completed' ? 'task_completed' : 'task_cancelled',
        at,
        actor: input.actor,
        dueAt: task.dueAt,
        data: input.decision ? decisionData(input.decision) : { reason: input.reason ?? null },
        submissionId: input.submissionId,
      });
    });
  }

  return {
    openTask,
    closeTask,
    async markOverdue({ applicationId, taskId, at }) {
      await tx(async (em) => {
        const task = await em.findOne(Task, taskId);
        if (!task || task.status !== 'open' || task.overdue) return;
        task.overdue = true;
        await appendEvent(em, { applicationId, key: `${taskId}:overdue`, step: task.step, action: 'overdue', at: new Date(at), dueAt: task.dueAt });
      });
    },
    async reassignTask({ applicationId, taskId, assigneeId, at, actor }) {
      await tx(async (em) => {
        const task = await em.findOne(Task, taskId);
        if (!task || task.status !== 'open') return;
        task.assigneeId = assigneeId;
        await appendEvent(em, { applicationId, key: `${taskId}:reassigned:${assigneeId}`, step: task.step, action: 'reassigned', at: new Date(at), actor, data: { assigneeId } });
      });
    },
    async rescheduleTask({ applicationId, taskId, fromMs, workingDays }) {
      const due = await calendars.workingDaysFrom(fromMs, workingDays);
      return tx(async (em) => {
        const task = await em.findOne(Task, taskId);
        if (!task || task.status !== 'open') return { taskId, dueAt: due.at.getTime(), warning: due.warning ?? undefined };
        if (task.dueAt.getTime() !== due.at.getTime()) {
          await appendEvent(em, {
            applicationId,
            key: `${taskId}:rescheduled:${due.at.getTime()}`,
            step: task.step,
            action: 'rescheduled',
            at: new Date(),
            dueAt: due.at,
            data: { previousDueAt: task.dueAt.toISOString(), workingDays },
          });
          task.dueAt = due.at;
          task.dueWarning = due.warning;
          if (task.overdue && due.at.getTime() > Date.now()) task.overdue = false;
        }
        return { taskId, dueAt: due.at.getTime(), warning: due.warning ?? undefined };
      });
    },
    async cancelOpenTasks({ applicationId, at, reason }) {
      const open = await orm.em.fork().find(Task, { caseType: 'application', caseId: applicationId, status: 'open', step: { $ne: 'filing' } });
      for (const task of open) await closeTask({ applicationId, taskId: task.id, status: 'cancelled', at, reason });
    },
  };
}

/** The structured part of a decision for the timeline (codes, numbers, ids: no free text). */
function decisionData(decision: NonNullable<CloseTaskInput['decision']>): Record<string, unknown> {
  const { step: _step, ...rest } = decision;
  return rest;
}
