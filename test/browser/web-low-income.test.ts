/// <reference lib="dom" />
import type { Browser } from 'puppeteer-core';
import type { Platform } from '../e2e/platform';
import { waitForCase } from '../e2e/caseworker';
import { enrolInDistrict } from '../e2e/recipients';
import { startBrowserPlatform, stopBrowserPlatform } from './browser-platform';
import { clickText, scan, shot, signIn } from './browser';

/**
 * 低收入家庭 in the browser: a household refused 低保 for an income between the standard and 1.5 × appears in the
 * township's register with its figures and the special assistance it may apply for, and its case shows the notice.
 */
let platform: Platform;
let browser: Browser;
beforeAll(async () => {
  ({ platform, browser } = await startBrowserPlatform());
});
afterAll(() => stopBrowserPlatform({ platform, browser }));

test('the clerk finds the recognised household in 低收入家庭 and its notice on the case', async () => {
  const household = await enrolInDistrict(platform, 90_000);
  const decided = await waitForCase(await platform.as('kc.clerk'), household.applicationId, (c) => c.status === 'rejected');
  const desk = await signIn(browser, platform.http.baseUrl, 'kc.clerk');
  const { page } = desk;
  await clickText(page, '.shell-menu .el-menu-item', '低收入家庭');
  await page.waitForSelector('[data-test=low-income-table] .el-table__row');
  const row = await page.$eval('[data-test=low-income-table] .el-table__row', (e) => (e as HTMLElement).innerText);
  expect(row).toContain(decided.caseNo);
  expect(row).toContain('900.00');
  expect(row).toMatch(/医疗救助[\s\S]*教育救助[\s\S]*住房救助[\s\S]*取暖救助/);
  expect(row).toMatch(/\*/);
  await scan(page, 'low-income register');
  await shot(page, 'low-income-register');
  // 五类三层: the extended layer, by 低收入, with the figures and the assistance it opens.
  await page.$eval('[data-test=open-layers]', (e) => (e as HTMLElement).click());
  await page.waitForSelector('[data-test=household-layer]');
  expect(await page.$eval('[data-test=household-layer]', (e) => (e as HTMLElement).innerText)).toBe('边缘延伸层');
  const layers = await page.$eval('[data-test=household-layers]', (e) => (e as HTMLElement).innerText);
  expect(layers).toMatch(/低收入家庭[\s\S]*人均月收入 900\.00 元/);
  expect(layers).toMatch(/可申请专项救助[\s\S]*医疗救助/);
  await scan(page, 'household layers');
  await new Promise((r) => setTimeout(r, 500)); // the drawer slides in
  await shot(page, 'household-layers');
  await page.keyboard.press('Escape');

  await page.goto(`${platform.http.baseUrl}/cases/${household.applicationId}`, { waitUntil: 'networkidle0' });
  await page.waitForFunction(() => document.body.innerText.includes('低收入家庭认定告知书'));
  await scan(page, 'case with low-income notice');
  await shot(page, 'low-income-case');
  expect(desk.errors).toEqual([]);
  await desk.close();
});
