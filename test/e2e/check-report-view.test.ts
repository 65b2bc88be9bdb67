import { DEMO_VILLAGES } from '../helpers/policies';
import { applicationBody } from '../helpers/factories';
import { Caseworker } from './caseworker';
import { startPlatform, type Platform } from './platform';

/** The check report beside the home visit: latest round per member, masked, region-scoped; regions by name. */

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(async () => {
  await platform?.stop();
});

test('the investigator sees the latest check round per member, masked; another county gets 404', async () => {
  const clerk = await platform.as('kc.clerk');
  const body = applicationBody(DEMO_VILLAGES.district);
  const created = await clerk.post('/api/applications', body);
  const id = created.body.id as string;
  const investigator = await platform.as('kc.investigator');

  const before = await investigator.get(`/api/applications/${id}/check-report`);
  expect(before.status).toBe(200);
  expect(before.body).toEqual(expect.objectContaining({ applicationId: id, caseNo: created.body.caseNo, round: null, incomeFoundFen: null, flags: [], assets: null }));
  expect(before.body.members.map((m: any) => m.incomeFoundFen)).toEqual([null, null]);

  await new Caseworker(clerk).complete(id, 'acceptance', { outcome: 'accept' });
  let report = before;
  for (let i = 0; i < 300 && report.body.round === null; i += 1) {
    await new Promise((r) => setTimeout(r, 100));
    report = await investigator.get(`/api/applications/${id}/check-report`);
  }
  expect(report.body.round).toBe(1);
  expect(report.body.members).toEqual(
    body.members.map((m) => ({ memberId: expect.any(String), name: `${[...m.name][0]}${'*'.repeat([...m.name].length - 1)}`, relation: m.relation, declaredMonthlyIncomeFen: m.declaredMonthlyIncomeFen, incomeFoundFen: expect.any(Number) })),
  );
  expect(report.body.members.reduce((n: number, m: any) => n + m.incomeFoundFen, 0)).toBe(report.body.incomeFoundFen);
  expect(report.body.assets).toEqual(expect.objectContaining({ depositsFen: expect.any(Number), vehicles: expect.any(Number) }));
  const text = JSON.stringify(report.body);
  for (const m of body.members) {
    expect(text).not.toContain(m.idNumber);
    expect(text).not.toContain(m.name);
  }

  const other = await (await platform.as('gy.investigator')).get(`/api/applications/${id}/check-report`);
  expect(other.status).toBe(404);
  expect((await (await platform.as('kc.payment')).get(`/api/applications/${id}/check-report`)).status).toBe(403);
});

test('regions of the caller\'s subtree come with name, level and parent, for names with the code on hover', async () => {
  const res = await (await platform.as('kc.clerk')).get('/api/regions');
  expect(res.status).toBe(200);
  expect(res.body[0]).toEqual(expect.objectContaining({ code: '220103001', name: expect.any(String), level: 'township', parentCode: '220103' }));
  expect(res.body.every((r: any) => r.code.startsWith('220103001'))).toBe(true);
});
