import { AuditEntry } from '../../activities/audit/audit-entry.entity';
import { startPlatform, type Platform } from './platform';

/** Login throttling over HTTP: 429 too_many_attempts, audited, and a success clears the username. */

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(async () => {
  await platform?.stop();
});

const login = (username: string, password: string) => platform.http.post('/api/auth/login', { username, password });

test('after five wrong passwords even the right one is refused with 429, and the refusal is audited', async () => {
  for (let i = 0; i < 5; i += 1) expect((await login('gy.clerk', 'wrong-password')).status).toBe(401);
  const refused = await login('gy.clerk', 'Demo@2026');
  expect(refused.status).toBe(429);
  expect(refused.body.error.code).toBe('too_many_attempts');
  expect(refused.body.error.retryAfterSeconds).toBeGreaterThan(0);
  const entries = await platform.db.orm.em.fork().find(AuditEntry, { action: 'login_throttled', targetId: 'gy.clerk' });
  expect(entries).toHaveLength(1);
  expect((await login('gy.reviewer', 'Demo@2026')).status).toBe(200);
});

test('a success clears the username: four failures, a success, four more failures still let the user in', async () => {
  for (let i = 0; i < 4; i += 1) expect((await login('gy.approver', 'wrong-password')).status).toBe(401);
  expect((await login('gy.approver', 'Demo@2026')).status).toBe(200);
  for (let i = 0; i < 4; i += 1) expect((await login('gy.approver', 'wrong-password')).status).toBe(401);
  expect((await login('gy.approver', 'Demo@2026')).status).toBe(200);
});

test('twenty failures from one address refuse every username from it', async () => {
  // The two tests above already counted 13 failures from this address.
  for (let i = 0; i < 7; i += 1) expect((await login(`nobody.${i}`, 'wrong-password')).status).toBe(401);
  const refused = await login('kc.clerk', 'Demo@2026');
  expect(refused.status).toBe(429);
  expect(refused.body.error.code).toBe('too_many_attempts');
});
