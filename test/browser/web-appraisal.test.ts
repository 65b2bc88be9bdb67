/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import { applicationBody } from '../helpers/factories';
import { DEMO_VILLAGES } from '../helpers/policies';
import { Caseworker, waitForCase } from '../e2e/caseworker';
import type { Platform } from '../e2e/platform';
import { startBrowserPlatform, stopBrowserPlatform } from './browser-platform';
import { clickText, confirmDecision, pickOption, scan, shot, signIn, typeInto } from './browser';

/**
 * 民主评议 in the browser (灌云县 holds one for every case): the form asks the panel size and attendance with nothing
 * preselected; a meeting short of two thirds, and an outcome the votes do not give, are refused in Chinese with the
 * task still open; the corrected record is accepted. Earlier steps are done through the API.
 */

let platform: Platform;
let browser: Browser;
beforeAll(async () => {
  ({ platform, browser } = await startBrowserPlatform());
});
afterAll(() => stopBrowserPlatform({ platform, browser }));

async function retype(page: Page, selector: string, text: string): Promise<void> {
  const input = (await page.$(`${selector} input`)) as ElementHandle<HTMLInputElement>;
  await input.click({ clickCount: 3 });
  await input.type(text);
}

async function refusal(page: Page, words: string): Promise<string> {
  await page.waitForFunction((w) => document.querySelector('[data-test=decision-error]')?.textContent?.includes(w), {}, words);
  return page.$eval('[data-test=decision-error]', (e) => (e as HTMLElement).innerText);
}

test('a 民主评议 short of quorum or with an outcome its votes do not give is refused in Chinese; the corrected one passes', async () => {
  const clerk = await platform.as('gy.clerk');
  const filed = await clerk.post('/api/applications', applicationBody(DEMO_VILLAGES.county));
  expect(filed.status).toBe(201);
  const id: string = filed.body.id;
  await new Caseworker(clerk).complete(id, 'acceptance', { outcome: 'accept' });
  const detail = await waitForCase(clerk, id, (c) => c.checkReports.length === 1, 30_000);
  const incomes = detail.household.members.map((m: { id: string }) => ({ memberId: m.id, monthlyIncomeFen: 0 }));
  await new Caseworker(await platform.as('gy.investigator')).complete(id, 'home_visit', { recommendation: 'eligible', disputed: false, incomes, reason: '入户核实属实' });
  const task = await new Caseworker(await platform.as('gy.village')).task(id, 'appraisal', 30_000);

  const desk = await signIn(browser, platform.http.baseUrl, 'gy.village');
  const { page } = desk;
  await page.goto(`${platform.http.baseUrl}/tasks/${encodeURIComponent(task.id)}`, { waitUntil: 'networkidle0' });
  await page.waitForSelector('[data-test=panel-size]');
  expect(await page.$$eval('[data-test=outcome] input:checked', (els) => els.length)).toBe(0);
  expect(await page.$eval('[data-test=panel-size] input', (e) => (e as HTMLInputElement).value)).toBe('');
  await clickText(page, '[data-test=outcome] label', '通过');
  await page.click('[data-test=submit-decision]');
  expect(await refusal(page, '评议小组人数')).toContain('至少1人');

  // Five of nine attended: short of two thirds.
  await typeInto(page, '[data-test=panel-size]', '9');
  await typeInto(page, '[data-test=present]', '5');
  await typeInto(page, '[data-test=votes-for]', '4');
  await typeInto(page, '[data-test=votes-against]', '1');
  await confirmDecision(page);
  await refusal(page, '三分之二');
  await scan(page, 'appraisal quorum refused');
  await shot(page, 'task-appraisal-quorum-refused');

  // Nine attended, four for: not more than half, so 通过 is not what the votes give.
  await retype(page, '[data-test=present]', '9');
  await confirmDecision(page);
  await refusal(page, '一半');
  await scan(page, 'appraisal outcome refused');
  expect((await clerk.get(`/api/tasks/${encodeURIComponent(task.id)}`)).body.status).toBe('open');

  await retype(page, '[data-test=votes-for]', '7');
  await retype(page, '[data-test=votes-against]', '2');
  await shot(page, 'task-appraisal');
  await confirmDecision(page);
  await page.waitForFunction(() => location.pathname === '/inbox', { timeout: 30_000 });
  expect((await clerk.get(`/api/tasks/${encodeURIComponent(task.id)}`)).body.status).toBe('completed');
  expect(desk.errors).toEqual([]);
  await desk.close();
}, 180_000);

test('a returned case shows its written notice, and the village assistant records how it was served (送达)', async () => {
  const clerk = await platform.as('gy.clerk');
  const filed = await clerk.post('/api/applications', applicationBody(DEMO_VILLAGES.county));
  const id: string = filed.body.id;
  await new Caseworker(clerk).complete(id, 'acceptance', { outcome: 'return', reasonCode: 'not_resident', reason: '户籍不在本辖区' });
  const notice = (await waitForCase(clerk, id, (c) => c.notices.length === 1, 30_000)).notices[0];
  expect(notice.servedAt).toBeNull();

  const desk = await signIn(browser, platform.http.baseUrl, 'gy.village');
  const { page } = desk;
  await page.goto(`${platform.http.baseUrl}/cases/${id}`, { waitUntil: 'networkidle0' });
  await page.waitForSelector('[data-test=notices]');
  expect(await page.$eval('[data-test=notices]', (e) => (e as HTMLElement).innerText)).toContain('尚未送达');
  await page.click('[data-test=serve-notice]');
  await page.waitForSelector('[data-test=service-form]', { visible: true });
  await page.click('[data-test=service-submit]');
  expect(await page.$eval('[data-test=service-error]', (e) => (e as HTMLElement).innerText)).toContain('送达方式');
  await pickOption(page, '[data-test=service-method]', '直接送达');
  await pickOption(page, '[data-test=service-receiver]', '申请人本人签收');
  const hourAgo = await page.evaluate(() => {
    const d = new Date(Date.now() - 3_600_000);
    const p = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:00`;
  });
  await typeInto(page, '[data-test=service-at]', hourAgo);
  await page.keyboard.press('Enter');
  await typeInto(page, '[data-test=service-note]', '入户当面送达');
  await scan(page, 'notice service');
  await shot(page, 'notice-service');
  await clickText(page, '.el-dialog button', '提交');
  await page.waitForFunction(() => !document.querySelector('[data-test=notices]')?.textContent?.includes('尚未送达'));
  const services = (await clerk.get(`/api/notices/${notice.id}/services`)).body;
  expect(JSON.stringify(services)).toContain('in_person');
  expect(desk.errors).toEqual([]);
  await desk.close();
});
