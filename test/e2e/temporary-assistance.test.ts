import { ledgerYear } from '../../workflows/programs/emergency/emergency-rules';
import { DEMO_VILLAGES } from '../helpers/policies';
import { registerHousehold } from '../helpers/households';
import { Caseworker } from './caseworker';
import { startPlatform, type Platform } from './platform';

/**
 * 临时救助 as the general program: a 支出型 request (rigid expenses) beside the 急难型 ones, and the region's amount tiers
 * by cause and household size — the most a request may be approved for, said on the request and enforced at the
 * decision with the field and the figure.
 */
let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
  expect((await (await platform.as('kc.admin')).post('/api/admin/regions/220103/reserve-funding', { year: ledgerYear(Date.now()) })).status).toBe(200);
  // 宽城区 sets tiers: 支出型 one month of the urban standard (830 yuan) a person, at most three; fire two a person.
  const admin = await platform.as('kc.admin');
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const tiers = { expense: { monthsPerPerson: 1, maxMonths: 3 }, fire: { monthsPerPerson: 2, maxMonths: 6 } };
  const proposed = await admin.post('/api/admin/regions/220103/policy-versions', { override: { emergency: { amountTiers: tiers } }, effectiveFrom: today, reason: '临时救助分档' });
  expect(proposed.status).toBe(201);
  expect((await (await platform.as('cn.admin')).post(`/api/admin/policy-versions/${proposed.body.id}/approve`, { reason: '同意' })).status).toBe(200);
}, 60_000);
afterAll(async () => {
  await platform?.stop();
});

async function raise(body: Record<string, unknown>) {
  const { householdId } = await registerHousehold(platform.db.orm, platform.env.PII_DIGEST_KEY, DEMO_VILLAGES.district);
  const raised = await (await platform.as('kc.village')).post('/api/emergency-requests', { householdId, peopleAffected: 2, amountAskedFen: 300_000, eventDescription: '孩子重病住院，自付费用大', need: '生活费', ...body });
  expect(raised.status).toBe(201);
  return raised.body.id as string;
}

test('a 支出型 request for two is capped at two months of the standard: 1,660 yuan, not a fen more', async () => {
  const id = await raise({ kind: 'expense', eventType: 'illness' });
  const clerk = await platform.as('kc.clerk');
  const detail = (await clerk.get(`/api/emergency-requests/${id}`)).body;
  expect(detail).toMatchObject({ kind: 'expense', ceilingFen: 166_000 });
  const reviewer = new Caseworker(await platform.as('kc.reviewer'));
  const task = await reviewer.task(id, 'emergency_township_decision');
  const over = await reviewer.http.post(`/api/tasks/${encodeURIComponent(task.id)}/complete`, { step: 'emergency_township_decision', outcome: 'approve', amountFen: 166_001, reason: '超档' });
  expect(over.status).toBe(422);
  expect(over.body.error.issues[0]).toMatchObject({ field: 'amountFen', rule: expect.stringContaining('166000') });
  const approved = await reviewer.complete(id, 'emergency_township_decision', { outcome: 'approve', amountFen: 166_000, reason: '按档救助' });
  expect(approved.case).toMatchObject({ status: 'follow_up', approvedFen: 166_000 });
});

test('an urgent request is measured against its own cause; a cause without a tier is limited by the amount asked only', async () => {
  const fire = await raise({ eventType: 'fire', peopleAffected: 4, amountAskedFen: 900_000 });
  const clerk = await platform.as('kc.clerk');
  // Fire: two months a person for four people, at most six months: 6 × 830 yuan.
  expect((await clerk.get(`/api/emergency-requests/${fire}`)).body).toMatchObject({ kind: 'urgent', ceilingFen: 498_000 });
  const flood = await raise({ eventType: 'flood' });
  expect((await clerk.get(`/api/emergency-requests/${flood}`)).body.ceilingFen).toBeNull();
  const bad = await (await platform.as('kc.village')).post('/api/emergency-requests', { householdId: (await registerHousehold(platform.db.orm, platform.env.PII_DIGEST_KEY, DEMO_VILLAGES.district)).householdId, kind: 'other', eventType: 'flood', peopleAffected: 1, amountAskedFen: 1, eventDescription: 'x', need: 'y' });
  expect([bad.status, bad.body.error.issues[0].field]).toEqual([400, 'kind']);
});
