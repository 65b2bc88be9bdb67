import { remindDueTasks } from '../../activities/tasks/deadline-reminders';
import { CalendarService } from '../../activities/regions/calendar.service';
import { Task } from '../../activities/tasks/task.entity';
import { TaskReminder } from '../../activities/tasks/task-reminder.entity';
import { applicationBody } from '../helpers/factories';
import { DEMO_VILLAGES } from '../helpers/policies';
import { Caseworker } from './caseworker';
import { startPlatform, type Platform } from './platform';

/**
 * 临期 / 超期 reminders: a claimed task about to fall due reminds its holder once, in the console and through the
 * messaging platform (the sandbox stands in for it); unclaimed or distant work reminds nobody; a gateway that is
 * down leaves the message for the next sweep.
 */

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(async () => {
  await platform?.stop();
});

async function dueIn(taskId: string, ms: number): Promise<void> {
  await platform.db.orm.em.fork().nativeUpdate(Task, { id: taskId }, { dueAt: new Date(Date.now() + ms) });
}

async function gatewayMessages(): Promise<any[]> {
  return ((await (await fetch(new URL('/v1/admin/messages', platform.env.DEPARTMENTS_URL))).json()) as { messages: any[] }).messages;
}

test('a claimed task due within two working days reminds its holder once; overdue reminds again; unclaimed work reminds nobody', async () => {
  const clerk = await platform.as('kc.clerk');
  const body = applicationBody(DEMO_VILLAGES.district);
  const [claimedCase, unclaimedCase] = [(await clerk.post('/api/applications', body)).body.id, (await clerk.post('/api/applications', applicationBody(DEMO_VILLAGES.district))).body.id];
  const worker = new Caseworker(clerk);
  const claimed = await worker.task(claimedCase, 'acceptance');
  const unclaimed = await worker.task(unclaimedCase, 'acceptance');
  expect((await clerk.post(`/api/tasks/${encodeURIComponent(claimed.id)}/claim`)).status).toBe(200);
  await dueIn(claimed.id, 3_600_000);
  await dueIn(unclaimed.id, 3_600_000);

  const calendars = new CalendarService(platform.db.orm);
  const down = await remindDueTasks(platform.db.orm, calendars, { workingDays: 2, gatewayUrl: 'http://127.0.0.1:9' });
  expect(down).toEqual({ reminded: 1, sent: 0 });
  const stored = await platform.db.orm.em.fork().find(TaskReminder, { taskId: { $in: [claimed.id, unclaimed.id] } });
  expect(stored.map((r) => [r.taskId, r.kind, r.sentAt])).toEqual([[claimed.id, 'due_soon', null]]);

  const up = await remindDueTasks(platform.db.orm, calendars, { workingDays: 2, gatewayUrl: platform.env.DEPARTMENTS_URL });
  expect(up.reminded).toBe(0);
  expect(up.sent).toBeGreaterThanOrEqual(1);
  const sent = (await gatewayMessages()).filter((m) => m.caseNo === claimed.caseNo);
  expect(sent).toEqual([expect.objectContaining({ kind: 'due_soon', step: 'acceptance', text: expect.stringContaining('临期提醒') })]);
  for (const m of body.members) expect(JSON.stringify(sent)).not.toContain(m.idNumber);
  expect(JSON.stringify(sent)).not.toContain(body.members[0].name);
  expect(await remindDueTasks(platform.db.orm, calendars, { workingDays: 2, gatewayUrl: platform.env.DEPARTMENTS_URL })).toEqual({ reminded: 0, sent: 0 });

  const mine = (await clerk.get('/api/reminders')).body;
  const reminder = mine.items.find((r: any) => r.taskId === claimed.id);
  expect(reminder).toMatchObject({ kind: 'due_soon', caseNo: claimed.caseNo, readAt: null });
  expect(mine.unread).toBeGreaterThanOrEqual(1);
  expect((await (await platform.as('kc.reviewer')).post(`/api/reminders/${reminder.id}/read`)).status).toBe(404);
  expect((await clerk.post(`/api/reminders/${reminder.id}/read`)).body.readAt).not.toBeNull();
  expect((await clerk.get('/api/reminders')).body.unread).toBe(mine.unread - 1);

  await dueIn(claimed.id, -60_000);
  await remindDueTasks(platform.db.orm, calendars, { workingDays: 2, gatewayUrl: platform.env.DEPARTMENTS_URL });
  expect((await gatewayMessages()).filter((m) => m.caseNo === claimed.caseNo).map((m) => m.kind).sort()).toEqual(['due_soon', 'overdue']);
});
