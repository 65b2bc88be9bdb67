import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import { Household } from '../../activities/households/household.entity';
import { PaymentBatch } from '../../activities/payments/payment-batch.entity';
import { Payment } from '../../activities/payments/payment.entity';
import { paymentPrepareActivities } from '../../activities/payments/payment-prepare.activities';
import { paymentTaskActivities } from '../../activities/payments/payment-tasks.activities';
import { RecoveryDeduction } from '../../activities/payments/recovery-deduction.entity';
import { RecoveryPlan } from '../../activities/recipients/recovery-plan.entity';
import { paymentBatchId } from '../../workflows/payments/definitions';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { entitlementRow, seedEntitlements } from '../helpers/entitlements';
import { fakeBankAccount } from '../helpers/factories';

/**
 * 多发追回 deductions against a real database: at most 30 % of a payment, never beyond the plan, once per payment
 * however often a page is prepared, and a rejected batch's deductions stop counting until a later batch takes its
 * payments over (and then count once, not twice).
 */

const COUNTY = '320000/320700/320723/';
const MONTH = '2026-08';
const OFFICER = { userId: 'officer-A', role: 'payment_officer' as const };

let db: TestDatabase;
let orm: MikroORM;
let household: Household;
let plan: RecoveryPlan;
beforeAll(async () => {
  db = await createTestDatabase();
  orm = db.orm;
  const em = orm.em.fork();
  household = new Household({ id: randomUUID(), regionCode: '320723100001', regionPath: `${COUNTY}320723100/320723100001/`, area: 'rural', address: '测试路', phone: null });
  household.bankAccount = fakeBankAccount();
  em.persist(household);
  plan = new RecoveryPlan({ id: randomUUID(), householdId: household.id, reference: 'complaint:c-1', totalFen: 30_000, months: [{ month: '2026-06', fen: 30_000 }], createdAt: new Date() });
  em.persist(plan);
  await em.flush();
  // A regular month of 700 yuan and arrears of 100 yuan: 210 + 30 yuan may be kept back, the plan lacks 300.
  await seedEntitlements(em, [entitlementRow(household.id, MONTH, 70_000), entitlementRow(household.id, MONTH, 10_000, 'arrears', 'std-1')]);
});
afterAll(async () => {
  await db?.drop();
});

async function prepare(attempt: number): Promise<string> {
  const id = paymentBatchId('320723', MONTH, attempt);
  await orm.em.fork().persistAndFlush(new PaymentBatch({ id, countyCode: '320723', regionPath: COUNTY, month: MONTH, attempt, startedById: OFFICER.userId, startedByRole: OFFICER.role, createdAt: new Date() }));
  const acts = paymentPrepareActivities(orm);
  for (let i = 0; i < 2; i += 1) await acts.preparePaymentPage({ batchId: id, after: null });
  return id;
}

async function deducted(): Promise<number> {
  const rows = await orm.em.fork().find(RecoveryDeduction, { planId: plan.id });
  const live = await orm.em.fork().find(Payment, { idempotencyKey: { $in: rows.map((r) => r.paymentKey) }, status: { $ne: 'cancelled' } });
  return rows.filter((r) => live.some((p) => p.idempotencyKey === r.paymentKey)).reduce((n, r) => n + r.amountFen, 0);
}

test('30 % of each payment, once per payment; a rejected batch and its takeover count the deductions once', async () => {
  const first = await prepare(1);
  const payments = await orm.em.fork().find(Payment, { batchId: first }, { orderBy: { amountFen: 'desc' } });
  expect(payments.map((p) => [p.amountFen, p.deductedFen])).toEqual([[49_000, 21_000], [7_000, 3_000]]);
  expect(await deducted()).toBe(24_000);
  expect(await orm.em.fork().count(RecoveryDeduction, { planId: plan.id })).toBe(2);

  await paymentTaskActivities(orm).rejectPaymentBatch({ batchId: first, actor: OFFICER, at: Date.now() });
  expect(await deducted()).toBe(0);
  // Arrears of 1000 yuan recorded meanwhile: 30 % would be 300 yuan, but the plan lacks only 60 once the taken-over
  // payments' deductions count again.
  await seedEntitlements(orm.em.fork(), [entitlementRow(household.id, MONTH, 100_000, 'arrears', 'std-2')]);
  const second = await prepare(2);
  const taken = await orm.em.fork().find(Payment, { batchId: second }, { orderBy: { amountFen: 'desc' } });
  expect(taken.map((p) => [p.amountFen, p.deductedFen])).toEqual([[94_000, 6_000], [49_000, 21_000], [7_000, 3_000]]);
  expect(taken.filter((p) => payments.some((q) => q.id === p.id))).toHaveLength(2);
  expect(await deducted()).toBe(30_000);
  expect(await orm.em.fork().count(RecoveryDeduction, { planId: plan.id })).toBe(3);
});
