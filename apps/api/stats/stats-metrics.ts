import type { Knex } from '@mikro-orm/knex';
import { SCOPE_COLUMNS } from '../../../activities/tasks/task.entity';
import type { AtRiskRule } from '../inbox/at-risk-rule';
import { underPath, type StatsSql } from './stats-sql';

/** Every dashboard number is one of these metrics, optionally narrowed by a key (bucket, status, month) and a step. */
export const STATS_METRICS = ['open_tasks', 'overdue_tasks', 'at_risk_tasks', 'decisions', 'outcomes', 'recipients', 'emergency_response', 'payments'] as const;
export type StatsMetric = (typeof STATS_METRICS)[number];

/** Where a metric counts: a region's materialized path and depth (0 for the whole tree, 1 province … 5 village). */
export interface StatsScope {
  path: string;
  depth: number;
  code: string;
}

export interface MetricFilter {
  metric: StatsMetric;
  key?: string;
  step?: string;
}

/** At-risk rules of each case type's inbox handler, the same the inbox flags its rows with. */
export type AtRiskRules = { caseType: string; rule: AtRiskRule }[];

/** Days from application to decision, in the buckets the dashboard's distribution shows. */
export const DECISION_BUCKETS = [
  { key: '0-10', maxHours: 240 },
  { key: '10-20', maxHours: 480 },
  { key: '20-30', maxHours: 720 },
  { key: '30-60', maxHours: 1440 },
  { key: '60+', maxHours: null },
] as const;

/** Hours from a 救急难 request's decision task opening to its decision. */
export const EMERGENCY_BUCKETS = [
  { key: '0-24', maxHours: 24 },
  { key: '24-48', maxHours: 48 },
  { key: '48-72', maxHours: 72 },
  { key: '72+', maxHours: null },
] as const;

export const EMERGENCY_DECISION_STEPS = ['emergency_township_decision', 'emergency_county_decision'];
export const PAID_STATUSES = ['released', 'paid'];

export function bucketExpr(hours: string, buckets: readonly { key: string; maxHours: number | null }[]): string {
  const whens = buckets.filter((b) => b.maxHours !== null).map((b) => `when ${hours} <= ${b.maxHours} then '${b.key}'`);
  return `(case ${whens.join(' ')} else '${buckets[buckets.length - 1]!.key}' end)`;
}

function taskScope(qb: Knex.QueryBuilder, scope: StatsScope): Knex.QueryBuilder {
  return scope.depth === 0 ? qb : qb.where(`t.${snake(SCOPE_COLUMNS[scope.depth - 1]!)}`, scope.code);
}

function snake(property: string): string {
  return property.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** The scope column of the tasks table at a depth (1 province … 5 village), for GROUP BY by child region. */
export function taskScopeColumn(depth: number): string {
  return `t.${snake(SCOPE_COLUMNS[depth - 1]!)}`;
}

/**
 * The FROM and WHERE of a metric: the one predicate both the dashboard's grouped counts and the drill-down list
 * use, so a number always equals the length of the list it opens. The caller adds SELECT, GROUP BY or paging.
 */
export function metricQuery(sql: StatsSql, scope: StatsScope, filter: MetricFilter, rules: AtRiskRules): Knex.QueryBuilder {
  const { knex } = sql;
  const key = filter.key;
  switch (filter.metric) {
    case 'open_tasks':
    case 'overdue_tasks':
    case 'at_risk_tasks': {
      const qb = taskScope(knex('tasks as t').where('t.status', 'open'), scope);
      if (filter.step) qb.where('t.step', filter.step);
      if (filter.metric === 'overdue_tasks') qb.whereRaw('t.overdue');
      if (filter.metric === 'at_risk_tasks') atRisk(sql, qb, rules);
      return qb;
    }
    case 'decisions': {
      const qb = underPath(sql, knex('applications as a').whereNotNull('a.decided_at'), 'a.region_path', scope.path);
      return durationKey(qb, key, sql.hoursBetween('a.submitted_at', 'a.decided_at'), DECISION_BUCKETS, 'a.decided_at', 'a.overall_due_at');
    }
    case 'outcomes': {
      const qb = underPath(sql, knex('applications as a'), 'a.region_path', scope.path);
      return key ? qb.where('a.status', key) : qb;
    }
    case 'recipients': {
      const qb = underPath(sql, knex('recipients as r'), 'r.region_path', scope.path);
      return key ? qb.where('r.status', key) : qb;
    }
    case 'emergency_response': {
      const qb = taskScope(knex('tasks as t').where('t.case_type', 'emergency').where('t.status', 'completed').whereIn('t.step', EMERGENCY_DECISION_STEPS).whereNotNull('t.closed_at'), scope);
      return durationKey(qb, key, sql.hoursBetween('t.created_at', 't.closed_at'), EMERGENCY_BUCKETS, 't.closed_at', 't.due_at');
    }
    case 'payments': {
      const qb = underPath(sql, knex('payments as p').join('households as h', 'h.id', 'p.household_id').whereIn('p.status', PAID_STATUSES), 'h.region_path', scope.path);
      return key ? qb.where('p.month', key) : qb;
    }
  }
}

/** A duration metric narrowed by a bucket key, or by `within_limit` / `over_limit` against its deadline column. */
function durationKey(qb: Knex.QueryBuilder, key: string | undefined, hours: string, buckets: readonly { key: string; maxHours: number | null }[], doneAt: string, dueAt: string): Knex.QueryBuilder {
  if (!key) return qb;
  if (key === 'within_limit') return qb.whereNotNull(dueAt).whereRaw(`${doneAt} <= ${dueAt}`);
  if (key === 'over_limit') return qb.whereNotNull(dueAt).whereRaw(`${doneAt} > ${dueAt}`);
  return qb.whereRaw(`${bucketExpr(hours, buckets)} = ?`, [key]);
}

/** Open, not overdue, and due before one of its case type's at-risk cut-offs (see AtRiskRule). */
function atRisk(sql: StatsSql, qb: Knex.QueryBuilder, rules: AtRiskRules): void {
  qb.whereRaw('not t.overdue');
  qb.where((or) => {
    if (rules.length === 0) or.whereRaw('1 = 0');
    for (const { caseType, rule } of rules) {
      or.orWhere((one) => {
        one.where('t.case_type', caseType).where('t.due_at', '<', sql.at(rule.before));
        if (rule.steps) one.whereIn('t.step', [...rule.steps]);
        if (rule.notSteps) one.whereNotIn('t.step', [...rule.notSteps]);
        if (rule.policySnapshotIds) one.whereIn('t.case_id', sql.knex('applications').select('id').whereIn('policy_snapshot_id', [...rule.policySnapshotIds]));
      });
    }
  });
}
