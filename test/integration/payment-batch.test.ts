import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException, type MikroORM } from '@mikro-orm/core';
import { AuditEntry } from '../../activities/audit/audit-entry.entity';
import { Household } from '../../activities/households/household.entity';
import { PaymentBatch } from '../../activities/payments/payment-batch.entity';
import { PaymentExport } from '../../activities/payments/payment-export.entity';
import { Payment } from '../../activities/payments/payment.entity';
import { paymentPrepareActivities } from '../../activities/payments/payment-prepare.activities';
import { paymentReleaseActivities } from '../../activities/payments/payment-release.activities';
import { paymentTaskActivities } from '../../activities/payments/payment-tasks.activities';
import { isFieldCiphertext } from '../../activities/security/field-crypto';
import { paymentBatchId } from '../../workflows/payments/definitions';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { entitlementRow, seedEntitlements } from '../helpers/entitlements';
import { fakeBankAccount } from '../helpers/factories';

/** Payment batches against a real database (SQLite, or PostgreSQL with DATABASE_URL): keys, pages, retries. */

const COUNTY = '320000/320700/320723/';
const TOWNSHIPS = ['320723100', '320723101'];
const MONTH = '2026-11';
const OFFICER = { userId: 'officer-A', role: 'payment_officer' as const };
const APPROVER = { userId: 'approver-B', role: 'county_approver' as const };

let db: TestDatabase;
let orm: MikroORM;
const accounts = new Map<string, string>();
beforeAll(async () => {
  db = await createTestDatabase();
  orm = db.orm;
  const em = orm.em.fork();
  const rows = [];
  for (let i = 0; i < 7; i += 1) {
    const township = TOWNSHIPS[i % 2]!;
    const household = new Household({ id: randomUUID(), regionCode: `${township}001`, regionPath: `${COUNTY}${township}/${township}001/`, area: 'rural', address: '测试路', phone: null });
    household.bankAccount = fakeBankAccount();
    household.bankName = '农业银行';
    accounts.set(household.id, household.bankAccount);
    em.persist(household);
    rows.push(entitlementRow(household.id, MONTH, 10_000 * (i + 1)));
    if (i === 0) rows.push(entitlementRow(household.id, MONTH, 2_500, 'arrears', 'standard-2026-10'), entitlementRow(household.id, '2026-10', 9_999));
    if (i === 1) rows.push(entitlementRow(household.id, MONTH, 0, 'gradual_exit'));
  }
  const elsewhere = new Household({ id: randomUUID(), regionCode: '220103001001', regionPath: '220000/220100/220103/220103001/220103001001/', area: 'urban', address: '别处', phone: null });
  em.persist(elsewhere);
  rows.push(entitlementRow(elsewhere.id, MONTH, 50_000));
  await em.flush();
  await seedEntitlements(em, rows);
});
afterAll(async () => {
  await db?.drop();
});

async function newBatch(attempt: number): Promise<string> {
  const id = paymentBatchId('320723', MONTH, attempt);
  await orm.em.fork().persistAndFlush(new PaymentBatch({ id, countyCode: '320723', regionPath: COUNTY, month: MONTH, attempt, startedById: OFFICER.userId, startedByRole: OFFICER.role, createdAt: new Date() }));
  return id;
}

/** Follows the keyset cursor as the workflow does, three rows a page. */
async function prepare(batchId: string): Promise<number> {
  const acts = paymentPrepareActivities(orm, 3);
  let pages = 0;
  let after: string | null = null;
  do {
    ({ next: after } = await acts.preparePaymentPage({ batchId, after }));
    pages += 1;
  } while (after !== null);
  return pages;
}

