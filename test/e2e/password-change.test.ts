import { AuditEntry } from '../../activities/audit/audit-entry.entity';
import { User } from '../../activities/identity/user.entity';
import { startPlatform, type Platform } from './platform';

/** 修改密码 over HTTP: strength rule, current password required, old tokens refused, temporary passwords replaced first. */

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(async () => {
  await platform?.stop();
});

const NEW_PASSWORD = 'Lantern-river-2026';

test('a user changes their password: weak or wrong answers are refused, the change is audited, older tokens stop working', async () => {
  const before = await platform.as('kc.checker');
  const other = await platform.as('kc.checker');

  const weak = await before.post('/api/auth/password', { currentPassword: 'Demo@2026', newPassword: 'alllowercaseletters' });
  expect(weak.status).toBe(400);
  expect(weak.body.error.issues).toEqual([expect.objectContaining({ field: 'newPassword' })]);
  const wrong = await before.post('/api/auth/password', { currentPassword: 'not-my-password', newPassword: NEW_PASSWORD });
  expect(wrong.status).toBe(422);
  expect(wrong.body.error.issues).toEqual([{ field: 'currentPassword', rule: 'is not your current password' }]);
  const withName = await before.post('/api/auth/password', { currentPassword: 'Demo@2026', newPassword: 'KC.checker-2026!' });
  expect(withName.status).toBe(422);

  const changed = await before.post('/api/auth/password', { currentPassword: 'Demo@2026', newPassword: NEW_PASSWORD });
  expect(changed.status).toBe(200);
  expect(changed.body.accessToken).toEqual(expect.any(String));

  for (const stale of [before, other]) {
    const res = await stale.get('/api/auth/me');
    expect(res.status).toBe(401);
  }
  expect((await platform.http.as(changed.body.accessToken).get('/api/auth/me')).status).toBe(200);
  expect((await platform.http.post('/api/auth/login', { username: 'kc.checker', password: 'Demo@2026' })).status).toBe(401);
  expect((await platform.as('kc.checker', NEW_PASSWORD).then((h) => h.get('/api/auth/me'))).body.username).toBe('kc.checker');

  const audit = await platform.db.orm.em.fork().find(AuditEntry, { action: { $in: ['password_changed', 'password_change_failed'] } }, { orderBy: { seq: 'asc' } });
  expect(audit.map((e) => e.action)).toEqual(['password_change_failed', 'password_changed']);
  expect(JSON.stringify(audit)).not.toContain(NEW_PASSWORD);
});

test('an account created by a security administrator must replace its temporary password before anything else', async () => {
  const admin = await platform.as('kc.security');
  const created = await admin.post('/api/admin/users', { username: 'kc.temp', displayName: '临时', password: 'Temporary-pass-1', role: 'township_clerk', regionCode: '220103001' });
  expect(created.status).toBe(201);
  const temp = await platform.as('kc.temp', 'Temporary-pass-1');
  expect((await temp.get('/api/auth/me')).body.mustChangePassword).toBe(true);
  const refused = await temp.get('/api/applications');
  expect(refused.status).toBe(403);
  expect(refused.body.error).toMatchObject({ code: 'password_change_required', passwordChangeRequired: true });

  const changed = await temp.post('/api/auth/password', { currentPassword: 'Temporary-pass-1', newPassword: NEW_PASSWORD });
  expect(changed.status).toBe(200);
  const fresh = platform.http.as(changed.body.accessToken);
  expect((await fresh.get('/api/applications')).status).toBe(200);
  expect((await fresh.get('/api/auth/me')).body.mustChangePassword).toBe(false);
});

test('a token signed with the real secret but without an expiry is refused', async () => {
  const { createSecretKey } = await import('node:crypto');
  const jwt = await import('jsonwebtoken');
  const user = await platform.db.orm.em.fork().findOneOrFail(User, { username: 'kc.auditor' });
  const key = createSecretKey(Buffer.from(platform.env.JWT_SECRET));
  const forever = jwt.sign({ cv: user.credentialsVersion }, key, { algorithm: 'HS256', subject: user.id });
  const expiring = jwt.sign({ cv: user.credentialsVersion }, key, { algorithm: 'HS256', subject: user.id, expiresIn: 60 });
  expect((await platform.http.as(expiring).get('/api/auth/me')).status).toBe(200);
  const refused = await platform.http.as(forever).get('/api/auth/me');
  expect(refused.status).toBe(401);
  expect(refused.body.error.message).toBe('the token has no expiry');
});
