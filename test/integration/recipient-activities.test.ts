import { AuthorizationMissingError, CheckAuthorization } from '../../activities/households/check-authorization.entity';
import { backfillCheckAuthorizations } from '../../activities/households/authorization-backfill';
import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import { Application } from '../../activities/application/application.entity';
import { AuditEntry } from '../../activities/audit/audit-entry.entity';
import type { DepartmentRecord, DepartmentsPort } from '../../activities/departments/departments.port';
import { Household } from '../../activities/households/household.entity';
import { Member } from '../../activities/households/member.entity';
import { LifecycleEvent } from '../../activities/recipients/lifecycle-event.entity';
import { reReviewTaskActivities } from '../../activities/recipients/re-review-task.activities';
import { recipientCheckActivities } from '../../activities/recipients/recipient-check.activities';
import { RecipientCheck } from '../../activities/recipients/recipient-check.entity';
import { recipientLedgerActivities } from '../../activities/recipients/recipient-ledger.activities';
import { Recipient } from '../../activities/recipients/recipient.entity';
import { RecoveryPlan } from '../../activities/recipients/recovery-plan.entity';
import { CalendarService } from '../../activities/regions/calendar.service';
import { PolicyService } from '../../activities/regions/policy.service';
import { Region } from '../../activities/regions/region.entity';
import { Task } from '../../activities/tasks/task.entity';
import { DEMO_VILLAGES } from '../helpers/policies';
import { fakeIdNumber } from '../helpers/factories';
import { createTestDatabase, type TestDatabase } from '../helpers/database';

/** The recipients worker's activities on the migrated database (SQLite, or PostgreSQL with DATABASE_URL). */

let db: TestDatabase;
let orm: MikroORM;
beforeAll(async () => {
  db = await createTestDatabase();
  orm = db.orm;
  await new PolicyService(orm).loadShipped();
});
afterAll(async () => {
  await db?.drop();
});

/** A household of two enrolled in the 宽城区 demo community, written directly. */
async function enrolled() {
  const em = orm.em.fork();
  const village = await em.findOneOrFail(Region, DEMO_VILLAGES.district);
  const policy = await em.transactional((tx) => new PolicyService(orm).resolveFor(tx, village.code));
  const household = new Household({ id: randomUUID(), regionCode: village.code, regionPath: village.path, area: 'urban', address: '测试路1号', phone: null });
  const people = [fakeIdNumber('220103', '1980-01-01'), fakeIdNumber('220103', '2012-01-01')];
  people.forEach((idNumber, i) =>
    household.members.add(new Member({ id: randomUUID(), position: i, name: `成员${i}`, idNumber, idDigest: `digest-${randomUUID()}`, relation: i ? 'child' : 'head', birthDate: i ? '2012-01-01' : '1980-01-01', declaredMonthlyIncomeFen: 10_000, disabilityGrade: null })),
  );
  const application = new Application({ id: randomUUID(), caseNo: `DB-220103-${randomUUID().slice(0, 8)}`, householdId: household.id, regionCode: village.code, regionPath: village.path, policySnapshotId: policy.snapshotId, missingDocuments: [], relativeOfStaff: false, submittedById: 'clerk', submittedAt: new Date() });
  const recipient = new Recipient({ id: randomUUID(), householdId: household.id, applicationId: application.id, program: 'dibao', regionCode: village.code, regionPath: village.path, monthlyBenefitFen: 146_000, basis: 'household', membersCounted: 2, startMonth: '2026-11', policySnapshotId: policy.snapshotId, createdAt: new Date() });
  em.persist([household, application, recipient]);
  await em.flush();
  return { household, recipient, people, members: household.members.getItems().map((m) => m.id) };
}

/** Departments that know of a taxed income for the head and nothing else; counts the calls. */
function departments(headIdNumber: string, monthlyIncomeFen: number) {
  let calls = 0;
  const port: DepartmentsPort = {
    async query(source, idNumbers) {
      calls += 1;
      const records: DepartmentRecord[] = [];
      if (source === 'tax' && idNumbers.includes(headIdNumber)) records.push({ source: 'tax', idNumber: headIdNumber, monthlyIncomeFen, payer: '某超市' });
      return records;
    },
  };
  return { port, calls: () => calls };
}