test('a batch pays each positive entitlement of the county and month once, however often its pages are retried', async () => {
  const batchId = await newBatch(1);
  // Nine ledger rows of the county and month in pages of three: the fourth page is the empty one that ends it.
  expect(await prepare(batchId)).toBe(4);
  await prepare(batchId);
  await paymentPrepareActivities(orm, 3).preparePaymentPage({ batchId, after: null });
  const payments = await orm.em.fork().find(Payment, { batchId });
  expect(payments).toHaveLength(8);
  expect(new Set(payments.map((p) => p.idempotencyKey)).size).toBe(8);
  expect(payments.map((p) => p.idempotencyKey)).toContain(`dibao:${payments.find((p) => p.amountFen === 2_500)!.householdId}:${MONTH}:arrears:standard-2026-10`);

  const duplicate = new Payment({ ...payments[0]!, id: randomUUID() });
  await expect(orm.em.fork().persistAndFlush(duplicate)).rejects.toBeInstanceOf(UniqueConstraintViolationException);

  const totals = await paymentPrepareActivities(orm).sealPaymentBatch({ batchId, at: Date.now() });
  expect(totals).toEqual({ count: 8, totalFen: 280_000 + 2_500 });
  const batch = await orm.em.fork().findOneOrFail(PaymentBatch, batchId);
  expect(batch.status).toBe('awaiting_approval');
  expect(batch.townships).toEqual([
    { townshipCode: '320723100', count: 5, totalFen: 10_000 + 2_500 + 30_000 + 50_000 + 70_000 },
    { townshipCode: '320723101', count: 3, totalFen: 20_000 + 40_000 + 60_000 },
  ]);
  expect(await paymentPrepareActivities(orm).preparePaymentPage({ batchId, after: null })).toEqual({ next: null, added: 0 });
});

test('a rejected batch gives its payments to the next attempt instead of duplicating them', async () => {
  const first = paymentBatchId('320723', MONTH, 1);
  const tasks = paymentTaskActivities(orm);
  await tasks.rejectPaymentBatch({ batchId: first, actor: APPROVER, at: Date.now() });
  expect(await orm.em.fork().count(Payment, { batchId: first, status: 'cancelled' })).toBe(8);

  const second = await newBatch(2);
  await prepare(second);
  expect(await orm.em.fork().count(Payment, {})).toBe(8);
  expect(await orm.em.fork().count(Payment, { batchId: second, status: 'prepared' })).toBe(8);
  expect(await paymentPrepareActivities(orm).sealPaymentBatch({ batchId: second, at: Date.now() })).toEqual({ count: 8, totalFen: 282_500 });
});

test('a retried release releases nothing twice and writes one encrypted bank file; approval and release are audited', async () => {
  const batchId = paymentBatchId('320723', MONTH, 2);
  const tasks = paymentTaskActivities(orm);
  const taskId = `${batchId}:payment_approval:1`;
  await tasks.openPaymentTask({ batchId, taskId, step: 'payment_approval', role: 'county_approver', at: Date.now() });
  await tasks.openPaymentTask({ batchId, taskId, step: 'payment_approval', role: 'county_approver', at: Date.now() });
  await tasks.closePaymentTask({ batchId, taskId, outcome: 'approve', actor: APPROVER, at: Date.now() });
  await tasks.closePaymentTask({ batchId, taskId, outcome: 'approve', actor: APPROVER, at: Date.now() });

  const release = paymentReleaseActivities(orm);
  const [a, b] = await Promise.allSettled([
    release.releasePaymentBatch({ batchId, actor: OFFICER, at: Date.now() }),
    release.releasePaymentBatch({ batchId, actor: OFFICER, at: Date.now() }),
  ]);
  const released = [a, b].map((r) => (r.status === 'fulfilled' ? r.value.released : 0));
  expect(released.sort((x, y) => x - y)).toEqual([0, 8]);
  expect((await release.releasePaymentBatch({ batchId, actor: OFFICER, at: Date.now() })).released).toBe(0);

  const em = orm.em.fork();
  expect(await em.count(Payment, { batchId, status: 'released' })).toBe(8);
  expect(await em.findOneOrFail(PaymentBatch, batchId)).toMatchObject({ status: 'released', approvedById: APPROVER.userId, releasedById: OFFICER.userId });
  const file = await em.findOneOrFail(PaymentExport, { batchId });
  expect(file).toMatchObject({ lines: 8, totalFen: 282_500 });
  for (const account of accounts.values()) expect(file.content).toContain(account);
  const [raw] = await em.getConnection().execute<{ content: string }[]>('select content from payment_exports where batch_id = ?', [batchId]);
  expect(isFieldCiphertext(raw!.content)).toBe(true);
  for (const account of accounts.values()) expect(raw!.content).not.toContain(account);

  const audit = await em.find(AuditEntry, { targetId: batchId }, { orderBy: { seq: 'asc' } });
  expect(audit.map((e) => [e.action, e.actorId])).toEqual([
    ['payment_approved', APPROVER.userId],
    ['payment_released', OFFICER.userId],
  ]);
});
