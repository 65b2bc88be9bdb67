import { Injectable } from '@nestjs/common';
import { MikroORM, type FilterQuery } from '@mikro-orm/core';
import { AuditEntry } from '../../../activities/audit/audit-entry.entity';
import { User } from '../../../activities/identity/user.entity';
import { Region } from '../../../activities/regions/region.entity';
import { Submission } from '../../../activities/tasks/submission.entity';
import { Task } from '../../../activities/tasks/task.entity';
import type { AuthUser } from '../auth/auth.types';
import type { AuditQuery, RefusedQuery } from './audit.schemas';

/** Refusals an auditor follows up: someone tried to sign two tiers of a case, or work a relative's case. */
const WATCHED_REFUSALS = ['separation_of_duties', 'conflict_of_interest'] as const;

/** 24:00 of a Shanghai day, as an instant. */
const dayStart = (day: string) => new Date(`${day}T00:00:00+08:00`);

/**
 * The auditor's searches (监督/审计): audit entries of their region subtree by who, what, when and target, with the
 * actor's name; and refused attempts at separation-of-duties and 近亲属回避 breaches, with who tried what.
 */
@Injectable()
export class AuditSearchService {
  constructor(private readonly orm: MikroORM) {}

  async entries(user: AuthUser, query: AuditQuery) {
    const em = this.orm.em.fork();
    const regions = await em.find(Region, { path: { $like: `${user.regionPath}%` } }, { fields: ['code'] });
    const where: FilterQuery<AuditEntry> = { regionCode: { $in: regions.map((r) => r.code) } };
    for (const key of ['action', 'targetType', 'targetId', 'actorId'] as const) if (query[key]) where[key] = query[key] as never;
    if (query.actor) {
      const actor = await em.findOne(User, { username: query.actor }, { fields: ['id'] });
      where.actorId = actor?.id ?? '-';
    }
    if (query.from || query.to) {
      where.at = {
        ...(query.from ? { $gte: dayStart(query.from) } : {}),
        ...(query.to ? { $lt: new Date(dayStart(query.to).getTime() + 86_400_000) } : {}),
      };
    }
    const [rows, total] = await em.findAndCount(AuditEntry, where, { orderBy: { seq: 'desc' }, limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
    const names = await this.names(rows.map((r) => r.actorId));
    return { items: rows.map((r) => ({ ...r, actorName: names.get(r.actorId) ?? null })), page: query.page, pageSize: query.pageSize, total };
  }

  async refusedAttempts(user: AuthUser, query: RefusedQuery) {
    const em = this.orm.em.fork();
    const refused = await em.find(
      Submission,
      { status: 'refused', $or: WATCHED_REFUSALS.map((code) => ({ refusal: { $like: `${code}:%` } })) },
      { orderBy: { createdAt: 'desc', id: 'desc' }, limit: query.pageSize * 4, fields: ['id', 'taskId', 'caseType', 'actorId', 'actorRole', 'refusal', 'createdAt'] },
    );
    const tasks = refused.length ? await em.find(Task, { id: { $in: [...new Set(refused.map((s) => s.taskId))] }, regionPath: { $like: `${user.regionPath}%` } }, { fields: ['id', 'caseNo', 'step', 'regionCode'] }) : [];
    const byId = new Map(tasks.map((t) => [t.id, t]));
    const inScope = refused.filter((s) => byId.has(s.taskId)).slice(0, query.pageSize);
    const names = await this.names(inScope.map((s) => s.actorId));
    return {
      items: inScope.map((s) => {
        const task = byId.get(s.taskId)!;
        return { submissionId: s.id, at: s.createdAt, actorId: s.actorId, actorName: names.get(s.actorId) ?? null, actorRole: s.actorRole, caseType: s.caseType, caseNo: task.caseNo, step: task.step, regionCode: task.regionCode, code: s.refusal!.split(':')[0] };
      }),
    };
  }

  private async names(ids: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const users = await this.orm.em.fork().find(User, { id: { $in: unique } }, { fields: ['id', 'displayName'] });
    return new Map(users.map((u) => [u.id, u.displayName]));
  }
}
