import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { DECISION_SCHEMAS } from '../../apps/api/inbox/decision.schemas';
import { startPlatform, type Platform } from './platform';

/** The browser console is served by the API process, locked to its own origin, and drawn from the API's schemas. */

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(async () => {
  await platform?.stop();
});

test('the console is served at / with a same-origin content security policy', async () => {
  const page = await fetch(`${platform.http.baseUrl}/`);
  expect(page.status).toBe(200);
  expect(page.headers.get('content-type')).toMatch(/text\/html/);
  expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
  expect(page.headers.get('content-security-policy')).not.toMatch(/unsafe-inline|unsafe-eval/);
  expect(await page.text()).toContain('<script type="module" src="/console.js">');
  for (const file of ['/console.js', '/console-lib.js', '/console.css']) {
    const res = await fetch(`${platform.http.baseUrl}${file}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  }
});

test('every decision step has exactly one form schema in the OpenAPI document, found by its step', async () => {
  const docs = await platform.http.get('/api/docs-json');
  const oneOf: { properties?: { step?: { const?: string } } }[] = docs.body.paths['/api/tasks/{id}/complete'].post.requestBody.content['application/json'].schema.oneOf;
  const steps = oneOf.map((s) => s.properties?.step?.const);
  expect(steps.sort()).toEqual(Object.keys(DECISION_SCHEMAS).sort());
});

test('the console converts yuan to fen exactly and refuses what is not an amount', () => {
  const lib = resolve(__dirname, '..', '..', 'apps', 'web', 'console-lib.js');
  const script = `import(${JSON.stringify(lib)}).then((m) => {
    const out = {};
    for (const t of ['0', '1', '0.1', '0.07', '1234.5', '1234.56', '19.99']) out[t] = m.yuanToFen(t, 'x');
    const refused = ['1.234', '-1', 'abc', '1e3', ''].filter((t) => { try { m.yuanToFen(t, 'x'); return false; } catch { return true; } });
    console.log(JSON.stringify({ out, refused, back: [m.fenToYuan(123450), m.fenToYuan(7), m.fenToYuan(-1999), m.fenToYuan(null)] }));
  });`;
  const result = JSON.parse(execFileSync(process.execPath, ['--no-warnings', '--input-type=module', '-e', script], { encoding: 'utf8' }));
  expect(result.out).toEqual({ '0': 0, '1': 100, '0.1': 10, '0.07': 7, '1234.5': 123450, '1234.56': 123456, '19.99': 1999 });
  expect(result.refused).toEqual(['1.234', '-1', 'abc', '1e3', '']);
  expect(result.back).toEqual(['1234.50', '0.07', '-19.99', '']);
});
