/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import { DEMO_PASSWORD } from '../../apps/cli/demo-users';

/**
 * Debian's Chromium driven by puppeteer-core against the console the test's platform serves. Every page collects
 * its console errors (a CSP violation is one) so a test can assert there were none, and `scan()` fails on any raw
 * identifier in the visible text.
 */
export const SCREENSHOTS = resolve(__dirname, '..', '..', '.cache', 'screenshots');

export async function launch(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return puppeteer.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--lang=zh-CN'],
  });
}

export interface Desk {
  page: Page;
  errors: string[];
  close(): Promise<void>;
}

export async function open(browser: Browser, baseUrl: string, path = '/', viewport = { width: 1366, height: 900 }): Promise<Desk> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport(viewport);
  // The machine running the suite may be busy (two databases, a Temporal server, workers): be patient, not flaky.
  page.setDefaultTimeout(60_000);
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 40[0-9]/.test(m.text())) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${baseUrl}${path}`, { waitUntil: 'networkidle0' });
  return { page, errors, close: () => context.close() };
}

/** Signs in through the login form and waits for the role's landing page. */
export async function signIn(browser: Browser, baseUrl: string, username: string, viewport?: { width: number; height: number }): Promise<Desk> {
  const desk = await open(browser, baseUrl, '/login', viewport);
  const { page } = desk;
  await page.waitForSelector('input[name=username]');
  await page.type('input[name=username]', username);
  await page.type('input[name=password]', DEMO_PASSWORD);
  await page.click('[data-test=login-submit]');
  await page.waitForSelector('[data-test=who]');
  await page.waitForSelector('.el-table, [data-test=apply], [data-test=decision-form]');
  return desk;
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: resolve(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Visible text of the page (tooltips live in title attributes, which innerText leaves out). */
export function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => document.body.innerText);
}

/** Raw identifiers a caseworker must never read: snake_case words, English error codes, 12-digit region codes. */
export function rawIdentifiers(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/\b[a-z]+(?:_[a-z0-9]+)+\b/g)) found.add(m[0]);
  for (const m of text.matchAll(/\b(?:validation|unprocessable|not_found|forbidden|unauthenticated|conflict|stale|wrong_role|undefined|null|NaN)\b/g)) found.add(m[0]);
  for (const m of text.matchAll(/(?<!\d)\d{12}(?!\d)/g)) found.add(m[0]);
  // What labels.ts shows for a code it lacks: a screen showing it has met a code without a label.
  if (text.includes('(未知)')) found.add('(未知)');
  return [...found];
}

export async function scan(page: Page, screen: string): Promise<void> {
  const bad = rawIdentifiers(await visibleText(page));
  if (bad.length) throw new Error(`screen ${screen} shows raw identifiers: ${bad.join(', ')}`);
}

/** Clicks the first visible element matching `selector` whose text contains `text`. */
export async function clickText(page: Page, selector: string, text: string): Promise<void> {
  const find = (s: string, t: string) => [...document.querySelectorAll(s)].find((e) => (e as HTMLElement).offsetParent !== null && (e as HTMLElement).innerText.includes(t)) as HTMLElement | undefined;
  await page.waitForFunction(find, {}, selector, text);
  await page.evaluate((s, t, f) => (new Function(`return (${f})`)() as typeof find)(s, t)!.click(), selector, text, find.toString());
}

/**
 * Chooses an option of an el-select and checks that the select shows it. The select is opened and the option chosen by
 * clicks dispatched on the elements themselves (a coordinate click can land elsewhere while a dialog is still moving);
 * a pick that did not take is tried again.
 */
export async function pickOption(page: Page, select: string, text: string): Promise<void> {
  const open = (s: string) => {
    const root = document.querySelector(s);
    ((root?.querySelector('.el-select__wrapper') ?? root) as HTMLElement | null)?.click();
  };
  const option = (t: string) => [...document.querySelectorAll('.el-select-dropdown__item')].find((e) => (e as HTMLElement).offsetParent !== null && (e as HTMLElement).innerText.includes(t)) as HTMLElement | undefined;
  const chosen = (s: string, t: string) => ((document.querySelector(s) as HTMLElement | null)?.innerText ?? '').includes(t);
  for (let attempt = 0; attempt < 5; attempt += 1) {
    await page.evaluate(open, select);
    const shown = await page.waitForFunction(option, { timeout: 15_000 }, text).then(() => true, () => false);
    if (shown) await page.evaluate((t, f) => (new Function(`return (${f})`)() as typeof option)(t)?.click(), text, option.toString());
    if (await page.waitForFunction(chosen, { timeout: 5_000 }, select, text).then(() => true, () => false)) return;
  }
  throw new Error(`option ${text} of ${select} could not be chosen`);
}

/** Types into the input of a form item: the element itself when it is an input, else the input inside it. */
export async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  const handle = await page.waitForSelector(selector);
  const isField = await handle!.evaluate((e) => e instanceof HTMLInputElement || e instanceof HTMLTextAreaElement);
  const target = isField ? handle! : (await handle!.$('input, textarea'))!;
  await target.type(text);
}


/**
 * Puts a date into an Element Plus date or month field in one input event, then Enter, as a paste would: typed key by
 * key, the picker re-reads each prefix as a date and rewrites the field under the typing.
 */
export async function pasteDate(input: ElementHandle<Element>, value: string): Promise<void> {
  await input.click();
  await input.evaluate((e, v) => {
    (e as HTMLInputElement).value = v;
    e.dispatchEvent(new Event('input', { bubbles: true }));
  }, value);
  await input.press('Enter');
}

/**
 * Presses a task's submit button and confirms the consequence it shows; returns that text. An earlier confirmation
 * still fading out would take the click meant for the new one, so its removal is awaited first.
 */
export async function confirmDecision(page: Page, clickCount = 1): Promise<string> {
  await page.waitForFunction(() => !document.querySelector('.confirm-decision'));
  await page.click('[data-test=submit-decision]', { clickCount });
  await page.waitForSelector('.confirm-decision', { visible: true });
  const text = await page.$eval('.confirm-decision', (e) => (e as HTMLElement).innerText);
  await clickText(page, '.confirm-decision button', '确认提交');
  return text;
}
