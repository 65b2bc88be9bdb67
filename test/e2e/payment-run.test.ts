import { User } from '../../activities/identity/user.entity';
import { DEMO_VILLAGES } from '../helpers/policies';
import { decidePayment, seedLedger, waitForRun } from './payments';
import { startPlatform, type Platform } from './platform';

/**
 * 发放 through HTTP: a payment officer starts the county's run for a month, a county approver approves it, another
 * officer releases it. The workflow refuses the four-eyes breaches with 409 separation_of_duties even when a role
 * change would let the same person reach the other step.
 */

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
  await platform.addUser('gy.payment2', 'payment_officer', '320723');
});
afterAll(async () => {
  await platform?.stop();
});

const MONTH = '2026-11';

/** A privileged role change: one security administrator proposes it, a second approves it. */
async function setRole(username: string, role: string): Promise<void> {
  const user = await platform.db.orm.em.fork().findOneOrFail(User, { username });
  const res = await (await platform.as('gy.security')).post(`/api/admin/users/${user.id}/role`, { role, reason: '岗位调整' });
  if (res.status !== 200 || !res.body.pendingGrant) throw new Error(`role change: ${res.status} ${JSON.stringify(res.body)}`);
  const approved = await (await platform.as('gy.security2')).post(`/api/admin/role-grants/${res.body.pendingGrant.id}/approve`, { reason: '同意' });
  if (approved.status !== 200) throw new Error(`role grant: ${approved.status} ${JSON.stringify(approved.body)}`);
}

test('run → approve → release by a third officer; the preparer may neither approve nor release, the approver may not release', async () => {
  const { accounts } = await seedLedger(platform, DEMO_VILLAGES.county, MONTH, [83_000, 63_000, 20_000]);
  let officer = await platform.as('gy.payment');
  const started = await officer.post('/api/payments/runs', { countyCode: '320723', month: MONTH });
  expect(started.status).toBe(201);
  const batchId: string = started.body.id;
  expect((await officer.post('/api/payments/runs', { countyCode: '320723', month: MONTH })).body.error.code).toBe('payment_run_exists');

  const sealed = await waitForRun(officer, batchId, (r) => r.status === 'awaiting_approval');
  expect(sealed).toMatchObject({ paymentCount: 3, totalFen: 166_000, townships: [{ townshipCode: '320723100', count: 3, totalFen: 166_000 }] });
  expect(sealed.payments.map((p: any) => p.accountNumber).sort()).toEqual(accounts.map((a) => `****${a.slice(-4)}`).sort());
  expect(accounts.some((a) => JSON.stringify(sealed).includes(a.slice(0, -4)))).toBe(false);
  expect((await officer.get(`/api/payments/runs/${batchId}/bank-file`)).body.error.code).toBe('not_released');

  await setRole('gy.payment', 'county_approver');
  const byPreparer = await decidePayment(await platform.as('gy.payment'), batchId, 'payment_approval', 'approve');
  expect(byPreparer.status).toBe(409);
  expect(byPreparer.body.error.code).toBe('separation_of_duties');
  await setRole('gy.payment', 'payment_officer');

  const approved = await decidePayment(await platform.as('gy.approver'), batchId, 'payment_approval', 'approve');
  expect(approved.status).toBe(200);
  expect(approved.body.case).toMatchObject({ status: 'awaiting_release' });

  await setRole('gy.approver', 'payment_officer');
  const byApprover = await decidePayment(await platform.as('gy.approver'), batchId, 'payment_release', 'release');
  expect(byApprover.status).toBe(409);
  expect(byApprover.body.error.code).toBe('separation_of_duties');
  await setRole('gy.approver', 'county_approver');
  const byStarter = await decidePayment(await platform.as('gy.payment'), batchId, 'payment_release', 'release');
  expect(byStarter.status).toBe(409);
  expect(byStarter.body.error.code).toBe('separation_of_duties');

  const released = await decidePayment(await platform.as('gy.payment2'), batchId, 'payment_release', 'release');
  expect(released.status).toBe(200);
  expect(released.body.case).toMatchObject({ status: 'released', released: 3 });
  // The preparer's role changed twice meanwhile, which ended the token they had: they log in again.
  expect((await officer.get(`/api/payments/runs/${batchId}`)).status).toBe(401);
  officer = await platform.as('gy.payment');
  expect((await officer.get(`/api/payments/runs/${batchId}/bank-file`)).status).toBe(200);
  const run = await waitForRun(officer, batchId, (r) => r.status === 'released');
  expect(run.payments.every((p: any) => p.status === 'released')).toBe(true);
  expect((await officer.get(`/api/payments/runs?month=${MONTH}`)).body.items.map((r: any) => r.id)).toEqual([batchId]);

  const file = (await (await platform.as('gy.payment2')).get(`/api/payments/runs/${batchId}/bank-file`)).body;
  expect(file).toMatchObject({ batchId, lines: 3, totalFen: 166_000 });
  expect(file.content.split('\n')).toHaveLength(4);
  for (const account of accounts) expect(file.content).toContain(account);
  expect((await (await platform.as('gy.approver')).get(`/api/payments/runs/${batchId}/bank-file`)).status).toBe(403);

  const audit = (await (await platform.as('gy.auditor')).get(`/api/audit/entries?targetId=${batchId}`)).body.items;
  expect(audit.map((e: any) => e.action).sort()).toEqual(['payment_approved', 'payment_file_read', 'payment_file_read', 'payment_released', 'payment_run_started']);
  expect(JSON.stringify(audit)).not.toContain(accounts[0]);
});

test('a run is started only for a county in the caller\'s region, and only by an officer or administrator', async () => {
  const officer = await platform.as('gy.payment');
  expect((await officer.post('/api/payments/runs', { countyCode: '220103', month: MONTH })).status).toBe(404);
  const badMonth = await officer.post('/api/payments/runs', { countyCode: '320723', month: '2026-13' });
  expect(badMonth.status).toBe(400);
  expect((await officer.post('/api/payments/runs', { countyCode: '320723', month: '2026-12', extra: 1 })).status).toBe(400);
  expect((await (await platform.as('gy.approver')).post('/api/payments/runs', { countyCode: '320723', month: '2026-12' })).status).toBe(403);
  const empty = await (await platform.as('gy.admin')).post('/api/payments/runs', { countyCode: '320723', month: '2026-12' });
  expect(empty.status).toBe(201);
  expect((await waitForRun(officer, empty.body.id, (r) => r.status === 'empty')).paymentCount).toBe(0);
});
