import { randomUUID } from 'node:crypto';
import { IdempotentRequest } from '../../activities/idempotency/idempotent-request.entity';
import { sweepIdempotentRequests } from '../../activities/idempotency/idempotency-sweep';
import { DEMO_VILLAGES } from '../helpers/policies';
import { applicationBody } from '../helpers/factories';
import { Caseworker } from './caseworker';
import { startPlatform, type Platform } from './platform';

/** `Idempotency-Key` through HTTP: a retry returns the first answer; a key names one request. */

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
  await platform.addUser('kc.clerk.b', 'township_clerk', '220103001');
});
afterAll(async () => {
  await platform?.stop();
});

const key = () => ({ 'Idempotency-Key': randomUUID() });

test('a retried intake returns the first answer (same case) instead of duplicate_application', async () => {
  const clerk = await platform.as('kc.clerk');
  const body = applicationBody(DEMO_VILLAGES.district);
  const headers = key();
  const first = await clerk.post('/api/applications', body, headers);
  expect(first.status).toBe(201);
  const retry = await clerk.post('/api/applications', body, headers);
  expect(retry.status).toBe(201);
  expect(retry.body).toEqual(first.body);
  expect(retry.headers.get('idempotent-replayed')).toBe('true');
  // Without the key the same household is a second application, refused as a duplicate: only one case exists.
  const again = await clerk.post('/api/applications', body, key());
  expect(again.status).toBe(409);
  expect(again.body.error.code).toBe('duplicate_application');
});

test('the same key with a different body is 422 idempotency_key_reused; a malformed key is 400', async () => {
  const clerk = await platform.as('kc.clerk');
  const headers = key();
  expect((await clerk.post('/api/applications', applicationBody(DEMO_VILLAGES.district), headers)).status).toBe(201);
  const reused = await clerk.post('/api/applications', applicationBody(DEMO_VILLAGES.district), headers);
  expect(reused.status).toBe(422);
  expect(reused.body.error.code).toBe('idempotency_key_reused');
  const malformed = await clerk.post('/api/applications', applicationBody(DEMO_VILLAGES.district), { 'Idempotency-Key': 'x'.repeat(256) });
  expect(malformed.status).toBe(400);
  expect(malformed.body.error.message).toContain('Idempotency-Key');
});

test('concurrent duplicates create one case: each answers the first result or 409 request_in_progress', async () => {
  const clerk = await platform.as('kc.clerk');
  const body = applicationBody(DEMO_VILLAGES.district);
  const headers = key();
  const answers = await Promise.all([1, 2, 3, 4].map(() => clerk.post('/api/applications', body, headers)));
  for (const a of answers) {
    if (a.status !== 201) expect(a).toMatchObject({ status: 409, body: { error: { code: 'request_in_progress' } } });
  }
  const ids = new Set(answers.filter((a) => a.status === 201).map((a) => a.body.id));
  expect(ids.size).toBe(1);
  const later = await clerk.post('/api/applications', body, headers);
  expect(later.status).toBe(201);
  expect(ids.has(later.body.id)).toBe(true);
});

test('a retried decision returns the first answer instead of stale_task; keys are per user', async () => {
  const clerk = await platform.as('kc.clerk');
  const created = await clerk.post('/api/applications', applicationBody(DEMO_VILLAGES.district), key());
  const task = await new Caseworker(clerk).task(created.body.id, 'acceptance');
  expect((await clerk.post(`/api/tasks/${encodeURIComponent(task.id)}/claim`)).status).toBe(200);
  const headers = key();
  const decision = { step: 'acceptance', outcome: 'accept' };
  const first = await clerk.post(`/api/tasks/${encodeURIComponent(task.id)}/complete`, decision, headers);
  expect(first.status).toBe(200);
  const retry = await clerk.post(`/api/tasks/${encodeURIComponent(task.id)}/complete`, decision, headers);
  expect(retry.status).toBe(200);
  expect(retry.body.submissionId).toBe(first.body.submissionId);
  // A decision is one per task and user: the same one sent without the key is answered as the first, another is stale.
  const withoutKey = await clerk.post(`/api/tasks/${encodeURIComponent(task.id)}/complete`, decision);
  expect([withoutKey.status, withoutKey.body.submissionId]).toEqual([200, first.body.submissionId]);
  const another = await clerk.post(`/api/tasks/${encodeURIComponent(task.id)}/complete`, { step: 'acceptance', outcome: 'return', reasonCode: 'incomplete_documents', reason: '缺材料' });
  expect([another.status, another.body.error?.code]).toEqual([409, 'stale_task']);

  // Another user's request with the same key is a different request of theirs, not a replay of the clerk's.
  const other = await platform.as('kc.clerk.b');
  const theirs = await other.post('/api/applications', applicationBody(DEMO_VILLAGES.district), headers);
  expect(theirs.status).toBe(201);
  expect(theirs.body.id).not.toBe(created.body.id);
});

test('concurrent intakes of one household (no keys) create one case; the others are duplicate_application', async () => {
  const clerk = await platform.as('kc.clerk');
  const body = applicationBody(DEMO_VILLAGES.district);
  const answers = await Promise.all([1, 2, 3, 4].map(() => clerk.post('/api/applications', body)));
  expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409]);
  for (const a of answers.filter((x) => x.status === 409)) expect(a.body.error.code).toBe('duplicate_application');
});

test('answers older than the retention window are swept; a key used after that is a new request', async () => {
  const clerk = await platform.as('kc.clerk');
  const body = applicationBody(DEMO_VILLAGES.district);
  const headers = key();
  const first = await clerk.post('/api/applications', body, headers);
  expect(first.status).toBe(201);
  const em = platform.db.orm.em.fork();
  await em.nativeUpdate(IdempotentRequest, { key: headers['Idempotency-Key'] }, { claimedAt: new Date(Date.now() - 73 * 3_600_000) });
  // A recent answer in the window stays.
  expect((await clerk.post('/api/applications', applicationBody(DEMO_VILLAGES.district), key())).status).toBe(201);

  expect(await sweepIdempotentRequests(platform.db.orm, 72 * 3_600_000)).toBeGreaterThanOrEqual(1);
  expect(await em.fork().count(IdempotentRequest, { key: headers['Idempotency-Key'] })).toBe(0);
  const clerkId = (await clerk.get('/api/auth/me')).body.id;
  expect(await em.fork().count(IdempotentRequest, { userId: clerkId })).toBeGreaterThanOrEqual(1);
  // No stored answer is left to replay: the same household's intake is now refused as the duplicate it is.
  const late = await clerk.post('/api/applications', body, headers);
  expect(late.status).toBe(409);
  expect(late.body.error.code).toBe('duplicate_application');
});
