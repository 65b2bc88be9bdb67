import { DEMO_VILLAGES } from '../helpers/policies';
import { applicationBody } from '../helpers/factories';
import type { Http } from '../helpers/http';
import { Caseworker, waitForCase } from './caseworker';
import type { Platform } from './platform';

export interface Enrolled {
  applicationId: string;
  householdId: string;
  memberIds: string[];
  idNumbers: string[];
  /** The members as the application gave them, to apply again with the same people. */
  members: ReturnType<typeof applicationBody>['members'];
}

/**
 * Takes a new household of the 宽城区 demo community through its application by HTTP, every member assessed at
 * `incomeFen` (with the rigid expenses and work costs the visit found, if given), until the township confirms it: the household is then a recipient and its lifecycle workflow starts.
 */
export async function enrolInDistrict(platform: Platform, incomeFen: number, deductions?: { rigidExpensesFen: number; workCostsFen: number }): Promise<Enrolled> {
  const clerk = await platform.as('kc.clerk');
  const body = applicationBody(DEMO_VILLAGES.district);
  const created = await clerk.post('/api/applications', body);
  if (created.status !== 201) throw new Error(`apply: ${created.status} ${JSON.stringify(created.body)}`);
  const id = created.body.id as string;
  await new Caseworker(clerk).complete(id, 'acceptance', { outcome: 'accept' });
  const detail = await waitForCase(clerk, id, (c) => c.checkReports.length === 1);
  const memberIds = detail.household.members.map((m: { id: string }) => m.id);
  const incomes = memberIds.map((memberId: string) => ({ memberId, monthlyIncomeFen: incomeFen }));
  await new Caseworker(await platform.as('kc.investigator')).complete(id, 'home_visit', { recommendation: 'eligible', disputed: false, incomes, ...(deductions ? { deductions } : {}), reason: '入户核实' });
  await new Caseworker(await platform.as('kc.reviewer')).complete(id, 'township_review', { outcome: 'approve', reason: '符合条件' });
  const next = await waitForCase(clerk, id, (c) => c.stage === 'county_sampling' || c.stage === 'township_confirmation');
  if (next.stage === 'county_sampling') await new Caseworker(await platform.as('kc.approver')).complete(id, 'county_sampling', { outcome: 'confirmed', reason: '抽查属实' });
  await new Caseworker(await platform.as('kc.reviewer2')).complete(id, 'township_confirmation', { outcome: 'approve', reason: '同意' });
  return { applicationId: id, householdId: detail.household.id, memberIds, idNumbers: body.members.map((m) => m.idNumber), members: body.members };
}

/** Polls a recipient route until the predicate holds (the household's workflow moves asynchronously). */
export async function waitForRecipient(http: Http, path: string, predicate: (body: any) => boolean, timeoutMs = 20_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await http.get(path);
    if (res.status === 200 && predicate(res.body)) return res.body;
    if (Date.now() > deadline) throw new Error(`${path} did not reach the state: ${res.status} ${JSON.stringify(res.body).slice(0, 2000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
