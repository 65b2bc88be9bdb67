import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import { Application } from '../../activities/application/application.entity';
import { AuditEntry } from '../../activities/audit/audit-entry.entity';
import { createEmergencyActivities } from '../../activities/emergency/emergency.activities';
import type { EmergencyActivities } from '../../activities/emergency/emergency.contract';
import { EmergencyEvent } from '../../activities/emergency/emergency-event.entity';
import { EmergencyRequest } from '../../activities/emergency/emergency-request.entity';
import { EmergencyRecovery, EmergencyReferral } from '../../activities/emergency/follow-up.entity';
import { fundReserves } from '../../activities/emergency/reserve-funding';
import { ReserveLedger, ReserveMovement } from '../../activities/emergency/reserve.entity';
import { CalendarService } from '../../activities/regions/calendar.service';
import { PolicyService } from '../../activities/regions/policy.service';
import { Region } from '../../activities/regions/region.entity';
import { isFieldCiphertext } from '../../activities/security/field-crypto';
import { Task } from '../../activities/tasks/task.entity';
import { addClockHours } from '../../workflows/domain/clock-hours';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { registerHousehold } from '../helpers/households';
import { DEMO_VILLAGES, shippedCalendar } from '../helpers/policies';

/** The 救急难 activities on the migrated database (SQLite, or PostgreSQL with DATABASE_URL). */

const TOWNSHIP = '320723100';
const COUNTY = '320723';
const reviewer = { userId: 'u-reviewer', role: 'township_reviewer' as const };

let db: TestDatabase;
let orm: MikroORM;
let acts: EmergencyActivities;
let started: string[];
beforeAll(async () => {
  db = await createTestDatabase();
  orm = db.orm;
  await new PolicyService(orm).loadShipped();
});
beforeEach(() => {
  started = [];
  acts = createEmergencyActivities({ orm, calendars: new CalendarService(orm), policies: new PolicyService(orm), startApplication: async (id) => void started.push(id) });
});
afterAll(async () => {
  await db?.drop();
});

async function request(householdId: string = randomUUID()): Promise<EmergencyRequest> {
  const em = orm.em.fork();
  const township = await em.findOneOrFail(Region, TOWNSHIP);
  const policy = await new PolicyService(orm).resolveFor(em, TOWNSHIP);
  const id = randomUUID();
  const row = new EmergencyRequest({
    id, caseNo: `JJ-T-${id.slice(0, 8)}`, householdId, townshipCode: TOWNSHIP, countyCode: COUNTY, regionPath: township.path, householdRegionPath: `${township.path}${DEMO_VILLAGES.county}/`,
    raisedById: 'u-clerk', raisedByRole: 'township_clerk', eventType: 'flood', peopleAffected: 4, amountAskedFen: 90_000, eventDescription: '洪水冲毁张秀兰家房屋', need: '临时安置', policySnapshotId: policy.snapshotId, createdAt: new Date(),
  });
  await em.persistAndFlush(row);
  return row;
}

const taskInput = (requestId: string, fromMs: number) => ({
  taskId: `${requestId}:emergency_township_decision:1`, requestId, step: 'emergency_township_decision' as const, role: 'township_reviewer' as const, rank: 0 as const,
  regionCode: TOWNSHIP, fromMs, deadline: { kind: 'clock_hours' as const, hours: 24 },
});

test('openTask: an urgent inbox row in the township, due in clock hours, opened once per task id', async () => {
  const r = await request();
  const from = Date.UTC(2026, 10, 21, 9, 0);
  const first = await acts.openTask(taskInput(r.id, from));
  const again = await acts.openTask(taskInput(r.id, from + 3_600_000));
  expect(first).toEqual({ taskId: `${r.id}:emergency_township_decision:1`, dueAt: addClockHours(from, 24) });
  expect(again).toEqual(first);
  const task = await orm.em.fork().findOneOrFail(Task, first.taskId);
  expect(task).toMatchObject({ caseType: 'emergency', caseId: r.id, caseNo: r.caseNo, rank: 0, round: 1, regionCode: TOWNSHIP, scopeCounty: COUNTY, scopeTownship: TOWNSHIP, scopeVillage: '', status: 'open' });
  expect(await orm.em.fork().count(EmergencyEvent, { requestId: r.id, action: 'task_opened' })).toBe(1);
});

test('openTask: a county task is scoped to the county; a follow-up is due in working days of the calendar', async () => {
  const r = await request();
  const from = Date.UTC(2026, 10, 21, 9, 0);
  const county = await acts.openTask({ ...taskInput(r.id, from), taskId: `${r.id}:emergency_county_decision:1`, step: 'emergency_county_decision', role: 'county_approver', regionCode: COUNTY, escalationOf: `${r.id}:emergency_township_decision:1` });
  expect(await orm.em.fork().findOneOrFail(Task, county.taskId)).toMatchObject({ scopeCounty: COUNTY, scopeTownship: '', escalationOf: `${r.id}:emergency_township_decision:1` });
  const followUp = await acts.openTask({ ...taskInput(r.id, from), taskId: `${r.id}:emergency_follow_up:1`, step: 'emergency_follow_up', role: 'township_investigator', deadline: { kind: 'working_days', days: 10 } });
  expect(followUp.dueAt).toBe(shippedCalendar().addWorkingDays(from, 10).at);
});

