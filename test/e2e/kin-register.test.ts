import { DEMO_VILLAGES } from '../helpers/policies';
import { applicationBody } from '../helpers/factories';
import { Caseworker, waitForCase } from './caseworker';
import { startPlatform, type Platform } from './platform';

/** 近亲属备案 end to end: register, flag at intake, exclude the related staff, show auditors. */

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(async () => {
  await platform?.stop();
});

test("an application from a staff member's registered relative is flagged, forced through appraisal, and the staff member is kept off it", async () => {
  const admin = await platform.as('kc.admin');
  const investigator = await platform.as('kc.investigator');
  const me = (await investigator.get('/api/auth/me')).body;
  const body = applicationBody(DEMO_VILLAGES.district);
  const relative = body.members[0].idNumber;

  const registered = await admin.post('/api/admin/kin-register', {
    staffUserId: me.id,
    staffName: '调查员本人',
    staffKind: 'caseworker',
    regionCode: '220103001',
    relativeIdNumber: relative,
    relation: 'sibling',
    reason: '年度备案',
  });
  expect(registered.status).toBe(201);
  expect(registered.body.relative).toBe(`${relative.slice(0, 6)}**********${relative.slice(16)}`);
  expect(JSON.stringify(registered.body)).not.toContain(relative);

  const clerk = await platform.as('kc.clerk');
  const id = (await clerk.post('/api/applications', body)).body.id;
  await new Caseworker(clerk).complete(id, 'acceptance', { outcome: 'accept' });
  const visit = await new Caseworker(investigator).task(id, 'home_visit');
  const claim = await investigator.post(`/api/tasks/${encodeURIComponent(visit.id)}/claim`);
  expect(claim.status).toBe(409);
  expect(claim.body.error.code).toBe('conflict_of_interest');

  // A colleague does the visit; the undisputed case still goes to 民主评议 (宽城区 would skip it otherwise).
  await platform.addUser('kc.investigator.b', 'township_investigator', '220103001');
  const colleague = new Caseworker(await platform.as('kc.investigator.b'));
  const detail = await waitForCase(clerk, id, (c) => c.checkReports.length === 1);
  const incomes = detail.household.members.map((m: any) => ({ memberId: m.id, monthlyIncomeFen: 0 }));
  await colleague.complete(id, 'home_visit', { recommendation: 'eligible', disputed: false, incomes, reason: '属实' });
  await new Caseworker(await platform.as('kc.village')).task(id, 'appraisal');

  const auditor = await platform.as('kc.auditor');
  const flagged = (await auditor.get('/api/audit/flagged-cases')).body;
  expect(flagged.map((c: any) => c.id)).toContain(id);
  expect((await auditor.get('/api/admin/kin-register')).body.map((e: any) => e.id)).toContain(registered.body.id);
  const other = await platform.as('gy.auditor');
  expect((await other.get('/api/audit/flagged-cases')).body.map((c: any) => c.id)).not.toContain(id);
  expect((await clerk.post('/api/admin/kin-register', {})).status).toBe(403);
});
