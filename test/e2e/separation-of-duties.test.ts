import { User } from '../../activities/identity/user.entity';
import { isoDate, shanghaiDay } from '../../workflows/domain/calendar';
import { seedLedger, decidePayment, waitForRun } from './payments';
import { startPlatform, type Platform } from './platform';

/**
 * 三员分立 (等保 2.0 level 3): accounts belong to security administrators, a privileged role needs a second security
 * administrator, and no approval counts from an account created or granted after what it approves was proposed, or
 * granted by its proposer. The probe's path — propose, create a second administrator, approve as it — is closed.
 */

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
  await platform.addUser('cc.admin', 'administrator', '220100');
});
afterAll(async () => {
  await platform?.stop();
});

const reason = { reason: '岗位需要' };
const today = () => isoDate(shanghaiDay(Date.now()));
const body = (username: string, role: string, regionCode: string) => ({ username, displayName: username, password: 'Temporary-pass-1', role, regionCode });

/** Logs in a fresh account with its temporary password and sets its own, as the first login requires. */
async function firstLogin(username: string) {
  const temp = await platform.as(username, 'Temporary-pass-1');
  const changed = await temp.post('/api/auth/password', { currentPassword: 'Temporary-pass-1', newPassword: 'Own-password-2026' });
  expect(changed.status).toBe(200);
  return platform.http.as(changed.body.accessToken);
}

test('accounts are the security administrator\'s business; a privileged role waits for a second one', async () => {
  expect((await (await platform.as('kc.admin')).post('/api/admin/users', body('kc.x1', 'township_clerk', '220103001'))).status).toBe(403);
  expect((await (await platform.as('kc.admin')).get('/api/admin/users')).status).toBe(403);
  const security = await platform.as('kc.security');
  const plain = await security.post('/api/admin/users', body('kc.x2', 'township_clerk', '220103001'));
  expect(plain.body).toMatchObject({ status: 'active' });
  expect(plain.body.pendingGrant).toBeUndefined();

  const proposed = await security.post('/api/admin/users', body('kc.approver9', 'county_approver', '220103'));
  expect(proposed.status).toBe(201);
  expect(proposed.body).toMatchObject({ status: 'pending_grant', pendingGrant: { role: 'county_approver' } });
  expect((await platform.http.post('/api/auth/login', { username: 'kc.approver9', password: 'Temporary-pass-1' })).status).toBe(401);
  expect((await security.post(`/api/admin/users/${proposed.body.id}/reactivate`, reason)).body.error.code).toBe('grant_pending');
  const self = await security.post(`/api/admin/role-grants/${proposed.body.pendingGrant.id}/approve`, reason);
  expect(self.body.error.code).toBe('four_eyes');
  const second = await platform.as('kc.security2');
  expect((await second.get('/api/admin/role-grants')).body.map((g: any) => g.username)).toContain('kc.approver9');
  const approved = await second.post(`/api/admin/role-grants/${proposed.body.pendingGrant.id}/approve`, reason);
  expect(approved.status).toBe(200);
  expect(approved.body).toMatchObject({ status: 'approved', userStatus: 'active', role: 'county_approver' });
  expect((await (await firstLogin('kc.approver9')).get('/api/auth/me')).body.role).toBe('county_approver');
});

test('an administrator created after a policy version was proposed cannot approve it; one that predates it can', async () => {
  const admin = await platform.as('kc.admin');
  const proposed = await admin.post('/api/admin/regions/220103/policy-versions', { override: { overallLimitDays: 20 }, effectiveFrom: today(), reason: '调整时限' });
  expect(proposed.status).toBe(201);
  const created = await (await platform.as('kc.security')).post('/api/admin/users', body('kc.admin9', 'administrator', '220103'));
  await (await platform.as('kc.security2')).post(`/api/admin/role-grants/${created.body.pendingGrant.id}/approve`, reason);
  const newcomer = await firstLogin('kc.admin9');
  const refused = await newcomer.post(`/api/admin/policy-versions/${proposed.body.id}/approve`, { reason: '同意' });
  expect(refused.status).toBe(409);
  expect(refused.body.error.code).toBe('approver_too_new');
  expect((await platform.db.orm.em.fork().findOneOrFail(User, { username: 'kc.admin9' })).grantedAt).not.toBeNull();
  const standing = await (await platform.as('cc.admin')).post(`/api/admin/policy-versions/${proposed.body.id}/approve`, { reason: '同意' });
  expect(standing.status).toBe(200);
});

test('a county approver promoted after a payment run was prepared cannot approve it; the standing approver can', async () => {
  await seedLedger(platform, '320723100201', '2026-09', [50_000]);
  const officer = await platform.as('gy.payment');
  const run = await officer.post('/api/payments/runs', { countyCode: '320723', month: '2026-09' });
  expect(run.status).toBe(201);
  await waitForRun(officer, run.body.id, (r) => r.status === 'awaiting_approval');
  const clerk = await platform.db.orm.em.fork().findOneOrFail(User, { username: 'gy.checker' });
  const change = await (await platform.as('gy.security')).post(`/api/admin/users/${clerk.id}/role`, { role: 'county_approver', ...reason });
  expect(change.body).toMatchObject({ role: 'checking_agency', pendingGrant: { role: 'county_approver' } });
  await (await platform.as('gy.security2')).post(`/api/admin/role-grants/${change.body.pendingGrant.id}/approve`, reason);
  const promoted = await decidePayment(await platform.as('gy.checker'), run.body.id, 'payment_approval', 'approve');
  expect(promoted.status).toBe(409);
  expect(promoted.body.error.code).toBe('approver_too_new');
  expect((await decidePayment(await platform.as('gy.approver'), run.body.id, 'payment_approval', 'approve')).status).toBe(200);
});
