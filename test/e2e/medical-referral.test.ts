import { ledgerYear } from '../../workflows/programs/emergency/emergency-rules';
import { referredForMedical } from './referrals';
import { startPlatform, type Platform } from './platform';

/**
 * 医疗救助 referrals that live, through HTTP: after a 救急难 case is verified and the household referred for medical
 * assistance, the medical-assistance office accepts it, pays 75 % of each bill's eligible expenses up to the annual
 * cap of 160,000 yuan (once per bill number), and closes it; every step is on the emergency case's timeline. Two bills
 * paid at once never pass the cap together.
 */
let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
  const funded = await (await platform.as('kc.admin')).post('/api/admin/regions/220103/reserve-funding', { year: ledgerYear(Date.now()) });
  expect(funded.status).toBe(200);
}, 60_000);
afterAll(async () => {
  await platform?.stop();
});

test('the office accepts, pays 75 % of each bill up to the annual cap, once per bill, and closes; the timeline shows it', async () => {
  const { requestId, householdId, referralId } = await referredForMedical(platform);
  const office = await platform.as('kc.medical');
  const clerk = await platform.as('kc.clerk');
  // Only the receiving department works it, and only once accepted may it pay.
  expect((await office.post(`/api/referrals/${referralId}/payments`, { invoiceNo: 'A-1', eligibleExpenseFen: 1_000_000 })).body.error.code).toBe('referral_referred');
  expect((await clerk.post(`/api/referrals/${referralId}/accept`, { reason: '受理' })).status).toBe(403);
  const accepted = await office.post(`/api/referrals/${referralId}/accept`, { reason: '材料齐全，予以受理' });
  expect(accepted.body).toMatchObject({ status: 'accepted', householdId });
  expect((await office.post(`/api/referrals/${referralId}/accept`, { reason: '重复提交' })).body.status).toBe('accepted');

  const first = await office.post(`/api/referrals/${referralId}/payments`, { invoiceNo: 'A-1', eligibleExpenseFen: 1_000_001 });
  expect(first.body).toMatchObject({ eligibleExpenseFen: 1_000_001, paidFen: 750_000, ratio: 0.75, annualCapFen: 16_000_000, capLeftFen: 15_250_000 });
  // The same bill again is the first payment; the same number with another amount is refused.
  expect((await office.post(`/api/referrals/${referralId}/payments`, { invoiceNo: 'A-1', eligibleExpenseFen: 1_000_001 })).body.id).toBe(first.body.id);
  expect((await office.post(`/api/referrals/${referralId}/payments`, { invoiceNo: 'A-1', eligibleExpenseFen: 9 })).body.error.code).toBe('invoice_recorded');
  const bad = await office.post(`/api/referrals/${referralId}/payments`, { invoiceNo: 'A 2', eligibleExpenseFen: 12.5 });
  expect([bad.status, bad.body.error.issues.map((i: any) => i.field).sort()]).toEqual([400, ['eligibleExpenseFen', 'invoiceNo']]);
  // 75 % of 300,000 yuan is 225,000; only 152,500 is left of the cap.
  const capped = await office.post(`/api/referrals/${referralId}/payments`, { invoiceNo: 'A-2', eligibleExpenseFen: 30_000_000 });
  expect(capped.body).toMatchObject({ paidFen: 15_250_000, capLeftFen: 0 });
  expect((await office.post(`/api/referrals/${referralId}/payments`, { invoiceNo: 'A-3', eligibleExpenseFen: 100 })).body.error.code).toBe('medical_cap_reached');

  const closed = await office.post(`/api/referrals/${referralId}/close`, { reason: '本年度救助已达封顶线' });
  expect(closed.body.status).toBe('closed');
  const detail = (await office.get(`/api/referrals/${referralId}`)).body;
  expect(detail.payments.map((p: any) => [p.invoiceNo, p.paidFen])).toEqual([['A-1', 750_000], ['A-2', 15_250_000]]);
  const timeline = (await clerk.get(`/api/emergency-requests/${requestId}`)).body;
  const actions = JSON.stringify(timeline);
  for (const action of ['referral_accepted', 'medical_paid', 'referral_closed']) expect(actions).toContain(action);
  const layers = (await clerk.get(`/api/households/${householdId}/layers`)).body;
  expect(layers.referrals).toEqual([expect.objectContaining({ kind: 'medical', status: 'closed' })]);
  // Another county's office does not see it.
  expect((await (await platform.as('gy.medical')).get(`/api/referrals/${referralId}`)).status).toBe(404);
});

test('two bills paid at the same moment never pass the annual cap together', async () => {
  const { referralId } = await referredForMedical(platform);
  const office = await platform.as('kc.medical');
  await office.post(`/api/referrals/${referralId}/accept`, { reason: '受理' });
  // Each bill alone would be 112,500 yuan; together they may reach 160,000 and no more.
  const [a, b] = await Promise.all([
    office.post(`/api/referrals/${referralId}/payments`, { invoiceNo: 'B-1', eligibleExpenseFen: 15_000_000 }),
    office.post(`/api/referrals/${referralId}/payments`, { invoiceNo: 'B-2', eligibleExpenseFen: 15_000_000 }),
  ]);
  expect([a.status, b.status]).toEqual([200, 200]);
  expect([a.body.paidFen, b.body.paidFen].sort((x, y) => x - y)).toEqual([4_750_000, 11_250_000]);
});
