import { DECISION_SCHEMAS } from '../../apps/api/case-types';
import { STEP_SPECS } from '../../apps/web/src/decision-specs';
import { fenToYuan, formatDeadline, yuanToFen } from '../../apps/web/src/format';
import { ensureWebConsole } from '../browser/console-build';
import { startPlatform, type Platform } from './platform';

/** The browser console is served by the API process, locked to its own origin, and has a form for every step. */

let platform: Platform;
beforeAll(async () => {
  ensureWebConsole();
  platform = await startPlatform();
});
afterAll(async () => {
  await platform?.stop();
});

test('the console is served at / with a same-origin content security policy, and its routes fall back to it', async () => {
  const page = await fetch(`${platform.http.baseUrl}/`);
  expect(page.status).toBe(200);
  expect(page.headers.get('content-type')).toMatch(/text\/html/);
  const csp = page.headers.get('content-security-policy');
  expect(csp).toMatch(/default-src 'self'/);
  expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
  const html = await page.text();
  const scripts = [...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]);
  expect(scripts.length).toBeGreaterThan(0);
  expect(html).not.toMatch(/<script(?![^>]*src=)[^>]*>/);
  for (const file of scripts) {
    const res = await fetch(`${platform.http.baseUrl}${file}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  }
  for (const route of ['/inbox', '/tasks/abc', '/query']) {
    const res = await fetch(`${platform.http.baseUrl}${route}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(html);
    expect(res.headers.get('content-security-policy')).toBe(csp);
  }
  const api = await fetch(`${platform.http.baseUrl}/api/no-such-route`);
  expect(api.status).toBe(404);
  expect(api.headers.get('content-type')).toMatch(/json/);
});

test('every decision step the API accepts has a written form in the console, and no form for a step it does not', () => {
  expect(Object.keys(STEP_SPECS).sort()).toEqual(Object.keys(DECISION_SCHEMAS).sort());
});

test('the console converts yuan to fen exactly, refuses what is not an amount, and writes deadlines as the notice does', () => {
  const out = Object.fromEntries(['0', '1', '0.1', '0.07', '1234.5', '1234.56', '19.99'].map((t) => [t, yuanToFen(t)]));
  expect(out).toEqual({ '0': 0, '1': 100, '0.1': 10, '0.07': 7, '1234.5': 123450, '1234.56': 123456, '19.99': 1999 });
  expect(['1.234', '-1', 'abc', '1e3', ''].map((t) => yuanToFen(t))).toEqual([null, null, null, null, null]);
  expect([fenToYuan(123450), fenToYuan(7), fenToYuan(-1999), fenToYuan(null)]).toEqual(['1234.50', '0.07', '-19.99', '']);
  expect(formatDeadline('2026-12-08T00:00:00+08:00')).toBe('12月7日24时');
  expect(formatDeadline('2026-12-07T16:00:00Z')).toBe('12月7日24时');
  expect(formatDeadline('2026-12-08T09:30:00+08:00')).toBe('12月8日9时30分');
  expect(formatDeadline('2027-01-01T00:00:00+08:00')).toBe('12月31日24时');
});
