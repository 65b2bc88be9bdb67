/// <reference lib="dom" />
import type { Browser, Page } from 'puppeteer-core';
import type { Platform } from '../e2e/platform';
import { waitForRecipient } from '../e2e/recipients';
import { fakeIdNumber } from '../helpers/factories';
import { isoDate, shanghaiDay } from '../../workflows/domain/calendar';
import { tekunMonthlySupport } from '../../workflows/programs/tekun/support-amount';
import type { TekunPolicy } from '../../config/policy/sections/tekun-policy.schema';
import { fenToYuan, formatMonth } from '../../apps/web/src/format';
import { startBrowserPlatform, stopBrowserPlatform } from './browser-platform';
import { clickText, confirmDecision, pasteDate, pickOption, scan, shot, signIn, typeInto, visibleText } from './browser';

/**
 * A 特困供养 case through the console, every role at its own screen: the township clerk files the application from the
 * 特困供养 screen; the investigator opens the assessment from the inbox and records the person's facts (the age comes
 * from the birth date on record); the township reviewer confirms, the county files; the case then reads 供养中 with the
 * monthly support in yuan as the district's 特困 policy computes it, and the clerk ends the support on the person's death.
 */
let platform: Platform;
let browser: Browser;
beforeAll(async () => {
  ({ platform, browser } = await startBrowserPlatform());
  await platform.addUser('cc.admin', 'administrator', '220100');
});
afterAll(() => stopBrowserPlatform({ platform, browser }));

/** 宽城区's 特困 standards for the test (the shipped policy has none): monthly figures, one care level yearly. */
const TEKUN = {
  basicLiving: { urban: { fen: 100_000, per: 'month' }, rural: { fen: 820_000, per: 'year' } },
  care: { full: { fen: 0, per: 'month' }, partial: { fen: 30_000, per: 'month' }, none: { fen: 1_290_800, per: 'year' } },
};

async function setDistrictStandards(): Promise<TekunPolicy> {
  const proposed = await (await platform.as('kc.admin')).post('/api/admin/regions/220103/policy-versions', { override: { tekun: TEKUN }, effectiveFrom: isoDate(shanghaiDay(Date.now())), reason: '特困供养标准' });
  expect(proposed.status).toBe(201);
  expect((await (await platform.as('cc.admin')).post(`/api/admin/policy-versions/${proposed.body.id}/approve`, { reason: '同意' })).status).toBe(200);
  const policy = await (await platform.as('kc.approver')).get('/api/regions/220103001001/policy');
  expect(policy.status).toBe(200);
  return policy.body.document.tekun;
}

const text = (page: Page, selector: string) => page.$eval(selector, (e) => (e as HTMLElement).innerText);

/** Opens the task of `step` on the case from the role's inbox, by its row's 办理 button. */
async function openFromInbox(username: string, caseId: string, caseNo: string, step: string, stepLabel: string) {
  const api = await platform.as(username);
  await waitForRecipient(api, `/api/inbox?step=${step}`, (b) => b.items.some((t: any) => t.caseId === caseId), 60_000);
  const desk = await signIn(browser, platform.http.baseUrl, username);
  const { page } = desk;
  await page.emulateTimezone('Asia/Shanghai');
  await page.goto(`${platform.http.baseUrl}/inbox`, { waitUntil: 'networkidle0' });
  const row = (no: string) => [...document.querySelectorAll('[data-test=inbox-table] .el-table__row')].find((r) => (r as HTMLElement).innerText.includes(no)) as HTMLElement | undefined;
  await page.waitForFunction(row, { timeout: 20_000 }, caseNo);
  const rowText = await page.evaluate((no, f) => (new Function(`return (${f})`)() as typeof row)(no)!.innerText, caseNo, row.toString());
  expect(rowText).toContain('特困供养');
  expect(rowText).toContain(stepLabel);
  await scan(page, `inbox of ${username}`);
  await page.evaluate((no, f) => ((new Function(`return (${f})`)() as typeof row)(no)!.querySelector('[data-test=open-task]') as HTMLElement).click(), caseNo, row.toString());
  await page.waitForSelector('[data-test=case-panel]');
  await page.waitForSelector('[data-test=decision-form]');
  return desk;
}

