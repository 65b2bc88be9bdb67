/// <reference lib="dom" />
import type { Browser } from 'puppeteer-core';
import { Task } from '../../activities/tasks/task.entity';
import { DEMO_VILLAGES } from '../helpers/policies';
import { applicationBody } from '../helpers/factories';
import type { Platform } from '../e2e/platform';
import { enrolInDistrict, waitForRecipient } from '../e2e/recipients';
import { startBrowserPlatform, stopBrowserPlatform } from './browser-platform';
import { clickText, scan, shot, signIn, visibleText } from './browser';

/**
 * 统计看板 in the browser: a county approver reads the district's dashboard (ECharts on canvas under the same-origin
 * CSP, no console error), a number opens the list of exactly that many cases, and an area opens its own dashboard.
 */
let platform: Platform;
let browser: Browser;
beforeAll(async () => {
  ({ platform, browser } = await startBrowserPlatform());
});
afterAll(() => stopBrowserPlatform({ platform, browser }));

const number = (sel: string) => Number((document.querySelector(sel)?.querySelector('.big-number') as HTMLElement | null)?.innerText.split('/')[0]?.trim() ?? 'NaN');

test("a county leader's dashboard: charts render, each number opens exactly its cases", async () => {
  const enrolled = await enrolInDistrict(platform, 10_000);
  const clerk = await platform.as('kc.clerk');
  await waitForRecipient(clerk, `/api/recipients/${enrolled.householdId}`, (r) => r.status === 'active');
  for (let i = 0; i < 3; i++) expect((await clerk.post('/api/applications', applicationBody(DEMO_VILLAGES.district))).status).toBe(201);
  const em = platform.db.orm.em.fork();
  // The workflows open their tasks asynchronously (the enrolled case's filing too): wait until the backlog settles.
  let open = -1;
  for (let i = 0, same = 0; i < 100 && same < 4; i++) {
    const now = await em.fork().count(Task, { scopeCounty: '220103', status: 'open' });
    same = now === open && now >= 3 ? same + 1 : 0;
    open = now;
    await new Promise((r) => setTimeout(r, 250));
  }

  const desk = await signIn(browser, platform.http.baseUrl, 'kc.approver');
  const { page } = desk;
  await page.emulateTimezone('Asia/Shanghai');
  await clickText(page, '.el-menu-item', '统计看板');
  await page.waitForSelector('[data-test=card-open]');
  // Every chart drew on its canvas.
  await page.waitForFunction(() => document.querySelectorAll('.stats-chart-canvas canvas').length >= 6);
  expect(await page.evaluate(number, '[data-test=card-open]')).toBe(open);
  const text = await visibleText(page);
  for (const words of ['在办件', '超期件', '申请至决定用时', '办理结果', '救急难审批用时', '发放金额(按月)', '本月发放(元)', '下级地区']) expect(text).toContain(words);
  await scan(page, 'dashboard');
  await shot(page, 'dashboard-county');

  await page.click('[data-test=card-open]');
  await page.waitForFunction((n) => document.querySelector('[data-test=drill-total]')?.textContent?.includes(`共 ${n} 件`), {}, open);
  await page.waitForFunction((n) => document.querySelectorAll('[data-test=drill-table] tbody tr').length === Math.min(n, 20), {}, open);
  const drilled = await visibleText(page);
  expect(drilled).toContain('审查受理');
  await scan(page, 'dashboard drill-down');
  await shot(page, 'dashboard-drill');
  // The list downloads as a workbook.
  const [file] = await Promise.all([page.waitForResponse((r) => r.url().includes('/api/stats/cases/export')), page.click('.el-drawer [data-test=export-xlsx]')]);
  expect(file.status()).toBe(200);
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('.el-drawer'), { timeout: 10_000 }).catch(() => undefined);

  // Decisions within the legal limit: the card's number is the database's count.
  const approvedCount = await page.evaluate(number, '[data-test=card-within]');
  const decided = await platform.db.orm.em.fork().getConnection().execute(`select count(*) as n from applications where region_path like '%/220103/%' and decided_at is not null and overall_due_at is not null and decided_at <= overall_due_at`);
  expect(approvedCount).toBe(Number(decided[0].n));

  // An area of the district opens its own dashboard; the trail leads back.
  await clickText(page, '[data-test=area-link]', '');
  await page.waitForFunction(() => document.querySelectorAll('[data-test=trail]').length === 2);
  await page.waitForSelector('[data-test=card-open]');
  await scan(page, 'township dashboard');
  expect(desk.errors).toEqual([]);
  await desk.close();
});

