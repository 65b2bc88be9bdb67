import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { MikroORM, type EntityManager, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { Client } from '@temporalio/client';
import { Application } from '../../../activities/application/application.entity';
import { Submission } from '../../../activities/application/submission.entity';
import { TASK_RANK, Task, subtreeOf } from '../../../activities/application/task.entity';
import { Household } from '../../../activities/households/household.entity';
import { CalendarService } from '../../../activities/regions/calendar.service';
import { PolicySnapshot } from '../../../activities/regions/policy-snapshot.entity';
import { User } from '../../../activities/identity/user.entity';
import { Region } from '../../../activities/regions/region.entity';
import { withinSubtree } from '../../../activities/regions/region.repository';
import type { StepDecision } from '../../../workflows/application/decisions';
import { applicationWorkflowId, completeTaskUpdate } from '../../../workflows/application/definitions';
import { STEP_LABELS } from '../../../workflows/domain/route';
import type { AuthUser } from '../auth/auth.types';
import { ConflictError, NotFoundError, UnprocessableError } from '../common/errors';
import { asConflict } from '../common/workflow-errors';
import type { DecisionBody, InboxQuery } from './decision.schemas';

/**
 * A role's inbox: the open tasks of the caller's role in their region subtree, urgent first, then oldest due.
 * Claiming is a conditional update (two people cannot hold one task); completing goes to the case's workflow, which
 * is the authority on wrong steps, wrong roles and stale tasks.
 */
@Injectable()
export class InboxService {
  constructor(
    private readonly orm: MikroORM,
    private readonly temporal: Client,
    private readonly calendars?: CalendarService,
  ) {}

  async list(user: AuthUser, query: InboxQuery) {
    const em = this.orm.em.fork();
    let path = user.regionPath;
    if (query.region) {
      const region = await em.findOne(Region, query.region);
      if (!region || !withinSubtree(region.path, user.regionPath)) throw new NotFoundError(`no region ${query.region} in your subtree`);
      path = region.path;
    }
    const scope = subtreeOf(path);
    const where: FilterQuery<Task> = { role: user.role, status: query.status, [scope.column]: scope.code };
    if (query.step) where.step = query.step as Task['step'];
    if (query.overdue !== undefined) where.overdue = query.overdue;
    if (query.assigned === 'me') where.assigneeId = user.id;
    if (query.assigned === 'unassigned') where.assigneeId = null;
    const rows = await em.find(Task, where, {
      orderBy: { rank: 'asc', dueAt: 'asc', id: 'asc' },
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    });
    const total = await cappedCount(em, where);
    const atRisk = await this.atRisk(em, rows);
    return { items: rows.map((t) => ({ ...view(t), atRisk: atRisk.has(t.id) })), page: query.page, pageSize: query.pageSize, total, totalIsExact: total <= COUNT_CAP };
  }

  /**
   * Open tasks close to their due time (within the case policy's atRiskWorkingDays), shown before they become overdue.
   * Policies older than the setting count 2 working days.
   */
  private async atRisk(em: EntityManager, rows: Task[]): Promise<Set<string>> {
    const open = rows.filter((t) => t.status === 'open' && !t.overdue);
    if (open.length === 0 || !this.calendars) return new Set();
    const calendar = await this.calendars.calendar();
    const apps = await em.find(Application, { id: { $in: [...new Set(open.map((t) => t.applicationId))] } }, { fields: ['id', 'policySnapshotId'] });
    const snapshots = await em.find(PolicySnapshot, { id: { $in: [...new Set(apps.map((a) => a.policySnapshotId))] } });
    const threshold = new Map(apps.map((a) => [a.id, snapshots.find((s) => s.id === a.policySnapshotId)?.document.atRiskWorkingDays ?? 2]));
    const now = Date.now();
    return new Set(
      open.filter((t) => {
        const days = threshold.get(t.applicationId) ?? 2;
        return days > 0 && calendar.workingDaysUntil(now, t.dueAt.getTime()) <= days;
      }).map((t) => t.id),
    );
  }

  async get(user: AuthUser, taskId: string) {
    return view(await this.findInScope(this.orm.em.fork(), user, taskId));
  }

  async claim(user: AuthUser, taskId: string) {
    const em = this.orm.em.fork();
    const task = await this.findInScope(em, user, taskId);
    if (task.role !== user.role) throw new ConflictError('wrong_role', `task ${taskId} belongs to role ${task.role}`);
    await this.refuseExcluded(em, user, task);
    const changed = await em.nativeUpdate(Task, { id: taskId, status: 'open', $or: [{ assigneeId: null }, { assigneeId: user.id }] }, { assigneeId: user.id });
    if (changed === 0) {
      const now = await em.findOneOrFail(Task, taskId, { refresh: true });
      throw now.status !== 'open' ? new ConflictError('stale_task', `task ${taskId} is ${now.status}`) : new ConflictError('claimed_by_other', `task ${taskId} is claimed by someone else`);
    }
    return view(await em.findOneOrFail(Task, taskId, { refresh: true }));
  }

  async unclaim(user: AuthUser, taskId: string) {
    const em = this.orm.em.fork();
    await this.findInScope(em, user, taskId);
    const changed = await em.nativeUpdate(Task, { id: taskId, status: 'open', assigneeId: user.id }, { assigneeId: null });
    if (changed === 0) throw new ConflictError('not_claimed', `task ${taskId} is not claimed by you`);
    return view(await em.findOneOrFail(Task, taskId, { refresh: true }));
  }

  async complete(user: AuthUser, taskId: string, body: DecisionBody) {
    const em = this.orm.em.fork();
    const task = await this.findInScope(em, user, taskId);
    if (task.status !== 'open') throw new ConflictError('stale_task', `task ${taskId} is ${task.status}`);
    if (task.assigneeId && task.assigneeId !== user.id) throw new ConflictError('claimed_by_other', `task ${taskId} is claimed by someone else`);
    await this.refuseExcluded(em, user, task);
    await this.checkReferences(em, task, body);

    const submission = new Submission({ id: randomUUID(), taskId, applicationId: task.applicationId, actorId: user.id, actorRole: user.role, payload: body as Record<string, unknown> });
    await em.persistAndFlush(submission);
    const { reason: _reason, ...decision } = body as DecisionBody & { reason?: string };
    try {
      const state = await this.temporal.workflow.getHandle(applicationWorkflowId(task.applicationId)).executeUpdate(completeTaskUpdate, {
        args: [{ taskId, submissionId: submission.id, actor: { userId: user.id, role: user.role }, decision: decision as StepDecision }],
      });
      return { taskId, submissionId: submission.id, case: state };
    } catch (err) {
      const conflict = asConflict(err);
      submission.status = 'refused';
      submission.refusal = conflict.message.slice(0, 255);
      await em.flush();
      throw conflict;
    }
  }

  /** 近亲属回避: registered relatives of a member never take or decide any task of the case. */
  private async refuseExcluded(em: EntityManager, user: AuthUser, task: Task): Promise<void> {
    const application = await em.findOneOrFail(Application, task.applicationId);
    if (application.excludedUserIds.includes(user.id)) {
      throw new ConflictError('conflict_of_interest', 'you are registered as a close relative of a member of this household (近亲属回避)');
    }
  }

  /** Ids in a decision must point at this case's household and at colleagues who may take the work. */
  private async checkReferences(em: EntityManager, task: Task, body: DecisionBody): Promise<void> {
    if (body.step === 'home_visit') {
      const application = await em.findOneOrFail(Application, task.applicationId);
      const household = await em.findOneOrFail(Household, application.householdId, { populate: ['members'] });
      const ids = new Set(household.members.getItems().map((m) => m.id));
      const given = body.incomes.map((i) => i.memberId);
      if (given.length !== ids.size || new Set(given).size !== given.length || !given.every((id) => ids.has(id))) {
        throw new UnprocessableError([{ field: 'incomes', rule: 'must assess each member of the household exactly once' }]);
      }
    }
    if (body.step === 'escalation' && body.outcome === 'reassigned') {
      const overdue = task.escalationOf ? await em.findOne(Task, task.escalationOf) : null;
      const backup = await em.findOne(User, { id: body.reassignTo!, status: 'active' });
      if (!overdue || !backup || backup.role !== overdue.role || !withinSubtree(overdue.regionPath, backup.regionPath)) {
        throw new UnprocessableError([{ field: 'reassignTo', rule: "must be an active colleague with the overdue task's role in the case's region" }]);
      }
    }
  }

  private async findInScope(em: EntityManager, user: AuthUser, taskId: string): Promise<Task> {
    const task = await em.findOne(Task, { id: taskId, regionPath: { $like: `${user.regionPath}%` } });
    if (!task) throw new NotFoundError(`no task ${taskId} in your region`);
    return task;
  }
}

/** Totals above this are shown as "10000+": counting a province's whole backlog on every page would cost more than it tells. */
export const COUNT_CAP = 10_000;

async function cappedCount(em: EntityManager, where: FilterQuery<Task>): Promise<number> {
  const sqlEm = em as unknown as SqlEntityManager;
  const capped = sqlEm.createQueryBuilder(Task).select('id').where(where as object).limit(COUNT_CAP + 1).getKnexQuery();
  const [row] = await sqlEm.getKnex().count('* as n').from(capped.as('capped'));
  return Number((row as { n: number | string }).n);
}

function view(t: Task) {
  return {
    id: t.id,
    applicationId: t.applicationId,
    caseNo: t.caseNo,
    step: t.step,
    stepLabel: STEP_LABELS[t.step] ?? t.step,
    role: t.role,
    round: t.round,
    regionCode: t.regionCode,
    status: t.status,
    rank: t.rank,
    urgent: t.rank < TASK_RANK.routine,
    escalationOf: t.escalationOf,
    assigneeId: t.assigneeId,
    dueAt: t.dueAt,
    dueWarning: t.dueWarning,
    overdue: t.overdue,
    createdAt: t.createdAt,
    closedAt: t.closedAt,
  };
}
