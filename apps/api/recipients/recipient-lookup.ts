import type { EntityManager } from '@mikro-orm/core';
import { Recipient } from '../../../activities/recipients/recipient.entity';
import type { AuthUser } from '../auth/auth.types';
import { NotFoundError } from '../common/errors';

/**
 * The household's latest enrolment in the caller's region subtree (a household that left and was approved again has
 * several; the newest is the one its workflow runs for). Anything outside the subtree is simply not found.
 */
export async function recipientInScope(em: EntityManager, user: AuthUser, householdId: string): Promise<Recipient> {
  const recipient = await em.findOne(Recipient, { householdId, regionPath: { $like: `${user.regionPath}%` } }, { orderBy: { createdAt: 'desc' } });
  if (!recipient) throw new NotFoundError(`no recipient household ${householdId} in your region`);
  return recipient;
}
