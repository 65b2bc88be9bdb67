import { DEMO_VILLAGES } from '../helpers/policies';
import { applicationBody } from '../helpers/factories';
import { Caseworker } from './caseworker';
import { startPlatform, type Platform } from './platform';

/** What the API refuses, and how: status, stable code, and the field and rule for bad input. */

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(async () => {
  await platform?.stop();
});

async function newCase(username = 'kc.clerk', village: string = DEMO_VILLAGES.district): Promise<string> {
  const res = await (await platform.as(username)).post('/api/applications', applicationBody(village));
  expect(res.status).toBe(201);
  return res.body.id;
}

test('health says Temporal and the database are reachable; the OpenAPI document is served', async () => {
  const health = await platform.http.get('/api/health');
  expect(health.status).toBe(200);
  expect(health.body).toMatchObject({ status: 'ok', database: { reachable: true }, temporal: { reachable: true } });
  const docs = await platform.http.get('/api/docs-json');
  expect(docs.status).toBe(200);
  expect(Object.keys(docs.body.paths)).toEqual(expect.arrayContaining(['/api/applications', '/api/inbox', '/api/tasks/{id}/complete', '/api/applications/{id}/timeline']));
});

test('a request without a valid token is 401; a role outside the route is 403', async () => {
  expect((await platform.http.get('/api/inbox')).status).toBe(401);
  expect((await platform.http.as('not-a-token').get('/api/inbox')).body.error.code).toBe('unauthenticated');
  const wrongPassword = await platform.http.post('/api/auth/login', { username: 'kc.clerk', password: 'nope' });
  expect(wrongPassword.status).toBe(401);
  const auditor = await platform.as('kc.auditor');
  const res = await auditor.post('/api/applications', applicationBody(DEMO_VILLAGES.district));
  expect(res.status).toBe(403);
  expect(res.body.error.code).toBe('forbidden');
});

test('a malformed application is 400 with every field and rule named, and nothing is written', async () => {
  const clerk = await platform.as('kc.clerk');
  const before = (await clerk.get('/api/applications?pageSize=100')).body.total;
  const body = applicationBody(DEMO_VILLAGES.district);
  body.members[0].idNumber = body.members[0].idNumber.slice(0, 17) + (body.members[0].idNumber.endsWith('1') ? '2' : '1');
  body.members[1].declaredMonthlyIncomeFen = 123.45;
  (body as any).authorizationSigned = false;
  const res = await clerk.post('/api/applications', body);
  expect(res.status).toBe(400);
  expect(res.body.error.code).toBe('validation_failed');
  expect(res.body.error.issues).toEqual(
    expect.arrayContaining([
      { field: 'members[0].idNumber', rule: 'has a wrong check digit' },
      { field: 'members[1].declaredMonthlyIncomeFen', rule: 'must be an integer number of fen (分), not yuan' },
      { field: 'authorizationSigned', rule: 'the 家庭经济状况核对授权书 must be signed' },
    ]),
  );
  expect((await clerk.post('/api/applications', '{"regionCode": ')).status).toBe(400);
  expect((await clerk.get('/api/applications?pageSize=100')).body.total).toBe(before);
});

test('a village outside the caller\'s region is 422 naming regionCode; a second open case of one household is 409', async () => {
  const clerk = await platform.as('kc.clerk');
  const elsewhere = await clerk.post('/api/applications', applicationBody(DEMO_VILLAGES.county));
  expect(elsewhere.status).toBe(422);
  expect(elsewhere.body.error.issues).toEqual([{ field: 'regionCode', rule: 'must be a village or community within your region' }]);
  const body = applicationBody(DEMO_VILLAGES.district);
  expect((await clerk.post('/api/applications', body)).status).toBe(201);
  const again = await clerk.post('/api/applications', body);
  expect(again.status).toBe(409);
  expect(again.body.error.code).toBe('duplicate_application');
});

