import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import { buildCheckReport, depositLimitFen, undeclaredAssets, type CheckFlag } from '../departments/check-report';
import { DEPARTMENT_SOURCES, type DepartmentRecord, type DepartmentsPort } from '../departments/departments.port';
import { AuthorizationMissingError, CheckAuthorization } from '../households/check-authorization.entity';
import { Household } from '../households/household.entity';
import { PolicySnapshot } from '../regions/policy-snapshot.entity';
import type { ApplicationActivities, CheckSummary } from './application.contract';
import { Application } from './application.entity';
import { CheckReport } from './check-report.entity';
import { appendEvent } from './timeline';

/**
 * 家庭经济状况核对, only for a household whose signed authorisation is on record: queries every department source for all members at once, builds the report and stores it once per
 * case and round. The departments see ID numbers (they must); the report, the workflow and the timeline do not.
 * A department that cannot be reached fails the attempt, and Temporal retries it.
 */
export function checkActivities(orm: MikroORM, departments: DepartmentsPort): Pick<ApplicationActivities, 'runEconomicCheck'> {
  return {
    async runEconomicCheck({ applicationId, round, at }): Promise<CheckSummary> {
      const em = orm.em.fork();
      const existing = await em.findOne(CheckReport, { applicationId, round });
      if (existing) return { reportId: existing.id, flags: existing.flags, incomeFoundFen: existing.incomeFoundFen };

      const application = await em.findOneOrFail(Application, applicationId);
      if (!(await em.findOne(CheckAuthorization, { householdId: application.householdId }))) throw new AuthorizationMissingError(application.householdId);
      const household = await em.findOneOrFail(Household, application.householdId, { populate: ['members'] });
      const policy = (await em.findOneOrFail(PolicySnapshot, application.policySnapshotId)).document;
      const members = household.members.getItems();
      const idNumbers = members.map((m) => m.idNumber);

      const records: DepartmentRecord[] = [];
      for (const source of DEPARTMENT_SOURCES) records.push(...(await departments.query(source, idNumbers)));

      const standardFen = household.area === 'urban' ? policy.standards.urbanFen : policy.standards.ruralFen;
      const report = buildCheckReport({
        members: members.map((m) => ({ memberId: m.id, idNumber: m.idNumber, declaredMonthlyIncomeFen: m.declaredMonthlyIncomeFen })),
        records,
        limits: {
          depositLimitFen: depositLimitFen(standardFen, members.length, policy.assets.depositMonths),
          vehiclesAllowed: policy.assets.vehiclesAllowed,
          extraPropertiesAllowed: policy.assets.extraPropertiesAllowed,
        },
      });

      // 申报财产 compared with what the departments found: anything more than declared is flagged for the reviewers.
      if (application.declaredAssets && undeclaredAssets(application.declaredAssets, report.assets).length > 0) {
        report.flags = [...new Set<CheckFlag>([...report.flags, 'assets_undeclared'])].sort();
      }
      return orm.em.fork().transactional(async (tx) => {
        const raced = await tx.findOne(CheckReport, { applicationId, round });
        if (raced) return { reportId: raced.id, flags: raced.flags, incomeFoundFen: raced.incomeFoundFen };
        const row = new CheckReport({
          id: randomUUID(),
          applicationId,
          round,
          incomeFoundFen: report.incomeFoundFen,
          flags: report.flags,
          report: report as unknown as Record<string, unknown>,
          createdAt: new Date(at),
        });
        tx.persist(row);
        await appendEvent(tx, {
          applicationId,
          key: `economic_check:${round}`,
          step: 'economic_check',
          action: 'check_reported',
          at: new Date(at),
          data: { reportId: row.id, flags: report.flags.join(',') || null, incomeFoundFen: report.incomeFoundFen },
        });
        return { reportId: row.id, flags: report.flags, incomeFoundFen: report.incomeFoundFen };
      });
    },
  };
}
