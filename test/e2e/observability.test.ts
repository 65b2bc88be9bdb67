import { Task } from '../../activities/tasks/task.entity';
import { applicationBody } from '../helpers/factories';
import { DEMO_VILLAGES } from '../helpers/policies';
import { LogCapture } from '../helpers/log-capture';
import { startPlatform, type Platform } from './platform';

/** Request logs, /metrics and the health probes of the API, over HTTP against the real platform. */

const TOKEN = 'metrics-token-for-this-test-0123';
const logs = new LogCapture();
let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform({ env: { LOG_LEVEL: 'log', METRICS_TOKEN: TOKEN, METRICS_CACHE_SECONDS: '0' }, logDestination: logs });
});
afterAll(async () => {
  await platform?.stop();
});

async function waitFor<T>(what: () => T | undefined | Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await what();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('one JSON line per request: the caller’s request id, user, role, route pattern, status and duration; no personal data', async () => {
  const clerk = await platform.as('kc.clerk');
  const body = applicationBody(DEMO_VILLAGES.district);
  const created = await clerk.post('/api/applications', body, { 'x-request-id': 'req-intake-1' });
  expect(created.status).toBe(201);
  expect(created.headers.get('x-request-id')).toBe('req-intake-1');
  const line = await waitFor(() => logs.requests('req-intake-1')[0]);
  expect(line).toMatchObject({ level: 'info', service: 'api', requestId: 'req-intake-1', route: '/api/applications', req: { method: 'POST' }, res: { statusCode: 201 }, role: 'township_clerk', userId: expect.any(String) });
  expect(line.durationMs).toEqual(expect.any(Number));
  expect(logs.requests('req-intake-1')).toHaveLength(1);

  const member = body.members[0]!;
  const lookup = await clerk.request('GET', `/api/inbox?who=${encodeURIComponent(member.name)}&id=${member.idNumber}`, undefined, { 'x-request-id': 'req-query-1' });
  const queried = await waitFor(() => logs.requests('req-query-1')[0]);
  expect(queried).toMatchObject({ route: '/api/inbox', res: { statusCode: lookup.status } });
  const everything = logs.raw.join('\n');
  for (const personal of [member.name, member.idNumber, body.address, body.phone]) expect(everything).not.toContain(personal);

  const anonymous = await platform.http.request('GET', '/api/inbox', undefined, { 'x-request-id': 'bad id with spaces' });
  expect(anonymous.status).toBe(401);
  const generated = anonymous.headers.get('x-request-id')!;
  expect(generated).toMatch(/^[0-9a-f-]{36}$/);
  expect(await waitFor(() => logs.requests(generated)[0])).toMatchObject({ route: '/api/inbox', res: { statusCode: 401 } });
  expect(logs.requests(generated)[0]).not.toHaveProperty('userId');
});

function gauge(text: string, name: string, labels = ''): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels} `));
  return line ? Number(line.split(' ')[1]) : 0;
}

test('/metrics needs the token; HTTP metrics by route pattern, and the open-task gauge counts a newly opened task', async () => {
  expect((await platform.http.get('/metrics')).status).toBe(401);
  expect((await platform.http.as('wrong-token-of-same-length-00000').get('/metrics')).status).toBe(401);
  const metrics = platform.http.as(TOKEN);
  const before = await metrics.get('/metrics');
  expect(before.status).toBe(200);
  expect(before.headers.get('content-type')).toContain('text/plain');
  const openBefore = gauge(before.body, 'jiuzhu_open_tasks', '{step="acceptance"}');

  const clerk = await platform.as('kc.clerk');
  const created = await clerk.post('/api/applications', applicationBody(DEMO_VILLAGES.district));
  expect(created.status).toBe(201);
  // The worker opens the acceptance task a moment after intake; the gauge must then agree with the table.
  const em = platform.db.orm.em.fork();
  await waitFor(async () => ((await em.count(Task, { caseId: created.body.id, step: 'acceptance', status: 'open' })) === 1 ? true : undefined), 20_000);
  const after = await metrics.get('/metrics');
  const open = await em.count(Task, { step: 'acceptance', status: 'open' });
  expect(gauge(after.body, 'jiuzhu_open_tasks', '{step="acceptance"}')).toBe(open);
  expect(open).toBeGreaterThan(openBefore);
  expect(after.body).toMatch(/^http_requests_total\{method="POST",route="\/api\/applications",status="201"\} \d+/m);
  expect(after.body).toMatch(/^http_request_duration_seconds_bucket\{le="0.5",method="POST",route="\/api\/applications",status="201"\} \d+/m);
  expect(after.body).toMatch(/^jiuzhu_overdue_tasks \d+/m);
  expect(after.body).toMatch(/^jiuzhu_reserve_funds_below_threshold \d+/m);
  expect(after.body).toContain('# TYPE jiuzhu_payment_runs gauge');
  expect(after.body).not.toContain(created.body.id);
});

test('health: live answers, ready checks the database and Temporal', async () => {
  const live = await platform.http.get('/health/live');
  expect(live.status).toBe(200);
  const ready = await platform.http.get('/health/ready');
  expect(ready.status).toBe(200);
  expect(ready.body).toMatchObject({ status: 'ok', database: { reachable: true }, temporal: { reachable: true, namespace: expect.any(String) } });
});