test('a 特困 application from the clerk’s screen to 供养中, with the monthly support the policy gives, then its end', async () => {
  const policy = await setDistrictStandards();
  const expected = tekunMonthlySupport(policy, 'urban', 'partial');
  const birthDate = '1950-03-02';
  const idNumber = fakeIdNumber('220103', birthDate);

  // 1. The township clerk files the application from the 特困供养 screen.
  const office = await signIn(browser, platform.http.baseUrl, 'kc.clerk');
  await office.page.emulateTimezone('Asia/Shanghai');
  await clickText(office.page, '.shell-menu .el-menu-item', '特困供养');
  await office.page.waitForSelector('[data-test=tekun-table]');
  await office.page.click('[data-test=tekun-new]');
  await office.page.waitForSelector('[data-test=tekun-apply-name]', { visible: true });
  await pickOption(office.page, '[data-test=tekun-apply-village]', '团山社区');
  await typeInto(office.page, '[data-test=tekun-apply-name]', '王秀兰');
  await typeInto(office.page, '[data-test=tekun-apply-id]', idNumber);
  expect(await text(office.page, '[data-test=tekun-apply-birth]')).toContain('1950年3月2日');
  await typeInto(office.page, '[data-test=tekun-apply-address]', '团山社区3组12号');
  await typeInto(office.page, '[data-test=tekun-apply-phone]', '13800000000');
  await scan(office.page, 'tekun application');
  await shot(office.page, 'tekun-case-apply');
  await office.page.click('[data-test=tekun-apply-submit]');
  await office.page.waitForSelector('[data-test=tekun-case]', { visible: true });
  await office.page.waitForFunction(() => document.querySelector('[data-test=tekun-case-status]')?.textContent?.includes('调查评估中'));
  const clerk = await platform.as('kc.clerk');
  const list = await waitForRecipient(clerk, '/api/tekun/cases', (b) => b.items.length === 1);
  const { id: caseId, caseNo } = list.items[0];
  expect(caseNo).toMatch(/^TK/);
  const filed = await text(office.page, '[data-test=tekun-case]');
  expect(filed).toContain(caseNo);
  expect(filed).not.toContain('王秀兰'); // masked
  expect(filed).toContain('提交申请');
  await scan(office.page, 'tekun case just filed');

  // 2. The investigator opens the assessment from the inbox and records the facts.
  const investigator = await openFromInbox('kc.investigator', caseId, caseNo, 'tekun_assessment', '特困人员调查评估');
  const ip = investigator.page;
  const age = Number(/(\d+) 周岁/.exec(await text(ip, '[data-test=tekun-case-person]'))?.[1]);
  expect(age).toBeGreaterThanOrEqual(60);
  // Nothing is filled in for the investigator: sending at once is refused in Chinese, beside each field.
  await ip.click('[data-test=submit-decision]');
  await ip.waitForFunction(() => document.querySelector('[data-test=decision-error]')?.textContent?.includes('调查情况'));
  await ip.waitForFunction(() => document.querySelector('[data-test=tekun-act-bathing]')?.textContent?.includes('请评定此项'));
  await typeInto(ip, '[data-test=tekun-income]', '0');
  await clickText(ip, '[data-test=tekun-assets] label.el-radio', '符合当地规定');
  for (const act of ['eating', 'dressing', 'transferring', 'toileting', 'indoor_walking', 'bathing']) {
    await clickText(ip, `[data-test=tekun-act-${act}] label.el-radio`, act === 'bathing' ? '不能独立完成' : '能独立完成');
  }
  await clickText(ip, '[data-test=tekun-mode] label.el-radio', '分散供养');
  await typeInto(ip, '[data-test=reason]', '入户调查:本人无子女,配偶已故,无收入,洗澡需人帮助');
  await scan(ip, 'tekun assessment');
  await shot(ip, 'tekun-case-assessment');
  const assessed = await confirmDecision(ip);
  expect(assessed).toContain('供养方式:分散供养');
  await ip.waitForFunction(() => location.pathname === '/inbox', { timeout: 30_000 });
  expect(investigator.errors).toEqual([]);
  await investigator.close();

  // 3. The township reviewer reads the result and confirms.
  const reviewer = await openFromInbox('kc.reviewer', caseId, caseNo, 'tekun_confirmation', '特困供养审核确认');
  const rp = reviewer.page;
  expect(await text(rp, '[data-test=tekun-eligibility]')).toContain('符合');
  expect(await text(rp, '[data-test=tekun-self-care]')).toContain('部分丧失生活自理能力');
  expect(await text(rp, '[data-test=tekun-case-standard]')).toContain(`= ${fenToYuan(expected.totalFen)} 元/月`);
  expect(await visibleText(rp)).toContain('特困人员调查评估 · 调查评估完成');
  await clickText(rp, '[data-test=outcome] label', '批准');
  await scan(rp, 'tekun confirmation');
  await shot(rp, 'tekun-case-confirmation');
  const confirmed = await confirmDecision(rp);
  expect(confirmed).toContain(`每月供养金:${fenToYuan(expected.totalFen)} 元`);
  await rp.waitForFunction(() => location.pathname === '/inbox', { timeout: 30_000 });
  expect(reviewer.errors).toEqual([]);
  await reviewer.close();

  // 4. The county approver files (备案).
  const approver = await openFromInbox('kc.approver', caseId, caseNo, 'tekun_filing', '特困供养县级备案');
  await scan(approver.page, 'tekun filing');
  await shot(approver.page, 'tekun-case-filing');
  await confirmDecision(approver.page);
  await approver.page.waitForFunction(() => location.pathname === '/inbox', { timeout: 30_000 });
  expect(approver.errors).toEqual([]);
  await approver.close();

  // 5. The case screen: 供养中, the monthly support in yuan, the approval notice, the history.
  const supported = await waitForRecipient(clerk, `/api/tekun/cases/${caseId}`, (b) => b.status === 'supported', 60_000);
  expect(supported.support.monthlySupportFen).toBe(expected.totalFen);
  const { page } = office;
  await clickText(page, '[data-test=tekun-cases] .toolbar button', '刷新'); // behind the drawer, by a dispatched click
  await page.waitForFunction((no) => [...document.querySelectorAll('[data-test=tekun-table] .el-table__row')].some((r) => (r as HTMLElement).innerText.includes(no) && (r as HTMLElement).innerText.includes('供养中')), {}, caseNo);
  const row = await page.evaluate((no) => ([...document.querySelectorAll('[data-test=tekun-table] .el-table__row')].find((r) => (r as HTMLElement).innerText.includes(no)) as HTMLElement).innerText, caseNo);
  expect(row).toContain(fenToYuan(expected.totalFen));
  await page.evaluate((no) => ([...document.querySelectorAll('[data-test=tekun-table] .el-table__row')].find((r) => (r as HTMLElement).innerText.includes(no))!.querySelector('[data-test=open-tekun-case]') as HTMLElement).click(), caseNo);
  await page.waitForFunction(() => document.querySelector('[data-test=tekun-case-status]')?.textContent?.includes('供养中'));
  expect(await text(page, '[data-test=tekun-monthly]')).toBe(fenToYuan(expected.totalFen));
  const record = await text(page, '[data-test=tekun-case]');
  expect(record).toContain('分散供养');
  expect(record).toContain('特困人员救助供养认定通知书');
  expect(record).toContain('特困供养县级备案 · 备案完成');
  await scan(page, 'tekun case supported');
  await new Promise((r) => setTimeout(r, 500)); // the drawer slides in
  await shot(page, 'tekun-case-supported');

  // 6. The clerk ends the support on the person's death, from the month after support began.
  const [y, m] = supported.support.startMonth.split('-').map(Number);
  const endMonth = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  await page.click('[data-test=tekun-end]');
  await page.waitForSelector('[data-test=tekun-end-note]', { visible: true });
  await pickOption(page, '[data-test=tekun-end-reason]', '死亡');
  await pasteDate((await page.$('[data-test=tekun-end-month] input'))!, endMonth);
  await typeInto(page, '[data-test=tekun-end-note]', '本人已于上月病故,家属持死亡证明告知');
  await scan(page, 'tekun end');
  await shot(page, 'tekun-case-end');
  await page.click('[data-test=tekun-end-submit]');
  await page.waitForSelector('.confirm-decision', { visible: true });
  expect(await text(page, '.confirm-decision')).toContain(`自${formatMonth(endMonth)}起停止供养`);
  await clickText(page, '.confirm-decision button', '确认终止');
  await page.waitForFunction(() => document.querySelector('[data-test=tekun-case-status]')?.textContent?.includes('已终止供养'), { timeout: 30_000 });
  const ended = await text(page, '[data-test=tekun-case]');
  expect(ended).toContain('特困人员救助供养终止告知书');
  expect(ended).toContain('死亡');
  await scan(page, 'tekun case ended');
  await new Promise((r) => setTimeout(r, 500));
  await shot(page, 'tekun-case-ended');
  expect(office.errors).toEqual([]);
  await office.close();
}, 300_000);
