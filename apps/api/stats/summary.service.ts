import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { Region } from '../../../activities/regions/region.entity';
import { REGION_LEVELS } from '../../../config/regions/region.schema';
import type { AuthUser } from '../auth/auth.types';
import { PAID_STATUSES, taskScopeColumn } from './stats-metrics';
import { currentMonth, resolveScope } from './stats-scope';
import { num, statsSql, underPath, type StatsSql } from './stats-sql';
import { SUMMARY_FIELDS, emptyFigures, type SummaryFigures, type SummaryRow } from './summary-row';

type Row = Record<string, unknown>;

/** Levels below the asked region that get their own line (with their subtotal) in the 汇总表. */
const LEVELS_SHOWN = 2;

/** The first instant of a month in Asia/Shanghai, and of the next. */
export function monthRange(month: string): { from: Date; to: Date } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const shift = 8 * 3_600_000;
  return { from: new Date(Date.UTC(y, m - 1, 1) - shift), to: new Date(Date.UTC(y, m, 1) - shift) };
}

/**
 * The monthly 汇总表 a civil-affairs bureau reports upward: one line per region of the subtree (two levels down),
 * each the total of everything beneath it, the asked region's line the grand total. Each figure is one GROUP BY over
 * region paths in the database (recipients' plain person counts, the month's entitlements, lifecycle events,
 * payments, 救急难 requests and closed tasks); only the grouped rows (one per village at most) come back, and are
 * added up the tree here.
 *
 * "On 低保 in the month" means an entitlement row of the month (regular or 渐退): the ledger is the month's truth,
 * whatever the household's status is today. Persons by category come from the counts kept on the recipient row at
 * enrolment (see person-counts.ts), never from decrypted members.
 */
@Injectable()
export class SummaryService {
  constructor(private readonly orm: MikroORM) {}

  async summary(user: AuthUser, query: { region?: string; month?: string }): Promise<{ region: { code: string; name: string }; month: string; rows: SummaryRow[]; total: SummaryRow }> {
    const em = this.orm.em.fork() as unknown as SqlEntityManager;
    const scope = await resolveScope(em, user, query.region);
    const month = query.month ?? currentMonth();
    const sql = statsSql(em);
    const figures = new Map<string, SummaryFigures>();
    const at = (path: string) => {
      let f = figures.get(path);
      if (!f) figures.set(path, (f = emptyFigures()));
      return f;
    };
    for (const [path, add] of await this.collect(sql, scope.path, month)) add(at(path));

    const depth = scope.depth;
    const levels = REGION_LEVELS.slice(depth, depth + LEVELS_SHOWN);
    const regions = levels.length ? await em.find(Region, { ...(scope.path ? { path: { $like: `${scope.path}%` } } : {}), level: { $in: [...levels] } }, { fields: ['code', 'name', 'path', 'level'], orderBy: { path: 'asc' } }) : [];
    const lines = [{ code: scope.code, name: scope.name, path: scope.path, level: scope.level as string }, ...regions.map((r) => ({ code: r.code, name: r.name, path: r.path, level: r.level as string }))];
    const totals = new Map(lines.map((l) => [l.path, emptyFigures()]));
    // Each grouped row counts in every line whose region contains it.
    for (const [path, f] of figures) {
      for (const l of lines) if (path.startsWith(l.path)) addInto(totals.get(l.path)!, f);
    }
    const rows = lines.map((l) => ({ code: l.code, name: l.name, level: l.level, depth: l.path.split('/').filter(Boolean).length - depth, ...withRate(totals.get(l.path)!) }));
    return { region: { code: scope.code, name: scope.name }, month, total: rows[0]!, rows: rows.slice(1) };
  }

