/// <reference lib="dom" />
import type { Browser, Page } from 'puppeteer-core';
import type { Platform } from '../e2e/platform';
import { startBrowserPlatform, stopBrowserPlatform } from './browser-platform';
import { clickText, pasteDate, pickOption, scan, shot, signIn, visibleText } from './browser';
import { enrolInDistrict, waitForRecipient } from '../e2e/recipients';

/**
 * The administrators' region work in the browser: the route of a case previewed under the current policy and the
 * change being edited side by side; a standard change proposed from 区域事务 waits with its budget consequence in the
 * four-eyes queue, and once a second administrator signs it its job runs to the end with a progress bar; the holiday
 * calendar shows the State Council's days.
 */
let platform: Platform;
let browser: Browser;
beforeAll(async () => {
  ({ platform, browser } = await startBrowserPlatform());
});
afterAll(() => stopBrowserPlatform({ platform, browser }));

const textOf = (page: Page, selector: string) => page.$eval(selector, (e) => (e as HTMLElement).innerText);

test('a shorter acceptance limit is previewed beside the current route before it is proposed', async () => {
  const desk = await signIn(browser, platform.http.baseUrl, 'kc.admin');
  const { page } = desk;
  await page.emulateTimezone('Asia/Shanghai');
  await page.waitForFunction(() => document.body.innerText.includes('本级设置'));
  const input = await page.waitForSelector('input[data-test="edit-common.acceptance.limitDays"]');
  await input!.click();
  await input!.evaluate((e) => (e as HTMLInputElement).select());
  await input!.press('Backspace');
  await input!.type('4');
  await page.$eval('[data-test=policy-preview-open]', (e) => (e as HTMLElement).click());
  await page.waitForSelector('[data-test=preview-proposed] .el-timeline-item');
  const current = await textOf(page, '[data-test=preview-current]');
  const proposed = await textOf(page, '[data-test=preview-proposed]');
  expect(current).toMatch(/审查受理[\s\S]*5个工作日/);
  expect(proposed).toMatch(/审查受理[\s\S]*4个工作日[\s\S]*有变化/);
  expect(current).not.toContain('有变化');
  // Every date is written as the notice writes it; no step code reaches the screen.
  expect(proposed).toMatch(/\d+月\d+日24时/);
  expect(proposed).not.toMatch(/acceptance|township_review/);
  await scan(page, 'policy preview');
  await shot(page, 'policy-preview');
  expect(desk.errors).toEqual([]);
  await desk.close();
});

test('a standard change waits with its cost in the queue, then runs to the end once a second administrator signs it', async () => {
  const household = await enrolInDistrict(platform, 10_000);
  await waitForRecipient(await platform.as('kc.admin'), `/api/recipients/${household.householdId}/ledger`, (l) => l.entries.length === 1);
  const month = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date()).slice(0, 7);
  const desk = await signIn(browser, platform.http.baseUrl, 'kc.admin');
  const { page } = desk;
  await page.goto(`${platform.http.baseUrl}/affairs`, { waitUntil: 'networkidle0' });
  await page.waitForSelector('[data-test=lifecycle-jobs]');
  const monthInput = await page.waitForSelector('[data-test=standard-month] input');
  await pasteDate(monthInput!, month);
  await page.type('input[data-test=standard-urban]', '900');
  await page.type('input[data-test=standard-rural]', '700');
  await page.type('input[data-test=standard-reason]', '市政府关于调整城乡低保标准的通知');
  await page.click('body');
  await page.click('[data-test=standard-propose]');
  await page.waitForFunction(() => document.querySelector('[data-test=job-list]')?.textContent?.includes('待第二位管理员批准'));
  expect(await textOf(page, '[data-test=job-list]')).toMatch(/低保标准调整[\s\S]*城市 900\.00 元、农村 700\.00 元/);
  await scan(page, 'region affairs');
  await shot(page, 'affairs-standard-proposed');
  expect(desk.errors).toEqual([]);
  await desk.close();

  // The second administrator sees the change and what it costs, computed from the ledger, before signing.
  const second = await signIn(browser, platform.http.baseUrl, 'cn.admin');
  await second.page.goto(`${platform.http.baseUrl}/policy`, { waitUntil: 'networkidle0' });
  await pickOption(second.page, '[data-test=policy-region]', '宽城区');
  await second.page.waitForSelector('[data-test=policy-impact] [data-test=impact-monthly]');
  const admin = await platform.as('kc.admin');
  const version = (await admin.get('/api/admin/regions/220103/policy-versions')).body.find((v: any) => v.status === 'proposed');
  const impact = (await admin.get(`/api/admin/policy-versions/${version.id}/impact`)).body;
  // The household enrolled at 100 yuan a head gets 900 × 2 − 200 = 1600 yuan instead of 830 × 2 − 200 = 1460.
  expect(impact).toMatchObject({ changed: 1, monthlyDiffFen: 14_000 });
  expect(await textOf(second.page, '[data-test=impact-changed]')).toBe('1');
  expect(await textOf(second.page, '[data-test=impact-monthly]')).toBe('+140.00 元');
  expect(await textOf(second.page, '[data-test=policy-impact]')).toMatch(/宽城区|街道|乡/);
  await shot(second.page, 'policy-impact');
  await second.page.click('[data-test=policy-approve]');
  await second.page.waitForSelector('.el-message-box input');
  await second.page.type('.el-message-box input', '经市政府常务会议研究同意');
  await clickText(second.page, '.el-message-box button', '确认');
  await second.page.waitForFunction(() => !document.querySelector('[data-test=policy-queue]'));
  expect(second.errors).toEqual([]);
  await second.close();

  // Back in 区域事务 the job runs to its end: every household reached, the bar full.
  const again = await signIn(browser, platform.http.baseUrl, 'kc.admin');
  await again.page.goto(`${platform.http.baseUrl}/affairs`, { waitUntil: 'networkidle0' });
  await again.page.waitForFunction(() => document.querySelector('[data-test=job-list]')?.textContent?.includes('已完成'), { timeout: 30_000 });
  expect(await textOf(again.page, '[data-test=job-list]')).toMatch(/已送达 1 \/ 1 户/);
  await shot(again.page, 'affairs-standard-finished');

  // The holiday calendar draws the State Council's table.
  await clickText(again.page, '.el-tabs__item', '节假日安排');
  await again.page.waitForFunction(() => document.querySelector('[data-test=holiday-calendar]')?.textContent?.includes('2026年 已发布'));
  expect(await visibleText(again.page)).toMatch(/2027年 (已发布|未发布)/);
  await scan(again.page, 'holiday calendar');
  await shot(again.page, 'affairs-calendar');
  expect(again.errors).toEqual([]);
  await again.close();
});
