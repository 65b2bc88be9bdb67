import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import { buildCheckReport, depositLimitFen } from '../departments/check-report';
import { DEPARTMENT_SOURCES, type DepartmentRecord, type DepartmentsPort } from '../departments/departments.port';
import { insertOnce } from '../db/idempotent';
import { AuthorizationMissingError, CheckAuthorization } from '../households/check-authorization.entity';
import { Household } from '../households/household.entity';
import { PolicySnapshot } from '../regions/policy-snapshot.entity';
import { LifecycleEvent } from './lifecycle-event.entity';
import { isMaterialChange } from './material-change';
import type { EconomicCheckResult, RecipientActivities } from './recipient.contract';
import { Recipient } from './recipient.entity';
import { RecipientCheck } from './recipient-check.entity';

/**
 * The periodic economic re-check of a recipient household: every department source for all members, compared with
 * the incomes the workflow assessed (by member id). Stored once per household and month (a retry returns the
 * stored result); the departments see ID numbers, the report and the workflow do not. A department that cannot be
 * reached fails the attempt and Temporal retries it.
 */
export function recipientCheckActivities(orm: MikroORM, departments: DepartmentsPort): Pick<RecipientActivities, 'runEconomicCheck'> {
  return {
    async runEconomicCheck({ householdId, month, incomes, at }): Promise<EconomicCheckResult> {
      const em = orm.em.fork();
      const stored = () => em.fork().findOne(RecipientCheck, { householdId, month });
      const result = (row: RecipientCheck): EconomicCheckResult => ({ reportId: row.id, flags: row.flags, materialChange: row.materialChange });
      const existing = await stored();
      if (existing) return result(existing);

      if (!(await em.findOne(CheckAuthorization, { householdId }))) throw new AuthorizationMissingError(householdId);
      const household = await em.findOneOrFail(Household, householdId, { populate: ['members'] });
      const recipient = await em.findOneOrFail(Recipient, { householdId }, { orderBy: { createdAt: 'desc' } });
      const policy = (await em.findOneOrFail(PolicySnapshot, recipient.policySnapshotId)).document;
      const members = household.members.getItems();
      const assessed = new Map((incomes ?? []).map((i) => [i.memberId, i.monthlyIncomeFen]));
      const incomeOf = (m: (typeof members)[number]) => assessed.get(m.id) ?? m.declaredMonthlyIncomeFen;

      const records: DepartmentRecord[] = [];
      const idNumbers = members.map((m) => m.idNumber);
      for (const source of DEPARTMENT_SOURCES) records.push(...(await departments.query(source, idNumbers)));
      const standardFen = household.area === 'urban' ? policy.standards.urbanFen : policy.standards.ruralFen;
      const report = buildCheckReport({
        members: members.map((m) => ({ memberId: m.id, idNumber: m.idNumber, declaredMonthlyIncomeFen: incomeOf(m) })),
        records,
        limits: {
          depositLimitFen: depositLimitFen(standardFen, members.length, policy.assets.depositMonths),
          vehiclesAllowed: policy.assets.vehiclesAllowed,
          extraPropertiesAllowed: policy.assets.extraPropertiesAllowed,
        },
      });
      const assessedIncomeFen = members.reduce((sum, m) => sum + incomeOf(m), 0);
      const row = new RecipientCheck({
        id: randomUUID(),
        householdId,
        month,
        incomeFoundFen: report.incomeFoundFen,
        assessedIncomeFen,
        flags: report.flags,
        materialChange: isMaterialChange(report.incomeFoundFen, assessedIncomeFen, report.flags),
        report: report as unknown as Record<string, unknown>,
        createdAt: new Date(at),
      });
      if (!(await insertOnce(em.fork(), row))) return result((await stored())!);
      await insertOnce(
        em.fork(),
        new LifecycleEvent({
          key: `${householdId}:check:${month}:report`,
          householdId,
          type: 'check',
          code: 'economic_check',
          effectiveMonth: month,
          data: { reportId: row.id, flags: row.flags, incomeFoundFen: row.incomeFoundFen, assessedIncomeFen, materialChange: row.materialChange },
          at: new Date(at),
        }),
      );
      return result(row);
    },
  };
}
