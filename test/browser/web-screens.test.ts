/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import { applicationBody, fakeIdNumber } from '../helpers/factories';
import { DEMO_VILLAGES } from '../helpers/policies';
import type { Platform } from '../e2e/platform';
import { startBrowserPlatform, stopBrowserPlatform } from './browser-platform';
import { enrolInDistrict } from '../e2e/recipients';
import { clickText, open, pickOption, rawIdentifiers, scan, shot, signIn, typeInto, visibleText } from './browser';

/**
 * Every screen of every 宽城区 role, as that role sees it: it lands on its own work, each menu page loads without an
 * error (the auditor included: real pages, not a 403), and no visible text is a raw identifier. Then a session that
 * lapses while a form is half filled: the sign-in dialog opens over the page and what was typed survives.
 */

let platform: Platform;
let browser: Browser;
beforeAll(async () => {
  ({ platform, browser } = await startBrowserPlatform());
  expect((await (await platform.as('kc.clerk')).post('/api/applications', applicationBody(DEMO_VILLAGES.district))).status).toBe(201);
});
afterAll(() => stopBrowserPlatform({ platform, browser }));

/** Lets a page finish loading: network idle if it comes within 10 s (a busy machine may never give 300 ms of quiet). */
async function quiet(page: Page): Promise<void> {
  await page.waitForSelector('.page, .page-narrow');
  await page.waitForNetworkIdle({ idleTime: 300, timeout: 10_000 }).catch(() => undefined);
}

const LANDINGS: Record<string, string> = {
  'kc.village': '/cases',
  'kc.clerk': '/inbox',
  'kc.investigator': '/inbox',
  'kc.reviewer': '/inbox',
  'kc.approver': '/inbox',
  'kc.checker': '/inbox',
  'kc.payment': '/payments',
  'kc.admin': '/policy',
  'kc.auditor': '/audit',
  'kc.security': '/users',
  'kc.medical': '/referrals',
};

test('the identifier scan catches snake_case, English codes and region codes, and leaves Chinese text alone', () => {
  expect(rawIdentifiers('审查受理 · task_opened')).toEqual(['task_opened']);
  expect(rawIdentifiers('错误 validation_failed')).toContain('validation_failed');
  expect(rawIdentifiers('团山社区 220103001001')).toEqual(['220103001001']);
  expect(rawIdentifiers('DB-220103-20261130-2V77D · 12月7日24时 · 300.00 元')).toEqual([]);
});

test.each(Object.entries(LANDINGS))('%s lands on its own work and every screen of its menu speaks Chinese', async (username, landing) => {
  const desk = await signIn(browser, platform.http.baseUrl, username);
  const { page } = desk;
  expect(new URL(page.url()).pathname).toBe(landing);
  const menu = await page.$$eval('.shell-menu .el-menu-item', (items) => items.map((i) => (i as HTMLElement).innerText));
  expect(menu.length).toBeGreaterThan(0);
  for (const item of menu) {
    await clickText(page, '.shell-menu .el-menu-item', item);
    await quiet(page);
    const path = new URL(page.url()).pathname;
    await shot(page, `screen-${username}-${path.slice(1)}`);
    await scan(page, `${username} ${path}`);
    expect({ path, alerts: await page.$$eval('.el-alert--error', (els) => els.map((e) => (e as HTMLElement).innerText)) }).toEqual({ path, alerts: [] });
  }
  if (username === 'kc.clerk') {
    // The clerk's inbox counts its work by step: the case filed in beforeAll waits for 审查受理.
    await clickText(page, '.shell-menu .el-menu-item', '待办');
    await page.waitForSelector('[data-test=summary]');
    expect(await page.$eval('[data-test=summary]', (e) => (e as HTMLElement).innerText)).toMatch(/审查受理\s*1/);
  }
  const header = await page.$eval('[data-test=who]', (e) => (e as HTMLElement).innerText);
  expect(header).toMatch(/[\u4e00-\u9fff]/);
  expect(rawIdentifiers(header)).toEqual([]);
  expect(desk.errors).toEqual([]);
  await desk.close();
});

