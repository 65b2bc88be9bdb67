/// <reference lib="dom" />
import type { Browser } from 'puppeteer-core';
import type { Platform } from '../e2e/platform';
import { referredForMedical } from '../e2e/referrals';
import { ledgerYear } from '../../workflows/programs/emergency/emergency-rules';
import { startBrowserPlatform, stopBrowserPlatform } from './browser-platform';
import { clickText, scan, shot, signIn, typeInto } from './browser';

/** 医疗救助 in the browser: the office accepts a referral, pays a bill typed in yuan and closes it. */
let platform: Platform;
let browser: Browser;
beforeAll(async () => {
  ({ platform, browser } = await startBrowserPlatform());
  await (await platform.as('kc.admin')).post('/api/admin/regions/220103/reserve-funding', { year: ledgerYear(Date.now()) });
});
afterAll(() => stopBrowserPlatform({ platform, browser }));

/** A click dispatched on the element itself: the drawer may still be sliding in, and a coordinate click would miss. */
async function press(page: import('puppeteer-core').Page, selector: string): Promise<void> {
  const button = await page.waitForSelector(selector, { visible: true });
  await button!.evaluate((e) => (e as HTMLElement).click());
}

async function answerPrompt(page: import('puppeteer-core').Page, text: string): Promise<void> {
  await page.waitForSelector('.el-message-box input', { visible: true });
  await page.type('.el-message-box input', text);
  await clickText(page, '.el-message-box button', '确认');
}

test('the medical-assistance office accepts, pays 75 % of a bill and closes the referral', async () => {
  const { referralId } = await referredForMedical(platform);
  const desk = await signIn(browser, platform.http.baseUrl, 'kc.medical');
  const { page } = desk;
  expect(new URL(page.url()).pathname).toBe('/referrals');
  await page.waitForSelector('[data-test=referrals-table] .el-table__row');
  await press(page, '[data-test=referrals-table] .el-table__row');
  await press(page, '[data-test=referral-accept]');
  await answerPrompt(page, '材料齐全,予以受理');
  await page.waitForSelector('[data-test=bill-pay]', { visible: true });
  await typeInto(page, 'input[data-test=bill-no]', 'FP-2026-001');
  await typeInto(page, 'input[data-test=bill-yuan]', '10000.01');
  await press(page, '[data-test=bill-pay]');
  await page.waitForSelector('[data-test=bill-result]');
  expect(await page.$eval('[data-test=bill-result]', (e) => (e as HTMLElement).innerText)).toContain('本次救助 7500.00 元');
  await page.waitForFunction(() => document.querySelector('[data-test=bill-list]')?.textContent?.includes('FP-2026-001'));
  await scan(page, 'medical referral');
  await shot(page, 'medical-referral-paid');
  await press(page, '[data-test=referral-close]');
  await answerPrompt(page, '救助完毕');
  await page.waitForFunction(() => !document.querySelector('[data-test=referral-close]'));
  const detail = (await (await platform.as('kc.medical')).get(`/api/referrals/${referralId}`)).body;
  expect(detail).toMatchObject({ status: 'closed', payments: [expect.objectContaining({ invoiceNo: 'FP-2026-001', eligibleExpenseFen: 1_000_001, paidFen: 750_000 })] });
  expect(desk.errors).toEqual([]);
  await desk.close();
});
