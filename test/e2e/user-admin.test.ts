import { AuditEntry } from '../../activities/audit/audit-entry.entity';
import { User } from '../../activities/identity/user.entity';
import { DEMO_VILLAGES } from '../helpers/policies';
import { applicationBody } from '../helpers/factories';
import type { Http } from '../helpers/http';
import { startPlatform, type Platform } from './platform';

/** User administration over HTTP: subtree-confined, audited, and effective at once on tokens already issued. */

let platform: Platform;
let admin: Http;
beforeAll(async () => {
  platform = await startPlatform();
  admin = await platform.as('kc.security');
});
afterAll(async () => {
  await platform?.stop();
});

const userId = async (username: string) => (await platform.db.orm.em.fork().findOneOrFail(User, { username })).id;
const reason = { reason: '岗位调整' };

test('the list holds only users of the security administrator\'s subtree, paginated, without password hashes', async () => {
  const page1 = await admin.get('/api/admin/users?pageSize=3');
  expect(page1.status).toBe(200);
  expect(page1.body.items).toHaveLength(3);
  const all = await admin.get('/api/admin/users?pageSize=200');
  expect(all.body.total).toBe(page1.body.total);
  expect(all.body.items.every((u: { username: string }) => u.username.startsWith('kc.'))).toBe(true);
  expect(JSON.stringify(all.body)).not.toMatch(/passwordHash|argon2/);
});

test('create checks fields (400) and the region (422), refuses a taken username (409), and audits the new user', async () => {
  const bad = await admin.post('/api/admin/users', { username: 'kc.new', displayName: '新', password: 'short', role: 'boss', regionCode: '220103001' });
  expect(bad.status).toBe(400);
  expect(bad.body.error.issues.map((i: { field: string }) => i.field).sort()).toEqual(['password', 'role']);
  const body = { username: 'kc.new', displayName: '新同事', password: 'a-long-password-1', role: 'township_clerk', regionCode: '211202001' };
  const elsewhere = await admin.post('/api/admin/users', body);
  expect(elsewhere.status).toBe(422);
  expect(elsewhere.body.error.issues).toEqual([{ field: 'regionCode', rule: 'must be a region within your own region' }]);
  expect((await admin.post('/api/admin/users', { ...body, regionCode: '220100' })).status).toBe(422);
  const created = await admin.post('/api/admin/users', { ...body, regionCode: '220103001' });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ username: 'kc.new', role: 'township_clerk', regionCode: '220103001', status: 'active' });
  expect((await admin.post('/api/admin/users', { ...body, regionCode: '220103001' })).body.error.code).toBe('username_taken');
  expect((await platform.as('kc.new', 'a-long-password-1')).token).toBeTruthy();
  const audit = await platform.db.orm.em.fork().find(AuditEntry, { action: 'permission_change', targetId: created.body.id });
  expect(audit).toHaveLength(1);
  expect(audit[0].after).toEqual({ role: 'township_clerk', regionCode: '220103001', status: 'active' });
  expect(JSON.stringify(audit[0])).not.toContain('a-long-password-1');
});

test('a suspended user\'s existing token is refused at once and stays refused after reactivation; every change is audited', async () => {
  const clerk = await platform.as('kc.clerk');
  expect((await clerk.get('/api/inbox')).status).toBe(200);
  const id = await userId('kc.clerk');
  const suspended = await admin.post(`/api/admin/users/${id}/suspend`, reason);
  expect(suspended.status).toBe(200);
  expect(suspended.body.status).toBe('suspended');
  expect((await clerk.get('/api/inbox')).status).toBe(401);
  expect((await platform.http.post('/api/auth/login', { username: 'kc.clerk', password: 'Demo@2026' })).status).toBe(401);
  expect((await admin.post(`/api/admin/users/${id}/suspend`, reason)).body.error.code).toBe('already_suspended');
  expect((await admin.post(`/api/admin/users/${id}/reactivate`, reason)).status).toBe(200);
  expect((await clerk.get('/api/inbox')).status).toBe(401);
  expect((await (await platform.as('kc.clerk')).get('/api/inbox')).status).toBe(200);
  const audit = await platform.db.orm.em.fork().find(AuditEntry, { action: 'permission_change', targetId: id }, { orderBy: { seq: 'asc' } });
  expect(audit.map((a) => [a.before, a.after, a.reason])).toEqual([
    [{ role: 'township_clerk', regionCode: '220103001', status: 'active' }, { role: 'township_clerk', regionCode: '220103001', status: 'suspended' }, '岗位调整'],
    [{ role: 'township_clerk', regionCode: '220103001', status: 'suspended' }, { role: 'township_clerk', regionCode: '220103001', status: 'active' }, '岗位调整'],
  ]);
});

