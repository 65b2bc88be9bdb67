import type { EntityManager } from '@mikro-orm/core';
import { Region } from '../../../activities/regions/region.entity';
import { withinSubtree } from '../../../activities/regions/region.repository';
import type { AuthUser } from '../auth/auth.types';
import { NotFoundError } from './errors';

/**
 * The region by code if it lies in the caller's subtree; otherwise 404 (never saying whether it exists elsewhere).
 * `what` names it in the message ("region", "county").
 */
export async function regionInScope(em: EntityManager, user: AuthUser, code: string, what = 'region'): Promise<Region> {
  const region = await em.findOne(Region, code);
  if (!region || !withinSubtree(region.path, user.regionPath)) throw new NotFoundError(`no ${what} ${code} in your subtree`);
  return region;
}
