import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { Region } from '../../../activities/regions/region.entity';
import type { AuthUser } from '../auth/auth.types';
import { DashboardService } from './dashboard.service';
import { metricQuery, type MetricFilter } from './stats-metrics';
import { resolveScope } from './stats-scope';
import { num, statsSql } from './stats-sql';

/** One case behind a dashboard number: codes and dates only, never a person's name or ID number. */
export interface DrillRow {
  caseType: string;
  caseId: string;
  caseNo: string | null;
  regionCode: string;
  regionName: string | null;
  step: string | null;
  status: string | null;
  at: string | null;
  amountFen: number | null;
}

type Row = Record<string, unknown>;

/** Rows per page of an export of the cases behind a number. */
const EXPORT_PAGE = 1000;

async function named(em: SqlEntityManager, rows: DrillRow[]): Promise<DrillRow[]> {
  const names = new Map((await em.find(Region, { code: { $in: [...new Set(rows.map((i) => i.regionCode))] } }, { fields: ['code', 'name'] })).map((r) => [r.code, r.name]));
  return rows.map((i) => ({ ...i, regionName: names.get(i.regionCode) ?? null }));
}

function iso(value: unknown): string | null {
  if (value == null) return null;
  return new Date(value instanceof Date ? value : Number.isFinite(Number(value)) ? Number(value) : String(value)).toISOString();
}

/**
 * The cases behind a dashboard number: the metric's own predicate (stats-metrics.ts), paged by id, with the exact
 * total — so the list the number opens has exactly that many lines.
 */
@Injectable()
export class DrillDownService {
  constructor(
    private readonly orm: MikroORM,
    private readonly dashboard: DashboardService,
  ) {}

  async cases(user: AuthUser, query: MetricFilter & { region?: string; page: number; pageSize: number }) {
    const em = this.orm.em.fork() as unknown as SqlEntityManager;
    const scope = await resolveScope(em, user, query.region);
    const sql = statsSql(em);
    const rules = await this.dashboard.atRiskRules(em, Date.now());
    const base = () => metricQuery(sql, scope, query, rules);
    const total = num(((await base().count({ n: '*' })) as Row[])[0]?.n);
    const page = base().limit(query.pageSize).offset((query.page - 1) * query.pageSize);
    const items = await named(em, (await this.page(page, query.metric)).map((r) => r.row));
    return { region: { code: scope.code, name: scope.name }, total, page: query.page, pageSize: query.pageSize, items };
  }

  /**
   * Every case behind a number, in keyset pages on the metric's row id (an export of a province's backlog streams);
   * the scope is checked before the first row, so a 404 comes before any file.
   */
  async casePages(user: AuthUser, filter: MetricFilter & { region?: string }): Promise<{ region: { code: string; name: string }; pages: AsyncIterable<DrillRow[]> }> {
    const em = this.orm.em.fork() as unknown as SqlEntityManager;
    const scope = await resolveScope(em, user, filter.region);
    const sql = statsSql(em);
    const rules = await this.dashboard.atRiskRules(em, Date.now());
    const idColumn = { open_tasks: 't.id', overdue_tasks: 't.id', at_risk_tasks: 't.id', emergency_response: 't.id', decisions: 'a.id', outcomes: 'a.id', recipients: 'r.id', payments: 'p.id' }[filter.metric];
    const self = this;
    async function* pages(): AsyncIterable<DrillRow[]> {
      let after: string | undefined;
      for (;;) {
        const qb = metricQuery(sql, scope, filter, rules).limit(EXPORT_PAGE);
        if (after !== undefined) qb.where(idColumn, '>', after);
        const rows = await self.page(qb, filter.metric);
        if (rows.length === 0) return;
        yield named(em, rows.map((r) => r.row));
        after = rows[rows.length - 1]!.rowId;
        if (rows.length < EXPORT_PAGE) return;
      }
    }
    return { region: { code: scope.code, name: scope.name }, pages: pages() };
  }

  private async page(qb: ReturnType<typeof metricQuery>, metric: MetricFilter['metric']): Promise<{ rowId: string; row: DrillRow }[]> {
    const keyed = (r: Row, d: Partial<DrillRow>) => ({ rowId: String(r.id), row: { caseType: '', caseId: '', caseNo: null, regionCode: '', regionName: null, step: null, status: null, at: null, amountFen: null, ...d } });
    switch (metric) {
      case 'open_tasks':
      case 'overdue_tasks':
      case 'at_risk_tasks':
      case 'emergency_response': {
        const rows = (await qb.select('t.id', 't.case_type', 't.case_id', 't.case_no', 't.step', 't.status', 't.region_code', 't.due_at', 't.closed_at').orderBy('t.id')) as Row[];
        return rows.map((r) => keyed(r, { caseType: String(r.case_type), caseId: String(r.case_id), caseNo: String(r.case_no), step: String(r.step), status: String(r.status), regionCode: String(r.region_code), at: iso(metric === 'emergency_response' ? r.closed_at : r.due_at) }));
      }
      case 'decisions':
      case 'outcomes': {
        const rows = (await qb.select('a.id', 'a.case_no', 'a.status', 'a.region_code', 'a.submitted_at', 'a.decided_at').orderBy('a.id')) as Row[];
        return rows.map((r) => keyed(r, { caseType: 'application', caseId: String(r.id), caseNo: String(r.case_no), status: String(r.status), regionCode: String(r.region_code), at: iso(r.decided_at ?? r.submitted_at) }));
      }
      case 'recipients': {
        const rows = (await qb.leftJoin('applications as a', 'a.id', 'r.application_id').select('r.id', 'r.household_id', 'a.case_no', 'r.status', 'r.region_code', 'r.monthly_benefit_fen', 'r.start_month').orderBy('r.id')) as Row[];
        return rows.map((r) => keyed(r, { caseType: 'recipient', caseId: String(r.household_id), caseNo: r.case_no == null ? null : String(r.case_no), status: String(r.status), regionCode: String(r.region_code), amountFen: num(r.monthly_benefit_fen), at: null }));
      }
      case 'payments': {
        const rows = (await qb.select('p.id', 'p.batch_id', 'p.household_id', 'p.month', 'p.amount_fen', 'p.status', 'h.region_code').orderBy('p.id')) as Row[];
        return rows.map((r) => keyed(r, { caseType: 'payment', caseId: String(r.batch_id), caseNo: String(r.month), status: String(r.status), regionCode: String(r.region_code), amountFen: num(r.amount_fen) }));
      }
    }
  }
}