test('a re-review task lands in the investigator inbox of the recipient region once, and closes once with an audit entry', async () => {
  const { household, recipient } = await enrolled();
  const acts = reReviewTaskActivities(orm, new CalendarService(orm));
  const taskId = `${household.id}:complaint:c1`;
  const input = { taskId, householdId: household.id, recipientId: recipient.id, reason: 'complaint' as const, reference: 'c1', at: Date.parse('2026-11-23T10:00:00+08:00') };
  await acts.openReReviewTask(input);
  await acts.openReReviewTask(input);
  const task = await orm.em.fork().findOneOrFail(Task, taskId);
  expect(task).toMatchObject({ caseType: 'recipient', caseId: household.id, step: 're_review', role: 'township_investigator', rank: 1, status: 'open', scopeTownship: '220103001', scopeVillage: DEMO_VILLAGES.district });
  expect(task.dueAt.getTime()).toBeGreaterThan(input.at);

  const due = Date.parse('2027-01-31T16:00:00Z');
  await acts.openReReviewTask({ ...input, taskId: `${household.id}:campaign:j1`, reason: 'campaign', reference: 'j1', dueAt: due, at: input.at + 1 });
  expect((await orm.em.fork().findOneOrFail(Task, `${household.id}:campaign:j1`)).dueAt.getTime()).toBe(due);

  const close = { taskId, householdId: household.id, status: 'completed' as const, outcome: 'continue' as const, submissionId: 's1', actor: { userId: 'inv', role: 'township_investigator' as const }, at: input.at + 2 };
  await acts.closeReReviewTask(close);
  await acts.closeReReviewTask(close);
  expect(await orm.em.fork().findOneOrFail(Task, taskId)).toMatchObject({ status: 'completed', closedById: 'inv', submissionId: 's1' });
  expect(await orm.em.fork().count(AuditEntry, { action: 're_review_completed', targetId: household.id })).toBe(1);
  const events = await orm.em.fork().find(LifecycleEvent, { householdId: household.id }, { orderBy: { at: 'asc', key: 'asc' } });
  expect(events.map((e) => [e.type, e.code])).toEqual([
    ['re_review', 'complaint'],
    ['re_review', 'campaign'],
    ['re_review_closed', 'continue'],
  ]);
});

test('the economic re-check compares the departments with the assessed incomes, once per household and month', async () => {
  const { household, recipient, people, members } = await enrolled();
  const assessed = members.map((memberId) => ({ memberId, monthlyIncomeFen: 10_000 }));
  const found = departments(people[0], 80_000);
  const acts = recipientCheckActivities(orm, found.port);
  // No signed 家庭经济状况核对授权书 on record: no department is asked.
  await expect(acts.runEconomicCheck({ householdId: household.id, month: '2027-05', incomes: assessed, at: 0 })).rejects.toBeInstanceOf(AuthorizationMissingError);
  expect(found.calls()).toBe(0);
  // Setup records it for applications filed before authorisations were kept (all their members signed), once.
  expect(await backfillCheckAuthorizations(orm)).toBeGreaterThanOrEqual(1);
  expect(await backfillCheckAuthorizations(orm)).toBe(0);
  expect(await orm.em.fork().findOneOrFail(CheckAuthorization, { householdId: household.id })).toMatchObject({ signerMemberIds: members });
  const first = await acts.runEconomicCheck({ householdId: household.id, month: '2027-05', incomes: assessed, at: 0 });
  expect(first).toMatchObject({ materialChange: true, flags: ['income_above_declared'] });
  expect(await acts.runEconomicCheck({ householdId: household.id, month: '2027-05', incomes: assessed, at: 0 })).toEqual(first);
  expect(found.calls()).toBe(8);
  expect(await orm.em.fork().findOneOrFail(RecipientCheck, first.reportId)).toMatchObject({ incomeFoundFen: 80_000, assessedIncomeFen: 20_000 });

  const quiet = recipientCheckActivities(orm, departments(people[0], 10_000).port);
  expect(await quiet.runEconomicCheck({ householdId: household.id, month: '2027-11', incomes: assessed, at: 0 })).toMatchObject({ materialChange: false, flags: [] });
  expect(JSON.stringify(await orm.em.fork().find(RecipientCheck, { householdId: household.id }))).not.toContain(people[0]);

  // Status and amount follow the workflow onto the enrolment row.
  const ledger = recipientLedgerActivities(orm);
  await ledger.issueNotice({ noticeId: `${household.id}:notice:1`, householdId: household.id, recipientId: recipient.id, kind: 'decrease', effectiveMonth: '2027-06', amountFen: 96_000, at: 0 });
  await ledger.recordStatus({ key: `${household.id}:status:2`, householdId: household.id, recipientId: recipient.id, status: 'suspended', reasonCode: 'review_pending', effectiveMonth: '2027-06', at: 0 });
  expect(await orm.em.fork().findOneOrFail(Recipient, recipient.id)).toMatchObject({ monthlyBenefitFen: 96_000, status: 'suspended' });
});

test('a terminated household’s recovery plans turn from deduction to repayment: no payment is left to deduct from', async () => {
  const householdId = randomUUID();
  const ledger = recipientLedgerActivities(orm);
  await ledger.openRecoveryPlan({ householdId, reference: `${householdId}:re-review:1`, totalFen: 30_000, months: [{ month: '2026-10', fen: 30_000 }], at: Date.now() });
  await ledger.recordStatus({ key: `${householdId}:status:1`, householdId, status: 'suspended', reasonCode: 'review_pending', effectiveMonth: '2026-12', at: Date.now() });
  expect((await orm.em.fork().findOneOrFail(RecoveryPlan, { householdId })).method).toBe('deduct');
  await ledger.recordStatus({ key: `${householdId}:status:2`, householdId, status: 'terminated', reasonCode: 'moved_away', effectiveMonth: '2026-12', at: Date.now() });
  expect((await orm.em.fork().findOneOrFail(RecoveryPlan, { householdId })).method).toBe('repay');
});
