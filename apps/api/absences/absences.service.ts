import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { MikroORM, type EntityManager } from '@mikro-orm/core';
import { AuditLog } from '../../../activities/audit/audit-log.service';
import { User } from '../../../activities/identity/user.entity';
import { withinSubtree } from '../../../activities/regions/region.repository';
import { Absence } from '../../../activities/tasks/absence.entity';
import type { AuthUser } from '../auth/auth.types';
import { ConflictError, NotFoundError, UnprocessableError } from '../common/errors';
import { shanghaiToday } from './acting-for';
import type { AbsenceBody, AbsenceQuery } from './absences.schemas';

/** Roles that hold no inbox work of their own, so an absence of theirs routes nothing. */
const NO_INBOX = new Set(['administrator', 'auditor', 'security_admin']);

/**
 * AB岗 planned absences: a caseworker (or their region's administrator) records days away and the B post who covers
 * them — an active colleague with the same role whose region is the caseworker's or above it, and who is not away
 * then. From the first day the colleague sees and decides the absent person's claimed tasks, "acting for" them.
 */
@Injectable()
export class AbsencesService {
  constructor(
    private readonly orm: MikroORM,
    private readonly audit: AuditLog,
  ) {}

  async record(user: AuthUser, body: AbsenceBody) {
    const em = this.orm.em.fork();
    const away = await this.person(em, user, body.userId ?? user.id, 'userId');
    if (NO_INBOX.has(away.role)) throw new UnprocessableError([{ field: 'userId', rule: 'must be a caseworker with an inbox' }]);
    if (body.startsOn < shanghaiToday()) throw new UnprocessableError([{ field: 'startsOn', rule: 'must be today or later (Asia/Shanghai)' }]);
    const backup = await em.findOne(User, { id: body.backupUserId, status: 'active' });
    if (!backup || backup.id === away.id || backup.role !== away.role || !withinSubtree(away.regionPath, backup.regionPath)) {
      throw new UnprocessableError([{ field: 'backupUserId', rule: "must be an active colleague with the same role whose region is the absent person's or above it" }]);
    }
    if (await this.overlapping(em, backup.id, body)) throw new UnprocessableError([{ field: 'backupUserId', rule: 'is away on some of these days' }]);
    if (await this.overlapping(em, away.id, body)) throw new ConflictError('absence_overlaps', 'an absence of this person already covers some of these days');
    if (await em.count(Absence, { backupUserId: away.id, cancelledAt: null, startsOn: { $lte: body.endsOn }, endsOn: { $gte: body.startsOn } })) {
      throw new ConflictError('absence_overlaps', 'this person covers an absent colleague on some of these days');
    }
    const absence = new Absence({ id: randomUUID(), userId: away.id, backupUserId: backup.id, startsOn: body.startsOn, endsOn: body.endsOn, reason: body.reason, recordedById: user.id });
    await em.transactional(async (tx) => {
      tx.persist(absence);
      await this.audit.append(tx, {
        actorId: user.id,
        actorRole: user.role,
        regionCode: away.regionCode,
        action: 'absence_recorded',
        targetType: 'user',
        targetId: away.id,
        after: { backupUserId: backup.id, startsOn: body.startsOn, endsOn: body.endsOn },
        reason: body.reason,
      });
    });
    return view(absence, new Map([[away.id, away.displayName], [backup.id, backup.displayName]]));
  }

  /** Your absences and the ones you cover; an administrator may ask for a caseworker of their region. */
  async list(user: AuthUser, query: AbsenceQuery) {
    const em = this.orm.em.fork();
    const whose = query.userId ? (await this.person(em, user, query.userId, 'userId')).id : user.id;
    const rows = await em.find(Absence, { $or: [{ userId: whose }, { backupUserId: whose }], endsOn: { $gte: shanghaiToday(Date.now() - 30 * 86_400_000) } }, { orderBy: { startsOn: 'asc', id: 'asc' }, limit: 200 });
    const ids = [...new Set(rows.flatMap((a) => [a.userId, a.backupUserId]))];
    const users = ids.length ? await em.find(User, { id: { $in: ids } }, { fields: ['id', 'displayName'] }) : [];
    const names = new Map(users.map((u) => [u.id, u.displayName]));
    return { items: rows.map((a) => view(a, names)) };
  }

  async cancel(user: AuthUser, id: string) {
    const em = this.orm.em.fork();
    const absence = await em.findOne(Absence, id);
    if (!absence) throw new NotFoundError(`no absence ${id}`);
    const away = await this.person(em, user, absence.userId, 'id').catch(() => {
      throw new NotFoundError(`no absence ${id}`);
    });
    if (absence.cancelledAt) throw new ConflictError('absence_cancelled', 'this absence was already cancelled');
    if (absence.endsOn < shanghaiToday()) throw new ConflictError('absence_ended', 'this absence is over');
    absence.cancelledAt = new Date();
    await em.transactional(async (tx) => {
      await tx.persistAndFlush(absence);
      await this.audit.append(tx, { actorId: user.id, actorRole: user.role, regionCode: away.regionCode, action: 'absence_cancelled', targetType: 'user', targetId: away.id, after: { absenceId: absence.id } });
    });
    return view(absence, new Map([[away.id, away.displayName]]));
  }

  /** Who a B post may be for you: active colleagues with your role whose region is yours or above it. */
  async colleagues(user: AuthUser) {
    const parts = user.regionPath.split('/').filter(Boolean);
    const paths = parts.map((_, i) => `${parts.slice(0, i + 1).join('/')}/`);
    const users = await this.orm.em.fork().find(User, { role: user.role, status: 'active', regionPath: { $in: paths }, id: { $ne: user.id } }, { orderBy: { displayName: 'asc', id: 'asc' }, limit: 200, fields: ['id', 'displayName', 'regionCode'] });
    return { items: users.map((u) => ({ userId: u.id, displayName: u.displayName, regionCode: u.regionCode })) };
  }

  /** The caller, or (for an administrator) a user of their region subtree; anything else is not found. */
  private async person(em: EntityManager, user: AuthUser, id: string, field: string): Promise<User> {
    const found = await em.findOne(User, id);
    const mayAct = found && (found.id === user.id || (user.role === 'administrator' && withinSubtree(found.regionPath, user.regionPath)));
    if (!found || !mayAct) throw new UnprocessableError([{ field, rule: 'must be yourself, or a user of your region if you are an administrator' }]);
    return found;
  }

  private async overlapping(em: EntityManager, userId: string, body: Pick<AbsenceBody, 'startsOn' | 'endsOn'>): Promise<boolean> {
    return (await em.count(Absence, { userId, cancelledAt: null, startsOn: { $lte: body.endsOn }, endsOn: { $gte: body.startsOn } })) > 0;
  }
}

function view(a: Absence, names: Map<string, string>) {
  const today = shanghaiToday();
  const status = a.cancelledAt ? 'cancelled' : a.endsOn < today ? 'ended' : a.startsOn <= today ? 'current' : 'planned';
  return {
    id: a.id,
    user: { userId: a.userId, displayName: names.get(a.userId) ?? '' },
    backup: { userId: a.backupUserId, displayName: names.get(a.backupUserId) ?? '' },
    startsOn: a.startsOn,
    endsOn: a.endsOn,
    reason: a.reason,
    status,
    createdAt: a.createdAt,
  };
}
