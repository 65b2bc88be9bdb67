import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { Task, subtreeOf } from '../../../activities/tasks/task.entity';
import type { AuthUser } from '../auth/auth.types';
import { ConflictError, NoTaskError, PlatformError } from '../common/errors';
import { InboxService } from './inbox.service';
import { taskView } from './task-view';

/** Candidates read per round of "take next"; a round whose candidates were all taken by others reads the next ones. */
const CANDIDATES = 10;
const ROUNDS = 20;

/** One task's answer in a bulk claim: the same stable code a single claim would give. */
export interface ClaimResult {
  taskId: string;
  ok: boolean;
  code?: string;
}

/**
 * Claiming in quantity: "take next" and bulk claims. Both end in the same conditional update as a single claim
 * (only an open row whose assignee is still empty changes), so two people can never hold one task, however many
 * ask at once.
 */
@Injectable()
export class InboxClaimsService {
  constructor(
    private readonly orm: MikroORM,
    private readonly inbox: InboxService,
  ) {}

  /**
   * Claims the most urgent unclaimed task of the caller's role in their subtree: emergencies and escalations first,
   * then by due time, which puts overdue work (due time passed) before at-risk work (due soonest) before the rest, in
   * the order of the inbox index, so a candidate page is an index range read. A candidate
   * someone else claims in between, or one the caller must stay away from (近亲属回避), is skipped for the next.
   * @throws NoTaskError (404 no_task) when nothing is left to take
   */
  async takeNext(user: AuthUser) {
    const em = this.orm.em.fork();
    const scope = subtreeOf(user.regionPath);
    const passed: string[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const candidates = await em.find(
        Task,
        { role: user.role, status: 'open', assigneeId: null, [scope.column]: scope.code, ...(passed.length ? { id: { $nin: passed } } : {}) },
        { orderBy: { rank: 'asc', dueAt: 'asc', id: 'asc' }, limit: CANDIDATES },
      );
      if (candidates.length === 0) break;
      for (const task of candidates) {
        passed.push(task.id);
        if (await this.excluded(em, user, task)) continue;
        const won = await em.nativeUpdate(Task, { id: task.id, status: 'open', assigneeId: null }, { assigneeId: user.id });
        if (won === 1) return { ...(await taskView(em, await em.findOneOrFail(Task, task.id, { refresh: true }))), actingFor: null };
      }
    }
    throw new NoTaskError('no open task is waiting for your role in your region');
  }

  /** Claims each task in turn; one refusal never stops the others. */
  async claimMany(user: AuthUser, taskIds: string[]): Promise<{ results: ClaimResult[] }> {
    const results: ClaimResult[] = [];
    for (const taskId of taskIds) {
      try {
        await this.inbox.claim(user, taskId);
        results.push({ taskId, ok: true });
      } catch (err) {
        if (!(err instanceof PlatformError)) throw err;
        results.push({ taskId, ok: false, code: err.code });
      }
    }
    return { results };
  }

  private async excluded(em: ReturnType<MikroORM['em']['fork']>, user: AuthUser, task: Task): Promise<boolean> {
    try {
      await this.inbox.handlerOf(task).refuseExcluded(em, user, task);
      return false;
    } catch (err) {
      if (err instanceof ConflictError) return true;
      throw err;
    }
  }
}