test('the sign-in page draws nothing behind it, and the public lookup page needs no login', async () => {
  const login = await open(browser, platform.http.baseUrl, '/inbox');
  expect(new URL(login.page.url()).pathname).toBe('/login');
  expect(await login.page.$('[data-test=inbox-table]')).toBeNull();
  await scan(login.page, 'login');
  await shot(login.page, 'screen-login');
  await login.page.type('input[name=username]', 'kc.clerk');
  await login.page.type('input[name=password]', 'wrong-password');
  await login.page.click('[data-test=login-submit]');
  await login.page.waitForSelector('[data-test=login-error]');
  expect(rawIdentifiers(await visibleText(login.page))).toEqual([]);
  await login.close();
  const query = await open(browser, platform.http.baseUrl, '/query');
  await query.page.waitForSelector('[data-test=query]');
  await scan(query.page, 'query');
  await shot(query.page, 'screen-query');
  await query.close();
});

test('a session that lapses while a form is filled: sign in again over the page, and the form is sent as typed', async () => {
  const desk = await signIn(browser, platform.http.baseUrl, 'kc.village');
  const { page } = desk;
  await page.goto(`${platform.http.baseUrl}/apply`, { waitUntil: 'networkidle0' });
  await typeInto(page, '[data-test=address]', '团山街道2号');
  await typeInto(page, '[data-test=member-0] [data-test=name]', '李四');
  await typeInto(page, '[data-test=member-0] [data-test=id-number]', fakeIdNumber('220103', '1970-01-02'));
  await typeInto(page, '[data-test=member-0] [data-test=income]', '0');
  for (const asset of ['deposits', 'vehicles', 'properties', 'businesses']) await typeInto(page, `[data-test=asset-${asset}]`, asset === 'properties' ? '1' : '0');
  await clickText(page, 'label', '申请人已签署');
  // Changing the password elsewhere ends every older token, as an expiry would.
  const elsewhere = await platform.as('kc.village');
  expect((await elsewhere.post('/api/auth/password', { currentPassword: 'Demo@2026', newPassword: 'Kuancheng#2027' })).status).toBe(200);
  await page.click('[data-test=apply-submit]');
  await page.waitForSelector('.el-dialog input[name=relogin-password]', { visible: true });
  expect(await page.$eval('[data-test=address]', (e) => (e as HTMLInputElement).value)).toBe('团山街道2号');
  await shot(page, 'relogin-dialog');
  await scan(page, 'relogin dialog');
  await page.type('.el-dialog input[name=relogin-password]', 'Kuancheng#2027');
  await clickText(page, '.el-dialog button', '登录');
  await page.waitForFunction(() => location.pathname === '/cases');
  const cases = (await (await platform.as('kc.clerk')).get('/api/applications')).body.items;
  expect(cases).toHaveLength(2);
  expect(desk.errors).toEqual([]);
  await desk.close();
});

test('数据比对: the checking agency uploads a CSV list and sees the import with its counts', async () => {
  const file = join(tmpdir(), `comparison-${process.pid}.csv`);
  writeFileSync(file, ['身份证号,死亡日期', `${fakeIdNumber('220103', '1950-02-03')},2026-10-01`, '不是身份证号,2026-09-29'].join('\n'));
  const desk = await signIn(browser, platform.http.baseUrl, 'kc.checker');
  const { page } = desk;
  await page.goto(`${platform.http.baseUrl}/comparison`, { waitUntil: 'networkidle0' });
  await page.click('[data-test=comparison-upload]');
  expect(await page.$eval('[data-test=comparison-error]', (e) => (e as HTMLElement).innerText)).toContain('请选择比对数据来源');
  await page.click('[data-test=comparison-source]');
  await clickText(page, '.el-select-dropdown__item', '死亡(火化)信息');
  await ((await page.$('[data-test=comparison-file]')) as ElementHandle<HTMLInputElement>).uploadFile(file);
  await page.click('[data-test=comparison-upload]');
  await page.waitForSelector('[data-test=imports-table] .el-table__row');
  const row = await page.$eval('[data-test=imports-table] .el-table__row', (e) => (e as HTMLElement).innerText);
  expect(row).toContain('死亡(火化)信息');
  const imports = (await (await platform.as('kc.checker')).get('/api/comparisons')).body.items;
  expect(imports).toHaveLength(1);
  expect(imports[0]).toMatchObject({ source: 'death', records: 2, matches: 0, rejectedRows: 1 });
  await scan(page, 'comparison after import');
  await shot(page, 'comparison-import');
  expect(desk.errors).toEqual([]);
  await desk.close();
});

