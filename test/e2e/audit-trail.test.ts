import { DEMO_VILLAGES } from '../helpers/policies';
import { applicationBody } from '../helpers/factories';
import { Caseworker } from './caseworker';
import { startPlatform, type Platform } from './platform';

/** 步步有痕迹: logins, decisions and policy changes land in the hash-chained audit log; auditors search and verify. */

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(async () => {
  await platform?.stop();
});

test('logins, task decisions and case decisions are audited; the chain verifies; only auditors read it', async () => {
  const clerk = await platform.as('kc.clerk');
  await platform.http.post('/api/auth/login', { username: 'kc.clerk', password: 'wrong' });
  const id = (await clerk.post('/api/applications', applicationBody(DEMO_VILLAGES.district))).body.id;
  const task = await new Caseworker(clerk).task(id, 'acceptance');
  await new Caseworker(clerk).complete(id, 'acceptance', { outcome: 'return', reasonCode: 'not_resident', reason: '户籍不在本辖区' });

  const auditor = await platform.as('kc.auditor');
  const logins = (await auditor.get('/api/audit/entries?targetId=kc.clerk')).body.items.map((e: any) => e.action);
  expect(logins).toEqual(expect.arrayContaining(['login', 'login_failed']));
  const decision = (await auditor.get(`/api/audit/entries?targetId=${encodeURIComponent(task.id)}`)).body.items[0];
  expect(decision).toMatchObject({ action: 'decision', actorRole: 'township_clerk', regionCode: '220103001001', after: { outcome: 'return', reasonCode: 'not_resident' } });
  const caseDecision = (await auditor.get(`/api/audit/entries?action=case_decision&targetId=${id}`)).body.items[0];
  expect(caseDecision).toMatchObject({ before: { status: 'in_progress' }, after: { status: 'returned' } });
  // Free text and personal data stay out of the audit payloads.
  expect(JSON.stringify(decision)).not.toContain('户籍不在本辖区');

  const verified = await auditor.get('/api/audit/verify');
  expect(verified.status).toBe(200);
  expect(verified.body).toMatchObject({ ok: true });
  expect(verified.body.entries).toBeGreaterThanOrEqual(4);

  expect((await clerk.get('/api/audit/entries')).status).toBe(403);
  expect((await clerk.get('/api/audit/verify')).status).toBe(403);
  const elsewhere = await platform.as('gy.auditor');
  expect((await elsewhere.get(`/api/audit/entries?targetId=${encodeURIComponent(task.id)}`)).body.items).toEqual([]);
});
