/// <reference lib="dom" />
import type { Browser, Page } from 'puppeteer-core';
import type { Platform } from '../e2e/platform';
import { isoDate, shanghaiDay } from '../../workflows/domain/calendar';
import { tekunMonthlySupport } from '../../workflows/programs/tekun/support-amount';
import type { TekunPolicy } from '../../config/policy/sections/tekun-policy.schema';
import { fenToYuan } from '../../apps/web/src/format';
import { startBrowserPlatform, stopBrowserPlatform } from './browser-platform';
import { SCREENSHOTS, clickText, pickOption, scan, signIn, typeInto } from './browser';

/**
 * 特困供养评估 in the browser: a caseworker enters one person's facts and reads the 三无 test, the self-care level and
 * the monthly support in yuan, the way the village's effective policy computes them; refusals read in Chinese beside
 * the field they concern.
 */
let platform: Platform;
let browser: Browser;
beforeAll(async () => {
  ({ platform, browser } = await startBrowserPlatform());
  await platform.addUser('cc.admin', 'administrator', '220100');
});
afterAll(() => stopBrowserPlatform({ platform, browser }));


const URBAN = '220103001001'; // 团山社区
const RURAL = '220103200201'; // 双丰村
/** 崇阳县's published figures (seed 003), one yearly pair among them so the rounding to the fen shows. */
const TEKUN = {
  basicLiving: { urban: { fen: 100_000, per: 'month' }, rural: { fen: 820_000, per: 'year' } },
  care: { full: { fen: 0, per: 'month' }, partial: { fen: 30_000, per: 'month' }, none: { fen: 1_290_800, per: 'year' } },
};

/** The district's 特困 standards, proposed by one administrator and approved by another (four eyes), today. */
async function setDistrictStandards(): Promise<void> {
  const proposed = await (await platform.as('kc.admin')).post('/api/admin/regions/220103/policy-versions', { override: { tekun: TEKUN }, effectiveFrom: isoDate(shanghaiDay(Date.now())), reason: '特困供养标准' });
  expect(proposed.status).toBe(201);
  expect((await (await platform.as('cc.admin')).post(`/api/admin/policy-versions/${proposed.body.id}/approve`, { reason: '同意' })).status).toBe(200);
}

/** The effective policy of a village as the platform resolves it: its 特困 section and its 低保 standards. */
async function effectivePolicy(village: string): Promise<{ tekun: TekunPolicy; standards: { urbanFen: number; ruralFen: number } }> {
  const res = await (await platform.as('kc.approver')).get(`/api/regions/${village}/policy`);
  expect(res.status).toBe(200);
  return res.body.document;
}

async function openScreen(username: string): Promise<{ page: Page; errors: string[]; close(): Promise<void> }> {
  const desk = await signIn(browser, platform.http.baseUrl, username);
  await desk.page.emulateTimezone('Asia/Shanghai');
  await clickText(desk.page, '.shell-menu .el-menu-item', '特困供养');
  await clickText(desk.page, '[data-test=tekun-tabs] .el-tabs__item', '评估测算');
  await desk.page.waitForSelector('[data-test=tekun-form]');
  return desk;
}

/** Clicks the radio whose text contains `text` inside `scope`, by a click dispatched on the element itself. */
async function choose(page: Page, scope: string, text: string): Promise<void> {
  await clickText(page, `${scope} label.el-radio`, text);
}

async function fillPerson(page: Page, facts: { village: string; age: string; income: string; unable: string[]; supporters?: string[] }): Promise<void> {
  await pickOption(page, '[data-test=tekun-village]', facts.village);
  await typeInto(page, '[data-test=tekun-age]', facts.age);
  await typeInto(page, '[data-test=tekun-income]', facts.income);
  await choose(page, '[data-test=tekun-assets]', '符合当地规定');
  for (const able of facts.supporters ?? []) {
    const i = await page.$$eval('[data-test^=tekun-supporter-]', (els) => els.length);
    await page.$eval('[data-test=tekun-add-supporter]', (e) => (e as HTMLElement).click());
    await choose(page, `[data-test=tekun-supporter-${i}]`, able);
  }
  for (const act of ['eating', 'dressing', 'transferring', 'toileting', 'indoor_walking', 'bathing']) {
    await choose(page, `[data-test=tekun-act-${act}]`, facts.unable.includes(act) ? '不能独立完成' : '能独立完成');
  }
}

async function submit(page: Page): Promise<void> {
  await page.$eval('[data-test=tekun-submit]', (e) => (e as HTMLElement).click());
  await page.waitForFunction(() => !document.querySelector('[data-test=tekun-submit].is-loading'));
}

/** Console errors other than the refusals these tests provoke on purpose (the browser logs every 4xx). */
const unexpected = (errors: string[]) => errors.filter((e) => !/status of 4\d\d/.test(e));
const text = (page: Page, selector: string) => page.$eval(selector, (e) => (e as HTMLElement).innerText);