test('a privileged account proposed by one security administrator becomes usable when the second approves it', async () => {
  const proposer = await platform.as('kc.security');
  const made = await proposer.post('/api/admin/users', { username: 'kc.approver3', displayName: '宽城区审批人丙', password: 'Approver#2026x', role: 'county_approver', regionCode: '220103' });
  expect(made.status).toBe(201);
  expect(made.body.status).toBe('pending_grant');
  const desk = await signIn(browser, platform.http.baseUrl, 'kc.security2');
  const { page } = desk;
  await page.waitForSelector('[data-test=grants-table] .el-table__row');
  expect(await page.$eval('[data-test=grants-table] .el-table__row', (e) => (e as HTMLElement).innerText)).toContain('县级审批人');
  await scan(page, 'role grants');
  await shot(page, 'users-grants');
  await page.click('[data-test=grant-approve]');
  await page.waitForSelector('.el-message-box input', { visible: true });
  await page.type('.el-message-box input', '经核实为新任审批人');
  await clickText(page, '.el-message-box button', '确认');
  await page.waitForFunction(() => !document.querySelector('[data-test=grants-table] .el-table__row'));
  const users = (await proposer.get('/api/admin/users?pageSize=200')).body.items;
  expect(users.find((u: { username: string }) => u.username === 'kc.approver3').status).toBe('active');

  // The new approver forgets the password: a temporary one is shown once and opens the account (to change it).
  await page.waitForSelector('[data-test="reset-kc.approver3"]');
  await page.$eval('[data-test="reset-kc.approver3"]', (e) => (e as HTMLElement).click());
  await page.waitForSelector('.el-message-box input', { visible: true });
  await page.type('.el-message-box input', '本人来电遗忘密码');
  await clickText(page, '.el-message-box button', '确认');
  const shown = await page.waitForSelector('[data-test=temporary-password]', { visible: true });
  const temporary = await shown!.evaluate((e) => (e as HTMLElement).innerText.trim());
  await shot(page, 'users-password-reset');
  expect((await platform.http.post('/api/auth/login', { username: 'kc.approver3', password: temporary })).status).toBe(200);
  expect(desk.errors).toEqual([]);
  await desk.close();
});

test('数据比对: a death record matching a recipient becomes a lead the investigator confirms with a reason', async () => {
  const household = await enrolInDistrict(platform, 10_000);
  const res = await fetch(`${platform.http.baseUrl}/api/comparisons?source=death&regionCode=220103`, {
    method: 'POST',
    headers: { authorization: `Bearer ${(await platform.as('kc.checker')).token}`, 'content-type': 'text/csv' },
    body: `身份证号,死亡日期\n${household.idNumbers[0]},2026-10-01\n`,
  });
  expect(res.status).toBe(201);
  const desk = await signIn(browser, platform.http.baseUrl, 'kc.investigator');
  const { page } = desk;
  await page.goto(`${platform.http.baseUrl}/comparison`, { waitUntil: 'networkidle0' });
  await page.waitForSelector('[data-test=leads-table] [data-test=open-lead]');
  const row = await page.$eval('[data-test=leads-table] .el-table__row', (e) => (e as HTMLElement).innerText);
  expect(row).toContain('死亡(火化)信息');
  expect(row).toContain('2026-10-01');
  await scan(page, 'comparison leads');
  await page.click('[data-test=open-lead]');
  await page.waitForSelector('[data-test=lead-outcome]', { visible: true });
  await page.click('[data-test=lead-submit]');
  expect(await page.$eval('[data-test=lead-error]', (e) => (e as HTMLElement).innerText)).toContain('核实结论');
  await clickText(page, '[data-test=lead-outcome] label', '情况属实');
  await typeInto(page, '[data-test=lead-reason]', '经村委会核实,该成员已于10月去世');
  await shot(page, 'comparison-lead');
  await page.click('[data-test=lead-submit]');
  await page.waitForFunction(() => !document.querySelector('[data-test=leads-table] [data-test=open-lead]'));
  const leads = (await (await platform.as('kc.investigator')).get('/api/comparison-leads?status=confirmed')).body.items;
  expect(leads).toHaveLength(1);
  expect(desk.errors).toEqual([]);
  await desk.close();
});

