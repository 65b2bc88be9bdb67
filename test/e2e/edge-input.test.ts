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

test('fuzz classes the probe saw as 500 are 4xx: size, charset, impossible dates, deep nesting', async () => {
  const admin = await platform.as('kc.admin');
  const huge = await raw('/api/auth/login', { body: JSON.stringify({ username: 'x', password: 'y'.repeat(2_000_000) }) });
  expect({ status: huge.status, code: huge.body.error?.code }).toEqual({ status: 413, code: 'payload_too_large' });
  const charset = await raw('/api/auth/login', { body: '{"username":"x","password":"y"}', headers: { 'content-type': 'application/json; charset=koi8-r' } });
  expect({ status: charset.status, code: charset.body.error?.code }).toEqual({ status: 415, code: 'unsupported_media_type' });
  const broken = await raw('/api/auth/login', { body: '{"username":' });
  expect({ status: broken.status, code: broken.body.error?.code }).toEqual({ status: 400, code: 'bad_request' });

  const impossible = '2026-02-30';
  const dates: [string, unknown, string][] = [
    ['/api/admin/dry-run', { regionCode: '220103001001', date: impossible, facts: {} }, 'date'],
    ['/api/admin/regions/220103/policy-versions', { override: {}, effectiveFrom: impossible, reason: 'x' }, 'effectiveFrom'],
    ['/api/admin/regions/220103/re-review-campaigns', { from: impossible, to: '2026-12-31', reason: 'x' }, 'from'],
  ];
  for (const [path, body, field] of dates) {
    const res = await admin.post(path, body);
    expect({ path, status: res.status, fields: res.body.error?.issues?.map((i: any) => i.field) }).toEqual({ path, status: 400, fields: [field] });
  }
  const clerk = await platform.as('kc.clerk');
  const birth = await clerk.post('/api/applications', { regionCode: '220103001001', members: [{ birthDate: '2010-13-01' }] });
  expect(birth.status).toBe(400);

  const deep = `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`;
  const nested = await raw('/api/admin/regions/220103/policy-versions', { body: `{"override":${deep},"effectiveFrom":"2099-01-01","reason":"x"}`, token: admin.token });
  expect(nested.status).toBe(400);
  expect(nested.body.error.issues).toEqual([expect.objectContaining({ field: 'override', rule: expect.stringContaining('nest') })]);
});
