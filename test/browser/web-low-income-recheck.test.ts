/// <reference lib="dom" />
import type { Browser } from 'puppeteer-core';
import { LowIncomeHousehold } from '../../activities/low-income/low-income-household.entity';
import { LowIncomeRecheckStarter } from '../../activities/low-income/recheck-starter';
import { addMonths, monthOf } from '../../workflows/domain/months';
import { recipientTaskQueueFor } from '../../workflows/recipient/definitions';
import { waitForCase } from '../e2e/caseworker';
import type { Platform } from '../e2e/platform';
import { enrolInDistrict, waitForRecipient } from '../e2e/recipients';
import { startBrowserPlatform, stopBrowserPlatform } from './browser-platform';
import { clickText, confirmDecision, scan, shot, signIn, typeInto, visibleText } from './browser';

/**
 * 低收入 复核 in the browser, through the same inbox as every other task: the township investigator finds the
 * re-check of a household whose re-check month has come, sees the register entry in Chinese, records the findings
 * (members, income in yuan, assets) and confirms; the household stays on the register with its next re-check.
 */
let platform: Platform;
let browser: Browser;
beforeAll(async () => {
  ({ platform, browser } = await startBrowserPlatform());
});
afterAll(() => stopBrowserPlatform({ platform, browser }));

test('the township investigator re-checks a 低收入 household from the inbox', async () => {
  const household = await enrolInDistrict(platform, 90_000);
  const clerk = await platform.as('kc.clerk');
  const decided = await waitForCase(clerk, household.applicationId, (c) => c.status === 'rejected');
  // A register entry whose re-check month has come (last month).
  const em = platform.db.orm.em.fork();
  const record = await em.findOneOrFail(LowIncomeHousehold, { applicationId: household.applicationId });
  const dueMonth = addMonths(monthOf(Date.now()), -1);
  record.reviewDueMonth = dueMonth;
  await em.flush();
  await new LowIncomeRecheckStarter(platform.db.orm, platform.temporal, recipientTaskQueueFor(platform.env.TEMPORAL_TASK_QUEUE)).relayPending(0);
  const investigator = await platform.as('kc.investigator');
  const inbox = await waitForRecipient(investigator, '/api/inbox?step=low_income_recheck', (b) => b.items.some((t: any) => t.caseId === record.id));
  const task = inbox.items.find((t: any) => t.caseId === record.id);

  const desk = await signIn(browser, platform.http.baseUrl, 'kc.investigator');
  const { page } = desk;
  await page.goto(`${platform.http.baseUrl}/inbox`, { waitUntil: 'networkidle0' });
  await page.waitForFunction((no) => [...document.querySelectorAll('[data-test=inbox-table] .el-table__row')].some((r) => (r as HTMLElement).innerText.includes(no)), { timeout: 20_000 }, decided.caseNo);
  const row = await page.evaluate((no) => ([...document.querySelectorAll('[data-test=inbox-table] .el-table__row')].find((r) => (r as HTMLElement).innerText.includes(no)) as HTMLElement).innerText, decided.caseNo);
  expect(row).toContain('低收入家庭复核');
  await scan(page, 'inbox with a 低收入 re-check');

  await page.goto(`${platform.http.baseUrl}/tasks/${encodeURIComponent(task.id)}`, { waitUntil: 'networkidle0' });
  await page.waitForSelector('[data-test=case-panel]');
  const panel = await page.$eval('[data-test=case-panel]', (e) => (e as HTMLElement).innerText);
  expect(panel).toContain('认定有效');
  expect(panel).toContain('900.00 元');
  expect(panel).toContain('830.00');
  expect(panel).toContain('医疗救助');
  expect(await visibleText(page)).toContain('生成待办');
  // Nothing is filled in for the investigator: sending at once is refused in Chinese.
  await page.click('[data-test=submit-decision]');
  await page.waitForFunction(() => document.querySelector('[data-test=decision-error]')?.textContent?.includes('家庭人口'));

  await typeInto(page, '[data-test=members]', '2');
  await typeInto(page, '[data-test=total-income]', '1800');
  await clickText(page, '[data-test=assets] label', '财产符合低保规定');
  await typeInto(page, '[data-test=reason]', '入户复核：收入未变化');
  await scan(page, 'low-income re-check');
  await shot(page, 'task-low-income-recheck');
  const consequence = await confirmDecision(page);
  expect(consequence).toContain('家庭月收入:1800.00 元');
  await page.waitForFunction(() => location.pathname === '/inbox', { timeout: 30_000 });

  const after = await waitForRecipient(investigator, `/api/low-income-households/${record.id}`, (b) => b.rechecks === 1);
  expect(after).toMatchObject({ status: 'active', reviewDueMonth: addMonths(monthOf(Date.now()), 12), perCapitaIncomeFen: 90_000 });
  expect(desk.errors).toEqual([]);
  await desk.close();

  // The township clerk opens the entry from the register and reads its re-check, by whom, in Chinese.
  const office = await signIn(browser, platform.http.baseUrl, 'kc.clerk');
  await clickText(office.page, '.shell-menu .el-menu-item', '低收入家庭');
  await office.page.waitForSelector('[data-test=low-income-table] .el-table__row');
  await office.page.evaluate((no) => {
    const row = [...document.querySelectorAll('[data-test=low-income-table] .el-table__row')].find((r) => (r as HTMLElement).innerText.includes(no))!;
    (row.querySelector('[data-test=open-entry]') as HTMLElement).click();
  }, decided.caseNo);
  await office.page.waitForFunction(() => document.querySelector('[data-test=low-income-entry]')?.textContent?.includes('继续认定'));
  const history = await office.page.$eval('[data-test=low-income-entry]', (e) => (e as HTMLElement).innerText);
  expect(history).toContain('已复核 1 次');
  expect(history).toContain('乡镇调查员');
  await scan(office.page, 'low-income entry with its re-check');
  await new Promise((r) => setTimeout(r, 500)); // the drawer slides in
  await shot(office.page, 'low-income-entry');
  expect(office.errors).toEqual([]);
  await office.close();
}, 180_000);
