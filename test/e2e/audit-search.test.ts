import { User } from '../../activities/identity/user.entity';
import { isoDate, shanghaiDay } from '../../workflows/domain/calendar';
import { applicationBody } from '../helpers/factories';
import { DEMO_VILLAGES } from '../helpers/policies';
import { Caseworker, waitForCase } from './caseworker';
import { startPlatform, type Platform } from './platform';

/**
 * The auditor's searches: the audit log by who (user name), what and when, with names instead of ids; and refused
 * attempts at separation of duties, found by their stable code, with who tried which step of which case.
 */

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(async () => {
  await platform?.stop();
});

const today = () => isoDate(shanghaiDay(Date.now()));

/** A privileged role change: one security administrator proposes it, a second approves it. */
async function setRole(username: string, role: string): Promise<void> {
  const user = await platform.db.orm.em.fork().findOneOrFail(User, { username });
  const res = await (await platform.as('kc.security')).post(`/api/admin/users/${user.id}/role`, { role, reason: '岗位调整' });
  if (res.status !== 200) throw new Error(`role change: ${res.status} ${JSON.stringify(res.body)}`);
  if (res.body.pendingGrant) {
    const approved = await (await platform.as('kc.security2')).post(`/api/admin/role-grants/${res.body.pendingGrant.id}/approve`, { reason: '同意' });
    if (approved.status !== 200) throw new Error(`role grant: ${approved.status} ${JSON.stringify(approved.body)}`);
  }
}

test('an investigator moved to review cannot sign the review of a case they visited; the auditor finds the attempt', async () => {
  const clerk = await platform.as('kc.clerk');
  const id = (await clerk.post('/api/applications', applicationBody(DEMO_VILLAGES.district))).body.id;
  await new Caseworker(clerk).complete(id, 'acceptance', { outcome: 'accept' });
  const detail = await waitForCase(clerk, id, (c) => c.checkReports.length === 1);
  const incomes = detail.household.members.map((m: any) => ({ memberId: m.id, monthlyIncomeFen: 0 }));
  await new Caseworker(await platform.as('kc.investigator')).complete(id, 'home_visit', { recommendation: 'eligible', disputed: false, incomes, reason: '入户核实' });

  await setRole('kc.investigator', 'township_reviewer');
  const moved = new Caseworker(await platform.as('kc.investigator'));
  const task = await moved.task(id, 'township_review');
  const path = `/api/tasks/${encodeURIComponent(task.id)}`;
  expect((await moved.http.post(`${path}/claim`)).status).toBe(200);
  const refused = await moved.http.post(`${path}/complete`, { step: 'township_review', outcome: 'approve', reason: '同意' });
  expect(refused.status).toBe(409);
  expect(refused.body.error.code).toBe('separation_of_duties');

  const auditor = await platform.as('kc.auditor');
  const investigatorName = (await moved.http.get('/api/auth/me')).body.displayName;
  const attempts = (await auditor.get('/api/audit/refused-attempts')).body.items;
  expect(attempts).toContainEqual(expect.objectContaining({ caseNo: task.caseNo, step: 'township_review', code: 'separation_of_duties', actorName: investigatorName }));
  expect((await (await platform.as('gy.auditor')).get('/api/audit/refused-attempts')).body.items.map((a: any) => a.caseNo)).not.toContain(task.caseNo);

  const clerkName = (await clerk.get('/api/auth/me')).body.displayName;
  const byClerk = (await auditor.get(`/api/audit/entries?actor=kc.clerk&action=decision&from=${today()}&to=${today()}`)).body;
  expect(byClerk.total).toBeGreaterThanOrEqual(1);
  expect(new Set(byClerk.items.map((e: any) => e.actorName))).toEqual(new Set([clerkName]));
  expect((await auditor.get('/api/audit/entries?actor=kc.clerk&from=2020-01-01&to=2020-12-31')).body.total).toBe(0);
  expect((await auditor.get('/api/audit/entries?from=2026-13-01')).status).toBe(400);
});
