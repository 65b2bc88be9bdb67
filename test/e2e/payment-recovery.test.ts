import { randomUUID } from 'node:crypto';
import { RecoveryPlan } from '../../activities/recipients/recovery-plan.entity';
import { DEMO_VILLAGES } from '../helpers/policies';
import { entitlementRow, seedEntitlements } from '../helpers/entitlements';
import { completeRun, seedLedger, startRun, waitForRun } from './payments';
import { startPlatform, type Platform } from './platform';

/**
 * 多发追回 at the payment end: a household's recovery plan (recorded by its lifecycle when a re-review found a lower
 * amount for months already paid) is deducted from its next payments, at most 30 % of a month's amount and never
 * more than remains; a repayment the household makes directly counts too, and cannot exceed what remains.
 */

let platform: Platform;
const COUNTY = '320723';

beforeAll(async () => {
  platform = await startPlatform();
  await platform.addUser('gy.payment2', 'payment_officer', COUNTY);
});
afterAll(async () => {
  await platform?.stop();
});

test('deductions of at most 30 % a month, a repayment, and nothing deducted twice or beyond the plan', async () => {
  const { householdIds } = await seedLedger(platform, DEMO_VILLAGES.county, '2026-02', [80_000, 50_000]);
  const [debtor, other] = householdIds as [string, string];
  const em = platform.db.orm.em.fork();
  await seedEntitlements(em, [entitlementRow(debtor, '2026-03', 80_000), entitlementRow(other, '2026-03', 50_000)]);
  const plan = new RecoveryPlan({ id: randomUUID(), householdId: debtor, reference: `re-review-${randomUUID()}`, totalFen: 40_000, months: [{ month: '2026-01', fen: 40_000 }], createdAt: new Date() });
  await em.persistAndFlush(plan);

  const officer = await platform.as('gy.payment');
  const february = await startRun(officer, COUNTY, '2026-02');
  await completeRun(platform, february.id, { count: 2, totalFen: 80_000 - 24_000 + 50_000 });
  const paid = (await officer.get(`/api/payments/runs/${february.id}`)).body.payments as any[];
  expect(paid.map((p) => [p.householdId, p.amountFen, p.deductedFen]).sort()).toEqual([[debtor, 56_000, 24_000], [other, 50_000, 0]].sort());
  expect((await (await platform.as('gy.payment2')).get(`/api/payments/runs/${february.id}/bank-file`)).body.totalFen).toBe(106_000);

  let plans = (await officer.get(`/api/payments/households/${debtor}/recovery-plans`)).body.items;
  expect(plans).toEqual([expect.objectContaining({ id: plan.id, totalFen: 40_000, deductedFen: 24_000, repaidFen: 0, remainingFen: 16_000, method: 'deduct', maxSharePercent: 30 })]);
  const tooMuch = await officer.post(`/api/payments/recovery-plans/${plan.id}/repayments`, { amountFen: 20_000, reason: '现金退还' });
  expect(tooMuch.status).toBe(422);
  expect(tooMuch.body.error.issues[0].field).toBe('amountFen');
  expect((await officer.post(`/api/payments/recovery-plans/${plan.id}/repayments`, { amountFen: 6_000, reason: '银行转账退还' })).body).toMatchObject({ repaidFen: 6_000, remainingFen: 10_000 });
  expect((await (await platform.as('gy.approver')).post(`/api/payments/recovery-plans/${plan.id}/repayments`, { amountFen: 1, reason: '退还' })).status).toBe(403);

  const march = await startRun(officer, COUNTY, '2026-03');
  await completeRun(platform, march.id, { count: 2, totalFen: 80_000 - 10_000 + 50_000 });
  plans = (await officer.get(`/api/payments/households/${debtor}/recovery-plans`)).body.items;
  expect(plans[0]).toMatchObject({ deductedFen: 34_000, repaidFen: 6_000, remainingFen: 0 });

  // Nothing left: a supplementary run finds nothing owed and deducts nothing more.
  const again = await startRun(officer, COUNTY, '2026-03');
  expect(again.supplementary).toBe(true);
  expect((await waitForRun(officer, again.id, (r) => r.status === 'empty')).paymentCount).toBe(0);
  const audit = (await (await platform.as('gy.auditor')).get(`/api/audit/entries?targetId=${plan.id}`)).body.items;
  expect(audit.map((a: any) => a.action)).toEqual(['recovery_repaid']);
});
