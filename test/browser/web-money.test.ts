/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import { ledgerYear } from '../../workflows/programs/emergency/emergency-rules';
import { applicationBody } from '../helpers/factories';
import { DEMO_VILLAGES } from '../helpers/policies';
import type { Platform } from '../e2e/platform';
import { startBrowserPlatform, stopBrowserPlatform } from './browser-platform';
import { decidePayment, seedLedger, waitForRun } from '../e2e/payments';
import { entitlementRow, seedEntitlements } from '../helpers/entitlements';
import { Household } from '../../activities/households/household.entity';
import { clickText, confirmDecision, scan, shot, signIn, typeInto } from './browser';

/**
 * Money in the browser, 宽城区: a 救急难 request raised by the village assistant, decided by the township reviewer
 * and paid from the township's reserve; a month's payment run started by the payment officer, approved by the county
 * approver who sees the payees and totals, released by one officer while a colleague's second release is refused in a
 * Chinese sentence on a page that keeps its form, and the bank file downloaded.
 */

let platform: Platform;
let browser: Browser;
beforeAll(async () => {
  ({ platform, browser } = await startBrowserPlatform());
});
afterAll(() => stopBrowserPlatform({ platform, browser }));

async function openTaskOf(page: Page, caseNo: string | null, stepLabel: string): Promise<void> {
  await page.goto(`${platform.http.baseUrl}/inbox`, { waitUntil: 'networkidle0' });
  const match = (no: string | null, label: string) => (r: Element) => (r as HTMLElement).innerText.includes(label) && (!no || (r as HTMLElement).innerText.includes(no));
  await page.waitForFunction((no, label, m) => [...document.querySelectorAll('[data-test=inbox-table] .el-table__row')].some((new Function(`return (${m})`)() as typeof match)(no, label)), { timeout: 20_000 }, caseNo, stepLabel, match.toString());
  await page.evaluate((no, label, m) => {
    const row = [...document.querySelectorAll('[data-test=inbox-table] .el-table__row')].find((new Function(`return (${m})`)() as typeof match)(no, label))!;
    (row.querySelector('[data-test=open-task]') as HTMLElement).click();
  }, caseNo, stepLabel, match.toString());
  await page.waitForSelector('[data-test=submit-decision]');
  await page.waitForSelector('[data-test=case-panel], [data-test=payment-panel] .el-descriptions');
}

test('a 救急难 request is raised, decided with an amount in yuan and paid from the township reserve', async () => {
  const admin = await platform.as('kc.admin');
  expect((await admin.post('/api/admin/regions/220103/reserve-funding', { year: ledgerYear(Date.now()) })).status).toBe(200);
  const filed = await (await platform.as('kc.clerk')).post('/api/applications', applicationBody(DEMO_VILLAGES.district));
  expect(filed.status).toBe(201);

  const village = await signIn(browser, platform.http.baseUrl, 'kc.village', { width: 390, height: 844 });
  let page = village.page;
  await page.goto(`${platform.http.baseUrl}/emergency`, { waitUntil: 'networkidle0' });
  await page.click('[data-test=raise-emergency]');
  await page.waitForSelector('.el-dialog [data-test=em-household]', { visible: true });
  await page.click('.el-dialog [data-test=em-household]');
  await clickText(page, '.el-select-dropdown__item', filed.body.caseNo);
  await page.click('.el-dialog [data-test=em-event]');
  await clickText(page, '.el-select-dropdown__item', '火灾');
  await typeInto(page, '[data-test=em-people]', '3');
  await typeInto(page, '[data-test=em-amount]', '1200');
  await typeInto(page, '[data-test=em-description]', '夜间失火,房屋受损');
  await typeInto(page, '[data-test=em-need]', '临时生活费');
  await shot(page, 'emergency-raise-phone');
  await page.click('[data-test=em-submit]');
  await page.waitForFunction(() => document.querySelectorAll('[data-test=emergency-table] .el-table__row').length === 1);
  await scan(page, 'emergency list (village)');
  expect(village.errors).toEqual([]);
  await village.close();

  const reviewer = await signIn(browser, platform.http.baseUrl, 'kc.reviewer');
  page = reviewer.page;
  await page.goto(`${platform.http.baseUrl}/emergency`, { waitUntil: 'networkidle0' });
  await page.waitForFunction(() => /剩 \d+ 小时/.test(document.querySelector('[data-test=emergency-table]')!.textContent!));
  expect(await page.$eval('[data-test=reserve]', (e) => (e as HTMLElement).innerText)).toMatch(/备用金余额/);
  await shot(page, 'emergency-list');
  await scan(page, 'emergency list (reviewer)');
  await openTaskOf(page, null, '救急难乡镇审批');
  expect(await page.$eval('[data-test=case-panel]', (e) => (e as HTMLElement).innerText)).toContain('1200.00 元');
  await scan(page, 'emergency decision');
  await clickText(page, '[data-test=outcome] label', '批准');
  await typeInto(page, '[data-test=amount]', '1000.5');
  await shot(page, 'emergency-decision');
  expect(await confirmDecision(page)).toContain('1000.50 元');
  await page.waitForFunction(() => location.pathname === '/inbox');
  expect(reviewer.errors).toEqual([]);
  await reviewer.close();

  const list = (await (await platform.as('kc.reviewer')).get('/api/emergency-requests')).body.items;
  expect(list[0]).toMatchObject({ approvedFen: 100_050 });
  const deadline = Date.now() + 20_000;
  let paid = 0;
  while (Date.now() < deadline && paid !== 100_050) {
    paid = (await (await platform.as('kc.reviewer')).get(`/api/emergency-requests/${list[0].id}`)).body.paidFen;
    await new Promise((r) => setTimeout(r, 200));
  }
  expect(paid).toBe(100_050);
});

