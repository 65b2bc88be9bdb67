import type { Knex } from '@mikro-orm/knex';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { CODE_LENGTH, REGION_LEVELS, type RegionLevel } from '../../../config/regions/region.schema';

/** The SQL dialect differences statistics need: how datetimes are stored and how a duration is written. */
export interface StatsSql {
  knex: Knex;
  postgres: boolean;
  /** A datetime as a bound parameter (SQLite stores epoch milliseconds, PostgreSQL timestamptz). */
  at(date: Date): number | Date;
  /** The hours between two datetime columns, as a SQL expression. */
  hoursBetween(from: string, to: string): string;
}

export function statsSql(em: SqlEntityManager): StatsSql {
  const postgres = em.getPlatform().constructor.name.toLowerCase().includes('postgre');
  return {
    knex: em.getKnex(),
    postgres,
    at: (date) => (postgres ? date : +date),
    hoursBetween: (from, to) => (postgres ? `(extract(epoch from (${to} - ${from})) / 3600.0)` : `((${to} - ${from}) / 3600000.0)`),
  };
}

/** The level below a region's (province under the national level); null below a township's. */
export function childLevel(level: RegionLevel | 'national'): RegionLevel | null {
  if (level === 'national') return 'province';
  return REGION_LEVELS[REGION_LEVELS.indexOf(level) + 1] ?? null;
}

/**
 * The length of a child region's materialized path under `parentPath` ("220000/220100/" + 6 digits + "/"): codes
 * have a fixed length per level, so `substr(region_path, 1, n)` is the child's path and GROUP BY on it counts by
 * child region in the database.
 */
export function childPathLength(parentPath: string, level: RegionLevel): number {
  return parentPath.length + CODE_LENGTH[level] + 1;
}

/** The last code of a materialized path ("220000/220100/220103/" → "220103"). */
export function codeOfPath(path: string): string {
  const codes = path.split('/').filter(Boolean);
  return codes[codes.length - 1] ?? '';
}

/**
 * Subtree condition on a `region_path` column (every row when the path is the whole tree). SQLite's LIKE cannot use
 * an index (it is case-insensitive), so there the prefix is written as the byte range it is: paths end with '/', and
 * every path under P sorts at or after P and before P with its last '/' raised to '0' (BINARY collation). PostgreSQL
 * keeps LIKE, which a B-tree index serves under the C collation and which stays exact under any other. `byIndex`
 * false keeps LIKE on SQLite too, for a query better driven by another index (a month's ledger) than by the path.
 */
export function underPath<T extends Knex.QueryBuilder>(sql: StatsSql, qb: T, column: string, path: string, byIndex = true): T {
  if (!path) return qb;
  if (sql.postgres || !byIndex) return qb.where(column, 'like', `${path}%`) as T;
  return qb.where(column, '>=', path).where(column, '<', `${path.slice(0, -1)}0`) as T;
}

/** A count or sum the driver may return as a string (PostgreSQL bigint) or null (empty sum), as a number. */
export function num(value: unknown): number {
  return value == null ? 0 : Number(value);
}
