/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import type { Browser } from 'puppeteer-core';
import { applicationBody } from '../helpers/factories';
import { DEMO_VILLAGES } from '../helpers/policies';
import type { Platform } from '../e2e/platform';
import { startBrowserPlatform, stopBrowserPlatform } from './browser-platform';
import { open, scan, shot } from './browser';

/**
 * An applicant looks up the progress of their case at /query without signing in: the case number and the last six
 * characters of their ID number show the steps and dates, nothing about anyone; a wrong pair says only that no such
 * case was found. Drives POST /api/public/case-status (the public status route).
 */

let platform: Platform;
let browser: Browser;
beforeAll(async () => {
  ({ platform, browser } = await startBrowserPlatform());
});
afterAll(() => stopBrowserPlatform({ platform, browser }));

test('an applicant sees the steps of their case with its number and ID suffix, and nothing for a wrong pair', async () => {
  const body = applicationBody(DEMO_VILLAGES.district);
  const filed = await (await platform.as('kc.clerk')).post('/api/applications', body);
  expect(filed.status).toBe(201);
  const caseNo: string = filed.body.caseNo ?? (await (await platform.as('kc.clerk')).get(`/api/applications/${filed.body.id}`)).body.caseNo;
  const head = body.members[0];

  const desk = await open(browser, platform.http.baseUrl, '/query', { width: 390, height: 844 });
  const { page } = desk;
  await page.waitForSelector('[data-test=query]');
  await page.type('input[data-test=case-number], [data-test=case-number] input', caseNo);
  await page.type('input[data-test=id-suffix], [data-test=id-suffix] input', '000000');
  await page.click('[data-test=query-submit]');
  await page.waitForSelector('[data-test=query-error]');
  expect(await page.$eval('[data-test=query-error]', (e) => (e as HTMLElement).innerText)).toContain('没有找到');

  await page.$eval('input[data-test=id-suffix], [data-test=id-suffix] input', (e) => ((e as HTMLInputElement).value = ''));
  await page.click('input[data-test=id-suffix], [data-test=id-suffix] input', { clickCount: 3 });
  await page.keyboard.press('Backspace');
  await page.type('input[data-test=id-suffix], [data-test=id-suffix] input', head.idNumber.slice(-6));
  await page.click('[data-test=query-submit]');
  await page.waitForSelector('[data-test=query-result]');
  const shown = await page.$eval('[data-test=query-result]', (e) => (e as HTMLElement).innerText);
  expect(shown).toContain('审查受理');
  for (const m of body.members) {
    expect(shown).not.toContain(m.name);
    expect(shown).not.toContain(m.idNumber);
  }
  expect(shown).not.toContain(body.address);
  await scan(page, 'public lookup result');
  await shot(page, 'public-lookup-phone');
  expect(desk.errors).toEqual([]);
  await desk.close();
});