test('a role change ends the tokens issued under the old role; a reason is required', async () => {
  const investigator = await platform.as('kc.investigator');
  const id = await userId('kc.investigator');
  expect((await admin.post(`/api/admin/users/${id}/role`, { role: 'checking_agency' })).status).toBe(400);
  expect((await admin.post(`/api/admin/users/${id}/role`, { role: 'checking_agency', ...reason })).body.role).toBe('checking_agency');
  expect((await investigator.get('/api/inbox')).status).toBe(401);
  const relogged = await platform.as('kc.investigator');
  expect((await relogged.get('/api/emergency-requests')).status).toBe(403);
  expect((await relogged.get('/api/inbox')).status).toBe(200);
});

test('users of another region are not found; security administrators cannot change their own role or suspend themselves', async () => {
  const other = await userId('gy.clerk');
  for (const action of ['suspend', 'reactivate']) expect((await admin.post(`/api/admin/users/${other}/${action}`, reason)).status).toBe(404);
  expect((await admin.post(`/api/admin/users/${other}/role`, { role: 'auditor', ...reason })).status).toBe(404);
  expect((await admin.post(`/api/admin/users/${other}/region`, { regionCode: '220103001', ...reason })).status).toBe(404);
  const self = await userId('kc.security');
  expect((await admin.post(`/api/admin/users/${self}/role`, { role: 'auditor', ...reason })).body.error.code).toBe('own_role');
  expect((await admin.post(`/api/admin/users/${self}/suspend`, reason)).body.error.code).toBe('own_status');
  expect((await admin.post(`/api/admin/users/${self}/region`, { regionCode: '220100', ...reason })).status).toBe(422);
  expect((await (await platform.as('kc.clerk')).post(`/api/admin/users/${self}/suspend`, reason)).status).toBe(403);
});

test('a user moved to another township sees only that township\'s cases, with the token they already had', async () => {
  await platform.addUser('kc.mover', 'township_clerk', '220103001');
  const mover = await platform.as('kc.mover');
  const created = await mover.post('/api/applications', applicationBody(DEMO_VILLAGES.district));
  expect(created.status).toBe(201);
  expect((await mover.get(`/api/applications/${created.body.id}`)).status).toBe(200);
  const moved = await admin.post(`/api/admin/users/${await userId('kc.mover')}/region`, { regionCode: '220103200', ...reason });
  expect(moved.body.regionCode).toBe('220103200');
  expect((await mover.get(`/api/applications/${created.body.id}`)).status).toBe(404);
  const list = await mover.get('/api/applications?pageSize=100');
  expect(list.status).toBe(200);
  expect(list.body.items.map((a: { id: string }) => a.id)).not.toContain(created.body.id);
});

test('a forgotten password is reset to a temporary one, shown once, that must be changed before anything else', async () => {
  const created = await admin.post('/api/admin/users', { username: 'kc.forgetful', displayName: '健忘的受理员', password: 'a-long-password-1', role: 'township_clerk', regionCode: '220103001' });
  expect(created.status).toBe(201);
  const login = await platform.http.post('/api/auth/login', { username: 'kc.forgetful', password: 'a-long-password-1' });
  const old = platform.http.as(login.body.accessToken);
  const reset = await admin.post(`/api/admin/users/${created.body.id}/password-reset`, { reason: '本人遗忘密码,电话核实身份' });
  expect(reset.status).toBe(200);
  expect(reset.body.temporaryPassword).toMatch(/^.{16,}$/);
  // Every token of the old password ends; the old password is gone; the new one opens only the password change.
  expect((await old.get('/api/inbox')).status).toBe(401);
  expect((await platform.http.post('/api/auth/login', { username: 'kc.forgetful', password: 'a-long-password-1' })).status).toBe(401);
  const temp = await platform.http.post('/api/auth/login', { username: 'kc.forgetful', password: reset.body.temporaryPassword });
  expect(temp.status).toBe(200);
  expect((await platform.http.as(temp.body.accessToken).get('/api/inbox')).body.error.code).toBe('password_change_required');
  const audit = await platform.db.orm.em.fork().findOneOrFail(AuditEntry, { action: 'password_reset', targetId: created.body.id });
  expect(audit.reason).toBe('本人遗忘密码,电话核实身份');
  expect(JSON.stringify(audit)).not.toContain(reset.body.temporaryPassword);
  // Not one's own: that is a change with the current password.
  const self = await userId('kc.security');
  expect((await admin.post(`/api/admin/users/${self}/password-reset`, reason)).body.error.code).toBe('own_password');
});
