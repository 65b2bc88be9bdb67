import { Inject, Injectable, Optional } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import type { Knex } from '@mikro-orm/knex';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import type { AuthUser } from '../auth/auth.types';
import { CASE_TASK_HANDLERS, type CaseTaskHandler } from '../inbox/case-task-handler';
import { DECISION_BUCKETS, EMERGENCY_BUCKETS, bucketExpr, metricQuery, taskScopeColumn, type AtRiskRules, type MetricFilter } from './stats-metrics';
import { currentMonth, monthsEnding, resolveScope, type ResolvedScope } from './stats-scope';
import { childLevel, childPathLength, codeOfPath, num, statsSql, type StatsSql } from './stats-sql';

type Row = Record<string, unknown>;

/**
 * Supervisors' dashboards: every figure is a GROUP BY over one metric's predicate (stats-metrics.ts) in the caller's
 * region subtree, read from indexes (task scope columns, region paths, months) — no case is loaded into the process.
 * Each figure carries what the drill-down needs (metric, key, step, region) to list exactly the cases it counted.
 */
@Injectable()
export class DashboardService {
  private readonly handlers: CaseTaskHandler[];

  constructor(
    private readonly orm: MikroORM,
    @Optional() @Inject(CASE_TASK_HANDLERS) handlers: CaseTaskHandler[] = [],
  ) {
    this.handlers = handlers;
  }

  /** The at-risk cut-offs of every case type, as of `now` (the inbox's own rules). */
  async atRiskRules(em: SqlEntityManager, now: number): Promise<AtRiskRules> {
    const rules: AtRiskRules = [];
    for (const handler of this.handlers) for (const rule of await handler.atRiskRules(em, now)) rules.push({ caseType: handler.caseType, rule });
    return rules;
  }

  async dashboard(user: AuthUser, query: { region?: string; month?: string }) {
    const em = this.orm.em.fork() as unknown as SqlEntityManager;
    const scope = await resolveScope(em, user, query.region);
    const sql = statsSql(em);
    const rules = await this.atRiskRules(em, Date.now());
    const month = query.month ?? currentMonth();
    const q = (filter: MetricFilter) => metricQuery(sql, scope, filter, rules);
    const byArea = (filter: MetricFilter) => this.byArea(sql, scope, filter, rules);
    const count = async (filter: MetricFilter) => num(((await q(filter).count({ n: '*' })) as Row[])[0]?.n);

    const byStep = (await q({ metric: 'open_tasks' }).select('t.case_type', 't.step').count({ n: '*' }).groupBy('t.case_type', 't.step').orderBy(['t.case_type', 't.step'])) as Row[];
    const months = monthsEnding(month, 12);
    const paidByMonth = (await q({ metric: 'payments' }).whereBetween('p.month', [months[0]!, month]).select('p.month').count({ n: '*' }).sum({ fen: 'p.amount_fen' }).groupBy('p.month')) as Row[];
    const paid = new Map(paidByMonth.map((r) => [String(r.month), r]));
    return {
      region: { code: scope.code, name: scope.name, level: scope.level },
      month,
      areas: scope.children.map(({ code, name }) => ({ code, name })),
      openTasks: {
        total: await count({ metric: 'open_tasks' }),
        byStep: byStep.map((r) => ({ caseType: String(r.case_type), step: String(r.step), n: num(r.n) })),
        byArea: await byArea({ metric: 'open_tasks' }),
      },
      overdue: { total: await count({ metric: 'overdue_tasks' }), byArea: await byArea({ metric: 'overdue_tasks' }) },
      atRisk: { total: await count({ metric: 'at_risk_tasks' }), byArea: await byArea({ metric: 'at_risk_tasks' }) },
      decisionTime: await this.duration(q({ metric: 'decisions' }), sql.hoursBetween('a.submitted_at', 'a.decided_at'), DECISION_BUCKETS, 'a.decided_at', 'a.overall_due_at'),
      outcomes: await this.byKey(q({ metric: 'outcomes' }), 'a.status'),
      recipients: await this.byKey(q({ metric: 'recipients' }), 'r.status'),
      emergencyResponse: await this.duration(q({ metric: 'emergency_response' }), sql.hoursBetween('t.created_at', 't.closed_at'), EMERGENCY_BUCKETS, 't.closed_at', 't.due_at'),
      payments: {
        byMonth: months.map((m) => ({ month: m, n: num(paid.get(m)?.n), amountFen: num(paid.get(m)?.fen) })),
        byArea: await byArea({ metric: 'payments', key: month }),
      },
    };
  }

  /** A metric counted per region one level down (tasks by their scope column, the rest by region-path prefix). */
  private async byArea(sql: StatsSql, scope: ResolvedScope, filter: MetricFilter, rules: AtRiskRules) {
    const level = childLevel(scope.level);
    if (!level) return [];
    const qb = metricQuery(sql, scope, filter, rules);
    const tasks = filter.metric.endsWith('_tasks');
    const pathColumn = filter.metric === 'payments' ? 'h.region_path' : 'a.region_path';
    const area = tasks ? taskScopeColumn(scope.depth + 1) : `substr(${pathColumn}, 1, ${childPathLength(scope.path, level)})`;
    qb.select(sql.knex.raw(`${area} as area`)).count({ n: '*' }).groupBy(sql.knex.raw(area));
    if (filter.metric === 'payments') qb.sum({ fen: 'p.amount_fen' });
    const rows = (await qb) as Row[];
    const byCode = new Map(rows.map((r) => [tasks ? String(r.area) : codeOfPath(String(r.area)), r]));
    return scope.children.map((c) => ({ code: c.code, n: num(byCode.get(c.code)?.n), ...(filter.metric === 'payments' ? { amountFen: num(byCode.get(c.code)?.fen) } : {}) }));
  }

  private async byKey(qb: Knex.QueryBuilder, column: string) {
    const rows = (await qb.select(`${column} as k`).count({ n: '*' }).groupBy(column).orderBy(column)) as Row[];
    return rows.map((r) => ({ key: String(r.k), n: num(r.n) }));
  }

  /** A duration's distribution over buckets, and how many finished within and after their deadline. */
  private async duration(qb: Knex.QueryBuilder, hours: string, buckets: readonly { key: string; maxHours: number | null }[], doneAt: string, dueAt: string) {
    const expr = bucketExpr(hours, buckets);
    const rows = (await qb
      .clone()
      .select(qb.client.raw(`${expr} as k`))
      .count({ n: '*' })
      .select(qb.client.raw(`sum(case when ${dueAt} is not null and ${doneAt} <= ${dueAt} then 1 else 0 end) as within_limit`))
      .select(qb.client.raw(`sum(case when ${dueAt} is not null and ${doneAt} > ${dueAt} then 1 else 0 end) as over_limit`))
      .groupBy(qb.client.raw(expr))) as Row[];
    const byKey = new Map(rows.map((r) => [String(r.k), num(r.n)]));
    return {
      total: rows.reduce((n, r) => n + num(r.n), 0),
      withinLimit: rows.reduce((n, r) => n + num(r.within_limit), 0),
      overLimit: rows.reduce((n, r) => n + num(r.over_limit), 0),
      buckets: buckets.map((b) => ({ key: b.key, n: byKey.get(b.key) ?? 0 })),
    };
  }
}
