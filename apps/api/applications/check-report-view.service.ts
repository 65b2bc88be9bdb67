import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { CheckReport } from '../../../activities/application/check-report.entity';
import type { CheckReport as CheckReportDocument } from '../../../activities/departments/check-report';
import { Household } from '../../../activities/households/household.entity';
import { maskName } from '../../../activities/households/personal-data';
import type { AuthUser } from '../auth/auth.types';
import { CaseViewService } from './case-view.service';

/**
 * 家庭经济状况核对报告 beside the home visit: the latest round's findings joined to the household's members (masked
 * names, relation, declared income), so the investigator compares declared and found per member. Amounts in fen.
 * Before the first check round completes the report fields are null and each member's finding is null.
 */
@Injectable()
export class CheckReportViewService {
  constructor(
    private readonly orm: MikroORM,
    private readonly cases: CaseViewService,
  ) {}

  async latest(user: AuthUser, id: string) {
    const em = this.orm.em.fork();
    const application = await this.cases.findInScope(em, user, id);
    const [household, report] = await Promise.all([
      em.findOneOrFail(Household, application.householdId, { populate: ['members'] }),
      em.findOne(CheckReport, { applicationId: id }, { orderBy: { round: 'desc' } }),
    ]);
    const doc = (report?.report ?? null) as Partial<CheckReportDocument> | null;
    const found = new Map((doc?.perMember ?? []).map((m) => [m.memberId, m.incomeFoundFen]));
    return {
      applicationId: id,
      caseNo: application.caseNo,
      round: report?.round ?? null,
      createdAt: report?.createdAt ?? null,
      incomeFoundFen: report?.incomeFoundFen ?? null,
      flags: report?.flags ?? [],
      assets: doc?.assets ?? null,
      sourcesQueried: doc?.sourcesQueried ?? [],
      members: [...household.members.getItems()]
        .sort((a, b) => a.position - b.position)
        .map((m) => ({
          memberId: m.id,
          name: maskName(m.name),
          relation: m.relation,
          declaredMonthlyIncomeFen: m.declaredMonthlyIncomeFen,
          incomeFoundFen: report ? (found.get(m.id) ?? 0) : null,
        })),
    };
  }
}
