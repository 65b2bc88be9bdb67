/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import type { Browser, Page } from 'puppeteer-core';
import { CaseDecision } from '../../activities/application/case-decision.entity';
import { fakeIdNumber } from '../helpers/factories';
import { waitForCase } from '../e2e/caseworker';
import type { Platform } from '../e2e/platform';
import { startBrowserPlatform, stopBrowserPlatform } from './browser-platform';
import { clickText, confirmDecision, scan, shot, signIn, typeInto, type Desk } from './browser';

/**
 * One 宽城区 (220103) 低保 case from intake to 县级备案, every step done in Chromium by its demo role through the
 * console: the village assistant files it at phone width, the clerk first presses 提交 on the untouched form (refused,
 * case unchanged), then each role finds the task in its inbox and decides it. Every screen's text is scanned for raw
 * identifiers, and no page logs an error (a CSP violation would be one).
 */

let platform: Platform;
let browser: Browser;
beforeAll(async () => {
  ({ platform, browser } = await startBrowserPlatform());
});
afterAll(() => stopBrowserPlatform({ platform, browser }));

const USERS: Record<string, string[]> = {
  township_clerk: ['kc.clerk'],
  township_investigator: ['kc.investigator'],
  township_reviewer: ['kc.reviewer', 'kc.reviewer2'],
  county_approver: ['kc.approver'],
  village_assistant: ['kc.village'],
  checking_agency: ['kc.checker'],
};

async function fileApplication(): Promise<string> {
  const desk = await signIn(browser, platform.http.baseUrl, 'kc.village', { width: 390, height: 844 });
  const { page } = desk;
  await page.waitForSelector('[data-test=cases-table]');
  await scan(page, 'village cases');
  // The menu scrolls within its bar: the page is no wider than the phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.goto(`${platform.http.baseUrl}/apply`, { waitUntil: 'networkidle0' });
  await page.waitForSelector('[data-test=apply]');
  await typeInto(page, '[data-test=address]', '长春市宽城区团山街道1号');
  await typeInto(page, '[data-test=phone]', '13800001234');
  const head = fakeIdNumber('220103', '1968-05-06');
  const child = fakeIdNumber('220103', '2012-03-04');
  await typeInto(page, '[data-test=member-0] [data-test=name]', '王建国');
  await typeInto(page, '[data-test=member-0] [data-test=id-number]', head);
  await typeInto(page, '[data-test=member-0] [data-test=income]', '300');
  await page.click('[data-test=add-member]');
  await page.waitForSelector('[data-test=member-1]');
  await page.click('[data-test=member-1] .el-select');
  await clickText(page, '.el-select-dropdown__item', '子女');
  await typeInto(page, '[data-test=member-1] [data-test=name]', '王小明');
  await typeInto(page, '[data-test=member-1] [data-test=id-number]', child);
  await typeInto(page, '[data-test=member-1] [data-test=income]', '0');
  await typeInto(page, '[data-test=asset-deposits]', '1200.50');
  await typeInto(page, '[data-test=asset-vehicles]', '0');
  await typeInto(page, '[data-test=asset-properties]', '1');
  await typeInto(page, '[data-test=asset-businesses]', '0');
  await clickText(page, '[data-test=doc-id_card] label', '已提交');
  await clickText(page, '[data-test=doc-authorization] label', '已提交');
  await clickText(page, 'label', '申请人已签署');
  await shot(page, '01-village-apply-phone');
  await scan(page, 'new application');
  await page.click('[data-test=apply-submit]');
  await page.waitForFunction(() => location.pathname === '/cases');
  await page.waitForSelector('[data-test=cases-table] .el-table__row');
  await shot(page, '02-village-cases');
  await scan(page, 'village cases after filing');
  expect(desk.errors).toEqual([]);
  await desk.close();
  const list = await (await platform.as('kc.clerk')).get('/api/applications');
  expect(list.body.items).toHaveLength(1);
  // 申报财产 as typed: deposits in yuan reach the API as exact fen.
  const detail = (await (await platform.as('kc.clerk')).get(`/api/applications/${list.body.items[0].id}`)).body;
  expect(detail.declaredAssets).toEqual({ depositsFen: 120_050, vehicles: 0, properties: 1, businesses: 0 });
  return list.body.items[0].id;
}