test('the clerk claims all open tasks at once; a colleague sees who claimed them and 领取下一件 finds nothing left', async () => {
  await platform.addUser('kc.clerk2', 'township_clerk', '220103001');
  const desk = await signIn(browser, platform.http.baseUrl, 'kc.clerk');
  const { page } = desk;
  await page.waitForSelector('[data-test=inbox-table] .el-table__row');
  await quiet(page);
  await page.click('[data-test=inbox-table] .el-table__header .el-checkbox');
  await page.waitForFunction(() => !(document.querySelector('[data-test=bulk-claim]') as HTMLButtonElement).disabled);
  await page.click('[data-test=bulk-claim]');
  await page.waitForSelector('[data-test=claim-result]');
  const results = await page.$$eval('[data-test=claim-result]', (els) => els.map((e) => (e as HTMLElement).innerText));
  expect(results.length).toBeGreaterThan(0);
  for (const r of results) expect(r).toContain('认领成功');
  await scan(page, 'bulk claim');
  await desk.close();

  const other = await signIn(browser, platform.http.baseUrl, 'kc.clerk2');
  await other.page.waitForSelector('[data-test=inbox-table] .el-table__row');
  const rows = await other.page.$$eval('[data-test=inbox-table] .el-table__row', (els) => els.map((e) => (e as HTMLElement).innerText));
  for (const r of rows) expect(r).toContain('团山街道乡镇受理员');
  await other.page.click('[data-test=take-next]');
  await other.page.waitForSelector('.el-message');
  expect(await other.page.$eval('.el-message', (e) => (e as HTMLElement).innerText)).toContain('暂无可领取的待办');
  expect(new URL(other.page.url()).pathname).toBe('/inbox');
  await scan(other.page, 'colleague inbox');
  await shot(other.page, 'inbox-claimed-by-colleague');
  expect(other.errors).toEqual([]);
  await other.close();
});

test('the auditor sees the chain verified in plain words and finds the clerk’s work by user name', async () => {
  const clerkName: string = (await (await platform.as('kc.clerk')).get('/api/auth/me')).body.displayName;
  const desk = await signIn(browser, platform.http.baseUrl, 'kc.auditor');
  const { page } = desk;
  expect(new URL(page.url()).pathname).toBe('/audit');
  await page.waitForSelector('[data-test=chain-result]');
  expect(await page.$eval('[data-test=chain-result]', (e) => (e as HTMLElement).innerText)).toMatch(/审计链校验通过:全部 \d+ 条记录完整/);
  await typeInto(page, '[data-test=audit-actor]', 'kc.clerk');
  await page.click('[data-test=audit-search]');
  await page.waitForFunction((name) => {
    const rows = [...document.querySelectorAll('[data-test=audit-table] .el-table__row')].map((r) => (r as HTMLElement).innerText);
    return rows.length > 0 && rows.every((r) => r.includes(name));
  }, {}, clerkName);
  await shot(page, 'auditor-search');
  await scan(page, 'audit log');
  for (const tab of ['查看个人信息记录', '被拒绝的违规尝试', '近亲属关联案件', '投诉举报']) {
    await clickText(page, '.el-tabs__item', tab);
    await scan(page, `audit ${tab}`);
  }
  expect(desk.errors).toEqual([]);
  await desk.close();
});

test('a township clerk downloads a community’s 长期公示 register as a workbook from 在保对象', async () => {
  await enrolInDistrict(platform, 20_000);
  const dir = mkdtempSync(join(tmpdir(), 'register-'));
  // kc.village's password was changed by the lapsed-session test above.
  const desk = await signIn(browser, platform.http.baseUrl, 'kc.clerk');
  const { page } = desk;
  const cdp = await page.createCDPSession();
  await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: dir, ...(page.browserContext().id ? { browserContextId: page.browserContext().id } : {}) });
  await page.goto(`${platform.http.baseUrl}/recipients`, { waitUntil: 'networkidle0' });
  await page.waitForSelector('[data-test=register-xlsx]');
  await pickOption(page, '[data-test=register-village]', '团山社区');
  await shot(page, 'register-export');
  await scan(page, 'recipients with register export');
  await page.click('[data-test=register-xlsx]');
  const deadline = Date.now() + 15_000;
  let files: string[] = [];
  while (Date.now() < deadline && !(files = readdirSync(dir)).some((f) => f.endsWith('.xlsx'))) await new Promise((r) => setTimeout(r, 200));
  const file = files.find((f) => f.endsWith('.xlsx'));
  expect(file).toMatch(/低保长期公示\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(join(dir, file!));
  const sheet = workbook.worksheets[0]!;
  expect(String(sheet.getCell('A1').value)).toContain('长期公示');
  expect(sheet.getRow(sheet.rowCount).getCell(1).value).toBe('合计');
  expect(desk.errors).toEqual([]);
  await desk.close();
});
