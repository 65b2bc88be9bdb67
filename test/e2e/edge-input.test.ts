import { startPlatform, type Platform } from './platform';

/**
 * 输入边界: what a client sends that the platform cannot take is refused at the edge with a 4xx naming the field and the
 * rule, never a 5xx, and never hashed into the audit chain in a form the database does not keep.
 */

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(async () => {
  await platform?.stop();
});

/** A raw request: the body is sent byte for byte as given, with the given headers. */
async function raw(path: string, init: { method?: string; body?: string; headers?: Record<string, string>; token?: string } = {}) {
  const res = await fetch(`${platform.http.baseUrl}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...init.headers },
    body: init.body,
  });
  const text = await res.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, body };
}

test('a lone surrogate or NUL in a login body is 400 naming the field, and the audit chain still verifies', async () => {
  const surrogate = await raw('/api/auth/login', { body: '{"username":"kc.clerk\\ud800","password":"x"}' });
  expect(surrogate.status).toBe(400);
  expect(surrogate.body.error).toMatchObject({ code: 'validation_failed', issues: [{ field: 'username', rule: expect.stringContaining('surrogate') }] });
  const nul = await raw('/api/auth/login', { body: '{"username":"kc.clerk","password":"a\\u0000b"}' });
  expect(nul.status).toBe(400);
  expect(nul.body.error.issues).toEqual([{ field: 'password', rule: expect.stringContaining('NUL') }]);
  const auditor = await platform.as('kc.auditor');
  expect((await auditor.get('/api/audit/verify')).body).toMatchObject({ ok: true });
});

test('NUL or a lone surrogate in a path or a query, and a path that is not UTF-8, are 400 naming where', async () => {
  const clerk = await platform.as('kc.clerk');
  for (const path of ['/api/applications/abc%00def', '/api/applications/%ED%A0%80', '/api/applications/%FF']) {
    const res = await raw(path, { token: clerk.token });
    expect({ path, status: res.status, field: res.body.error?.issues?.[0]?.field, code: res.body.error?.code }).toEqual({ path, status: 400, field: "(path)", code: "validation_failed" });
  }
  const query = await raw('/api/applications?status=a%00b', { token: clerk.token });
  expect(query.status).toBe(400);
  expect(query.body.error.issues).toEqual([{ field: 'status', rule: expect.stringContaining('NUL') }]);
});
