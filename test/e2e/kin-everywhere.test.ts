import { Household } from '../../activities/households/household.entity';
import { entitlementRow, seedEntitlements } from '../helpers/entitlements';
import { applicationBody, fakeBankAccount } from '../helpers/factories';
import { registerHousehold } from '../helpers/households';
import { DEMO_VILLAGES } from '../helpers/policies';
import { Caseworker } from './caseworker';
import { decidePayment, waitForRun } from './payments';
import { startPlatform, type Platform } from './platform';

/**
 * 近亲属回避 wherever staff decide: entries registered after a case started count, emergency help and payment
 * batches are covered, and a staff member's own household (relation `self`) is kept from them like a relative's.
 */

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(async () => {
  await platform?.stop();
});

async function register(adminName: string, staffName: string, regionCode: string, idNumber: string, relation: string): Promise<void> {
  const admin = await platform.as(adminName);
  const staff = (await (await platform.as(staffName)).get('/api/auth/me')).body;
  const res = await admin.post('/api/admin/kin-register', { staffUserId: staff.id, staffName: '备案人员', staffKind: 'caseworker', regionCode, relativeIdNumber: idNumber, relation, reason: '补充备案' });
  if (res.status !== 201) throw new Error(`kin register: ${res.status} ${JSON.stringify(res.body)}`);
}

async function claim(http: Caseworker, caseId: string, step: string) {
  const task = await http.task(caseId, step);
  return http.http.post(`/api/tasks/${encodeURIComponent(task.id)}/claim`);
}

test('a relative registered after the application was filed keeps the staff member off its tasks', async () => {
  const clerk = await platform.as('kc.clerk');
  const body = applicationBody(DEMO_VILLAGES.district);
  const id = (await clerk.post('/api/applications', body)).body.id;
  await new Caseworker(clerk).complete(id, 'acceptance', { outcome: 'accept' });

  const investigator = new Caseworker(await platform.as('kc.investigator'));
  await investigator.task(id, 'home_visit');
  await register('kc.admin', 'kc.investigator', '220103001', body.members[1].idNumber, 'in_law');
  const refused = await claim(investigator, id, 'home_visit');
  expect(refused.status).toBe(409);
  expect(refused.body.error.code).toBe('conflict_of_interest');
});

test("a township reviewer's own household: its emergency request is decided by someone else", async () => {
  const { householdId, idNumbers } = await registerHousehold(platform.db.orm, platform.env.PII_DIGEST_KEY, DEMO_VILLAGES.county);
  await register('gy.admin', 'gy.reviewer', '320723100', idNumbers[0]!, 'self');
  const raised = await (await platform.as('gy.village')).post('/api/emergency-requests', {
    householdId,
    eventType: 'fire',
    peopleAffected: 2,
    amountAskedFen: 50_000,
    eventDescription: '厨房失火',
    need: '临时生活费',
  });
  expect(raised.status).toBe(201);
  const reviewer = new Caseworker(await platform.as('gy.reviewer'));
  const refused = await claim(reviewer, raised.body.id, 'emergency_township_decision');
  expect(refused.status).toBe(409);
  expect(refused.body.error.code).toBe('conflict_of_interest');
});

test('an approver registered against a payee stays away from the batch; a colleague approves it', async () => {
  const month = '2026-02';
  const { householdId, idNumbers } = await registerHousehold(platform.db.orm, platform.env.PII_DIGEST_KEY, DEMO_VILLAGES.district);
  const em = platform.db.orm.em.fork();
  const household = await em.findOneOrFail(Household, householdId);
  household.bankAccount = fakeBankAccount();
  household.bankName = '中国农业银行测试支行';
  await em.flush();
  await seedEntitlements(em, [entitlementRow(householdId, month, 90_000)]);
  await register('kc.admin', 'kc.approver', '220103', idNumbers[1]!, 'sibling');
  // The colleague's role must predate the run for the approval to count.
  await platform.addUser('kc.approver.b', 'county_approver', '220103');

  const started = await (await platform.as('kc.payment')).post('/api/payments/runs', { countyCode: '220103', month });
  expect(started.status).toBe(201);
  await waitForRun(await platform.as('kc.payment'), started.body.id, (r) => r.status === 'awaiting_approval');
  const refused = await decidePayment(await platform.as('kc.approver'), started.body.id, 'payment_approval', 'approve');
  expect(refused.status).toBe(409);
  expect(refused.body.error.code).toBe('conflict_of_interest');

  const approved = await decidePayment(await platform.as('kc.approver.b'), started.body.id, 'payment_approval', 'approve');
  expect(approved.status).toBe(200);
});