async function openTask(page: Page, caseNo: string): Promise<void> {
  await page.waitForSelector('[data-test=inbox-table]');
  await page.waitForFunction((no) => [...document.querySelectorAll('[data-test=inbox-table] .el-table__row')].some((r) => (r as HTMLElement).innerText.includes(no)), { timeout: 20_000 }, caseNo);
  await page.evaluate((no) => {
    const row = [...document.querySelectorAll('[data-test=inbox-table] .el-table__row')].find((r) => (r as HTMLElement).innerText.includes(no))!;
    (row.querySelector('[data-test=open-task]') as HTMLElement).click();
  }, caseNo);
  // The form is drawn once the case has loaded (TaskView waits for it), the timeline with it.
  await page.waitForSelector('[data-test=decision-form]');
  await page.waitForSelector('[data-test=case-panel]');
}

async function choose(page: Page, group: string, text: string): Promise<void> {
  await clickText(page, `[data-test=${group}] label`, text);
}

/** Fills the step's form as its caseworker would. */
async function fill(page: Page, step: string): Promise<void> {
  switch (step) {
    case 'acceptance':
      return choose(page, 'outcome', '受理');
    case 'home_visit': {
      await choose(page, 'outcome', '符合条件');
      await choose(page, 'disputed', '无争议');
      for (const input of await page.$$('input[data-test^=income-], [data-test^=income-] input')) await input.type('0');
      await typeInto(page, '[data-test=rigid-expenses]', '120.50');
      await typeInto(page, '[data-test=reason]', '入户核实,家庭收入情况属实');
      return;
    }
    case 'appraisal':
      await choose(page, 'outcome', '通过');
      await typeInto(page, '[data-test=panel-size]', '9');
      await typeInto(page, '[data-test=present]', '9');
      await typeInto(page, '[data-test=votes-for]', '5');
      await typeInto(page, '[data-test=votes-against]', '0');
      return;
    case 'county_sampling':
      await choose(page, 'outcome', '抽查属实');
      await typeInto(page, '[data-test=reason]', '抽查入户,情况属实');
      return;
    case 'filing':
      return;
    default:
      await choose(page, 'outcome', '批准');
  }
}