test('without the district’s 特困 standards the screen says so beside the village, in Chinese', async () => {
  const desk = await openScreen('kc.investigator');
  const { page } = desk;
  await fillPerson(page, { village: '团山社区', age: '81', income: '0', unable: [] });
  await submit(page);
  await page.waitForSelector('[data-test=tekun-error]');
  // The refusal's reason is said beside the village select, once the form item has drawn its error.
  await page.waitForFunction(() => (document.querySelector('[data-test=tekun-village]')?.closest('.el-form-item') as HTMLElement | null)?.innerText.includes('该地区尚未设置特困供养标准'));
  const said = await text(page, '[data-test=tekun-error]');
  expect(said.startsWith('无法办理')).toBe(true);
  expect(said).toContain('所在村(社区):该地区尚未设置特困供养标准');
  const box = await page.$eval('[data-test=tekun-village]', (e) => {
    e.scrollIntoView();
    const r = e.closest('.el-form-item')!.getBoundingClientRect();
    return { x: r.x + window.scrollX, y: r.y + window.scrollY, width: r.width, height: r.height + 60 };
  });
  await page.screenshot({ path: `${SCREENSHOTS}/tekun-village-error.png`, clip: box });
  expect(await page.$('[data-test=tekun-result]')).toBeNull();
  await scan(page, 'tekun refused');
  await page.screenshot({ path: `${SCREENSHOTS}/tekun-no-standards.png`, fullPage: true });
  expect(unexpected(desk.errors)).toEqual([]);
  await desk.close();
});

test('an eligible person: 三无 met, self-care level and the support as basic + care in yuan under the policy', async () => {
  await setDistrictStandards();
  const policy = await effectivePolicy(RURAL);
  const desk = await openScreen('kc.approver');
  const { page } = desk;
  // One fen below the rural 低保 standard: no source of income.
  await fillPerson(page, { village: '双丰村', age: '81', income: fenToYuan(policy.standards.ruralFen - 1), unable: ['eating', 'dressing', 'transferring', 'toileting', 'indoor_walking', 'bathing'], supporters: ['无履行义务能力'] });
  await choose(page, '[data-test=tekun-mode]', '集中供养');
  // 集中 without its institution: the API's rule, beside the institution field.
  await submit(page);
  await page.waitForFunction(() => document.querySelector('[data-test=tekun-institution]')?.closest('.el-form-item')?.textContent?.includes('集中供养须填写供养机构'));
  await typeInto(page, '[data-test=tekun-institution]', '奋进乡敬老院');
  await submit(page);
  await page.waitForSelector('[data-test=tekun-result]');

  const expected = tekunMonthlySupport(policy.tekun, 'rural', 'none');
  expect(await text(page, '[data-test=tekun-eligibility]')).toContain('符合');
  expect(await page.$('[data-test=tekun-unmet]')).toBeNull();
  expect(await text(page, '[data-test=tekun-self-care]')).toContain('完全丧失生活自理能力');
  expect(await text(page, '[data-test=tekun-basic]')).toBe(fenToYuan(expected.basicLivingFen));
  expect(await text(page, '[data-test=tekun-care]')).toBe(fenToYuan(expected.careFen));
  expect(await text(page, '[data-test=tekun-total]')).toBe(fenToYuan(expected.totalFen));
  expect(fenToYuan(expected.totalFen)).toBe('1759.01'); // 8,200 and 12,908 yuan a year, each rounded up to the fen a month
  expect(await text(page, '[data-test=tekun-arrangement]')).toMatch(/集中供养,供养机构:奋进乡敬老院[\s\S]*供养机构/);
  expect(await text(page, '[data-test=tekun-policy]')).toMatch(/宽城区 第\d+版/);
  await scan(page, 'tekun eligible');
  await page.screenshot({ path: `${SCREENSHOTS}/tekun-eligible.png`, fullPage: true });
  expect(unexpected(desk.errors)).toEqual([]);
  await desk.close();
});

test('a person of working age with an able supporter: not eligible, each unmet condition named in Chinese', async () => {
  const policy = await effectivePolicy(URBAN);
  const desk = await openScreen('kc.investigator');
  const { page } = desk;
  await fillPerson(page, { village: '团山社区', age: '45', income: fenToYuan(policy.standards.urbanFen - 1), unable: ['bathing'], supporters: ['有履行义务能力'] });
  await submit(page);
  await page.waitForSelector('[data-test=tekun-result]');
  expect(await text(page, '[data-test=tekun-eligibility]')).toContain('不符合特困人员条件');
  const unmet = await page.$$eval('[data-test=tekun-unmet] li', (els) => els.map((e) => (e as HTMLElement).innerText));
  expect(unmet).toEqual(['有劳动能力', '有能履行义务的法定赡养、抚养、扶养人']);
  expect(await text(page, '[data-test=tekun-self-care]')).toMatch(/部分丧失生活自理能力[\s\S]*自主洗澡/);
  expect(await text(page, '[data-test=tekun-support]')).toContain('不予供养');
  expect(await text(page, '[data-test=tekun-arrangement]')).toContain('分散供养');
  await scan(page, 'tekun not eligible');
  await page.screenshot({ path: `${SCREENSHOTS}/tekun-not-eligible.png`, fullPage: true });
  expect(unexpected(desk.errors)).toEqual([]);
  await desk.close();
});
