/// <reference lib="dom" />
import { randomUUID } from 'node:crypto';
import type { Browser, HTTPRequest, Page } from 'puppeteer-core';
import type { EntityManager } from '@mikro-orm/core';
import type { Platform } from '../e2e/platform';
import { DEMO_VILLAGES } from '../helpers/policies';
import { Household } from '../../activities/households/household.entity';
import { Region } from '../../activities/regions/region.entity';
import { TekunCase } from '../../activities/tekun/tekun-case.entity';
import { Entitlement } from '../../activities/recipients/entitlement.entity';
import { formatMonth } from '../../apps/web/src/format';
import { startBrowserPlatform, stopBrowserPlatform } from './browser-platform';
import { clickText, pasteDate, scan, shot, signIn } from './browser';

/**
 * 集中供养 settlement in the payment officer's console, 宽城区: three people cared for in two institutions and one
 * cared for at home have a month's support on the ledger; the 集中供养机构结算 tab of 资金发放 shows, for that month,
 * each institution with its people and the sum owed in yuan, and a 合计 row — the person at home is not in it. This
 * month has nothing (the Chinese empty state), and a refused query reads as a Chinese sentence.
 */
let platform: Platform;
let browser: Browser;
beforeAll(async () => {
  ({ platform, browser } = await startBrowserPlatform());
});
afterAll(() => stopBrowserPlatform({ platform, browser }));

const WELFARE_HOME = '宽城区社会福利院';
const NURSING_HOME = '宽城区兰家敬老院';

/** The month before this one in Asia/Shanghai (never the month the panel opens on). */
function lastMonth(): string {
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date()).split('-').map(Number);
  const d = new Date(Date.UTC(y!, m! - 2, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** A 特困 person supported from `month` (already started, so no relay picks the row up) and the month's ledger row. */
async function seedSupported(em: EntityManager, month: string, amountFen: number, institutionId: string | null): Promise<void> {
  const region = await em.findOneOrFail(Region, DEMO_VILLAGES.district);
  const household = new Household({ id: randomUUID(), regionCode: region.code, regionPath: region.path, area: region.area ?? 'urban', address: '测试路8号', phone: null });
  const c = new TekunCase({
    id: randomUUID(),
    caseNo: `TK-TEST-${randomUUID().slice(0, 8)}`,
    householdId: household.id,
    memberId: randomUUID(),
    regionCode: region.code,
    regionPath: region.path,
    area: household.area,
    submittedById: randomUUID(),
    submittedAt: new Date(),
  });
  Object.assign(c, { status: 'supported', stage: null, decision: 'approved', selfCareLevel: 'none', mode: institutionId ? 'centralized' : 'dispersed', institutionId, monthlySupportFen: amountFen, startMonth: month, reviewDueMonth: month, supportStartedAt: new Date() });
  const entitlement = new Entitlement({
    id: randomUUID(),
    householdId: household.id,
    month,
    benefitType: 'tekun',
    kind: institutionId ? 'institution' : 'regular',
    reference: c.id,
    amountFen,
    policySnapshotId: 'snap-test',
    derivation: { area: household.area, selfCareLevel: 'none', basicLivingFen: amountFen, careFen: 0, mode: c.mode!, institutionId },
    recordedAt: new Date(),
  });
  em.persist([household, c, entitlement]);
  await em.flush();
}

const rowsOf = (page: Page) => page.$$eval('[data-test=settlement-table] .el-table__body .el-table__row', (rows) => rows.map((r) => (r as HTMLElement).innerText.split(/\s*\n\s*|\t/).filter(Boolean)));

test('the payment officer reads a month’s 集中供养 settlement per institution, in yuan, with its total', async () => {
  const month = lastMonth();
  const em = platform.db.orm.em.fork();
  await seedSupported(em, month, 207_567, WELFARE_HOME);
  await seedSupported(em, month, 150_000, WELFARE_HOME);
  await seedSupported(em, month, 98_050, NURSING_HOME);
  await seedSupported(em, month, 120_000, null);

  const officer = await signIn(browser, platform.http.baseUrl, 'kc.payment');
  const { page } = officer;
  expect(new URL(page.url()).pathname).toBe('/payments');
  await clickText(page, '[data-test=payments-tabs] .el-tabs__item', '集中供养机构结算');
  await page.waitForFunction(() => location.search === '?tab=institutions');
  // This month: the user's county, nothing recorded yet.
  await page.waitForSelector('[data-test=settlement-table] .el-table__empty-text');
  expect(await page.$eval('[data-test=settlement-county]', (e) => (e as HTMLElement).innerText)).toContain('宽城区');
  expect(await page.$eval('[data-test=settlement-table]', (e) => (e as HTMLElement).innerText)).toContain('本月无集中供养结算');
  await scan(page, 'institution settlement (empty)');

  await pasteDate((await page.$('[data-test=settlement-month] input'))!, formatMonth(month));
  await page.waitForFunction((t) => document.querySelector('[data-test=settlement-title]')?.textContent?.includes(t), {}, formatMonth(month));
  await page.waitForSelector('[data-test=settlement-table] .summary-total');
  const rows = await rowsOf(page);
  expect(rows).toHaveLength(3);
  expect(rows).toEqual(expect.arrayContaining([[WELFARE_HOME, '2', '3575.67'], [NURSING_HOME, '1', '980.50']]));
  expect(rows[2]).toEqual(['合计', '3', '4556.17']);
  const headers = await page.$eval('[data-test=settlement-table] .el-table__header', (e) => (e as HTMLElement).innerText);
  expect(headers.split(/\s+/).filter(Boolean)).toEqual(['供养机构', '供养人数', '应结算金额(元)']);
  expect(await page.$eval('[data-test=settlement-title]', (e) => (e as HTMLElement).innerText)).toBe(`宽城区 ${formatMonth(month)} 集中供养机构结算`);
  await scan(page, 'institution settlement');
  await shot(page, 'tekun-institution-settlement');

  // A refusal (as the API words a bad query) is read as a Chinese sentence naming the field, no code on screen.
  await page.setRequestInterception(true);
  const refuse = (req: HTTPRequest) => {
    if (!req.url().includes('/api/tekun/institution-settlements')) return void req.continue();
    void req.respond({ status: 400, contentType: 'application/json', body: JSON.stringify({ error: { code: 'validation_failed', message: 'invalid query', issues: [{ field: 'month', rule: 'must be a month YYYY-MM' }] } }) });
  };
  page.on('request', refuse);
  await clickText(page, '[data-test=tekun-settlement] button', '刷新');
  await page.waitForSelector('[data-test=settlement-error]');
  const refusal = await page.$eval('[data-test=settlement-error]', (e) => (e as HTMLElement).innerText);
  expect(refusal).toContain('月份');
  expect(refusal).toMatch(/^[^a-zA-Z]+$/);
  await scan(page, 'institution settlement refused');
  await shot(page, 'tekun-institution-settlement-refused');
  page.off('request', refuse);
  await page.setRequestInterception(false);
  expect(officer.errors).toEqual([]);
  await officer.close();
});
