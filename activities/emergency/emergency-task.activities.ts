import { addInboxRow, closeInboxRow, findInboxRow } from '../casework/inbox-rows';
import { UniqueConstraintViolationException, type EntityManager, type MikroORM } from '@mikro-orm/core';
import { addClockHours } from '../../workflows/domain/clock-hours';
import { AuditLog } from '../audit/audit-log.service';
import type { CalendarService } from '../regions/calendar.service';
import { Region } from '../regions/region.entity';
import { Task } from '../tasks/task.entity';
import type { EmergencyActivities, OpenEmergencyTaskInput } from './emergency.contract';
import { EmergencyRequest } from './emergency-request.entity';
import { appendEmergencyEvent } from './emergency-timeline';

type TaskActivities = Pick<EmergencyActivities, 'openTask' | 'closeTask' | 'markOverdue' | 'recordEvent'>;

/**
 * The inbox rows and timeline of emergency requests. Every write is keyed (task id, request + event key), so a retry
 * after a crash finds its own earlier write and answers as the first attempt did.
 */
export function emergencyTaskActivities(orm: MikroORM, calendars: CalendarService, audit = new AuditLog()): TaskActivities {
  const tx = <T>(work: (em: EntityManager) => Promise<T>) => orm.em.fork().transactional(work);

  async function dueOf(input: OpenEmergencyTaskInput): Promise<{ at: number; warning: string | null }> {
    const d = input.deadline;
    if (d.kind === 'clock_hours') return { at: addClockHours(input.fromMs, d.hours), warning: null };
    const due = await calendars.workingDaysFrom(input.fromMs, d.days);
    return { at: due.at.getTime(), warning: due.warning ?? null };
  }

  /** Rank 0, in the inbox of the task's township or county; the due time is fixed at the first attempt. */
  async function openTask(input: OpenEmergencyTaskInput): Promise<{ taskId: string; dueAt: number }> {
    const due = await dueOf(input);
    try {
      return await tx(async (em) => {
        const existing = await findInboxRow(em, input.taskId);
        if (existing) return { taskId: existing.id, dueAt: existing.dueAt.getTime() };
        const request = await em.findOneOrFail(EmergencyRequest, input.requestId, { fields: ['id', 'caseNo', 'policySnapshotId'] });
        const region = await em.findOneOrFail(Region, input.regionCode);
        addInboxRow(em, {
          taskId: input.taskId,
          caseType: 'emergency',
          caseId: input.requestId,
          caseNo: request.caseNo,
          step: input.step,
          role: input.role,
          escalationOf: input.escalationOf,
          round: roundOf(input.taskId),
          region,
          urgency: 'emergency',
          dueAt: new Date(due.at),
          dueWarning: due.warning,
          createdAt: new Date(input.fromMs),
        });
        await em.flush();
        await appendEmergencyEvent(em, {
          requestId: input.requestId,
          key: `${input.taskId}:opened`,
          action: 'task_opened',
          at: input.fromMs,
          policySnapshotId: request.policySnapshotId,
          data: { taskId: input.taskId, step: input.step, role: input.role, regionCode: region.code, dueAt: new Date(due.at).toISOString(), escalationOf: input.escalationOf ?? null },
        });
        return { taskId: input.taskId, dueAt: due.at };
      });
    } catch (err) {
      if (err instanceof UniqueConstraintViolationException) return openTask(input);
      throw err;
    }
  }

  return {
    openTask,
    async closeTask({ requestId, taskId, status, at, actor }) {
      await tx(async (em) => {
        const task = await closeInboxRow(em, taskId, { status, at: new Date(at), actorId: actor?.userId ?? null });
        if (!task) return;
        if (status === 'completed' && actor) {
          await audit.append(em, {
            actorId: actor.userId,
            actorRole: actor.role,
            regionCode: task.regionCode,
            action: 'decision',
            targetType: 'emergency_request',
            targetId: requestId,
            after: { taskId: task.id, step: task.step },
          });
        }
      });
    },
    async markOverdue({ requestId, taskId, at, againstRegion }) {
      await tx(async (em) => {
        const task = await em.findOne(Task, taskId);
        if (!task) return;
        task.overdue = true;
        const request = await em.findOneOrFail(EmergencyRequest, requestId, { fields: ['id', 'policySnapshotId'] });
        await appendEmergencyEvent(em, {
          requestId,
          key: `${taskId}:overdue`,
          action: 'overdue',
          at,
          policySnapshotId: request.policySnapshotId,
          data: { taskId, againstRegion, dueAt: task.dueAt.getTime() },
        });
      });
    },
    async recordEvent(input) {
      try {
        await tx(async (em) => {
          if (!(await appendEmergencyEvent(em, input))) return;
          await mirrorStatus(em, input.requestId, input.action, input.data);
        });
      } catch (err) {
        if (!(err instanceof UniqueConstraintViolationException)) throw err;
      }
    },
  };
}

/** The round is the last part of the workflow's task id (`<requestId>:<step>:<round>`). */
function roundOf(taskId: string): number {
  const round = Number(taskId.slice(taskId.lastIndexOf(':') + 1));
  return Number.isSafeInteger(round) && round > 0 ? round : 1;
}

/** The request row's status and amounts follow the timeline, for region lists without a query per case. */
async function mirrorStatus(em: EntityManager, requestId: string, action: string, data?: Record<string, unknown>): Promise<void> {
  const request = await em.findOne(EmergencyRequest, requestId, { fields: ['id', 'status', 'approvedFen', 'paidFen'] });
  if (!request) return;
  const amount = typeof data?.amountFen === 'number' ? data.amountFen : null;
  if (action === 'approved' && amount !== null) request.approvedFen = amount;
  if (action === 'rejected') request.status = 'rejected';
  if (action === 'paid') Object.assign(request, { status: 'follow_up', paidFen: amount });
  if (action === 'fund_insufficient') request.status = 'paying';
  // Verified requests stay open for referrals when the workflow says so (referralWindowDays), and close by event.
  if (action.startsWith('verified_')) request.status = typeof data?.referralWindowDays === 'number' ? 'verified' : 'closed';
  if (action === 'closed') request.status = 'closed';
  await em.flush();
}
