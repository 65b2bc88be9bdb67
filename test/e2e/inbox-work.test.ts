import { Task } from '../../activities/tasks/task.entity';
import { DEMO_VILLAGES } from '../helpers/policies';
import { applicationBody } from '../helpers/factories';
import type { Http } from '../helpers/http';
import { Caseworker } from './caseworker';
import { startPlatform, type Platform } from './platform';

/**
 * The inbox as a caseworker's screen uses it: counts by step equal to the list, "take next" by two colleagues at
 * once never handing out one task twice, bulk claims answered task by task, and who holds what by name.
 */

let platform: Platform;
let clerk: Http;
let clerk2: Http;
const cases: string[] = [];

async function acceptanceTasks(n: number): Promise<Task[]> {
  for (let i = 0; i < 300; i += 1) {
    const rows = await platform.db.orm.em.fork().find(Task, { step: 'acceptance', status: 'open', caseId: { $in: cases } });
    if (rows.length >= n) return rows;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('acceptance tasks did not appear');
}

beforeAll(async () => {
  platform = await startPlatform();
  await platform.addUser('kc.clerk2', 'township_clerk', '220103001');
  clerk = await platform.as('kc.clerk');
  clerk2 = await platform.as('kc.clerk2');
  for (let i = 0; i < 5; i += 1) {
    const created = await clerk.post('/api/applications', applicationBody(DEMO_VILLAGES.district));
    expect(created.status).toBe(201);
    cases.push(created.body.id);
  }
  await acceptanceTasks(5);
}, 120_000);
afterAll(async () => {
  await platform?.stop();
});

function countsFromList(items: any[]) {
  const lines = new Map<string, { open: number; overdue: number; atRisk: number; urgent: number }>();
  for (const t of items) {
    const key = `${t.caseType}|${t.step}`;
    const line = lines.get(key) ?? { open: 0, overdue: 0, atRisk: 0, urgent: 0 };
    line.open += 1;
    line.overdue += t.overdue ? 1 : 0;
    line.atRisk += t.atRisk ? 1 : 0;
    line.urgent += t.urgent ? 1 : 0;
    lines.set(key, line);
  }
  return lines;
}

let urgentId: string;
let overdueId: string;

test('the summary counts by step equal what the inbox list shows, urgent, overdue and at-risk included', async () => {
  const [urgent, overdue, soon] = await acceptanceTasks(5);
  const em = platform.db.orm.em.fork();
  await em.nativeUpdate(Task, { id: urgent!.id }, { rank: 1 });
  await em.nativeUpdate(Task, { id: overdue!.id }, { overdue: true, dueAt: new Date(Date.now() - 3_600_000) });
  await em.nativeUpdate(Task, { id: soon!.id }, { dueAt: new Date(Date.now() + 3_600_000) });
  urgentId = urgent!.id;
  overdueId = overdue!.id;
  const [summary, list] = await Promise.all([clerk.get('/api/inbox/summary'), clerk.get('/api/inbox?pageSize=100')]);
  expect(summary.status).toBe(200);
  expect(summary.body.total).toBe(list.body.total);
  expect(summary.body.total).toBeGreaterThanOrEqual(5);
  const fromList = countsFromList(list.body.items);
  expect(summary.body.byStep).toHaveLength(fromList.size);
  const acceptance = summary.body.byStep.find((l: any) => l.step === 'acceptance');
  expect(acceptance).toEqual(expect.objectContaining({ caseType: 'application', open: 5, urgent: 1, overdue: 1 }));
  expect(acceptance.atRisk).toBeGreaterThanOrEqual(1);
  for (const line of summary.body.byStep) {
    expect({ open: line.open, overdue: line.overdue, atRisk: line.atRisk, urgent: line.urgent }).toEqual(fromList.get(`${line.caseType}|${line.step}`));
    expect(line.claimedByMe).toBe(0);
  }
  const other = await platform.as('gy.clerk');
  expect((await other.get('/api/inbox/summary')).body).toEqual({ byStep: [], total: 0 });
});

test('two clerks pressing "take next" at once always get different tasks, each claimed by its taker', async () => {
  const me1 = (await clerk.get('/api/auth/me')).body;
  const me2 = (await clerk2.get('/api/auth/me')).body;
  const taken: any[] = [];
  for (let round = 0; round < 2; round += 1) {
    const [a, b] = await Promise.all([clerk.post('/api/inbox/take-next'), clerk2.post('/api/inbox/take-next')]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.claimedBy).toEqual({ userId: me1.id, displayName: me1.displayName });
    expect(b.body.claimedBy).toEqual({ userId: me2.id, displayName: me2.displayName });
    taken.push(a.body, b.body);
  }
  // The most urgent first: the escalated task, then the overdue one.
  expect(new Set([taken[0].id, taken[1].id])).toEqual(new Set([urgentId, overdueId]));
  expect(new Set(taken.map((t) => t.id)).size).toBe(4);
  // Same shape as GET /api/tasks/:id.
  const one = await clerk.get(`/api/tasks/${encodeURIComponent(taken[0].id)}`);
  expect(Object.keys(taken[0]).sort()).toEqual(Object.keys(one.body).sort());
  expect(one.body.regionName).toEqual(expect.any(String));

  const summary = (await clerk.get('/api/inbox/summary')).body;
  expect(summary.byStep.find((l: any) => l.step === 'acceptance').claimedByMe).toBe(2);
  const list = (await clerk2.get('/api/inbox?pageSize=100')).body.items;
  const row = list.find((t: any) => t.id === taken[0].id);
  expect(row.claimedBy).toEqual({ userId: me1.id, displayName: me1.displayName });
  expect(row.regionName).toEqual(expect.any(String));
  expect(list.find((t: any) => t.assigneeId === null).claimedBy).toBeNull();

  const last = await clerk.post('/api/inbox/take-next');
  expect(last.status).toBe(200);
  const none = await clerk2.post('/api/inbox/take-next');
  expect(none.status).toBe(404);
  expect(none.body.error.code).toBe('no_task');
  expect((await (await platform.as('gy.clerk')).post('/api/inbox/take-next')).body.error.code).toBe('no_task');
});

test('a task shows its case history in the one timeline shape, within the region only', async () => {
  const [task] = await acceptanceTasks(1);
  const seen = await clerk.get(`/api/tasks/${encodeURIComponent(task.id)}/timeline`);
  expect(seen.status).toBe(200);
  expect(seen.body).toMatchObject({ caseType: 'application', caseId: task.caseId });
  expect(seen.body.events).toContainEqual(expect.objectContaining({ caseType: 'application', key: `${task.id}:opened`, action: 'task_opened', step: 'acceptance' }));
  const times = seen.body.events.map((e: { at: string }) => Date.parse(e.at));
  expect(times).toEqual([...times].sort((a, b) => a - b));
  const outsider = await platform.as('gy.clerk');
  expect((await outsider.get(`/api/tasks/${encodeURIComponent(task.id)}/timeline`)).status).toBe(404);
});

test('a bulk claim answers each task with the code a single claim would give', async () => {
  const clerkId = (await clerk.get('/api/auth/me')).body.id;
  const tasks = await acceptanceTasks(5);
  const held = tasks.filter((t) => t.assigneeId === clerkId);
  const [mine, free] = held;
  const done = tasks.find((t) => t.assigneeId !== clerkId)!;
  await new Caseworker(clerk2).complete(done.caseId, 'acceptance', { outcome: 'accept' });
  for (let i = 0; i < 200 && (await platform.db.orm.em.fork().findOneOrFail(Task, done.id)).status === 'open'; i += 1) await new Promise((r) => setTimeout(r, 100));
  expect((await clerk.post(`/api/tasks/${encodeURIComponent(free.id)}/unclaim`)).status).toBe(200);
  const gyCase = await (await platform.as('gy.clerk')).post('/api/applications', applicationBody(DEMO_VILLAGES.county));
  const other = clerk2;

  const res = await other.post('/api/inbox/claims', { taskIds: [free.id, mine.id, done.id, 'no-such-task', `${gyCase.body.id}:acceptance:1`] });
  expect(res.status).toBe(200);
  expect(res.body.results).toEqual([
    { taskId: free.id, ok: true },
    { taskId: mine.id, ok: false, code: 'claimed_by_other' },
    { taskId: done.id, ok: false, code: 'stale_task' },
    { taskId: 'no-such-task', ok: false, code: 'not_found' },
    { taskId: `${gyCase.body.id}:acceptance:1`, ok: false, code: 'not_found' },
  ]);
  const reviewer = await platform.as('kc.reviewer');
  expect((await reviewer.post('/api/inbox/claims', { taskIds: [free.id] })).body.results).toEqual([{ taskId: free.id, ok: false, code: 'wrong_role' }]);

  const empty = await clerk.post('/api/inbox/claims', { taskIds: [] });
  expect(empty.status).toBe(400);
  expect(empty.body.error).toEqual(expect.objectContaining({ code: 'validation_failed', issues: [{ field: 'taskIds', rule: 'must list at least one task' }] }));
  const tooMany = await clerk.post('/api/inbox/claims', { taskIds: Array.from({ length: 101 }, (_, i) => `t${i}`) });
  expect(tooMany.body.error.issues).toEqual([{ field: 'taskIds', rule: 'must list at most 100 tasks' }]);
});

test('a token is renewed while valid, and refused after a suspension or a password change', async () => {
  const village = await platform.as('kc.village');
  const me = await village.get('/api/auth/me');
  expect(me.body).toEqual(expect.objectContaining({ displayName: expect.any(String), role: 'village_assistant', regionCode: DEMO_VILLAGES.district, regionName: expect.any(String) }));

  const renewed = await village.post('/api/auth/refresh');
  expect(renewed.status).toBe(200);
  expect(Date.parse(renewed.body.expiresAt)).toBeGreaterThan(Date.now() + (platform.env.JWT_TTL_SECONDS - 60) * 1000);
  const fresh = platform.http.as(renewed.body.accessToken);
  expect((await fresh.get('/api/auth/me')).body.id).toBe(me.body.id);

  // Accounts are the security administrator's business (三员分立).
  const security = await platform.as('kc.security');
  expect((await security.post(`/api/admin/users/${me.body.id}/suspend`, { reason: '离岗' })).status).toBe(200);
  for (const token of [village, fresh]) {
    const refused = await token.post('/api/auth/refresh');
    expect(refused.status).toBe(401);
    expect(refused.body.error).toEqual(expect.objectContaining({ code: 'unauthenticated', reason: 'user_inactive' }));
  }

  const checker = await platform.as('kc.checker');
  expect((await checker.post('/api/auth/password', { currentPassword: 'Demo@2026', newPassword: 'Lantern-river-2026' })).status).toBe(200);
  const stale = await checker.post('/api/auth/refresh');
  expect(stale.status).toBe(401);
  expect(stale.body.error.reason).toBe('credentials_changed');
  expect((await platform.http.as('not-a-token').post('/api/auth/refresh')).body.error.reason).toBe('invalid_token');
});
