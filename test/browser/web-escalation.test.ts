/// <reference lib="dom" />
import type { Browser } from 'puppeteer-core';
import { Task, TASK_RANK } from '../../activities/tasks/task.entity';
import { applicationBody } from '../helpers/factories';
import { DEMO_VILLAGES } from '../helpers/policies';
import { Caseworker } from '../e2e/caseworker';
import type { Platform } from '../e2e/platform';
import { startBrowserPlatform, stopBrowserPlatform } from './browser-platform';
import { clickText, scan, shot, signIn, visibleText } from './browser';

/** 督办 in the browser: the supervisor reassigning overdue work picks the colleague by name, never types an id. */
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
