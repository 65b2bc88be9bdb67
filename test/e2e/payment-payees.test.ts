import { randomUUID } from 'node:crypto';
import { Household } from '../../activities/households/household.entity';
import { Member } from '../../activities/households/member.entity';
import { Region } from '../../activities/regions/region.entity';
import { DEMO_VILLAGES } from '../helpers/policies';
import { seedLedger, waitForRun } from './payments';
import { startPlatform, type Platform } from './platform';

/**
 * What the approver signs: a run's payees (masked names and accounts, fen, kind) in keyset pages, and its totals by
 * township counted by the database, equal to the run's own total, with the payments that have no account.
 */

let platform: Platform;
let run: any;
let accounts: string[];
// Payment workflow ids are per county and month on the suite's one Temporal server: no other test pays 220103 for it.
const MONTH = '2026-08';
const HEAD_NAME = '张三丰';

beforeAll(async () => {
  platform = await startPlatform();
  const em = platform.db.orm.em.fork();
  const district = await em.findOneOrFail(Region, '220103');
  em.persist(new Region({ code: '220103002', name: '团山街道', level: 'township', parentCode: '220103', path: `${district.path}220103002/`, area: null }));
  em.persist(new Region({ code: '220103002001', name: '团山社区', level: 'village', parentCode: '220103002', path: `${district.path}220103002/220103002001/`, area: 'urban' }));
  await em.flush();
  const a = await seedLedger(platform, DEMO_VILLAGES.district, MONTH, [50_000, 61_234, 70_001, 12_345, 99_999]);
  const b = await seedLedger(platform, '220103002001', MONTH, [33_333, 44_444, 10_000]);
  accounts = [...a.accounts, ...b.accounts];
  const ids = [...a.householdIds, ...b.householdIds];
  const tx = platform.db.orm.em.fork();
  for (const id of ids) {
    const household = await tx.findOneOrFail(Household, id);
    household.members.add(new Member({ id: randomUUID(), position: 0, name: HEAD_NAME, idNumber: '220103198001010011', idDigest: randomUUID(), relation: 'head', birthDate: '1980-01-01', declaredMonthlyIncomeFen: 0, disabilityGrade: null }));
  }
  (await tx.findOneOrFail(Household, ids[1]!)).bankAccount = null;
  await tx.flush();

  const officer = await platform.as('kc.payment');
  const started = await officer.post('/api/payments/runs', { countyCode: '220103', month: MONTH });
  expect(started.status).toBe(201);
  run = await waitForRun(officer, started.body.id, (r) => r.status === 'awaiting_approval');
}, 120_000);
afterAll(async () => {
  await platform?.stop();
});

test('payees come in keyset pages, masked, and add up to the run', async () => {
  const approver = await platform.as('kc.approver');
  const seen: any[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res: any = await approver.get(`/api/payments/runs/${run.id}/payees?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.status).toBe(200);
    seen.push(...res.body.items);
    cursor = res.body.nextCursor;
    pages += 1;
  } while (cursor && pages < 10);
  expect(seen).toHaveLength(8);
  expect(pages).toBe(3);
  expect(new Set(seen.map((p) => p.paymentId)).size).toBe(8);
  expect(seen.reduce((n, p) => n + p.amountFen, 0)).toBe(run.totalFen);
  expect(seen.map((p) => p.township.code)).toEqual([...Array(5).fill('220103001'), ...Array(3).fill('220103002')]);
  expect(seen[7].township.name).toBe('团山街道');
  for (const p of seen) {
    expect(p).toEqual(expect.objectContaining({ payeeMasked: '张**', kind: 'regular', status: 'prepared', householdId: expect.any(String) }));
    expect(p.accountMasked === null || /^\*{4}\d{4}$/.test(p.accountMasked)).toBe(true);
  }
  expect(seen.filter((p) => p.accountMasked === null)).toHaveLength(1);
  const text = JSON.stringify(seen);
  expect(text).not.toContain(HEAD_NAME);
  for (const account of accounts) expect(text).not.toContain(account);
});

test('totals by township are counted by the database and equal the run, with the payments lacking an account', async () => {
  const auditor = await platform.as('kc.auditor');
  const res = await auditor.get(`/api/payments/runs/${run.id}/totals`);
  expect(res.status).toBe(200);
  expect(res.body).toEqual({
    byTownship: [
      { code: '220103001', name: expect.any(String), count: 5, amountFen: 50_000 + 61_234 + 70_001 + 12_345 + 99_999 },
      { code: '220103002', name: '团山街道', count: 3, amountFen: 33_333 + 44_444 + 10_000 },
    ],
    count: run.paymentCount,
    amountFen: run.totalFen,
    missingAccounts: 1,
  });
});

test('another county sees neither; other roles may not; a bad cursor or limit is named', async () => {
  const other = await platform.as('gy.approver');
  for (const path of ['payees', 'totals']) {
    const res = await other.get(`/api/payments/runs/${run.id}/${path}`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
    expect((await (await platform.as('kc.clerk')).get(`/api/payments/runs/${run.id}/${path}`)).status).toBe(403);
  }
  const officer = await platform.as('kc.payment');
  const bad = await officer.get(`/api/payments/runs/${run.id}/payees?cursor=abc`);
  expect(bad.status).toBe(400);
  expect(bad.body.error.issues).toEqual([{ field: 'cursor', rule: 'must be the nextCursor of a previous page' }]);
  const big = await officer.get(`/api/payments/runs/${run.id}/payees?limit=500`);
  expect(big.body.error.issues).toEqual([{ field: 'limit', rule: 'must be at most 200' }]);
});
