import type { EntityManager } from '@mikro-orm/core';
import { Region } from './region.entity';

/** Region lookups shared by policy resolution, intake and access checks. */
export async function regionChain(em: EntityManager, code: string): Promise<Region[]> {
  const region = await em.findOne(Region, code);
  if (!region) return [];
  const codes = region.path.split('/').filter(Boolean);
  const rows = await em.find(Region, { code: { $in: codes } });
  const byCode = new Map(rows.map((r) => [r.code, r]));
  return codes.map((c) => byCode.get(c)!).filter(Boolean);
}

/** Whether `path` lies within the subtree rooted at `rootPath` (materialized paths end with "/"). */
export function withinSubtree(path: string, rootPath: string): boolean {
  return path.startsWith(rootPath);
}
