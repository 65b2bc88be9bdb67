import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { AuditLog } from '../../../activities/audit/audit-log.service';
import { Household } from '../../../activities/households/household.entity';
import { Member } from '../../../activities/households/member.entity';
import type { AuthUser } from '../auth/auth.types';
import { NotFoundError } from '../common/errors';
import type { RevealBody } from './applications.schemas';
import { CaseViewService } from './case-view.service';

/**
 * Reveals a member's personal data in clear to a permitted caseworker. The reveal is audited before the values are
 * returned (in one transaction, so no reveal goes unrecorded); the audit entry names the fields and the reason, never
 * the values.
 */
@Injectable()
export class RevealService {
  constructor(
    private readonly orm: MikroORM,
    private readonly cases: CaseViewService,
    private readonly audit: AuditLog,
  ) {}

  async reveal(user: AuthUser, applicationId: string, memberId: string, body: RevealBody) {
    const fields = [...new Set(body.fields)].sort();
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
}
