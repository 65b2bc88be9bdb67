/// <reference lib="dom" />
import type { Browser } from 'puppeteer-core';
import { User } from '../../activities/identity/user.entity';
import { Task, TASK_RANK } from '../../activities/tasks/task.entity';
import { shanghaiToday } from '../../apps/api/absences/acting-for';
import { CalendarService } from '../../activities/regions/calendar.service';
import { remindDueTasks } from '../../activities/tasks/deadline-reminders';
import { applicationBody } from '../helpers/factories';
import { DEMO_VILLAGES } from '../helpers/policies';
import { Caseworker } from '../e2e/caseworker';
import type { Platform } from '../e2e/platform';
import { startBrowserPlatform, stopBrowserPlatform } from './browser-platform';
import { clickText, pickOption, scan, shot, signIn, typeInto, visibleText } from './browser';

/**
 * 督办 and AB岗 in the browser: the supervisor reassigning overdue work picks the colleague by name, never types an
 * id; a caseworker plans an absence with a B post chosen by name, who then finds the claimed work marked 代办; a
 * task about to fall due shows as a reminder in the header that opens it.
 */
let platform: Platform;
let browser: Browser;
beforeAll(async () => {
  ({ platform, browser } = await startBrowserPlatform());
});
afterAll(() => stopBrowserPlatform({ platform, browser }));

test('the reassignment offers the overdue role’s colleagues by name', async () => {
  const clerk = await platform.as('kc.clerk');
  const created = await clerk.post('/api/applications', applicationBody(DEMO_VILLAGES.district));
  const acceptance = await new Caseworker(clerk).task(created.body.id, 'acceptance');
  const overdue = await platform.db.orm.em.fork().findOneOrFail(Task, acceptance.id);
  const escalation = new Task({ ...overdue, id: `${overdue.id}:escalation`, step: 'escalation', role: 'county_approver', escalationOf: overdue.id, rank: TASK_RANK.escalation, createdAt: new Date() });
  await platform.db.orm.em.fork().persistAndFlush(escalation);
  const clerkName: string = (await clerk.get('/api/auth/me')).body.displayName;

  const desk = await signIn(browser, platform.http.baseUrl, 'kc.approver');
  const { page } = desk;
  await page.goto(`${platform.http.baseUrl}/tasks/${encodeURIComponent(escalation.id)}`, { waitUntil: 'networkidle0' });
  await page.waitForSelector('[data-test=decision-form]');
  // Members show their age, never a birth date beside the masked ID number.
  await page.waitForSelector('[data-test=case-panel]');
  const panel = await visibleText(page);
  expect(panel).toMatch(/\d+岁/);
  expect(panel).not.toContain('出生日期');
  await clickText(page, '[data-test=outcome] .el-radio', '改派');
  await page.click('[data-test=reassign-to]');
  await clickText(page, '.el-select-dropdown__item', clerkName);
  await shot(page, 'escalation-reassign');
  const chosen = await page.$eval('[data-test=reassign-to]', (e) => (e as HTMLElement).innerText);
  expect(chosen).toContain(clerkName);
  await scan(page, 'escalation reassignment');
  expect(desk.errors).toEqual([]);
  await desk.close();
});

test('an absence planned in the browser puts the claimed visit in the B post’s inbox as 代办', async () => {
  await platform.addUser('kc.investigator.b-post', 'township_investigator', '220103001');
  const em = platform.db.orm.em.fork();
  const b = await em.findOneOrFail(User, { username: 'kc.investigator.b-post' });
  b.displayName = '团山街道调查员乙';
  await em.flush();

  const clerk = await platform.as('kc.clerk');
  const id = (await clerk.post('/api/applications', applicationBody(DEMO_VILLAGES.district))).body.id;
  await new Caseworker(clerk).complete(id, 'acceptance', { outcome: 'accept' });
  const investigator = new Caseworker(await platform.as('kc.investigator'));
  const visit = await investigator.task(id, 'home_visit');
  expect((await investigator.http.post(`/api/tasks/${encodeURIComponent(visit.id)}/claim`)).status).toBe(200);
  const awayName: string = (await investigator.http.get('/api/auth/me')).body.displayName;

  const desk = await signIn(browser, platform.http.baseUrl, 'kc.investigator');
  const { page } = desk;
  await clickText(page, '.shell-menu .el-menu-item', '休假代岗');
  await page.waitForSelector('[data-test=absence-backup]');
  await pickOption(page, '[data-test=absence-backup]', '团山街道调查员乙');
  const [first, last] = await page.$$('[data-test=absence-days] input');
  const today = shanghaiToday();
  const later = shanghaiToday(Date.now() + 2 * 86_400_000);
  await first!.click();
  await first!.type(today);
  await last!.click();
  await last!.type(later);
  await last!.press('Enter');
  await typeInto(page, '[data-test=absence-reason]', '参加县级业务培训');
  await page.click('[data-test=absence-submit]');
  await page.waitForFunction(() => (document.querySelector('[data-test=absences-mine]') as HTMLElement | null)?.innerText.includes('休假中'));
  await shot(page, 'absence-planned');
  await scan(page, 'absences');
  expect(await visibleText(page)).toContain('团山街道调查员乙');
  expect(desk.errors).toEqual([]);
  await desk.close();

  const backup = await signIn(browser, platform.http.baseUrl, 'kc.investigator.b-post');
  await backup.page.goto(`${platform.http.baseUrl}/inbox?assigned=me`, { waitUntil: 'networkidle0' });
  await backup.page.waitForFunction((name) => (document.querySelector('[data-test=inbox-table]') as HTMLElement | null)?.innerText.includes(`${name}(我代办)`), {}, awayName);
  await shot(backup.page, 'absence-acting-for');
  await scan(backup.page, 'inbox acting for');
  expect(backup.errors).toEqual([]);
  await backup.close();
});

test('a claimed task about to fall due shows in the header’s reminders and opens from there', async () => {
  const clerk = await platform.as('kc.clerk');
  const id = (await clerk.post('/api/applications', applicationBody(DEMO_VILLAGES.district))).body.id;
  const task = await new Caseworker(clerk).task(id, 'acceptance');
  expect((await clerk.post(`/api/tasks/${encodeURIComponent(task.id)}/claim`)).status).toBe(200);
  await platform.db.orm.em.fork().nativeUpdate(Task, { id: task.id }, { dueAt: new Date(Date.now() + 3_600_000) });
  await remindDueTasks(platform.db.orm, new CalendarService(platform.db.orm), { workingDays: 2 });

  const desk = await signIn(browser, platform.http.baseUrl, 'kc.clerk');
  const { page } = desk;
  await page.waitForFunction(() => /\d/.test((document.querySelector('[data-test=reminders-badge] sup') as HTMLElement | null)?.innerText ?? ''));
  await page.click('[data-test=reminders]');
  await clickText(page, '[data-test=reminders-list] .reminder', task.caseNo);
  await page.waitForFunction((taskId) => location.pathname === `/tasks/${encodeURIComponent(taskId)}`, {}, task.id);
  await shot(page, 'reminder-opened');
  await scan(page, 'task opened from a reminder');
  expect(desk.errors).toEqual([]);
  await desk.close();
});
