import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager as KnexEntityManager, Knex } from '@mikro-orm/knex';
import { openDatabase, dialectOf } from '../../activities/db/orm';
import { scratchDatabase } from './scratch-database';
import { scopeOf } from '../../activities/tasks/task.entity';
import type { AuthUser } from '../api/auth/auth.types';
import type { CaseTaskHandler } from '../api/inbox/case-task-handler';
import { DashboardService } from '../api/stats/dashboard.service';
import { DrillDownService } from '../api/stats/drill-down.service';
import { SummaryService } from '../api/stats/summary.service';
import { currentMonth } from '../api/stats/stats-scope';

/**
 * npm run bench:stats [-- --tasks 1000000 --cases 1000000 --households 300000 --runs 5]: loads a province (10 cities
 * × 10 counties × 20 townships × 10 villages) into a scratch database — a million tasks (open and closed this month),
 * a million applications, recipient households with this month's entitlements and payments, lifecycle events and
 * 救急难 requests — then times the supervisors' dashboard, the monthly 汇总表 and a drill-down page (the API's own
 * services) for a county, a city and the province. SQLite by default; PostgreSQL when DATABASE_URL is set.
 */

function argument(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

/** Deterministic pseudo-random numbers, so two runs load the same data. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const VILLAGES = 20_000;

function codes(n: number): [string, string, string, string, string] {
  const city = Math.floor(n / 2000) % 10;
  const county = Math.floor(n / 200) % 10;
  const township = Math.floor(n / 10) % 20;
  const c = `33${String(city + 1).padStart(2, '0')}00`;
  const co = `33${String(city + 1).padStart(2, '0')}${String(county + 1).padStart(2, '0')}`;
  const t = `${co}${String(township + 1).padStart(3, '0')}`;
  return ['330000', c, co, t, `${t}${String((n % 10) + 1).padStart(3, '0')}`];
}

const pathOf = (n: number) => `${codes(n).join('/')}/`;

/** Inserts rows in batches inside transactions of 50,000; returns nothing. */
async function insert(knex: Knex, table: string, count: number, row: (i: number) => Record<string, unknown>): Promise<void> {
  const batch = 400;
  let trx = await knex.transaction();
  for (let offset = 0; offset < count; offset += batch) {
    if (offset % 50_000 === 0 && offset > 0) {
      await trx.commit();
      trx = await knex.transaction();
    }
    const rows = [];
    for (let i = offset; i < Math.min(count, offset + batch); i++) rows.push(row(i));
    await trx(table).insert(rows);
  }
  await trx.commit();
}

async function load(orm: MikroORM, sizes: { tasks: number; cases: number; households: number }, postgres: boolean): Promise<void> {
  const knex = (orm.em as KnexEntityManager).getKnex();
  const random = rng(20261130);
  const at = (ms: number) => (postgres ? new Date(ms) : ms);
  const bool = (b: boolean) => (postgres ? b : b ? 1 : 0);
  const now = Date.now();
  const month = currentMonth(now);
  const monthStart = Date.parse(`${month}-01T00:00:00+08:00`);

  const regions: Record<string, unknown>[] = [{ code: '330000', name: '浙江省', level: 'province', parent_code: null, path: '330000/', area: null }];
  const seen = new Set(['330000']);
  for (let n = 0; n < VILLAGES; n++) {
    const c = codes(n);
    ['city', 'county', 'township', 'village'].forEach((level, i) => {
      const code = c[i + 1]!;
      if (seen.has(code)) return;
      seen.add(code);
      regions.push({ code, name: `区划${code}`, level, parent_code: c[i], path: `${c.slice(0, i + 2).join('/')}/`, area: level === 'village' ? (n % 3 ? 'rural' : 'urban') : null });
    });
  }
  await insert(knex, 'regions', regions.length, (i) => regions[i]!);

  const STEPS = ['acceptance', 'home_visit', 'township_review', 'county_approval', 'filing'];
  await insert(knex, 'tasks', sizes.tasks, (i) => {
    const path = pathOf(Math.floor(random() * VILLAGES));
    const [p, c, co, t, v] = scopeOf(path);
    const open = random() < 0.7;
    const emergency = random() < 0.05;
    const created = now - Math.floor(random() * 20 * 86_400_000);
    const due = created + Math.floor(random() * 15 * 86_400_000);
    const closed = open ? null : Math.max(monthStart, created) + Math.floor(random() * 3 * 86_400_000);
    return {
      id: `bench-${i}`, case_type: emergency ? 'emergency' : 'application', case_id: `app-${Math.floor(i / 3)}`, case_no: `DB-BENCH-${i}`,
      step: emergency ? 'emergency_township_decision' : STEPS[i % STEPS.length], role: 'township_reviewer', escalation_of: null, round: 1,
      region_code: v, region_path: path, scope_province: p, scope_city: c, scope_county: co, scope_township: t, scope_village: v,
      status: open ? 'open' : 'completed', rank: emergency ? 0 : 2, assignee_id: null, due_at: at(due), due_warning: null, overdue: bool(due < now && open ? random() < 0.5 : closed !== null && closed > due),
      created_at: at(created), closed_at: closed === null ? null : at(closed), closed_by_id: null, submission_id: null,
    };
  });
  await insert(knex, 'applications', sizes.cases, (i) => {
    const n = Math.floor(random() * VILLAGES);
    const submitted = now - Math.floor(random() * 120 * 86_400_000);
    const decided = random() < 0.6;
    const status = decided ? (random() < 0.8 ? 'approved' : 'rejected') : 'in_progress';
    return {
      id: `a-${i}`, case_no: `DB-BENCH-A${i}`, household_id: `h-${i}`, program: 'dibao', region_code: codes(n)[4], region_path: pathOf(n), status, stage: decided ? 'decision' : 'home_visit',
      policy_snapshot_id: 'bench', missing_documents: '[]', relative_of_staff: bool(false), submitted_by_id: 'bench', submitted_at: at(submitted), workflow_started_at: at(submitted),
      overall_due_at: at(submitted + 30 * 86_400_000), overdue: bool(false), decided_at: decided ? at(submitted + Math.floor(random() * 50 * 86_400_000)) : null,
    };
  });
  const hhVillage = (i: number) => (i * 7919) % VILLAGES;
  await insert(knex, 'households', sizes.households, (i) => ({ id: `h-${i}`, region_code: codes(hhVillage(i))[4], region_path: pathOf(hhVillage(i)), area: hhVillage(i) % 3 ? 'rural' : 'urban', address: 'x', phone: null, bank_account: null, created_at: at(now) }));
  await insert(knex, 'recipients', sizes.households, (i) => ({
    id: `r-${i}`, household_id: `h-${i}`, application_id: `a-${i}`, program: 'dibao', region_code: codes(hhVillage(i))[4], region_path: pathOf(hhVillage(i)), status: i % 20 === 0 ? 'gradual_exit' : 'active',
    monthly_benefit_fen: 30_000 + (i % 50) * 1_000, basis: i % 9 === 0 ? 'single_person' : 'household', members_counted: 1 + (i % 4), start_month: i % 100 === 0 ? month : '2025-06', policy_snapshot_id: 'bench',
    category: 'other', created_at: at(now), area: hhVillage(i) % 3 ? 'rural' : 'urban', elderly_count: i % 3, minor_count: i % 2, disabled_count: i % 7 === 0 ? 1 : 0,
  }));
  await insert(knex, 'entitlements', sizes.households, (i) => ({ id: `e-${i}`, household_id: `h-${i}`, month, benefit_type: 'dibao', kind: i % 20 === 0 ? 'gradual_exit' : 'regular', reference: '', amount_fen: 30_000 + (i % 50) * 1_000, policy_snapshot_id: 'bench', derivation: '{}', recorded_at: at(now) }));
  await insert(knex, 'payments', sizes.households, (i) => ({ id: `p-${i}`, idempotency_key: `bench-${i}`, batch_id: 'bench', entitlement_id: `e-${i}`, household_id: `h-${i}`, township_code: codes(hhVillage(i))[3], month, amount_fen: 30_000 + (i % 50) * 1_000, status: 'released', released_at: at(now) }));
  await insert(knex, 'recipient_events', Math.floor(sizes.households / 10), (i) => ({ key: `ev-${i}`, household_id: `h-${i * 10}`, type: i % 2 ? 'notice' : 'status', code: ['increase', 'gradual_exit', 'decrease', 'terminated'][i % 4], effective_month: month, data: '{}', at: at(now) }));
  await insert(knex, 'emergency_requests', Math.floor(sizes.households / 15), (i) => {
    const n = hhVillage(i);
    const c = codes(n);
    return {
      id: `er-${i}`, case_no: `JJ-BENCH-${i}`, household_id: `h-${i}`, township_code: c[3], county_code: c[2], region_path: `${c.slice(0, 4).join('/')}/`, household_region_path: pathOf(n), raised_by_id: 'bench', raised_by_role: 'township_clerk',
      status: 'closed', event_type: 'fire', people_affected: 2, amount_asked_fen: 200_000, approved_fen: 150_000, paid_fen: 150_000, event_description: 'x', need: 'x', policy_snapshot_id: 'bench', created_at: at(monthStart + (i % 20) * 3_600_000),
    };
  });
  await knex.raw('analyze');
}

async function time<T>(runs: number, f: () => Promise<T>): Promise<{ p50: number; max: number; result: T }> {
  const samples: number[] = [];
  let result!: T;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = await f();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { p50: samples[Math.floor(samples.length / 2)]!, max: samples[samples.length - 1]!, result };
}

async function main(): Promise<void> {
  const sizes = { tasks: argument('tasks', 1_000_000), cases: argument('cases', 1_000_000), households: argument('households', 300_000) };
  const runs = argument('runs', 5);
  const { settings, cleanup } = await scratchDatabase('bench-stats');
  const orm = await openDatabase(settings, { migrate: true });
  try {
    const dialect = dialectOf(settings);
    console.log(`loading ${sizes.tasks.toLocaleString('en')} tasks, ${sizes.cases.toLocaleString('en')} applications, ${sizes.households.toLocaleString('en')} recipient households (ledger, payments) into ${dialect}…`);
    const t0 = performance.now();
    await load(orm, sizes, dialect === 'postgresql');
    console.log(`loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    // The at-risk rule of the application inbox, as its handler gives it: due within three days.
    const handler = { caseType: 'application', atRiskRules: async (_em: unknown, nowMs: number) => [{ before: new Date(nowMs + 3 * 86_400_000) }] } as unknown as CaseTaskHandler;
    const dashboards = new DashboardService(orm, [handler]);
    const drill = new DrillDownService(orm, dashboards);
    const summaries = new SummaryService(orm);
    const levels: [string, string][] = [
      ['county', '330000/330100/330101/'],
      ['city', '330000/330100/'],
      ['province', '330000/'],
    ];
    console.log(`median / slowest of ${runs} runs (ms):`);
    for (const [level, path] of levels) {
      const user: AuthUser = { id: 'bench', username: 'bench', displayName: 'bench', role: 'supervisor', regionCode: path.split('/').at(-2)!, regionPath: path };
      const dash = await time(runs, () => dashboards.dashboard(user, {}));
      const summary = await time(runs, () => summaries.summary(user, {}));
      const list = await time(runs, () => drill.cases(user, { metric: 'open_tasks', page: 1, pageSize: 20 }));
      const risk = await time(runs, () => drill.cases(user, { metric: 'at_risk_tasks', page: 1, pageSize: 20 }));
      console.log(
        `  ${level.padEnd(9)} open ${String(dash.result.openTasks.total).padStart(7)}  dashboard ${dash.p50.toFixed(0)} / ${dash.max.toFixed(0)}   汇总表 (${summary.result.rows.length} lines) ${summary.p50.toFixed(0)} / ${summary.max.toFixed(0)}   drill-down open p1 ${list.p50.toFixed(0)} / ${list.max.toFixed(0)}   at-risk p1 ${risk.p50.toFixed(0)} / ${risk.max.toFixed(0)}`,
      );
    }
  } finally {
    await orm.close(true);
    await cleanup();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
