import type { EntityManager, FilterQuery, MikroORM } from '@mikro-orm/core';
import { Application } from '../../../activities/application/application.entity';
import { Region } from '../../../activities/regions/region.entity';
import { Task, subtreeOf } from '../../../activities/tasks/task.entity';
import type { AuthUser } from '../auth/auth.types';
import { coveredColleagues } from '../absences/acting-for';
import { regionInScope } from '../common/region-scope';
import type { InboxQuery } from '../inbox/decision.schemas';

/** Rows read per page of an export: each page is one indexed range read, so a province's list streams. */
const PAGE = 1000;

/** A row with its region's name, looked up once per page. */
export type Named<T> = T & { regionName: string };

async function withNames<T extends { regionCode: string }>(em: EntityManager, rows: T[]): Promise<Named<T>[]> {
  const names = new Map((await em.find(Region, { code: { $in: [...new Set(rows.map((r) => r.regionCode))] } }, { fields: ['code', 'name'] })).map((r) => [r.code, r.name]));
  return rows.map((r) => Object.assign(r, { regionName: names.get(r.regionCode) ?? '' }));
}

/**
 * The caller's inbox as the list shows it (same role, status, region subtree, step, overdue and assignment filters),
 * in pages by keyset on (rank, due, id) — the inbox index's own order — for an export of any size.
 */
export async function inboxPages(orm: MikroORM, user: AuthUser, query: InboxQuery): Promise<AsyncIterable<Named<Task>[]>> {
  const em = orm.em.fork();
  const path = query.region ? (await regionInScope(em, user, query.region)).path : user.regionPath;
  const scope = path ? subtreeOf(path) : null;
  const where: FilterQuery<Task> = { role: user.role, status: query.status, ...(scope ? { [scope.column]: scope.code } : {}) };
  if (query.step) where.step = query.step as Task['step'];
  if (query.overdue !== undefined) where.overdue = query.overdue;
  const covered = await coveredColleagues(em, user.id);
  if (query.assigned === 'me') where.assigneeId = covered.size ? { $in: [user.id, ...covered.keys()] } : user.id;
  if (query.assigned === 'unassigned') where.assigneeId = null;
  async function* pages(): AsyncIterable<Named<Task>[]> {
    let after: Task | undefined;
    for (;;) {
      const page = orm.em.fork();
      const keyset: FilterQuery<Task> = after
        ? { $or: [{ rank: { $gt: after.rank } }, { rank: after.rank, dueAt: { $gt: after.dueAt } }, { rank: after.rank, dueAt: after.dueAt, id: { $gt: after.id } }] }
        : {};
      const rows = await page.find(Task, { $and: [where, keyset] }, { orderBy: { rank: 'asc', dueAt: 'asc', id: 'asc' }, limit: PAGE });
      if (rows.length === 0) return;
      yield withNames(page, rows);
      after = rows[rows.length - 1];
      if (rows.length < PAGE) return;
    }
  }
  return pages();
}

/** The region's applications (案件), newest first as the list shows them, in keyset pages on (submitted, id). */
export function applicationPages(orm: MikroORM, user: AuthUser, status: Application['status'] | undefined): AsyncIterable<Named<Application>[]> {
  const where: FilterQuery<Application> = { regionPath: { $like: `${user.regionPath}%` }, ...(status ? { status } : {}) };
  async function* pages(): AsyncIterable<Named<Application>[]> {
    let after: Application | undefined;
    for (;;) {
      const page = orm.em.fork();
      const keyset: FilterQuery<Application> = after ? { $or: [{ submittedAt: { $lt: after.submittedAt } }, { submittedAt: after.submittedAt, id: { $gt: after.id } }] } : {};
      const rows = await page.find(Application, { $and: [where, keyset] }, { orderBy: { submittedAt: 'desc', id: 'asc' }, limit: PAGE });
      if (rows.length === 0) return;
      yield withNames(page, rows);
      after = rows[rows.length - 1];
      if (rows.length < PAGE) return;
    }
  }
  return pages();
}
