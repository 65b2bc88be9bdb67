import type { EntityManager } from '@mikro-orm/core';
import { User } from '../../../activities/identity/user.entity';
import { Region } from '../../../activities/regions/region.entity';
import { TASK_RANK, type Task } from '../../../activities/tasks/task.entity';
import { STEP_LABELS } from '../../../workflows/application/steps';
import { RECIPIENT_STEP_LABELS } from '../../../workflows/recipient/definitions';
import { remainingHours } from '../../../workflows/domain/clock-hours';

/** Who holds a task, by name, so a colleague sees who to ask. */
export interface ClaimedBy {
  userId: string;
  displayName: string;
}

/**
 * Inbox rows as the API shows them: the row itself plus who has claimed it and the name of its region (the village
 * or township of the case), looked up for a whole page in two queries.
 */
export async function taskViews(em: EntityManager, tasks: Task[]) {
  const userIds = [...new Set(tasks.map((t) => t.assigneeId).filter((id): id is string => !!id))];
  const codes = [...new Set(tasks.map((t) => t.regionCode))];
  const [users, regions] = await Promise.all([
    userIds.length ? em.find(User, { id: { $in: userIds } }, { fields: ['id', 'displayName'] }) : Promise.resolve([]),
    codes.length ? em.find(Region, { code: { $in: codes } }, { fields: ['code', 'name'] }) : Promise.resolve([]),
  ]);
  const names = new Map(users.map((u) => [u.id, u.displayName]));
  const regionNames = new Map(regions.map((r) => [r.code, r.name]));
  return tasks.map((t) => ({
    ...view(t),
    claimedBy: t.assigneeId ? ({ userId: t.assigneeId, displayName: names.get(t.assigneeId) ?? '' } satisfies ClaimedBy) : null,
    regionName: regionNames.get(t.regionCode) ?? null,
  }));
}

/** One row, in the same shape as a page's rows (GET /api/tasks/:id, claims, take-next). */
export async function taskView(em: EntityManager, task: Task) {
  return (await taskViews(em, [task]))[0]!;
}

function view(t: Task) {
  return {
    id: t.id,
    caseType: t.caseType,
    caseId: t.caseId,
    caseNo: t.caseNo,
    step: t.step,
    stepLabel: (STEP_LABELS as Record<string, string>)[t.step] ?? (RECIPIENT_STEP_LABELS as Record<string, string>)[t.step] ?? t.step,
    role: t.role,
    round: t.round,
    regionCode: t.regionCode,
    status: t.status,
    rank: t.rank,
    urgent: t.rank < TASK_RANK.routine,
    /** Emergency work runs on clock hours: what is left (negative when overdue), null for other work. */
    remainingHours: t.rank === TASK_RANK.emergency && t.status === 'open' ? remainingHours(t.dueAt.getTime(), Date.now()) : null,
    escalationOf: t.escalationOf,
    assigneeId: t.assigneeId,
    dueAt: t.dueAt,
    dueWarning: t.dueWarning,
    overdue: t.overdue,
    createdAt: t.createdAt,
    closedAt: t.closedAt,
  };
}
