import type { Client } from '@temporalio/client';
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager as KnexEntityManager } from '@mikro-orm/knex';
import { openDatabase, dialectOf } from '../../activities/db/orm';
import { scratchDatabase } from './scratch-database';
import { Task, scopeOf, subtreeOf } from '../../activities/tasks/task.entity';
import { COUNT_CAP, InboxService } from '../api/inbox/inbox.service';
import type { AuthUser } from '../api/auth/auth.types';
import type { Role } from '../../workflows/domain/roles';
import { AuditLog } from '../../activities/audit/audit-log.service';

/**
 * npm run bench:inbox [-- --tasks 1000000 --runs 100 --explain]: loads a million open tasks spread over a province (10 cities × 10
 * counties × 20 townships × 10 villages) into a scratch database, then times the inbox query (the API's own
 * InboxService.list: filter by role and subtree, urgent first, oldest due, page of 20, with the total) for callers
 * at every level. SQLite by default; PostgreSQL when DATABASE_URL is set (a scratch database is created and dropped).
 */

const ROLES: [Role, number][] = [
  ['village_assistant', 0.1],
  ['township_clerk', 0.2],
  ['township_investigator', 0.3],
  ['township_reviewer', 0.2],
  ['county_approver', 0.15],
  ['administrator', 0.05],
];

function argument(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

function pick<T>(items: [T, number][], x: number): T {
  let acc = 0;
  for (const [item, weight] of items) if ((acc += weight) >= x) return item;
  return items[items.length - 1][0];
}

/** Deterministic pseudo-random numbers, so two runs load the same data. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function villagePath(n: number): string {
  const city = Math.floor(n / 2000) % 10;
  const county = Math.floor(n / 200) % 10;
  const township = Math.floor(n / 10) % 20;
  const village = n % 10;
  const p = '330000';
  const c = `33${String(city + 1).padStart(2, '0')}00`;
  const co = `33${String(city + 1).padStart(2, '0')}${String(county + 1).padStart(2, '0')}`;
  const t = `${co}${String(township + 1).padStart(3, '0')}`;
  const v = `${t}${String(village + 1).padStart(3, '0')}`;
  return `${p}/${c}/${co}/${t}/${v}/`;
}

async function load(orm: MikroORM, tasks: number, dialect: 'postgresql' | 'sqlite'): Promise<number> {
  const knex = (orm.em as KnexEntityManager).getKnex();
  const random = rng(20261122);
  const now = Date.now();
  const started = performance.now();
  const batch = 500;
  let trx = await knex.transaction();
  for (let offset = 0; offset < tasks; offset += batch) {
    if (offset % 50_000 === 0 && offset > 0) {
      await trx.commit();
      trx = await knex.transaction();
    }
    const rows = [];
    for (let i = offset; i < Math.min(tasks, offset + batch); i++) {
      const path = villagePath(Math.floor(random() * 20_000));
      const [p, c, co, t, v] = scopeOf(path);
      rows.push({
        id: `bench-${i}`,
        case_type: 'application',
        case_id: `app-${Math.floor(i / 3)}`,
        case_no: `DB-BENCH-${i}`,
        step: 'home_visit',
        role: pick(ROLES, random()),
        escalation_of: null,
        round: 1,
        region_code: v,
        region_path: path,
        scope_province: p,
        scope_city: c,
        scope_county: co,
        scope_township: t,
        scope_village: v,
        status: 'open',
        rank: random() < 0.03 ? 1 : 2,
        assignee_id: null,
        due_at: new Date(now + Math.floor((random() - 0.5) * 60 * 86_400_000)),
        due_warning: null,
        overdue: false,
        created_at: new Date(now),
      });
    }
    await trx('tasks').insert(rows);
  }
  await trx.commit();
  // What autovacuum does to a table that has taken inserts: statistics and, on PostgreSQL, the visibility map that
  // lets the capped count read the index alone.
  await knex.raw(dialect === 'postgresql' ? 'vacuum analyze tasks' : 'analyze');
  return performance.now() - started;
}

/** `--explain`: the plans of the page and the capped count at a level, as the database runs them (PostgreSQL). */
async function explain(orm: MikroORM, user: AuthUser): Promise<void> {
  const em = orm.em.fork() as KnexEntityManager;
  const scope = subtreeOf(user.regionPath);
  const where = { role: user.role, status: 'open', [scope.column]: scope.code };
  const page = em.createQueryBuilder(Task).select('*').where(where).orderBy({ rank: 'asc', dueAt: 'asc', id: 'asc' }).limit(20).getFormattedQuery();
  const count = em.createQueryBuilder(Task).select('id').where(where).limit(COUNT_CAP + 1).getFormattedQuery();
  for (const [name, sql] of [['page', page], ['count', `select count(*) from (${count}) capped`]]) {
    const rows = (await em.getConnection().execute(`explain (analyze, buffers) ${sql}`)) as Record<string, string>[];
    console.log(`    ${name}:\n${rows.map((r) => `      ${Object.values(r)[0]}`).join('\n')}`);
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function time(inbox: InboxService, user: AuthUser, page: number, runs: number): Promise<{ p50: number; p99: number; total: number }> {
  const samples: number[] = [];
  let total = 0;
  // A few unmeasured runs first: with 100 samples the p99 is the slowest one, which would otherwise be a cold cache.
  for (let i = 0; i < 5; i++) await inbox.list(user, { status: 'open', assigned: 'any', page, pageSize: 20 });
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const result = await inbox.list(user, { status: 'open', assigned: 'any', page, pageSize: 20 });
    samples.push(performance.now() - t0);
    total = result.totalIsExact ? result.total : -result.total;
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), total };
}

async function main(): Promise<void> {
  const tasks = argument('tasks', 1_000_000);
  const runs = argument('runs', 100);
  const { settings, cleanup } = await scratchDatabase('bench-inbox');
  const orm = await openDatabase(settings, { migrate: true });
  try {
    console.log(`loading ${tasks.toLocaleString('en')} open tasks into ${dialectOf(settings)}…`);
    const loadMs = await load(orm, tasks, dialectOf(settings));
    console.log(`loaded in ${(loadMs / 1000).toFixed(1)} s`);
    // Listing never calls Temporal: no client is needed.
    const inbox = new InboxService(orm, new AuditLog(), null as unknown as Client);
    const levels: [string, string][] = [
      ['village', '330000/330100/330101/330101001/330101001001/'],
      ['township', '330000/330100/330101/330101001/'],
      ['county', '330000/330100/330101/'],
      ['city', '330000/330100/'],
      ['province', '330000/'],
    ];
    console.log('inbox query (role township_investigator, open, urgent first then oldest due, 20 per page, with total):');
    for (const [level, path] of levels) {
      const user: AuthUser = { id: 'bench', username: 'bench', displayName: 'bench', role: 'township_investigator', regionCode: path.split('/').at(-2)!, regionPath: path };
      const first = await time(inbox, user, 1, runs);
      const deep = await time(inbox, user, 50, runs);
      if (process.argv.includes('--explain')) await explain(orm, user);
      console.log(
        `  ${level.padEnd(9)} ${(first.total < 0 ? `${-first.total - 1}+` : String(first.total)).padStart(7)} tasks  page 1: p50 ${first.p50.toFixed(1)} ms, p99 ${first.p99.toFixed(1)} ms   page 50: p50 ${deep.p50.toFixed(1)} ms, p99 ${deep.p99.toFixed(1)} ms`,
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