test('a case in another region is 404 everywhere: detail, timeline, its tasks, objections', async () => {
  const id = await newCase();
  const task = await new Caseworker(await platform.as('kc.clerk')).task(id, 'acceptance');
  const other = await platform.as('yz.clerk');
  for (const res of [
    await other.get(`/api/applications/${id}`),
    await other.get(`/api/applications/${id}/timeline`),
    await other.get(`/api/tasks/${encodeURIComponent(task.id)}`),
    await other.post(`/api/tasks/${encodeURIComponent(task.id)}/claim`),
    await other.post(`/api/tasks/${encodeURIComponent(task.id)}/complete`, { step: 'acceptance', outcome: 'accept' }),
    await other.post(`/api/applications/${id}/objections`, { content: 'x' }),
  ]) {
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  }
  expect((await other.get('/api/inbox?pageSize=100')).body.items.map((t: any) => t.caseId)).not.toContain(id);
});

test('completing with the wrong role, the wrong step, or a stale task is 409 with the reason', async () => {
  const id = await newCase();
  const clerk = new Caseworker(await platform.as('kc.clerk'));
  const task = await clerk.task(id, 'acceptance');
  const path = `/api/tasks/${encodeURIComponent(task.id)}/complete`;

  const investigator = await platform.as('kc.investigator');
  const wrongRole = await investigator.post(path, { step: 'acceptance', outcome: 'accept' });
  expect(wrongRole.status).toBe(409);
  expect(wrongRole.body.error).toMatchObject({ code: 'wrong_role' });

  const wrongStep = await clerk.http.post(path, { step: 'township_review', outcome: 'approve' });
  expect(wrongStep.status).toBe(409);
  expect(wrongStep.body.error.code).toBe('wrong_step');

  const badDecision = await clerk.http.post(path, { step: 'acceptance', outcome: 'return' });
  expect(badDecision.status).toBe(400);
  expect(badDecision.body.error.issues.map((i: any) => i.field)).toEqual(['reasonCode', 'reason']);

  const first = await clerk.http.post(path, { step: 'acceptance', outcome: 'accept' });
  expect(first.status).toBe(200);
  // The same decision sent again is answered as the first was; a different one on the closed task is stale.
  const again = await clerk.http.post(path, { step: 'acceptance', outcome: 'accept' });
  expect([again.status, again.body.submissionId]).toEqual([200, first.body.submissionId]);
  const stale = await clerk.http.post(path, { step: 'acceptance', outcome: 'return', reasonCode: 'incomplete_documents', reason: '缺材料' });
  expect(stale.status).toBe(409);
  expect(stale.body.error.code).toBe('stale_task');
});

test('claiming: a task claimed by one clerk cannot be taken or completed by another', async () => {
  const id = await newCase();
  const a = new Caseworker(await platform.as('kc.clerk'));
  const task = await a.task(id, 'acceptance');
  const path = `/api/tasks/${encodeURIComponent(task.id)}`;
  expect((await a.http.post(`${path}/claim`)).body.assigneeId).toBeTruthy();
  const mine = await a.http.get('/api/inbox?assigned=me&pageSize=100');
  expect(mine.body.items.map((t: any) => t.id)).toContain(task.id);

  await platform.addUser('kc.clerk.b', 'township_clerk', '220103001');
  const b = await platform.as('kc.clerk.b');
  const taken = await b.post(`${path}/claim`);
  expect(taken.status).toBe(409);
  expect(taken.body.error.code).toBe('claimed_by_other');
  const completed = await b.post(`${path}/complete`, { step: 'acceptance', outcome: 'accept' });
  expect(completed.status).toBe(409);
  expect(completed.body.error.code).toBe('claimed_by_other');

  expect((await a.http.post(`${path}/unclaim`)).body.assigneeId).toBeNull();
  expect((await b.post(`${path}/claim`)).status).toBe(200);
});

test('a returned application gets a written notice with the reason', async () => {
  const id = await newCase();
  const clerk = new Caseworker(await platform.as('kc.clerk'));
  const state = await clerk.complete(id, 'acceptance', { outcome: 'return', reasonCode: 'not_resident', reason: '户籍不在本辖区' });
  expect(state.case).toMatchObject({ status: 'returned' });
  const detail = (await clerk.http.get(`/api/applications/${id}`)).body;
  expect(detail.notices[0]).toMatchObject({ kind: 'return', reasonCode: 'not_resident' });
  expect(detail.notices[0].text).toContain('户籍不在本辖区');
  expect(detail.tasks.every((t: any) => t.status !== 'open')).toBe(true);
});