  /** Every grouped query of the month: per region path, a function adding its figures. */
  private async collect(sql: StatsSql, path: string, month: string): Promise<[string, (f: SummaryFigures) => void][]> {
    const { knex } = sql;
    const out: [string, (f: SummaryFigures) => void][] = [];
    const onDibao = (await underPath(sql, 
      knex('entitlements as e')
        .join('recipients as r', (j) => j.on('r.household_id', 'e.household_id').andOn('r.start_month', '<=', 'e.month'))
        .where('e.month', month)
        .whereIn('e.kind', ['regular', 'gradual_exit']),
      'r.region_path',
      path,
      false,
    )
      .select('r.region_path as path', 'r.area as area')
      .count({ households: '*' })
      .sum({ persons: 'r.members_counted', elderly: 'r.elderly_count', minors: 'r.minor_count', disabled: 'r.disabled_count' })
      .select(knex.raw(`sum(case when r.basis = 'single_person' then 1 else 0 end) as single`))
      .groupBy('r.region_path', 'r.area')) as Row[];
    for (const r of onDibao) {
      const urban = r.area === 'urban';
      out.push([String(r.path), (f) => {
        f[urban ? 'householdsUrban' : 'householdsRural'] += num(r.households);
        f[urban ? 'personsUrban' : 'personsRural'] += num(r.persons);
        f.elderly += num(r.elderly);
        f.minors += num(r.minors);
        f.disabled += num(r.disabled);
        f.singlePerson += num(r.single);
      }]);
    }
    const started = (await underPath(sql, knex('recipients as r').where('r.start_month', month), 'r.region_path', path, false).select('r.region_path as path').count({ n: '*' }).groupBy('r.region_path')) as Row[];
    for (const r of started) out.push([String(r.path), (f) => void (f.newHouseholds += num(r.n))]);

    const events = (await underPath(sql, 
      knex('recipient_events as ev')
        .join('households as h', 'h.id', 'ev.household_id')
        .where('ev.effective_month', month)
        .where((w) => w.where((n) => n.where('ev.type', 'notice').whereIn('ev.code', ['increase', 'decrease'])).orWhere((s) => s.where('ev.type', 'status').whereIn('ev.code', ['gradual_exit', 'terminated']))),
      'h.region_path',
      path,
      false,
    )
      .select('h.region_path as path', 'ev.code as code')
      .count({ n: '*' })
      .groupBy('h.region_path', 'ev.code')) as Row[];
    const EVENT_FIELD = { increase: 'increased', decrease: 'decreased', gradual_exit: 'gradualExit', terminated: 'exited' } as const;
    for (const r of events) out.push([String(r.path), (f) => void (f[EVENT_FIELD[r.code as keyof typeof EVENT_FIELD]] += num(r.n))]);

    const paid = (await underPath(sql, knex('payments as p').join('households as h', 'h.id', 'p.household_id').whereIn('p.status', PAID_STATUSES).whereBetween('p.month', [`${month.slice(0, 4)}-01`, month]), 'h.region_path', path, false)
      .select('h.region_path as path')
      .select(knex.raw('sum(case when p.month = ? then p.amount_fen else 0 end) as month_fen', [month]))
      .sum({ year_fen: 'p.amount_fen' })
      .groupBy('h.region_path')) as Row[];
    for (const r of paid) out.push([String(r.path), (f) => {
      f.expenditureMonthFen += num(r.month_fen);
      f.expenditureYearFen += num(r.year_fen);
    }]);

    const { from, to } = monthRange(month);
    const emergencies = (await underPath(sql, knex('emergency_requests as er').where('er.created_at', '>=', sql.at(from)).where('er.created_at', '<', sql.at(to)), 'er.household_region_path', path, false)
      .select('er.household_region_path as path')
      .count({ n: '*' })
      .select(knex.raw('sum(coalesce(er.paid_fen, 0)) as fen'))
      .groupBy('er.household_region_path')) as Row[];
    for (const r of emergencies) out.push([String(r.path), (f) => {
      f.emergencyCount += num(r.n);
      f.emergencyFen += num(r.fen);
    }]);

    // Tasks carry the code of every level: the subtree is an equality on the level's column (an indexed prefix).
    const codes = path.split('/').filter(Boolean);
    const closedQb = knex('tasks as t').where('t.status', 'completed').where('t.closed_at', '>=', sql.at(from)).where('t.closed_at', '<', sql.at(to));
    if (codes.length) closedQb.where(taskScopeColumn(codes.length), codes[codes.length - 1]!);
    const closed = (await closedQb
      .select('t.region_path as path')
      .count({ n: '*' })
      .select(knex.raw('sum(case when t.overdue then 1 else 0 end) as late'))
      .groupBy('t.region_path')) as Row[];
    for (const r of closed) out.push([String(r.path), (f) => {
      f.tasksClosed += num(r.n);
      f.tasksOverdue += num(r.late);
    }]);
    return out;
  }
}

function addInto(into: SummaryFigures, f: SummaryFigures): void {
  for (const k of SUMMARY_FIELDS) into[k] += f[k];
}

function withRate(f: SummaryFigures): SummaryFigures & { overdueRate: number | null } {
  return { ...f, overdueRate: f.tasksClosed ? f.tasksOverdue / f.tasksClosed : null };
}
