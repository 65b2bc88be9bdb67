import type { EntityManager } from '@mikro-orm/core';
import { Region } from '../../../activities/regions/region.entity';
import { addMonths, monthOf, type Month } from '../../../workflows/domain/months';
import type { AuthUser } from '../auth/auth.types';
import { regionInScope } from '../common/region-scope';
import type { StatsScope } from './stats-metrics';
import { childLevel } from './stats-sql';
import type { RegionLevel } from '../../../config/regions/region.schema';

/** The region statistics are asked about, with its name and the regions one level below it. */
export interface ResolvedScope extends StatsScope {
  name: string;
  level: RegionLevel | 'national';
  children: { code: string; name: string; path: string }[];
}

/**
 * The caller's region, or the region asked for when it lies in the caller's subtree (404 otherwise, as everywhere).
 * A national-level account (empty path) sees the whole tree, its children the provinces.
 */
export async function resolveScope(em: EntityManager, user: AuthUser, code: string | undefined): Promise<ResolvedScope> {
  let region: Region | null = null;
  if (code) region = await regionInScope(em, user, code);
  else if (user.regionPath) region = await em.findOne(Region, { path: user.regionPath });
  const path = region?.path ?? '';
  const level = region?.level ?? 'national';
  const below = childLevel(level);
  const children = below ? await em.find(Region, region ? { parentCode: region.code } : { level: 'province' }, { orderBy: { code: 'asc' }, fields: ['code', 'name', 'path'] }) : [];
  return {
    path,
    depth: path.split('/').filter(Boolean).length,
    code: region?.code ?? 'national',
    name: region?.name ?? '全国',
    level,
    children: children.map((c) => ({ code: c.code, name: c.name, path: c.path })),
  };
}

/** This month in Asia/Shanghai, YYYY-MM. */
export function currentMonth(now = Date.now()): Month {
  return monthOf(now);
}

/** The `count` months ending with `month`, oldest first. */
export function monthsEnding(month: Month, count: number): Month[] {
  return Array.from({ length: count }, (_, i) => addMonths(month, i - (count - 1)));
}