test('markOverdue records the overdue against the region once; closeTask closes once with its actor', async () => {
  const r = await request();
  const { taskId } = await acts.openTask(taskInput(r.id, Date.now()));
  await acts.markOverdue({ requestId: r.id, taskId, at: Date.now(), againstRegion: TOWNSHIP });
  await acts.markOverdue({ requestId: r.id, taskId, at: Date.now(), againstRegion: TOWNSHIP });
  const overdue = await orm.em.fork().find(EmergencyEvent, { requestId: r.id, action: 'overdue' });
  expect(overdue.map((e) => e.data)).toEqual([expect.objectContaining({ taskId, againstRegion: TOWNSHIP })]);
  expect(await orm.em.fork().findOneOrFail(Task, taskId)).toMatchObject({ overdue: true });

  await acts.closeTask({ requestId: r.id, taskId, status: 'completed', at: Date.now(), actor: reviewer });
  await acts.closeTask({ requestId: r.id, taskId, status: 'cancelled', at: Date.now() });
  expect(await orm.em.fork().findOneOrFail(Task, taskId)).toMatchObject({ status: 'completed', closedById: reviewer.userId });
  expect(await orm.em.fork().find(AuditEntry, { targetId: r.id })).toEqual([expect.objectContaining({ action: 'decision', actorId: reviewer.userId, after: { taskId, step: 'emergency_township_decision' } })]);
});

test('recordEvent writes each key once with the policy version and keeps the request status in step', async () => {
  const r = await request();
  const event = { requestId: r.id, key: 'paid', action: 'paid', at: Date.now(), policySnapshotId: r.policySnapshotId, data: { paymentId: 'p1', amountFen: 90_000 } };
  await acts.recordEvent({ ...event, key: 'x:decided', action: 'approved', actor: reviewer, data: { amountFen: 90_000 } });
  await acts.recordEvent(event);
  await acts.recordEvent(event);
  const rows = await orm.em.fork().find(EmergencyEvent, { requestId: r.id }, { orderBy: { seq: 'asc' } });
  expect(rows.map((e) => [e.action, e.actorId, e.policySnapshotId])).toEqual([['approved', reviewer.userId, r.policySnapshotId], ['paid', null, r.policySnapshotId]]);
  expect(await orm.em.fork().findOneOrFail(EmergencyRequest, r.id)).toMatchObject({ status: 'follow_up', approvedFen: 90_000, paidFen: 90_000 });
});

test('recoveries and referrals are recorded once per key', async () => {
  const r = await request();
  const recovery = { recoveryKey: `emergency:${r.id}:recovery`, requestId: r.id, paymentId: 'p1', amountFen: 20_000, at: Date.now(), actor: reviewer };
  await Promise.all([acts.recordRecovery(recovery), acts.recordRecovery(recovery)]);
  const referral = { referralKey: `emergency:${r.id}:referral:housing`, requestId: r.id, kind: 'housing' as const, department: 'housing_bureau', status: 'referred' as const, at: Date.now(), actor: reviewer };
  await acts.recordReferral(referral);
  await acts.recordReferral(referral);
  expect(await orm.em.fork().count(EmergencyRecovery, { requestId: r.id })).toBe(1);
  expect(await orm.em.fork().find(EmergencyReferral, { requestId: r.id })).toEqual([expect.objectContaining({ kind: 'housing', department: 'housing_bureau', status: 'referred' })]);
});

test('startLinkedApplication starts one normal 低保 application for the household, linked to the request', async () => {
  const { householdId } = await registerHousehold(orm, 'd'.repeat(32), DEMO_VILLAGES.county);
  const r = await request(householdId);
  const first = await acts.startLinkedApplication({ requestId: r.id, householdRef: householdId });
  const again = await acts.startLinkedApplication({ requestId: r.id, householdRef: householdId });
  expect(again).toEqual(first);
  expect(started).toEqual([first.applicationId, first.applicationId]);
  const application = await orm.em.fork().findOneOrFail(Application, first.applicationId);
  expect(application).toMatchObject({ householdId, status: 'in_progress', regionCode: DEMO_VILLAGES.county, submittedById: 'u-clerk' });
  expect(await orm.em.fork().count(Application, { householdId })).toBe(1);
  expect(await orm.em.fork().findOneOrFail(EmergencyRequest, r.id)).toMatchObject({ linkedApplicationId: first.applicationId });

  // A second request for the same household joins the application already in progress.
  const second = await request(householdId);
  expect(await acts.startLinkedApplication({ requestId: second.id, householdRef: householdId })).toEqual(first);
  await expect(acts.startLinkedApplication({ requestId: (await request()).id, householdRef: householdId })).rejects.toThrow(/not the household/);
});

test('annual funding: registered residents × 2 yuan per township, once per township and year', async () => {
  const year = 2031;
  const funded = await fundReserves(orm, new PolicyService(orm), { year, regionPath: (await orm.em.fork().findOneOrFail(Region, COUNTY)).path });
  expect(funded).toEqual([
    { townshipCode: '320723100', residents: 118_000, perResidentFen: 200, amountFen: 23_600_000 },
    { townshipCode: '320723101', residents: 46_000, perResidentFen: 200, amountFen: 9_200_000 },
  ]);
  await fundReserves(orm, new PolicyService(orm), { year, regionPath: (await orm.em.fork().findOneOrFail(Region, COUNTY)).path });
  expect((await orm.em.fork().findOneOrFail(ReserveLedger, `${TOWNSHIP}:${year}`)).balanceFen).toBe(23_600_000);
  expect(await orm.em.fork().count(ReserveMovement, { ledgerId: `${TOWNSHIP}:${year}`, kind: 'funding' })).toBe(1);
});

test("the account of the event and the need are ciphertext at rest", async () => {
  const r = await request();
  const [row] = await orm.em.getConnection().execute<{ event_description: string; need: string }[]>('select event_description, need from emergency_requests where id = ?', [r.id]);
  expect(isFieldCiphertext(row!.event_description)).toBe(true);
  expect(isFieldCiphertext(row!.need)).toBe(true);
  expect(JSON.stringify(row)).not.toContain('张秀兰');
});
