import type { EntityManager } from '@mikro-orm/core';
import { User } from '../../../activities/identity/user.entity';
import { Absence } from '../../../activities/tasks/absence.entity';
import { isoDate, shanghaiDay } from '../../../workflows/domain/calendar';

/** Today as YYYY-MM-DD in Asia/Shanghai, the calendar absences are written in. */
export function shanghaiToday(nowMs = Date.now()): string {
  return isoDate(shanghaiDay(nowMs));
}

/**
 * AB岗 at the moment of work: the colleagues the user covers today (absent, with the user as their B post), by id
 * with their names. Read through the (backup, last day) index: a handful of rows per person.
 */
export async function coveredColleagues(em: EntityManager, userId: string, nowMs = Date.now()): Promise<Map<string, string>> {
  const today = shanghaiToday(nowMs);
  const absences = await em.find(Absence, { backupUserId: userId, endsOn: { $gte: today }, startsOn: { $lte: today }, cancelledAt: null }, { fields: ['userId'] });
  if (absences.length === 0) return new Map();
  const users = await em.find(User, { id: { $in: absences.map((a) => a.userId) } }, { fields: ['id', 'displayName'] });
  return new Map(users.map((u) => [u.id, u.displayName]));
}
