import { Application } from '../../activities/application/application.entity';
import { backfillStatusLookupDigests } from '../../activities/application/status-lookup-backfill';
import { DEMO_VILLAGES } from '../helpers/policies';
import { applicationBody } from '../helpers/factories';
import { Caseworker } from './caseworker';
import { startPlatform, type Platform } from './platform';

/**
 * 查询办理进度 without an account: the right case number and ID suffix show milestones and dates only; a wrong pair is
 * the same 404 as an unknown number; repeated failures are refused with 429 per case number and per address.
 */

let platform: Platform;
const lookup = (caseNumber: string, idSuffix: string) => platform.http.post('/api/public/case-status', { caseNumber, idSuffix });

beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(async () => {
  await platform?.stop();
});

async function fileCase() {
  const clerk = await platform.as('kc.clerk');
  const body = applicationBody(DEMO_VILLAGES.district);
  const created = await clerk.post('/api/applications', body);
  expect(created.status).toBe(201);
  return { id: created.body.id as string, caseNo: created.body.caseNo as string, body, suffix: body.members[0]!.idNumber.slice(-6), clerk };
}

test('the right pair shows the milestones and dates, and nothing about anyone', async () => {
  const c = await fileCase();
  const first = await lookup(c.caseNo, c.suffix);
  expect(first.status).toBe(200);
  expect(first.body).toEqual({
    caseNumber: c.caseNo,
    programme: 'dibao',
    status: 'in_progress',
    submittedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    steps: [
      { step: 'submitted', state: 'done', date: first.body.submittedOn },
      { step: 'acceptance', state: 'current', ...(first.body.steps[1].date ? { date: expect.any(String) } : {}) },
      { step: 'investigation', state: 'pending' },
      { step: 'township_review', state: 'pending' },
      { step: 'approval', state: 'pending' },
      { step: 'decision', state: 'pending' },
    ],
  });

  await new Caseworker(c.clerk).complete(c.id, 'acceptance', { outcome: 'accept' });
  let after = first;
  for (let i = 0; i < 100 && after.body.steps[1].state !== 'done'; i += 1) {
    await new Promise((r) => setTimeout(r, 100));
    after = await lookup(c.caseNo, c.suffix.toLowerCase());
  }
  expect(after.body.steps[1]).toEqual({ step: 'acceptance', state: 'done', date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
  expect(after.body.steps[2].state).toBe('current');

  const text = JSON.stringify(after.body);
  for (const m of c.body.members) {
    expect(text).not.toContain(m.idNumber);
    expect(text).not.toContain(m.name);
  }
  expect(text).not.toContain(c.suffix);
  expect(text).not.toContain(c.body.address);
  expect(text).not.toContain(DEMO_VILLAGES.district);
  expect(text).not.toMatch(/fen|amount|name|region/i);
});

test('a wrong pair and an unknown number get the same 404; a malformed pair is named; older rows are back-filled', async () => {
  const c = await fileCase();
  const wrong = await lookup(c.caseNo, c.suffix === '000000' ? '000001' : '000000');
  const unknown = await lookup('DB-220103-20200101-ZZZZZ', c.suffix);
  expect(wrong.status).toBe(404);
  // The same answer, word for word (headers such as the date may differ).
  expect({ status: unknown.status, body: unknown.body }).toEqual({ status: wrong.status, body: wrong.body });
  expect(wrong.body.error.code).toBe('not_found');

  const malformed = await lookup(c.caseNo, '12ab');
  expect(malformed.status).toBe(400);
  expect(malformed.body.error.issues).toEqual([{ field: 'idSuffix', rule: "must be the last 6 characters of the applicant's ID number (digits, the last may be X)" }]);

  await platform.db.orm.em.fork().nativeUpdate(Application, { id: c.id }, { statusLookupDigest: null });
  expect((await lookup(c.caseNo, c.suffix)).status).toBe(404);
  expect(await backfillStatusLookupDigests(platform.db.orm, platform.env.PII_DIGEST_KEY)).toBe(1);
  expect((await lookup(c.caseNo, c.suffix)).status).toBe(200);
});

test('five failures on one case number, or ten from one address, are refused with 429 and Retry-After', async () => {
  // The test above counted three failures from this address.
  const a = await fileCase();
  const b = await fileCase();
  const wrongOf = (s: string) => (s === '000000' ? '000001' : '000000');
  for (let i = 0; i < 5; i += 1) expect((await lookup(b.caseNo, wrongOf(b.suffix))).status).toBe(404);
  const res = await fetch(`${platform.http.baseUrl}/api/public/case-status`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ caseNumber: b.caseNo, idSuffix: b.suffix }),
  });
  expect(res.status).toBe(429);
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(((await res.json()) as any).error.code).toBe('too_many_attempts');

  expect((await lookup(a.caseNo, a.suffix)).status).toBe(200);
  for (let i = 0; i < 2; i += 1) expect((await lookup(`DB-220103-20200101-ZZZZ${i}`, a.suffix)).status).toBe(404);
  const refused = await lookup(a.caseNo, a.suffix);
  expect(refused.status).toBe(429);
  expect(refused.body.error.code).toBe('too_many_attempts');
});

test('a case returned at acceptance shows the milestones it went through and its outcome, never the reason', async () => {
  const c = await fileCase();
  await new Caseworker(c.clerk).complete(c.id, 'acceptance', { outcome: 'return', reasonCode: 'not_resident', reason: '户籍不在本辖区' });
  // The throttle test above used up this address's failures: let its window pass.
  await platform.db.orm.em.fork().getConnection().execute(`delete from login_failures where key like 'cs:%'`);
  let res = await lookup(c.caseNo, c.suffix);
  for (let i = 0; i < 100 && res.body.status !== 'returned'; i += 1) {
    await new Promise((r) => setTimeout(r, 100));
    res = await lookup(c.caseNo, c.suffix);
  }
  expect(res.body.status).toBe('returned');
  expect(res.body.steps.map((s: any) => [s.step, s.state])).toEqual([
    ['submitted', 'done'],
    ['acceptance', 'done'],
    ['decision', 'done'],
  ]);
  expect(res.body.decidedOn).toEqual(expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/));
  expect(JSON.stringify(res.body)).not.toMatch(/户籍|not_resident/);
});
