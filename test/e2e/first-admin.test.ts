import { randomBytes } from 'node:crypto';
import { User } from '../../activities/identity/user.entity';
import { loadEnv } from '../../config/env.schema';
import { setupDatabase } from '../../apps/cli/setup-database';
import { demoUsers } from '../../apps/cli/demo-users';
import { TEST_FIELD_KEYS } from '../helpers/database';
import { startPlatform, type Platform } from './platform';

/** A production setup creates no demo users; the first administrator comes from the environment and must change its password. */

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform({ demoUsers: false });
});
afterAll(async () => {
  await platform?.stop();
});

const TEMPORARY = 'Temporary-first-2026';
const OWN = 'Own-lantern-river-77';

function setupEnv(extra: Record<string, string> = {}) {
  return loadEnv({ JWT_SECRET: randomBytes(32).toString('hex'), PII_DIGEST_KEY: randomBytes(32).toString('hex'), PII_ENCRYPTION_KEYS: TEST_FIELD_KEYS, ...extra });
}

test('setup without --demo creates no demo user, twice; the first administrator from the environment must change its password first', async () => {
  const env = setupEnv({ FIRST_ADMIN_USERNAME: 'root.security', FIRST_ADMIN_PASSWORD: TEMPORARY });
  const firstAdmin = { username: env.FIRST_ADMIN_USERNAME!, password: env.FIRST_ADMIN_PASSWORD!, role: env.FIRST_ADMIN_ROLE };
  const lines = await setupDatabase(platform.db.orm, env, { demo: false, firstAdmin });
  await setupDatabase(platform.db.orm, env, { demo: false, firstAdmin });
  expect(lines.join('\n')).toContain('first security_admin root.security created');
  const users = await platform.db.orm.em.fork().find(User, {});
  expect(users.map((u) => u.username)).toEqual(['root.security']);
  expect(users[0]).toMatchObject({ role: 'security_admin', regionCode: 'national', mustChangePassword: true });
  expect((await platform.http.post('/api/auth/login', { username: demoUsers()[0]!.username, password: 'Demo@2026' })).status).toBe(401);

  const temp = await platform.as('root.security', TEMPORARY);
  expect((await temp.get('/api/auth/me')).body.mustChangePassword).toBe(true);
  for (const path of ['/api/admin/users', '/api/inbox', '/api/applications']) {
    const refused = await temp.get(path);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('password_change_required');
  }
  const changed = await temp.post('/api/auth/password', { currentPassword: TEMPORARY, newPassword: OWN });
  expect(changed.status).toBe(200);
  const admin = platform.http.as(changed.body.accessToken);
  const listed = await admin.get('/api/admin/users');
  expect(listed.status).toBe(200);
  expect(listed.body.items.map((u: { username: string }) => u.username)).toEqual(['root.security']);

  // Once a security administrator works with its own password, the bootstrap is closed for that role.
  const again = await setupDatabase(platform.db.orm, env, { demo: false, firstAdmin: { ...firstAdmin, username: 'root.security2' } });
  expect(again.join('\n')).toContain('not created');
  expect(await platform.db.orm.em.fork().count(User, { username: 'root.security2' })).toBe(0);
});

test('setup --demo is the only way demo users appear', async () => {
  const lines = await setupDatabase(platform.db.orm, setupEnv(), { demo: true });
  expect(lines.join('\n')).toContain(`${demoUsers().length} added`);
  expect((await platform.as('kc.clerk').then((h) => h.get('/api/auth/me'))).body.username).toBe('kc.clerk');
});

test('the first-administrator variables go together: one without the other is refused naming the missing one', () => {
  expect(() => setupEnv({ FIRST_ADMIN_USERNAME: 'root.security' })).toThrow(/FIRST_ADMIN_PASSWORD: must be set together/);
  expect(() => setupEnv({ FIRST_ADMIN_PASSWORD: TEMPORARY })).toThrow(/FIRST_ADMIN_USERNAME: must be set together/);
  expect(() => setupEnv({ FIRST_ADMIN_USERNAME: 'root.security', FIRST_ADMIN_PASSWORD: TEMPORARY, FIRST_ADMIN_ROLE: 'auditor' })).toThrow(/FIRST_ADMIN_ROLE: must be security_admin or administrator/);
});
