import { DEMO_VILLAGES } from '../helpers/policies';
import { completeRun, seedLedger, startRun, waitForRun } from './payments';
import { startPlatform, type Platform } from './platform';

/**
 * 回盘 and 对账: the bank's result file moves released payments to paid, failed or returned; the same file twice
 * changes nothing; a line whose amount differs is refused with a reason. A failed payment is re-issued by a
 * supplementary run only after the account is corrected, under a key derived from the original; reconciliation per
 * run and per household adds up.
 */

let platform: Platform;
const MONTH = '2026-04';
const COUNTY = '320723';

beforeAll(async () => {
  platform = await startPlatform();
  await platform.addUser('gy.payment2', 'payment_officer', COUNTY);
});
afterAll(async () => {
  await platform?.stop();
});

const HEADER = 'reference,result,reason_code,amount_fen,value_date';
const csv = (...lines: string[]) => [HEADER, ...lines].join('\n') + '\n';

test('results, a duplicate file, refused lines, re-issue after the account is corrected, reconciliation', async () => {
  const { householdIds } = await seedLedger(platform, DEMO_VILLAGES.county, MONTH, [83_000, 41_500, 20_000]);
  const officer = await platform.as('gy.payment');
  const run = await startRun(officer, COUNTY, MONTH);
  await waitForRun(officer, run.id, (r) => r.status === 'awaiting_approval');
  const early = await officer.post(`/api/payments/runs/${run.id}/bank-results`, csv(), { 'content-type': 'text/csv' });
  expect(early.status).toBe(409);
  expect(early.body.error.code).toBe('not_released');
  await completeRun(platform, run.id, { count: 3, totalFen: 144_500 });

  const payments = (await officer.get(`/api/payments/runs/${run.id}`)).body.payments as any[];
  const of = (householdId: string) => payments.find((p) => p.householdId === householdId)!;
  const [paid, failed, returned] = householdIds.map(of);
  const bankFile = (await (await platform.as('gy.payment2')).get(`/api/payments/runs/${run.id}/bank-file`)).body.content as string;
  for (const p of payments) expect(bankFile).toContain(p.id);

  expect((await officer.post(`/api/payments/runs/${run.id}/bank-results`, csv(), { 'content-type': 'application/json' })).status).toBe(400);
  const badHeader = await officer.post(`/api/payments/runs/${run.id}/bank-results`, 'ref,res\nx,paid\n', { 'content-type': 'text/csv' });
  expect(badHeader.status).toBe(422);
  expect(badHeader.body.error.issues[0].field).toBe('body');

  const file1 = csv(
    `${paid.id},paid,,83000,2026-04-20`,
    `${failed.id},failed,account_closed,41500,2026-04-20`,
    `${returned.id},paid,,19999,2026-04-20`,
    `00000000-0000-4000-8000-000000000000,paid,,100,2026-04-20`,
    `${paid.id},lost,,83000,2026-04-20`,
    'bad\u0000ref,paid,,100,2026-04-20',
  );
  const first = await officer.post(`/api/payments/runs/${run.id}/bank-results`, file1, { 'content-type': 'text/csv' });
  expect(first.status).toBe(200);
  expect(first.body).toMatchObject({ duplicate: false, lines: 6, applied: 2, unchanged: 0 });
  expect(first.body.rejected).toEqual([
    { line: 4, reference: returned.id, code: 'amount_mismatch' },
    { line: 5, reference: '00000000-0000-4000-8000-000000000000', code: 'unknown_reference' },
    { line: 6, reference: paid.id, code: 'invalid_result' },
    { line: 7, reference: 'bad?ref', code: 'invalid_reference' },
  ]);
  const again = await officer.post(`/api/payments/runs/${run.id}/bank-results`, file1, { 'content-type': 'text/csv' });
  expect(again.body).toMatchObject({ duplicate: true, id: first.body.id, applied: 2 });
  expect((await officer.get(`/api/payments/runs/${run.id}/bank-results`)).body.items).toHaveLength(1);

  // A second file: the third payment comes back returned (by its idempotency key), the first again as paid.
  const key = (await platform.db.orm.em.fork().getConnection().execute<{ idempotency_key: string }[]>('select idempotency_key from payments where id = ?', [returned.id]))[0]!.idempotency_key;
  const second = await officer.post(`/api/payments/runs/${run.id}/bank-results`, csv(`${key},returned,name_mismatch,20000,2026-04-22`, `${paid.id},paid,,83000,2026-04-20`, `${failed.id},paid,,41500,2026-04-22`), { 'content-type': 'text/csv' });
  expect(second.body).toMatchObject({ duplicate: false, applied: 1, unchanged: 1, rejected: [{ line: 4, reference: failed.id, code: 'status_conflict' }] });

  const reconciliation = (await (await platform.as('gy.auditor')).get(`/api/payments/runs/${run.id}/reconciliation`)).body;
  expect(reconciliation).toMatchObject({
    expected: { count: 3, amountFen: 144_500 },
    paid: { count: 1, amountFen: 83_000 },
    failed: { count: 1, amountFen: 41_500 },
    returned: { count: 1, amountFen: 20_000 },
    awaitingResult: { count: 0, amountFen: 0 },
    reissued: { count: 0, amountFen: 0 },
    outstanding: { count: 2, amountFen: 61_500 },
  });
  const exceptions = (await officer.get(`/api/payments/exceptions?countyCode=${COUNTY}&month=${MONTH}`)).body.items;
  expect(exceptions.map((e: any) => [e.paymentId, e.status, e.reasonCode, e.readyForReissue]).sort()).toEqual(
    [[failed.id, 'failed', 'account_closed', false], [returned.id, 'returned', 'name_mismatch', false]].sort(),
  );

  // Nothing is re-issued before the account is corrected: the supplementary run is empty.
  const idle = await startRun(officer, COUNTY, MONTH);
  expect((await waitForRun(officer, idle.id, (r) => r.status === 'empty')).paymentCount).toBe(0);

  const corrected = await officer.post(`/api/payments/households/${failed.householdId}/bank-account`, { bankName: '中国工商银行灌云支行', bankAccount: '6222020402561234567', reason: '原账户已销户,户主提供新卡' });
  expect(corrected.body).toMatchObject({ readyPayments: 1 });
  const supplementary = await startRun(officer, COUNTY, MONTH);
  expect(supplementary).toMatchObject({ supplementary: true, attempt: 3 });
  await completeRun(platform, supplementary.id, { count: 1, totalFen: 41_500 });
  const reissue = (await officer.get(`/api/payments/runs/${supplementary.id}`)).body.payments[0];
  expect(reissue).toMatchObject({ householdId: failed.householdId, reissueOf: failed.id, month: MONTH, status: 'released' });
  const reissueKey = (await platform.db.orm.em.fork().getConnection().execute<{ idempotency_key: string }[]>('select idempotency_key from payments where id = ?', [reissue.id]))[0]!.idempotency_key;
  const originalKey = (await platform.db.orm.em.fork().getConnection().execute<{ idempotency_key: string }[]>('select idempotency_key from payments where id = ?', [failed.id]))[0]!.idempotency_key;
  expect(reissueKey).toBe(`${originalKey}#1`);

  expect((await officer.get(`/api/payments/runs/${run.id}/reconciliation`)).body).toMatchObject({ reissued: { count: 1, amountFen: 41_500 }, outstanding: { count: 1, amountFen: 20_000 } });
  expect((await officer.get(`/api/payments/exceptions?countyCode=${COUNTY}&month=${MONTH}`)).body.items.map((e: any) => e.paymentId)).toEqual([returned.id]);

  const before = (await officer.get(`/api/payments/households/${failed.householdId}/reconciliation`)).body;
  expect(before).toMatchObject({ owedFen: 41_500, paidFen: 0, awaitingResultFen: 41_500, outstandingFen: 41_500 });
  expect(before.lines.map((l: any) => [l.month, l.payment.status, l.payment.generation])).toEqual([[MONTH, 'failed', 0], [MONTH, 'released', 1]]);
  await officer.post(`/api/payments/runs/${supplementary.id}/bank-results`, csv(`${reissue.id},paid,,41500,2026-04-28`), { 'content-type': 'text/csv' });
  expect((await officer.get(`/api/payments/households/${failed.householdId}/reconciliation`)).body).toMatchObject({ owedFen: 41_500, paidFen: 41_500, outstandingFen: 0 });
  expect((await officer.get(`/api/payments/runs/${supplementary.id}/reconciliation`)).body).toMatchObject({ paid: { count: 1, amountFen: 41_500 }, outstanding: { count: 0, amountFen: 0 } });

  expect((await (await platform.as('gy.approver')).post(`/api/payments/runs/${run.id}/bank-results`, file1, { 'content-type': 'text/csv' })).status).toBe(403);
  const audit = (await (await platform.as('gy.auditor')).get(`/api/audit/entries?targetId=${run.id}`)).body.items;
  expect(audit.filter((a: any) => a.action === 'payment_results_imported')).toHaveLength(2);
});
