import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { Entitlement } from '../../activities/recipients/entitlement.entity';
import { LifecycleEvent } from '../../activities/recipients/lifecycle-event.entity';
import { Payment } from '../../activities/payments/payment.entity';
import { Recipient } from '../../activities/recipients/recipient.entity';
import { Region } from '../../activities/regions/region.entity';
import { Task } from '../../activities/tasks/task.entity';
import { currentMonth } from '../../apps/api/stats/stats-scope';
import { DEMO_VILLAGES } from '../helpers/policies';
import { enrolInDistrict, waitForRecipient } from './recipients';
import { decidePayment, seedLedger, startRun, waitForRun } from './payments';
import { startPlatform, type Platform } from './platform';

/**
 * The monthly 汇总表: per region with subtotals, from the month's ledger, payments and lifecycle events; exported as a
 * workbook (merged Chinese headers, yuan, a totals row, frozen panes) and as CSV whose totals equal the database's.
 */

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(async () => {
  await platform?.stop();
});

/** A month no other test file pays: payment-run workflow ids are per county and month on the shared dev server. */
const MONTH = '2026-03';
const COUNTY = '220103';

async function download(username: string, path: string): Promise<Response> {
  const login = await platform.http.post('/api/auth/login', { username, password: 'Demo@2026' });
  return fetch(`${platform.http.baseUrl}${path}`, { headers: { authorization: `Bearer ${login.body.accessToken}` } });
}

/** Two households on 低保 since March (one leaving in March), paid by the county's real March run. */
async function marchLedger(): Promise<string[]> {
  const { householdIds } = await seedLedger(platform, DEMO_VILLAGES.district, MONTH, [50_000, 70_050]);
  const em = platform.db.orm.em.fork();
  const village = await em.findOneOrFail(Region, DEMO_VILLAGES.district);
  for (const [i, householdId] of householdIds.entries()) {
    em.persist(new Recipient({
      id: randomUUID(), householdId, applicationId: randomUUID(), program: 'dibao', regionCode: village.code, regionPath: village.path, monthlyBenefitFen: 50_000, basis: i === 0 ? 'household' : 'single_person',
      membersCounted: i === 0 ? 3 : 1, startMonth: MONTH, policySnapshotId: 'snap-test', createdAt: new Date(), area: village.area ?? 'rural', elderlyCount: i === 0 ? 1 : 0, minorCount: i === 0 ? 2 : 0, disabledCount: i === 0 ? 0 : 1,
    }));
  }
  em.persist(new LifecycleEvent({ key: `stats-${randomUUID()}`, householdId: householdIds[1]!, type: 'status', code: 'terminated', effectiveMonth: MONTH, data: {}, at: new Date() }));
  await em.flush();
  const run = await startRun(await platform.as('kc.payment'), COUNTY, MONTH);
  await waitForRun(await platform.as('kc.approver'), run.id, (r) => r.status === 'awaiting_approval');
  expect((await decidePayment(await platform.as('kc.approver'), run.id, 'payment_approval', 'approve')).status).toBe(200);
  expect((await decidePayment(await platform.as('kc.payment2'), run.id, 'payment_release', 'release')).status).toBe(200);
  await waitForRun(await platform.as('kc.approver'), run.id, (r) => r.status === 'released');
  return householdIds;
}

/** The database's own sums for the county and month, counted without the statistics code. */
async function databaseSums(month: string) {
  const em = platform.db.orm.em.fork();
  const ledger = await em.find(Entitlement, { month, kind: { $in: ['regular', 'gradual_exit'] } });
  const recipients = await em.find(Recipient, { householdId: { $in: ledger.map((e) => e.householdId) }, regionPath: { $like: `%/${COUNTY}/%` }, startMonth: { $lte: month } });
  const ids = (await em.find(Recipient, { regionPath: { $like: `%/${COUNTY}/%` } })).map((r) => r.householdId);
  const paid = await em.find(Payment, { month, status: { $in: ['released', 'paid'] }, householdId: { $in: ids } });
  return {
    households: recipients.length,
    persons: recipients.reduce((n, r) => n + r.membersCounted, 0),
    paidFen: paid.reduce((n, p) => n + p.amountFen, 0),
  };
}

