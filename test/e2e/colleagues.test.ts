import { Task, TASK_RANK } from '../../activities/tasks/task.entity';
import { DEMO_VILLAGES } from '../helpers/policies';
import { applicationBody } from '../helpers/factories';
import { Caseworker } from './caseworker';
import { startPlatform, type Platform } from './platform';

/** 督办: a supervisor hands overdue work to a colleague chosen by name, from those the decision would accept. */
let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
}, 120_000);
afterAll(async () => {
  await platform?.stop();
});

test("an escalation lists the overdue task's role in a region covering it, by name; other counties see nothing", async () => {
  const clerk = await platform.as('kc.clerk');
  const created = await clerk.post('/api/applications', applicationBody(DEMO_VILLAGES.district));
  expect(created.status).toBe(201);
  const acceptance = await new Caseworker(clerk).task(created.body.id, 'acceptance');
  const overdue = await platform.db.orm.em.fork().findOneOrFail(Task, acceptance.id);
  const escalation = new Task({ ...overdue, id: `${overdue.id}:escalation`, step: 'escalation', role: 'county_approver', escalationOf: overdue.id, rank: TASK_RANK.escalation, createdAt: new Date() });
  await platform.db.orm.em.fork().persistAndFlush(escalation);

  const approver = await platform.as('kc.approver');
  const listed = await approver.get(`/api/tasks/${encodeURIComponent(escalation.id)}/colleagues`);
  expect(listed.status).toBe(200);
  expect(listed.body.role).toBe('township_clerk');
  const names = listed.body.items.map((u: any) => u.displayName);
  const me = (await clerk.get('/api/auth/me')).body;
  expect(names).toContain(me.displayName);
  expect(listed.body.items.every((u: any) => typeof u.userId === 'string')).toBe(true);
  // Clerks of another county are never offered.
  const other = (await (await platform.as('gy.clerk')).get('/api/auth/me')).body;
  expect(listed.body.items.map((u: any) => u.userId)).not.toContain(other.id);

  expect((await (await platform.as('gy.approver')).get(`/api/tasks/${encodeURIComponent(escalation.id)}/colleagues`)).status).toBe(404);
});