test('统计报表: the monthly summary by region with its total, and its Excel download', async () => {
  const desk = await signIn(browser, platform.http.baseUrl, 'kc.auditor');
  const { page } = desk;
  await page.emulateTimezone('Asia/Shanghai');
  await clickText(page, '.el-menu-item', '统计报表');
  await page.waitForSelector('[data-test=summary-table] .summary-total');
  const api = await (await platform.as('kc.auditor')).get('/api/stats/summary');
  const text = await visibleText(page);
  for (const words of ['低保户数(户)', '低保人数(人)', '老年人', '单人保', '渐退', '低保资金支出(元)', '本年累计', '救急难', '办理超期率', '合计']) expect(text).toContain(words);
  // The total line shows the API's total (households urban is the second column).
  const total = await page.evaluate(() => [...document.querySelectorAll('[data-test=summary-table] .el-table__body .summary-total td')].map((td) => (td as HTMLElement).innerText.trim()));
  expect(total[0]).toBe('合计');
  expect(Number(total[1])).toBe(api.body.total.householdsUrban);
  await scan(page, 'summary');
  await shot(page, 'summary-county');
  // The Excel button downloads a workbook.
  const [download] = await Promise.all([page.waitForResponse((r) => r.url().includes('/api/stats/summary/export')), page.click('[data-test=summary-xlsx]')]);
  expect(download.status()).toBe(200);
  expect(download.headers()['content-type']).toContain('spreadsheetml');
  expect(desk.errors).toEqual([]);
  await desk.close();
});

test('a clerk downloads the inbox as a workbook from the inbox screen', async () => {
  const desk = await signIn(browser, platform.http.baseUrl, 'kc.clerk');
  const { page } = desk;
  expect(new URL(page.url()).pathname).toBe('/inbox');
  const [file] = await Promise.all([page.waitForResponse((r) => r.url().includes('/api/inbox/export')), page.click('[data-test=export-xlsx]')]);
  expect(file.status()).toBe(200);
  expect(file.url()).toContain('status=open');
  expect(desk.errors).toEqual([]);
  await desk.close();
});

test('领导查询: a city leader lands on the city dashboard, reads the summary and cases, and can change nothing', async () => {
  const desk = await signIn(browser, platform.http.baseUrl, 'cc.leader');
  const { page } = desk;
  expect(new URL(page.url()).pathname).toBe('/dashboard');
  await page.waitForSelector('[data-test=card-open]');
  await page.waitForFunction(() => document.querySelectorAll('.stats-chart-canvas canvas').length >= 6);
  const menu = await page.evaluate(() => [...document.querySelectorAll('.el-menu-item')].map((e) => (e as HTMLElement).innerText.trim()));
  expect(menu).toEqual(['统计看板', '统计报表', '案件', '在保对象', '低收入家庭']);
  const text = await visibleText(page);
  expect(text).toContain('长春市');
  expect(text).toContain('宽城区');
  await scan(page, 'city dashboard');
  await shot(page, 'dashboard-city');
  await clickText(page, '.el-menu-item', '案件');
  await page.waitForSelector('[data-test=cases-table]');
  await scan(page, 'leader cases');
  // Read-only: nothing to decide, nothing to file.
  const leader = await platform.as('cc.leader');
  expect((await leader.get('/api/inbox')).status).toBe(403);
  expect((await leader.post('/api/applications', applicationBody(DEMO_VILLAGES.district))).status).toBe(403);
  expect((await leader.get('/api/stats/dashboard?region=320723')).status).toBe(404);
  expect(desk.errors).toEqual([]);
  await desk.close();
});