test('the 汇总表 of March: ledger, changes and expenditure per region; the workbook and CSV totals equal the database', async () => {
  await marchLedger();
  const sums = await databaseSums(MONTH);
  expect(sums).toEqual({ households: 2, persons: 4, paidFen: 120_050 });

  const approver = await platform.as('kc.approver');
  const res = await approver.get(`/api/stats/summary?month=${MONTH}`);
  expect(res.status).toBe(200);
  const { total, rows } = res.body;
  expect(total).toMatchObject({ code: COUNTY, householdsUrban: 2, householdsRural: 0, personsUrban: 4, elderly: 1, minors: 2, disabled: 1, singlePerson: 1, newHouseholds: 2, exited: 1, expenditureMonthFen: 120_050, expenditureYearFen: 120_050 });
  // Subtotals down the tree: the townships add up to the county; the community's line sits under its township.
  const townships = rows.filter((r: { depth: number }) => r.depth === 1);
  expect(townships.reduce((n: number, r: { householdsUrban: number }) => n + r.householdsUrban, 0)).toBe(total.householdsUrban);
  expect(rows).toContainEqual(expect.objectContaining({ code: DEMO_VILLAGES.district, depth: 2, householdsUrban: 2, expenditureMonthFen: 120_050 }));

  const xlsx = await download('kc.approver', `/api/stats/summary/export?month=${MONTH}`);
  expect(xlsx.status).toBe(200);
  expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
  const sheet = workbook.worksheets[0]!;
  expect(String(sheet.getCell('A1').value)).toContain('月度汇总表(2026年3月)');
  expect(sheet.getCell('B2').value).toBe('低保户数(户)');
  expect(sheet.getCell('B3').value).toBe('城市');
  expect(sheet.getCell('O2').value).toBe('低保资金支出(元)');
  // Merged header cells: a group across its columns, a single column down both header rows.
  expect(sheet.getCell('C2').master.address).toBe('B2');
  expect(sheet.getCell('A3').master.address).toBe('A2');
  expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3, xSplit: 1 });
  const last = sheet.getRow(sheet.rowCount);
  expect(last.getCell(1).value).toBe('合计');
  expect(Number(last.getCell(2).value) + Number(last.getCell(3).value)).toBe(sums.households);
  expect(Number(last.getCell(4).value) + Number(last.getCell(5).value)).toBe(sums.persons);
  expect(Math.round(Number(last.getCell(15).value) * 100)).toBe(sums.paidFen);
  expect(sheet.getCell(`O${sheet.rowCount}`).numFmt).toBe('#,##0.00');
  expect(sheet.rowCount).toBe(3 + rows.length + 1);

  const csv = await download('kc.approver', `/api/stats/summary/export?month=${MONTH}&format=csv`);
  const lines = Buffer.from(await csv.arrayBuffer()).subarray(3).toString('utf8').trim().split('\r\n');
  expect(lines[0]!.startsWith('地区,低保户数(户)-城市,低保户数(户)-农村,')).toBe(true);
  expect(lines).toHaveLength(1 + rows.length + 1);
  expect(lines[lines.length - 1]!.split(',').slice(0, 3)).toEqual(['合计', '2', '0']);
  expect(lines[lines.length - 1]!.split(',')[14]).toBe('1200.50');
});

test("this month's enrolment counts its persons by category without decrypting anyone", async () => {
  const enrolled = await enrolInDistrict(platform, 10_000);
  const clerk = await platform.as('kc.clerk');
  await waitForRecipient(clerk, `/api/recipients/${enrolled.householdId}`, (r) => r.status === 'active');
  // The household's workflow records its first month in the ledger.
  await waitForRecipient(clerk, `/api/recipients/${enrolled.householdId}/ledger`, (l) => l.entries.length > 0);
  const month = currentMonth();
  const recipient = await platform.db.orm.em.fork().findOneOrFail(Recipient, { householdId: enrolled.householdId });
  const age = (birth: string) => Number(month.slice(0, 4)) - Number(birth.slice(0, 4)) - (birth.slice(5) > new Date().toISOString().slice(5, 10) ? 1 : 0);
  expect(recipient).toMatchObject({ area: 'urban', elderlyCount: enrolled.members.filter((m) => age(m.birthDate) >= 60).length, minorCount: enrolled.members.filter((m) => age(m.birthDate) < 18).length, disabledCount: 0 });
  const res = await (await platform.as('kc.auditor')).get('/api/stats/summary');
  expect(res.status).toBe(200);
  expect(res.body.month).toBe(month);
  expect(res.body.total.newHouseholds).toBe(1);
  const sums = await databaseSums(month);
  expect(sums.households).toBe(1);
  expect(res.body.total.householdsUrban + res.body.total.householdsRural).toBe(sums.households);
  expect(res.body.total.personsUrban + res.body.total.personsRural).toBe(sums.persons);
  // The overdue rate's base: the county's tasks closed this month (Beijing time), as the database counts them.
  const from = new Date(`${month}-01T00:00:00+08:00`);
  const to = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5)), 1) - 8 * 3_600_000);
  const closed = await platform.db.orm.em.fork().count(Task, { scopeCounty: COUNTY, status: 'completed', closedAt: { $gte: from, $lt: to } });
  expect(closed).toBeGreaterThanOrEqual(4);
  expect(res.body.total.tasksClosed).toBe(closed);
  expect(res.body.total.overdueRate).toBe(res.body.total.tasksOverdue / closed);
  expect((await (await platform.as('gy.auditor')).get('/api/stats/summary?region=220103')).status).toBe(404);
  expect((await download('kc.clerk', '/api/stats/summary/export')).status).toBe(403);
  expect((await download('kc.approver', '/api/stats/summary/export?format=pdf')).status).toBe(400);
});