test('a 宽城区 case goes from filing to 县级备案, each step decided in the browser by its role', async () => {
  const id = await fileApplication();
  const clerk = await platform.as('kc.clerk');
  const used: Record<string, number> = {};
  const done: string[] = [];
  for (let round = 0; round < 12; round++) {
    const c = await waitForCase(clerk, id, (x) => x.tasks.some((t: any) => t.status === 'open') || x.status !== 'in_progress' && !x.tasks.some((t: any) => t.status === 'open'), 30_000);
    const task = c.tasks.find((t: any) => t.status === 'open');
    if (!task) break;
    const users = USERS[task.role];
    const username = users[Math.min(used[task.role] ?? 0, users.length - 1)];
    used[task.role] = (used[task.role] ?? 0) + 1;
    const desk: Desk = await signIn(browser, platform.http.baseUrl, username);
    const { page } = desk;
    await page.goto(`${platform.http.baseUrl}/inbox`, { waitUntil: 'networkidle0' });
    await shot(page, `inbox-${task.step}`);
    await scan(page, `inbox of ${username}`);
    await openTask(page, c.caseNo);
    await scan(page, `task ${task.step}`);

    if (task.step === 'acceptance') {
      // The untouched form: nothing is preselected, so 提交 is refused and the case stays where it was.
      await page.click('[data-test=submit-decision]');
      await page.waitForSelector('[data-test=decision-error]');
      expect(await page.$eval('[data-test=decision-error]', (e) => (e as HTMLElement).innerText)).toContain('请选择办理结果');
      expect(await page.$$eval('[data-test=outcome] input:checked', (els) => els.length)).toBe(0);
      await choose(page, 'outcome', '退回');
      await page.click('[data-test=submit-decision]');
      await page.waitForFunction(() => document.querySelector('[data-test=decision-error]')?.textContent?.includes('原因'));
      // Returning shows the written notice the household would receive, before anything is sent.
      expect(await page.$eval('[data-test=notice-preview]', (e) => (e as HTMLElement).innerText)).toContain('退回您的申请');
      await shot(page, 'task-acceptance-return-notice');
      expect((await clerk.get(`/api/tasks/${encodeURIComponent(task.id)}`)).body.status).toBe('open');
    }
    await fill(page, task.step);
    await shot(page, `task-${task.step}`);
    if (task.step === 'filing') {
      const button = await page.$eval('[data-test=submit-decision]', (e) => (e as HTMLElement).innerText);
      expect(button).toContain('已备案');
    }
    // A double click sends one decision: the second click meets a disabled button.
    const consequence = await confirmDecision(page, 2);
    expect(consequence).toContain('下一步');
    await page.waitForFunction(() => location.pathname === '/inbox', { timeout: 30_000 });
    await scan(page, `inbox after ${task.step}`);
    expect(desk.errors).toEqual([]);
    await desk.close();
    const after = await clerk.get(`/api/tasks/${encodeURIComponent(task.id)}`);
    expect(after.body.status).toBe('completed');
    done.push(task.step);
  }
  expect(done[0]).toBe('acceptance');
  expect(done).toContain('home_visit');
  expect(done[done.length - 1]).toBe('filing');
  const final = await waitForCase(clerk, id, (x) => x.decision !== null);
  expect(final.decision.status).toBe('approved');
  // The rigid expenses typed in yuan at the visit reached the decision as fen.
  const decision = await platform.db.orm.em.fork().findOneOrFail(CaseDecision, id);
  expect(decision.derivation).toMatchObject({ declaredDeductions: { rigidExpensesFen: 12_050, workCostsFen: 0 } });
  const submissions = (await clerk.get(`/api/applications/${id}/timeline`)).body.events.filter((e: any) => e.action === 'decision' && e.step === 'acceptance');
  expect(submissions.length).toBeLessThanOrEqual(1);

  // The household is now a recipient: the township reviewer finds it, reads its ledger and suspends it with a reason.
  const reviewerApi = await platform.as('kc.reviewer');
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && (await reviewerApi.get('/api/recipients')).body.items?.length !== 1) await new Promise((r) => setTimeout(r, 300));
  const desk = await signIn(browser, platform.http.baseUrl, 'kc.reviewer');
  const { page } = desk;
  await page.goto(`${platform.http.baseUrl}/recipients`, { waitUntil: 'networkidle0' });
  await page.waitForSelector('[data-test=recipients-table] .el-table__row');
  await page.click('[data-test=recipients-table] .el-table__row');
  await page.waitForSelector('.el-drawer', { visible: true });
  await clickText(page, '.el-drawer button', '暂停');
  await page.click('.el-drawer .el-select');
  await clickText(page, '.el-select-dropdown__item', '待复核');
  await typeInto(page, '.el-drawer textarea', '家庭情况待复核,暂停发放');
  await shot(page, 'recipient-suspend');
  await scan(page, 'recipient detail');
  await clickText(page, '.el-drawer button', '提交');
  const stopped = Date.now() + 30_000;
  let status = '';
  while (Date.now() < stopped && status !== 'suspended') {
    status = (await reviewerApi.get('/api/recipients')).body.items[0].status;
    await new Promise((r) => setTimeout(r, 300));
  }
  expect(status).toBe('suspended');
  expect(desk.errors).toEqual([]);
  await desk.close();
}, 600_000);
