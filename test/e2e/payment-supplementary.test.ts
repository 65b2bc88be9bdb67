import { Household } from '../../activities/households/household.entity';
import { Payment } from '../../activities/payments/payment.entity';
import { Entitlement } from '../../activities/recipients/entitlement.entity';
import { DEMO_VILLAGES } from '../helpers/policies';
import { completeRun, seedLedger, startRun, waitForRun } from './payments';
import { startPlatform, type Platform } from './platform';

/**
 * Every entitlement reaches a payment exactly once: a household enrolled after the month's run was prepared is paid
 * by a supplementary run (补充发放) of the month; a household without a bank account is never an empty line of the
 * bank file but an exception, paid by the next supplementary run once its account is recorded; a further run pays
 * nobody twice.
 */

let platform: Platform;
const MONTH = '2026-05';
const COUNTY = '320723';

beforeAll(async () => {
  platform = await startPlatform();
  await platform.addUser('gy.payment2', 'payment_officer', COUNTY);
});
afterAll(async () => {
  await platform?.stop();
});

test('late enrolment and a missing account are paid by supplementary runs, each entitlement once', async () => {
  const first = await seedLedger(platform, DEMO_VILLAGES.county, MONTH, [83_000, 41_500]);
  const em = platform.db.orm.em.fork();
  const noAccount = await em.findOneOrFail(Household, first.householdIds[1]!);
  noAccount.bankAccount = null;
  await em.flush();

  const officer = await platform.as('gy.payment');
  const run1 = await startRun(officer, COUNTY, MONTH);
  expect(run1.supplementary).toBe(false);
  expect((await officer.post('/api/payments/runs', { countyCode: COUNTY, month: MONTH })).body.error.code).toBe('payment_run_exists');
  await waitForRun(officer, run1.id, (r) => r.status === 'awaiting_approval');
  // Enrolled after the run was prepared: the run does not pay them, and nothing strands them.
  const late = await seedLedger(platform, DEMO_VILLAGES.county, MONTH, [52_000]);
  const released1 = await completeRun(platform, run1.id, { count: 2, totalFen: 124_500 });
  expect(released1).toMatchObject({ status: 'released', released: 1 });

  const file = (await (await platform.as('gy.payment2')).get(`/api/payments/runs/${run1.id}/bank-file`)).body;
  expect(file).toMatchObject({ lines: 1, totalFen: 83_000 });
  expect(file.content.split('\n')).toHaveLength(2);
  expect(file.content).not.toMatch(/,,/);

  // The household enrolled late is owed and in no payment: the month shows as waiting for a supplementary run.
  expect((await officer.get(`/api/payments/unpaid?countyCode=${COUNTY}`)).body.items).toEqual(expect.arrayContaining([{ month: MONTH, count: 1, amountFen: 52_000 }]));
  expect((await officer.get('/api/payments/unpaid?countyCode=220103')).status).toBe(404);
  const exceptions = (await officer.get(`/api/payments/exceptions?countyCode=${COUNTY}&month=${MONTH}`)).body.items;
  expect(exceptions).toEqual([expect.objectContaining({ householdId: noAccount.id, batchId: run1.id, status: 'held', reasonCode: 'no_bank_account', amountFen: 41_500, accountMasked: null, readyForReissue: false })]);
  const run1Payees = (await officer.get(`/api/payments/runs/${run1.id}/payees`)).body.items;
  expect(run1Payees.map((p: any) => [p.month, p.status]).sort()).toEqual([[MONTH, 'held'], [MONTH, 'released']]);

  // The payment officer records the account (the audit keeps only its last four digits).
  const account = '6228480402564890018';
  const set = await officer.post(`/api/payments/households/${noAccount.id}/bank-account`, { bankName: '中国农业银行灌云县支行', bankAccount: account, reason: '户主补交银行卡' });
  expect(set.status).toBe(200);
  expect(set.body).toMatchObject({ accountMasked: '****0018' });
  expect((await officer.post(`/api/payments/households/${noAccount.id}/bank-account`, { bankName: '农行', bankAccount: '12ab', reason: '补交' })).body.error.issues).toEqual([expect.objectContaining({ field: 'bankAccount' })]);
  expect((await officer.get(`/api/payments/exceptions?countyCode=${COUNTY}&month=${MONTH}`)).body.items).toEqual([expect.objectContaining({ paymentId: exceptions[0].paymentId, readyForReissue: true })]);

  const run2 = await startRun(officer, COUNTY, MONTH);
  expect(run2).toMatchObject({ attempt: 2, supplementary: true });
  const released2 = await completeRun(platform, run2.id, { count: 2, totalFen: 93_500 });
  expect(released2).toMatchObject({ status: 'released', released: 2 });
  const run2Payees = (await officer.get(`/api/payments/runs/${run2.id}/payees`)).body.items;
  expect(run2Payees.map((p: any) => [p.householdId, p.month, p.reissueOf]).sort()).toEqual(
    [[late.householdIds[0], MONTH, null], [noAccount.id, MONTH, exceptions[0].paymentId]].sort(),
  );
  expect((await officer.get(`/api/payments/exceptions?countyCode=${COUNTY}&month=${MONTH}`)).body.items).toEqual([]);
  expect((await officer.get(`/api/payments/unpaid?countyCode=${COUNTY}`)).body.items.filter((i: any) => i.month === MONTH)).toEqual([]);
  const file2 = (await (await platform.as('gy.payment2')).get(`/api/payments/runs/${run2.id}/bank-file`)).body;
  expect(file2.content).toContain(account);

  // Nothing is owed any more: a third run of the month is empty, and no entitlement has two live payments.
  const run3 = await startRun(officer, COUNTY, MONTH);
  expect((await waitForRun(officer, run3.id, (r) => r.status === 'empty')).paymentCount).toBe(0);
  const fork = platform.db.orm.em.fork();
  const ids = [...first.householdIds, ...late.householdIds];
  const entitlements = await fork.find(Entitlement, { householdId: { $in: ids }, month: MONTH });
  const payments = await fork.find(Payment, { householdId: { $in: ids } });
  expect(entitlements).toHaveLength(3);
  for (const e of entitlements) {
    expect(payments.filter((p) => p.entitlementId === e.id && p.status === 'released')).toHaveLength(1);
  }
  const audit = (await (await platform.as('gy.auditor')).get(`/api/audit/entries?targetId=${noAccount.id}`)).body.items;
  expect(audit.map((a: any) => a.action)).toContain('payment_account_set');
  expect(JSON.stringify(audit)).not.toContain(account);
});

