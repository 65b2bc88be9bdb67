import { Inject, Injectable, Optional } from '@nestjs/common';
import { MikroORM, raw, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { Application } from '../../../activities/application/application.entity';
import { Task, TASK_RANK, subtreeOf } from '../../../activities/tasks/task.entity';
import type { AuthUser } from '../auth/auth.types';
import type { AtRiskRule } from './at-risk-rule';
import { CASE_TASK_HANDLERS, type CaseTaskHandler } from './case-task-handler';

/** One line of the summary: the open work of one step of one case type. */
export interface StepCounts {
  caseType: string;
  step: string;
  open: number;
  overdue: number;
  atRisk: number;
  urgent: number;
  claimedByMe: number;
}

interface CountRow {
  case_type: string;
  step: string;
  n: number | string;
  overdue?: number | string | null;
  urgent?: number | string | null;
  mine?: number | string | null;
}

/**
 * Counts of the caller's open work by step, for the inbox's header: counted by the database (GROUP BY over the same
 * role + status + region-scope index the list reads), never by loading rows. At-risk counts use each case type's
 * rules (see AtRiskRule), one grouped count per rule.
 */
@Injectable()
export class InboxSummaryService {
  private readonly handlers: CaseTaskHandler[];

  constructor(
    private readonly orm: MikroORM,
    @Optional() @Inject(CASE_TASK_HANDLERS) handlers: CaseTaskHandler[] = [],
  ) {
    this.handlers = handlers;
  }

  async summary(user: AuthUser) {
    const em = this.orm.em.fork() as unknown as SqlEntityManager;
    const scope = subtreeOf(user.regionPath);
    const base: FilterQuery<Task> = { role: user.role, status: 'open', [scope.column]: scope.code };
    const rows: CountRow[] = await em
      .createQueryBuilder(Task, 't')
      .select([
        raw('t.case_type as case_type'),
        raw('t.step as step'),
        raw('count(*) as n'),
        raw('sum(case when t.overdue then 1 else 0 end) as overdue'),
        raw(`sum(case when t.rank < ${TASK_RANK.routine} then 1 else 0 end) as urgent`),
        raw('sum(case when t.assignee_id = ? then 1 else 0 end) as mine', [user.id]),
      ])
      .where(base as object)
      .groupBy(['t.caseType', 't.step'])
      .execute('all', false);
    const byKey = new Map<string, StepCounts>();
    for (const r of rows) {
      byKey.set(`${r.case_type}|${r.step}`, { caseType: r.case_type, step: r.step, open: Number(r.n), overdue: Number(r.overdue ?? 0), atRisk: 0, urgent: Number(r.urgent ?? 0), claimedByMe: Number(r.mine ?? 0) });
    }
    const now = Date.now();
    for (const handler of this.handlers) {
      if (![...byKey.values()].some((c) => c.caseType === handler.caseType)) continue;
      for (const rule of await handler.atRiskRules(em, now)) {
        for (const r of await this.countAtRisk(em, base, handler.caseType, rule)) {
          const line = byKey.get(`${r.case_type}|${r.step}`);
          if (line) line.atRisk += Number(r.n);
        }
      }
    }
    const byStep = [...byKey.values()].sort((a, b) => a.caseType.localeCompare(b.caseType) || a.step.localeCompare(b.step));
    return { byStep, total: byStep.reduce((n, c) => n + c.open, 0) };
  }

  private async countAtRisk(em: SqlEntityManager, base: FilterQuery<Task>, caseType: string, rule: AtRiskRule): Promise<CountRow[]> {
    const where: Record<string, unknown> = { ...(base as object), caseType, overdue: false, dueAt: { $lt: rule.before } };
    const steps: Record<string, unknown> = {};
    if (rule.steps) steps.$in = [...rule.steps];
    if (rule.notSteps) steps.$nin = [...rule.notSteps];
    if (rule.steps || rule.notSteps) where.step = steps;
    if (rule.policySnapshotIds) {
      where.caseId = { $in: em.createQueryBuilder(Application, 'a').select('a.id').where({ policySnapshotId: { $in: [...rule.policySnapshotIds] } }).getKnexQuery() };
    }
    return em
      .createQueryBuilder(Task, 't')
      .select([raw('t.case_type as case_type'), raw('t.step as step'), raw('count(*) as n')])
      .where(where)
      .groupBy(['t.caseType', 't.step'])
      .execute('all', false);
  }
}
