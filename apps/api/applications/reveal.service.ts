import { Inject, Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { AuditLog } from '../../../activities/audit/audit-log.service';
import { Household } from '../../../activities/households/household.entity';
import { Member } from '../../../activities/households/member.entity';
import type { AuthUser } from '../auth/auth.types';
import { AuditEntry } from '../../../activities/audit/audit-entry.entity';
import type { Env } from '../../../config/env.schema';
import { NotFoundError, RevealLimitError } from '../common/errors';
import { ENV } from '../infra/tokens';
import type { RevealBody } from './applications.schemas';
import { CaseViewService } from './case-view.service';

/**
 * Reveals a member's personal data in clear to a permitted caseworker. The reveal is audited before the values are
 * returned (in one transaction, so no reveal goes unrecorded); the audit entry names the fields and the reason, never
 * the values. Each user may reveal `REVEAL_LIMIT_PER_HOUR` times per rolling hour (counted from the audit log, so
 * every API process shares the count); the next attempt is refused with 429 `reveal_limit` and recorded as a
 * `pii_reveal_limited` audit alert for the auditors.
 */
@Injectable()
export class RevealService {
  constructor(
    private readonly orm: MikroORM,
    private readonly cases: CaseViewService,
    private readonly audit: AuditLog,
    @Inject(ENV) private readonly env: Pick<Env, 'REVEAL_LIMIT_PER_HOUR'>,
  ) {}

  async reveal(user: AuthUser, applicationId: string, memberId: string, body: RevealBody) {
    const fields = [...new Set(body.fields)].sort();
    await this.withinLimit(user, applicationId, fields);
    return this.orm.em.fork().transactional(async (tx) => {
      const application = await this.cases.findInScope(tx, user, applicationId);
      const member = await tx.findOne(Member, { id: memberId, household: application.householdId });
      if (!member) throw new NotFoundError(`no member ${memberId} in application ${applicationId}`);
      const household = await tx.findOneOrFail(Household, application.householdId);
      await this.audit.append(tx, {
        actorId: user.id,
        actorRole: user.role,
        regionCode: application.regionCode,
        action: 'pii_reveal',
        targetType: 'member',
        targetId: member.id,
        after: { applicationId: application.id, fields },
        reason: body.reason,
      });
      const values = { idNumber: member.idNumber, phone: household.phone, address: household.address, disabilityGrade: member.disabilityGrade, bankAccount: household.bankAccount };
      return { memberId: member.id, ...Object.fromEntries(fields.map((f) => [f, values[f]])) };
    });
  }

  private async withinLimit(user: AuthUser, applicationId: string, fields: string[]): Promise<void> {
    const hourAgo = new Date(Date.now() - 3_600_000);
    const em = this.orm.em.fork();
    const recent = await em.count(AuditEntry, { action: 'pii_reveal', actorId: user.id, at: { $gte: hourAgo } });
    if (recent < this.env.REVEAL_LIMIT_PER_HOUR) return;
    await this.audit.append(em, {
      actorId: user.id,
      actorRole: user.role,
      regionCode: user.regionCode,
      action: 'pii_reveal_limited',
      targetType: 'user',
      targetId: user.id,
      after: { applicationId, fields, revealsInLastHour: recent, limit: this.env.REVEAL_LIMIT_PER_HOUR },
    });
    const oldest = await em.findOne(AuditEntry, { action: 'pii_reveal', actorId: user.id, at: { $gte: hourAgo } }, { orderBy: { at: 'asc' } });
    const retryAfter = oldest ? Math.max(1, Math.ceil((oldest.at.getTime() + 3_600_000 - Date.now()) / 1000)) : 3600;
    throw new RevealLimitError(retryAfter);
  }
}
