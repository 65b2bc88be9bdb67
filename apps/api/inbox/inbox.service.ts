import { regionInScope } from '../common/region-scope';
import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { MikroORM, type EntityManager, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { Submission } from '../../../activities/tasks/submission.entity';
import { Task, subtreeOf } from '../../../activities/tasks/task.entity';
import type { CaseType } from '../../../workflows/domain/cases';
import type { AuthUser } from '../auth/auth.types';
import { ConflictError, NotFoundError, PlatformError, UnavailableError } from '../common/errors';
import { Client } from '@temporalio/client';
import { earlierUpdateResult } from '../../../activities/temporal/prompt-calls';
import { canonicalJson } from '../../../config/policy/resolve';
import { CASE_TASK_HANDLERS, completionUpdateId, type CaseTaskHandler } from './case-task-handler';
import { decisionSchemaOf, mergeDecisionSchemas, type DecisionBody, type DecisionSchemas, type InboxQuery } from './decision.schemas';
import { parseOrFail } from '../common/zod.pipe';
import type { z } from 'zod';
import { taskView, taskViews } from './task-view';
import { AuditLog } from '../../../activities/audit/audit-log.service';
import { actingFor, recordActingFor } from './acting-for-decision';
import { coveredColleagues } from '../absences/acting-for';

/**
 * A role's inbox: the open tasks of the caller's role in their region subtree, urgent first, then oldest due.
 * Claiming is a conditional update (two people cannot hold one task); completing goes to the case's workflow, which
 * is the authority on wrong steps, wrong roles and stale tasks.
 */
@Injectable()
export class InboxService {
  private readonly handlers: Map<CaseType, CaseTaskHandler>;
  /** Every case type's decisions by step, and the schema that picks one by `step`. */
  readonly decisionSchemas: DecisionSchemas;
  private readonly decisions: z.ZodType<DecisionBody>;

  constructor(
    private readonly orm: MikroORM,
    private readonly audit: AuditLog,
    private readonly temporal: Client,
    @Optional() @Inject(CASE_TASK_HANDLERS) handlers: CaseTaskHandler[] = [],
  ) {
    this.handlers = new Map(handlers.map((h) => [h.caseType, h]));
    this.decisionSchemas = mergeDecisionSchemas(handlers.map((h) => h.decisions));
    this.decisions = decisionSchemaOf(this.decisionSchemas);
  }

  async list(user: AuthUser, query: InboxQuery) {
    const em = this.orm.em.fork();
    let path = user.regionPath;
    if (query.region) {
      path = (await regionInScope(em, user, query.region)).path;
    }
    const scope = subtreeOf(path);
    const where: FilterQuery<Task> = { role: user.role, status: query.status, [scope.column]: scope.code };
    if (query.step) where.step = query.step as Task['step'];
    if (query.overdue !== undefined) where.overdue = query.overdue;
    // AB岗: the claimed work of colleagues you cover today is yours to do.
    const coveredToday = coveredColleagues(em, user.id);
    if (query.assigned === 'me') {
      const covered = await coveredToday;
      where.assigneeId = covered.size ? { $in: [user.id, ...covered.keys()] } : user.id;
    }
    if (query.assigned === 'unassigned') where.assigneeId = null;
    // Independent reads go to the pool together (one round trip of latency, not four, on PostgreSQL).
    const [covered, rows, total] = await Promise.all([
      coveredToday,
      em.find(Task, where, { orderBy: { rank: 'asc', dueAt: 'asc', id: 'asc' }, limit: query.pageSize, offset: (query.page - 1) * query.pageSize }),
      cappedCount(em, where),
    ]);
    const [atRisk, views] = await Promise.all([this.atRisk(em, rows), taskViews(em, rows)]);
    return { items: views.map((t) => ({ ...t, atRisk: atRisk.has(t.id), actingFor: actingFor(t.assigneeId, covered) })), page: query.page, pageSize: query.pageSize, total, totalIsExact: total <= COUNT_CAP };
  }

  /** Due-soon flags, asked of each case type's handler for its own rows. */
  private async atRisk(em: EntityManager, rows: Task[]): Promise<Set<string>> {
    const flagged = new Set<string>();
    for (const handler of this.handlers.values()) {
      const own = rows.filter((t) => t.caseType === handler.caseType);
      if (own.length > 0) for (const id of await handler.atRisk(em, own)) flagged.add(id);
    }
    return flagged;
  }

  async get(user: AuthUser, taskId: string) {
    const em = this.orm.em.fork();
    const view = await taskView(em, await this.findInScope(em, user, taskId));
    return { ...view, actingFor: actingFor(view.assigneeId, await coveredColleagues(em, user.id)) };
  }

  /** The history of the task's case, whatever its case type, in one shape (oldest first). */
  async timeline(user: AuthUser, taskId: string) {
    const em = this.orm.em.fork();
    const task = await this.findInScope(em, user, taskId);
    return { caseType: task.caseType, caseId: task.caseId, events: await this.handlerOf(task).timeline(em, task.caseId) };
  }

  async claim(user: AuthUser, taskId: string) {
    const em = this.orm.em.fork();
    const task = await this.findInScope(em, user, taskId);
    if (task.role !== user.role) throw new ConflictError('wrong_role', `task ${taskId} belongs to role ${task.role}`);
    await this.handlerOf(task).refuseExcluded(em, user, task);
    // A task held by a colleague you cover today stays theirs: you decide it acting for them.
    const covered = task.assigneeId && task.status === 'open' ? await coveredColleagues(em, user.id) : new Map<string, string>();
    if (task.assigneeId && covered.has(task.assigneeId)) return { ...(await taskView(em, task)), actingFor: actingFor(task.assigneeId, covered) };
    const changed = await em.nativeUpdate(Task, { id: taskId, status: 'open', $or: [{ assigneeId: null }, { assigneeId: user.id }] }, { assigneeId: user.id });
    if (changed === 0) {
      const now = await em.findOneOrFail(Task, taskId, { refresh: true });
      throw now.status !== 'open' ? new ConflictError('stale_task', `task ${taskId} is ${now.status}`) : new ConflictError('claimed_by_other', `task ${taskId} is claimed by someone else`);
    }
    return { ...(await taskView(em, await em.findOneOrFail(Task, taskId, { refresh: true }))), actingFor: null };
  }

  async unclaim(user: AuthUser, taskId: string) {
    const em = this.orm.em.fork();
    await this.findInScope(em, user, taskId);
    const changed = await em.nativeUpdate(Task, { id: taskId, status: 'open', assigneeId: user.id }, { assigneeId: null });
    if (changed === 0) throw new ConflictError('not_claimed', `task ${taskId} is not claimed by you`);
    return { ...(await taskView(em, await em.findOneOrFail(Task, taskId, { refresh: true }))), actingFor: null };
  }

  /** Validates the body with its step's schema (400 naming each field), then sends it to the task's case. */
  async complete(user: AuthUser, taskId: string, raw: unknown) {
    const body = parseOrFail(this.decisions, raw);
    const em = this.orm.em.fork();
    const task = await this.findInScope(em, user, taskId);
    if (task.status !== 'open') return this.earlierAnswer(em, user, task, body);
    const actingForId = task.assigneeId && task.assigneeId !== user.id ? task.assigneeId : null;
    if (actingForId && !(await coveredColleagues(em, user.id)).has(actingForId)) throw new ConflictError('claimed_by_other', `task ${taskId} is claimed by someone else`);
    const handler = this.handlerOf(task);
    if (!Object.hasOwn(handler.decisions, body.step)) throw new ConflictError('wrong_step', `task ${taskId} is a ${task.step} task of a ${task.caseType} case, not ${body.step}`);
    const submission = new Submission({ id: randomUUID(), taskId, caseType: task.caseType, caseId: task.caseId, actorId: user.id, actorRole: user.role, payload: { ...body } });
    await handler.refuseExcluded(em, user, task).catch(async (err: unknown) => {
      // A relative deciding is kept as a refused attempt (步步有痕迹), for the auditor to follow up.
      if (err instanceof PlatformError) Object.assign(submission, { status: 'refused', refusal: `${err.code}: ${err.message}`.slice(0, 255) });
      await em.persistAndFlush(submission);
      throw err;
    });
    await handler.checkReferences(em, user, task, body);

    submission.actingForId = actingForId;
    if (actingForId) await recordActingFor(em, this.audit, user, task, submission);
    else await em.persistAndFlush(submission);
    let state: unknown;
    try {
      state = await handler.complete(user, task, body, submission.id);
    } catch (err) {
      // Temporal did not answer in time: the decision may still be taken, so its outcome stays unknown ('pending')
      // and a retry answers with what the workflow made of it.
      if (err instanceof UnavailableError) throw err;
      submission.status = 'refused';
      // The refusal's stable code leads, so auditors can find refused separation-of-duties attempts by it.
      const text = err instanceof Error ? err.message : String(err);
      submission.refusal = (err instanceof PlatformError ? `${err.code}: ${text}` : text).slice(0, 255);
      await em.flush();
      throw err;
    }
    // The case's workflow took the decision: it is answered even if marking the record fails (it stays 'pending',
    // which a retry resolves from the workflow).
    await em.nativeUpdate(Submission, { id: submission.id, status: 'pending' }, { status: 'accepted' }).catch(() => 0);
    return { taskId, submissionId: submission.id, case: state };
  }

  /**
   * A decision on a task that is no longer open: the same user sending the same decision again (a retry after a 503,
   * or a second click) gets what the workflow made of the first; anything else is stale.
   */
  private async earlierAnswer(em: EntityManager, user: AuthUser, task: Task, body: DecisionBody) {
    const stale = new ConflictError('stale_task', `task ${task.id} is ${task.status}`);
    const earlier = await em.findOne(Submission, { taskId: task.id, actorId: user.id, status: { $ne: 'refused' } }, { orderBy: { createdAt: 'desc' } });
    if (!earlier || canonicalJson(earlier.payload) !== canonicalJson(body)) throw stale;
    const state = await earlierUpdateResult(this.temporal, this.handlerOf(task).workflowId(task), completionUpdateId(task.id, user.id)).catch(() => {
      throw stale;
    });
    await em.nativeUpdate(Submission, { id: earlier.id, status: 'pending' }, { status: 'accepted' });
    return { taskId: task.id, submissionId: earlier.id, case: state };
  }

  /** The handler of the task's case type (who must stay away from it, which workflow decides it). */
  handlerOf(task: Task): CaseTaskHandler {
    const handler = this.handlers.get(task.caseType);
    if (!handler) throw new Error(`no task handler for case type ${task.caseType}`);
    return handler;
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