test('a payment run is started, approved seeing payees and totals, released once (a second release refused in Chinese), and its bank file downloaded', async () => {
  const month = '2026-10';
  await seedLedger(platform, DEMO_VILLAGES.district, month, [50_000, 30_000]);
  await platform.addUser('kc.payment2', 'payment_officer', '220103');

  const officer = await signIn(browser, platform.http.baseUrl, 'kc.payment');
  let page = officer.page;
  expect(new URL(page.url()).pathname).toBe('/payments');
  await page.click('[data-test=run-month] .el-select, .el-select[data-test=run-month]');
  await clickText(page, '.el-select-dropdown__item', '2026年10月');
  await page.click('[data-test=start-run]');
  await page.waitForFunction(() => document.querySelectorAll('[data-test=runs-table] .el-table__row').length === 1);
  const runs = (await (await platform.as('kc.payment')).get(`/api/payments/runs?month=${month}`)).body.items;
  expect(runs).toHaveLength(1);
  await waitForRun(await platform.as('kc.payment'), runs[0].id, (r) => r.status === 'awaiting_approval');
  await page.click('[data-test=runs-table] button');
  await page.waitForSelector('[data-test=payees] .el-table__row');
  await scan(page, 'payment runs');
  await shot(page, 'payment-runs');

  const approver = await signIn(browser, platform.http.baseUrl, 'kc.approver');
  await openTaskOf(approver.page, null, '发放审批');
  await approver.page.waitForSelector('[data-test=payees] .el-table__row');
  expect(await approver.page.$$eval('[data-test=payees] .el-table__body .el-table__row', (rows) => rows.length)).toBe(2);
  const byTownship = await approver.page.$eval('[data-test=township-totals]', (e) => (e as HTMLElement).innerText);
  expect(byTownship).toContain('团山街道');
  expect(byTownship).toContain('800.00');
  await scan(approver.page, 'payment approval');
  await shot(approver.page, 'payment-approval');
  await clickText(approver.page, '[data-test=outcome] label', '批准');
  expect(await confirmDecision(approver.page)).toContain('800.00 元');
  await approver.page.waitForFunction(() => location.pathname === '/inbox');
  expect(approver.errors).toEqual([]);
  await approver.close();
  await waitForRun(await platform.as('kc.payment'), runs[0].id, (r) => r.status === 'awaiting_release');

  // Two officers open the release task; the second to press is refused in a sentence and keeps the page.
  await openTaskOf(page, null, '发放确认');
  expect(await page.$eval('[data-test=submit-decision]', (e) => (e as HTMLElement).innerText)).toContain('确认发放');
  const second = await signIn(browser, platform.http.baseUrl, 'kc.payment2');
  await openTaskOf(second.page, null, '发放确认');
  await confirmDecision(second.page);
  await second.page.waitForFunction(() => location.pathname === '/inbox');
  await confirmDecision(page);
  await page.waitForSelector('[data-test=decision-error]');
  const refusal = await page.$eval('[data-test=decision-error]', (e) => (e as HTMLElement).innerText);
  expect(refusal).toMatch(/[\u4e00-\u9fff]/);
  expect(refusal).not.toMatch(/[a-z]+_[a-z]+/);
  expect(new URL(page.url()).pathname).toMatch(/^\/tasks\//);
  await scan(page, 'release refused');
  await shot(page, 'payment-release-refused');
  expect(officer.errors).toEqual([]);
  await officer.close();

  page = second.page;
  await waitForRun(await platform.as('kc.payment'), runs[0].id, (r) => r.status === 'released');
  await page.goto(`${platform.http.baseUrl}/payments`, { waitUntil: 'networkidle0' });
  const file = page.waitForResponse((r) => r.url().endsWith('/bank-file'));
  await page.click('[data-test=bank-file]');
  const res = await file;
  expect(res.status()).toBe(200);
  expect((await res.json()).lines).toBeGreaterThanOrEqual(2);
  expect(second.errors).toEqual([]);
  await second.close();
});

test('the payment officer sees a held payment among the exceptions, records the account, imports the bank results and reads the reconciliation', async () => {
  const month = '2026-04';
  const { householdIds } = await seedLedger(platform, DEMO_VILLAGES.district, month, [50_000, 30_000]);
  const em = platform.db.orm.em.fork();
  (await em.findOneOrFail(Household, householdIds[1]!)).bankAccount = null;
  await em.flush();
  await platform.addUser('kc.payment3', 'payment_officer', '220103');
  const run = (await (await platform.as('kc.payment3')).post('/api/payments/runs', { countyCode: '220103', month })).body;
  await waitForRun(await platform.as('kc.payment'), run.id, (r) => r.status === 'awaiting_approval');
  expect((await decidePayment(await platform.as('kc.approver'), run.id, 'payment_approval', 'approve')).status).toBe(200);
  expect((await decidePayment(await platform.as('kc.payment'), run.id, 'payment_release', 'release')).status).toBe(200);
  const released = (await (await platform.as('kc.payment')).get(`/api/payments/runs/${run.id}`)).body.payments.find((p: any) => p.status === 'released');

  const officer = await signIn(browser, platform.http.baseUrl, 'kc.payment');
  const page = officer.page;
  await page.goto(`${platform.http.baseUrl}/payments`, { waitUntil: 'networkidle0' });
  await page.waitForFunction(() => document.querySelector('[data-test=exceptions-table]')!.textContent!.includes('无银行账户'));
  await scan(page, 'payment exceptions');
  await shot(page, 'payment-exceptions');
  await page.click('[data-test=set-account]');
  await typeInto(page, '[data-test=bank-name]', '中国建设银行长春宽城支行');
  await typeInto(page, '[data-test=bank-account]', '6217000000000000123');
  await typeInto(page, '[data-test=account-reason]', '户主补交银行卡');
  await page.click('[data-test=save-account]');
  await page.waitForFunction(() => document.querySelector('[data-test=exceptions-table]')!.textContent!.includes('待补充发放'));
  // The supplementary run is started from the screen; it pays the household now that it has an account.
  await seedEntitlements(platform.db.orm.em.fork(), [entitlementRow(householdIds[0]!, month, 100, 'arrears', 'std-late')]);
  await page.goto(`${platform.http.baseUrl}/payments`, { waitUntil: 'networkidle0' });
  await page.waitForSelector('[data-test=unpaid-month]');
  expect(await page.$eval('[data-test=unpaid-month]', (e) => (e as HTMLElement).innerText)).toContain('1 笔应发未发,共 1.00 元');
  await page.click('[data-test=start-supplementary]');
  await page.waitForFunction((m) => [...document.querySelectorAll('[data-test=runs-table] .el-table__row')].some((r) => (r as HTMLElement).innerText.includes(`${m}(补充发放)`)), {}, month);
  const supplementary = (await (await platform.as('kc.payment')).get(`/api/payments/runs?month=${month}`)).body.items[0];
  expect((await waitForRun(await platform.as('kc.payment'), supplementary.id, (r) => r.status === 'awaiting_approval')).totalFen).toBe(30_100);

  await page.evaluate((m) => {
    const row = [...document.querySelectorAll('[data-test=runs-table] .el-table__row')].find((r) => (r as HTMLElement).innerText.includes(m) && !(r as HTMLElement).innerText.includes('补充发放'))!;
    (row.querySelector('button') as HTMLElement).click();
  }, month);
  await page.waitForSelector('[data-test=reconciliation-table]');
  const input = (await page.waitForSelector('[data-test=result-file]')) as ElementHandle<HTMLInputElement>;
  const csv = `reference,result,reason_code,amount_fen,value_date\n${released.id},paid,,${released.amountFen + 1},2026-04-20\n`;
  const path = `${tmpdir()}/result-${run.id}.csv`;
  writeFileSync(path, csv);
  await input.uploadFile(path);
  await page.waitForSelector('[data-test=rejected-lines]');
  expect(await page.$eval('[data-test=rejected-lines]', (e) => (e as HTMLElement).innerText)).toContain('金额与发放金额不符');
  writeFileSync(path, csv.replace(`,${released.amountFen + 1},`, `,${released.amountFen},`));
  await input.uploadFile(path);
  await page.waitForFunction(() => document.querySelector('[data-test=import-result]')!.textContent!.includes('入账/失败/退回 1 笔'));
  // The reconciliation reloads after the import: wait for it rather than read the table of a moment before.
  await page.waitForFunction(() => /银行已入账\s+1\s+[\d.]+/.test((document.querySelector('[data-test=reconciliation-table]') as HTMLElement).innerText));
  const table = await page.$eval('[data-test=reconciliation-table]', (e) => (e as HTMLElement).innerText);
  expect(table).toMatch(/暂缓\(无账户\)\s+1\s+300\.00/);
  await scan(page, 'reconciliation');
  await shot(page, 'payment-reconciliation');
  expect(officer.errors).toEqual([]);
  await officer.close();
});
