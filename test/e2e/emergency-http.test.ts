import { EmergencyRequest } from '../../activities/emergency/emergency-request.entity';
import { Household } from '../../activities/households/household.entity';
import { applicationBody } from '../helpers/factories';
import { Submission } from '../../activities/tasks/submission.entity';
import { ledgerYear } from '../../workflows/programs/emergency/emergency-rules';
import { DEMO_VILLAGES } from '../helpers/policies';
import { registerHousehold } from '../helpers/households';
import { Caseworker, waitForCase } from './caseworker';
import { startPlatform, type Platform } from './platform';

/** 救急难 through HTTP against the Temporal dev server, the real worker and a real database. */

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
  await platform.addUser('yj.reviewer', 'township_reviewer', '320723101');
});
afterAll(async () => {
  await platform?.stop();
});

const TOWNSHIP = '320723100';
const raise = (householdId: string, amountAskedFen = 120_000) => ({
  householdId,
  eventType: 'fire',
  peopleAffected: 3,
  amountAskedFen,
  eventDescription: '夜间失火，房屋部分烧毁',
  need: '临时生活费和住所',
});

async function waitForRequest(http: Platform['http'], id: string, predicate: (r: any) => boolean, timeoutMs = 20_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await http.get(`/api/emergency-requests/${id}`);
    if (res.status === 200 && predicate(res.body)) return res.body;
    if (Date.now() > deadline) throw new Error(`request ${id} did not reach the state: ${JSON.stringify(res.body).slice(0, 2000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('raise → approve → paid → verify → refer for a township, invisible to another township', async () => {
  const year = ledgerYear(Date.now());
  const admin = await platform.as('gy.admin');
  const funding = await admin.post('/api/admin/regions/320723/reserve-funding', { year });
  expect(funding.status).toBe(200);
  // 伊山镇: 118,000 registered residents × 2 yuan.
  expect(funding.body.funded).toEqual(expect.arrayContaining([{ townshipCode: TOWNSHIP, residents: 118_000, perResidentFen: 200, amountFen: 23_600_000 }]));
  expect((await admin.post('/api/admin/regions/320723/reserve-funding', { year })).status).toBe(200);

  const { householdId, idNumbers } = await registerHousehold(platform.db.orm, platform.env.PII_DIGEST_KEY, DEMO_VILLAGES.county);
  const village = await platform.as('gy.village');
  const invalid = await village.post('/api/emergency-requests', { ...raise(householdId), amountAskedFen: 12.5, peopleAffected: 0 });
  expect(invalid.status).toBe(400);
  expect(invalid.body.error.issues.map((i: any) => i.field).sort()).toEqual(['amountAskedFen', 'peopleAffected']);
  const elsewhere = await (await platform.as('kc.village')).post('/api/emergency-requests', raise(householdId));
  expect(elsewhere.status).toBe(422);

  const raised = await village.post('/api/emergency-requests', raise(householdId));
  expect(raised.status).toBe(201);
  expect(raised.body).toMatchObject({ status: 'awaiting_decision', townshipCode: TOWNSHIP, workflowStarted: true });
  const id = raised.body.id as string;
  expect((await village.post('/api/emergency-requests', raise(householdId))).body.error.code).toBe('duplicate_request');

  // The township reviewer's inbox: urgent, first, with the clock hours left of the 24.
  const reviewer = new Caseworker(await platform.as('gy.reviewer'));
  const task = await reviewer.task(id, 'emergency_township_decision');
  expect(task).toMatchObject({ caseType: 'emergency', rank: 0, urgent: true, role: 'township_reviewer' });
  expect(task.remainingHours).toBeGreaterThan(23.5);
  expect(task.remainingHours).toBeLessThanOrEqual(24);
  expect((await reviewer.http.get('/api/inbox')).body.items[0].caseType).toBe('emergency');

  // Another township of the same county sees nothing of it.
  const other = await platform.as('yj.reviewer');
  expect((await other.get(`/api/emergency-requests/${id}`)).status).toBe(404);
  expect((await other.get('/api/inbox?pageSize=100')).body.items.filter((t: any) => t.caseId === id)).toEqual([]);
  expect((await other.get('/api/emergency-requests')).body.items.filter((r: any) => r.id === id)).toEqual([]);
  expect((await other.get(`/api/emergency/reserve/${TOWNSHIP}`)).status).toBe(404);

  const tooMuch = await reviewer.http.post(`/api/tasks/${encodeURIComponent(task.id)}/complete`, { step: 'emergency_township_decision', outcome: 'approve', amountFen: 120_001 });
  expect(tooMuch.status).toBe(422);
  const approved = await reviewer.complete(id, 'emergency_township_decision', { outcome: 'approve', amountFen: 100_000, reason: '火灾属实' });
  // The decision is kept with what was submitted, its reason included, and marked accepted (步步有痕迹).
  const submissions = await platform.db.orm.em.fork().find(Submission, { taskId: task.id });
  expect(submissions.map((x) => x.status)).toEqual(['accepted']);
  expect(submissions[0].payload).toMatchObject({ outcome: 'approve', amountFen: 100_000, reason: '火灾属实' });
  expect(approved.case).toMatchObject({ status: 'follow_up', tier: 'township', approvedFen: 100_000, payment: { amountFen: 100_000 } });

  const clerk = await platform.as('gy.clerk');
  const fund = await clerk.get(`/api/emergency/reserve/${TOWNSHIP}`);
  expect(fund.status).toBe(200);
  expect(fund.body.balanceFen).toBe(23_600_000 - 100_000);
  expect(fund.body.movements.filter((m: any) => m.kind === 'payment')).toEqual([expect.objectContaining({ amountFen: -100_000, requestId: id })]);
  expect(fund.body.movements.filter((m: any) => m.kind === 'funding')).toHaveLength(1);

  // The approver may not verify; the investigator does. The request stays open for referrals (verified).
  const investigator = new Caseworker(await platform.as('gy.investigator'));
  const verified = await investigator.complete(id, 'emergency_follow_up', { outcome: 'proper', recoveryFen: 0, reason: '入户核实，已用于临时安置' });
  expect(verified.case).toMatchObject({ status: 'verified', verification: { outcome: 'proper', recoveryFen: 0 } });
  await waitForRequest(clerk, id, (r) => r.status === 'verified');

  // 转介 after verification: a 低保 application for the household starts and runs; a medical referral is recorded.
  const referred = await clerk.post(`/api/emergency-requests/${id}/referrals`, { kind: 'dibao', department: 'civil_affairs' });
  expect(referred.status).toBe(200);
  const applicationId = referred.body.referrals[0].applicationId as string;
  expect(applicationId).toEqual(expect.any(String));
  await new Caseworker(clerk).task(applicationId, 'acceptance');
  expect((await clerk.get(`/api/applications/${applicationId}`)).body).toMatchObject({ status: 'in_progress' });
  expect((await clerk.post(`/api/emergency-requests/${id}/referrals`, { kind: 'medical', department: 'medical_security' })).status).toBe(200);
  const again = await clerk.post(`/api/emergency-requests/${id}/referrals`, { kind: 'medical', department: 'medical_security' });
  expect([again.status, again.body.error.code]).toEqual([409, 'duplicate_referral']);

  const detail = await waitForRequest(clerk, id, (r) => r.referrals.length === 2);
  expect(detail).toMatchObject({ status: 'verified', paidFen: 100_000, approvedFen: 100_000, linkedApplicationId: applicationId, payment: { amountFen: 100_000 } });
  expect(detail.referrals.map((r: any) => [r.kind, r.department, r.status])).toEqual([['dibao', 'civil_affairs', 'referred'], ['medical', 'medical_security', 'referred']]);
  expect(detail.household.head).toBe('测***');
  for (const n of idNumbers) expect(JSON.stringify(detail)).not.toContain(n);
  const actions = detail.timeline.map((e: any) => e.action);
  expect(actions).toEqual(expect.arrayContaining(['raised', 'task_opened', 'approved', 'paid', 'verified_proper', 'referred']));
  expect(actions.indexOf('verified_proper')).toBeLessThan(actions.indexOf('referred'));
  const approval = detail.timeline.find((e: any) => e.action === 'approved');
  expect(approval).toMatchObject({ actor: { role: 'township_reviewer' }, data: { amountFen: 100_000 }, policy: { label: expect.stringContaining('320723') } });

  const listed = await clerk.get('/api/emergency-requests?status=verified');
  expect(listed.body.items.map((r: any) => r.id)).toContain(id);
  expect(listed.body.byStatus.verified).toBeGreaterThanOrEqual(1);
  // The referral window (30 days) closes the request by itself; the workflow tests pass it on the time-skipping server.
  await waitForCase(clerk, applicationId, (c) => c.stage === 'acceptance');

  // The workflow carried ids, codes and fen only: no account of the event, no name, no ID number.
  const history = historyText(await platform.temporal.workflow.getHandle(`emergency-${id}`).fetchHistory());
  expect(history).toContain(`"requestId":"${id}"`);
  for (const secret of [raise(householdId).eventDescription, raise(householdId).need, '测试户主', ...idNumbers]) expect(history).not.toContain(secret);
});

/** A history as text with its payloads decoded (JSON payload data is base64 or bytes). */
function historyText(history: unknown): string {
  return JSON.stringify(history, (key, value: unknown) => {
    if (key === 'data' && typeof value === 'string') return Buffer.from(value, 'base64').toString('utf8');
    if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
    return value;
  }).replace(/\\"/g, '"').replace(/\\/g, '');
}

test('a fund the payment would overdraw routes the request to the county, whose top-up pays it', async () => {
  // 银州区 is not funded in this run: its township's fund is empty.
  const { householdId } = await registerHousehold(platform.db.orm, platform.env.PII_DIGEST_KEY, DEMO_VILLAGES.city);
  const clerk = await platform.as('yz.clerk');
  const raised = await clerk.post('/api/emergency-requests', raise(householdId, 50_000));
  expect(raised.status).toBe(201);
  const id = raised.body.id as string;
  const decided = await new Caseworker(await platform.as('yz.reviewer')).complete(id, 'emergency_township_decision', { outcome: 'approve', amountFen: 50_000 });
  expect(decided.case).toMatchObject({ status: 'paying' });

  const approver = new Caseworker(await platform.as('yz.approver'));
  const topUpTask = await approver.task(id, 'emergency_fund_top_up');
  expect(topUpTask).toMatchObject({ urgent: true, rank: 0, regionCode: '211202' });
  const paid = await approver.complete(id, 'emergency_fund_top_up', { outcome: 'approve', amountFen: 50_000, topUpFen: 80_000 });
  expect(paid.case).toMatchObject({ status: 'follow_up', payment: { amountFen: 50_000 } });
  const fund = await approver.http.get('/api/emergency/reserve/211202001');
  expect(fund.body.balanceFen).toBe(30_000);
  expect(fund.body.movements.map((m: any) => m.kind).sort()).toEqual(['payment', 'top_up']);
  const detail = await clerk.get(`/api/emergency-requests/${id}`);
  expect(detail.body.timeline.find((e: any) => e.action === 'fund_insufficient')).toMatchObject({ reasonCode: 'insufficient_fund', data: { balanceFen: 0, amountFen: 50_000 } });
});

test('a household the platform has never seen is registered with its request; raising for it again finds it', async () => {
  const village = await platform.as('gy.village');
  const { householdId: _unused, ...event } = raise('00000000-0000-4000-8000-000000000000');
  const household = { regionCode: DEMO_VILLAGES.county, address: '灌云县伊山镇东园村9组', members: applicationBody(DEMO_VILLAGES.county).members };
  expect((await village.post('/api/emergency-requests', event)).status).toBe(400);
  expect((await village.post('/api/emergency-requests', { ...event, household: { ...household, regionCode: DEMO_VILLAGES.district } })).status).toBe(422);

  const raised = await village.post('/api/emergency-requests', { ...event, household });
  expect(raised.status).toBe(201);
  const detail = (await village.get(`/api/emergency-requests/${raised.body.id}`)).body;
  const stored = await platform.db.orm.em.fork().findOneOrFail(EmergencyRequest, raised.body.id);
  const registered = await platform.db.orm.em.fork().findOneOrFail(Household, stored.householdId, { populate: ['members'] });
  expect(registered.members.getItems()).toHaveLength(household.members.length);
  expect(JSON.stringify(detail)).not.toContain(household.members[0].idNumber);
  // The same head again: the same household (its open request refuses a second one), not a second register entry.
  expect((await village.post('/api/emergency-requests', { ...event, household })).body.error.code).toBe('duplicate_request');
});
