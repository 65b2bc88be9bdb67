import { AuditEntry } from '../../activities/audit/audit-entry.entity';
import { Submission } from '../../activities/tasks/submission.entity';
import { shanghaiToday } from '../../apps/api/absences/acting-for';
import { applicationBody } from '../helpers/factories';
import { DEMO_VILLAGES } from '../helpers/policies';
import { Caseworker, waitForCase } from './caseworker';
import { startPlatform, type Platform } from './platform';

/** AB岗: a planned absence hands the absent caseworker's claimed tasks to the B post, who decides acting for them. */

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
  await platform.addUser('kc.investigator.ab', 'township_investigator', '220103001');
  await platform.addUser('kc.investigator.other', 'township_investigator', '220103001');
});
afterAll(async () => {
  await platform?.stop();
});

const day = (offset: number) => shanghaiToday(Date.now() + offset * 86_400_000);

test("the B post sees and decides the absent investigator's claimed visit, acting for them; others still may not", async () => {
  const clerk = await platform.as('kc.clerk');
  const id = (await clerk.post('/api/applications', applicationBody(DEMO_VILLAGES.district))).body.id;
  await new Caseworker(clerk).complete(id, 'acceptance', { outcome: 'accept' });
  const away = new Caseworker(await platform.as('kc.investigator'));
  const visit = await away.task(id, 'home_visit');
  expect((await away.http.post(`/api/tasks/${encodeURIComponent(visit.id)}/claim`)).status).toBe(200);

  const colleagues = (await away.http.get('/api/absences/colleagues')).body.items;
  const backupId = (await (await platform.as('kc.investigator.ab')).get('/api/auth/me')).body.id;
  expect(colleagues.map((c: any) => c.userId)).toContain(backupId);
  const clerkId = (await clerk.get('/api/auth/me')).body.id;

  const plan = { backupUserId: backupId, startsOn: day(0), endsOn: day(3), reason: '参加县级培训' };
  const bad = await away.http.post('/api/absences', { ...plan, endsOn: day(-1) });
  expect(bad.status).toBe(400);
  expect(bad.body.error.issues.map((i: any) => i.field)).toEqual(['endsOn']);
  const wrongRole = await away.http.post('/api/absences', { ...plan, backupUserId: clerkId });
  expect(wrongRole.status).toBe(422);
  expect(wrongRole.body.error.issues.map((i: any) => i.field)).toEqual(['backupUserId']);
  const past = await away.http.post('/api/absences', { ...plan, startsOn: day(-2) });
  expect(past.status).toBe(422);

  const recorded = await away.http.post('/api/absences', plan);
  expect(recorded.status).toBe(201);
  expect(recorded.body).toMatchObject({ status: 'current', startsOn: day(0), endsOn: day(3), backup: { userId: backupId } });
  expect((await away.http.post('/api/absences', { ...plan, startsOn: day(2), endsOn: day(5) })).body.error.code).toBe('absence_overlaps');

  const b = await platform.as('kc.investigator.ab');
  const mine = (await b.get('/api/inbox?assigned=me&pageSize=100')).body.items.find((t: any) => t.id === visit.id);
  expect(mine).toMatchObject({ claimedBy: { displayName: expect.any(String) }, actingFor: { userId: recorded.body.user.userId } });
  expect((await b.get('/api/absences')).body.items.map((a: any) => a.id)).toContain(recorded.body.id);

  const detail = await waitForCase(clerk, id, (c) => c.checkReports.length === 1);
  const incomes = detail.household.members.map((m: any) => ({ memberId: m.id, monthlyIncomeFen: 0 }));
  const decision = { step: 'home_visit', recommendation: 'eligible', disputed: false, incomes, reason: '入户核实属实' };
  const other = await (await platform.as('kc.investigator.other')).post(`/api/tasks/${encodeURIComponent(visit.id)}/complete`, decision);
  expect(other.status).toBe(409);
  expect(other.body.error.code).toBe('claimed_by_other');

  const done = await b.post(`/api/tasks/${encodeURIComponent(visit.id)}/complete`, decision);
  expect(done.status).toBe(200);
  const em = platform.db.orm.em.fork();
  const submission = await em.findOneOrFail(Submission, done.body.submissionId);
  expect(submission).toMatchObject({ actorId: backupId, actingForId: recorded.body.user.userId, status: 'accepted' });
  const line = await em.findOneOrFail(AuditEntry, { action: 'acting_for', targetId: visit.id });
  expect(line).toMatchObject({ actorId: backupId, after: expect.objectContaining({ actingForId: recorded.body.user.userId, submissionId: submission.id }) });

  // Cancelled, the absence routes nothing more.
  expect((await away.http.post(`/api/absences/${recorded.body.id}/cancel`)).body.status).toBe('cancelled');
  expect((await b.get('/api/absences')).body.items.find((a: any) => a.id === recorded.body.id).status).toBe('cancelled');
});
