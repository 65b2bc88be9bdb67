import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DEMO_VILLAGES } from '../helpers/policies';
import { applicationBody } from '../helpers/factories';
import { timeSkippingEnv } from '../helpers/temporal';
import { Caseworker, waitForCase } from './caseworker';
import { startPlatform, type Platform } from './platform';

/**
 * The demo path of the regions with publicity periods, end to end through HTTP with every part real, on the
 * time-skipping server so the seven-day periods pass in no wall time.
 */

let env: TestWorkflowEnvironment;
let platform: Platform;
beforeEach(async () => {
  env = await timeSkippingEnv();
  platform = await startPlatform({ timeSkipping: env });
});
afterEach(async () => {
  await platform?.stop();
  await env?.teardown();
});

async function passPublicity(http: Caseworker['http'], id: string, count: number): Promise<void> {
  const posted = await waitForCase(http, id, (c) => c.publicity.length === count && c.publicity[count - 1].outcome === null);
  const endsAt = Date.parse(posted.publicity[count - 1].endsAt);
  await env.sleep(endsAt + 60_000 - (await env.currentTimeMs()));
  await waitForCase(http, id, (c) => c.publicity[count - 1].outcome === 'passed');
}

async function decide(prefix: string, id: string, approvalStep: string) {
  const approver = new Caseworker(await platform.as(`${prefix}.approver`));
  const clerk = await platform.as(`${prefix}.clerk`);
  const next = await waitForCase(clerk, id, (c) => c.stage === 'county_sampling' || c.stage === approvalStep);
  if (next.stage === 'county_sampling') await approver.complete(id, 'county_sampling', { outcome: 'confirmed', reason: '抽查属实' });
  return approver.complete(id, approvalStep, { outcome: 'approve', reason: '同意' });
}

test('county (灌云县): all nine steps with both publicities, approved with the 差额 amount', async () => {
  const clerk = await platform.as('gy.clerk');
  const { body } = await clerk.post('/api/applications', applicationBody(DEMO_VILLAGES.county));
  const id = body.id;
  await new Caseworker(clerk).complete(id, 'acceptance', { outcome: 'accept' });
  const detail = await waitForCase(clerk, id, (c) => c.checkReports.length === 1);
  const incomes = detail.household.members.map((m: any) => ({ memberId: m.id, monthlyIncomeFen: 10_000 }));
  await new Caseworker(await platform.as('gy.investigator')).complete(id, 'home_visit', { recommendation: 'eligible', disputed: false, incomes, reason: '属实' });
  await new Caseworker(await platform.as('gy.village')).complete(id, 'appraisal', { outcome: 'pass', panelSize: 11, present: 9, votesFor: 9, votesAgainst: 0 });
  await passPublicity(clerk, id, 1);
  await new Caseworker(await platform.as('gy.reviewer')).complete(id, 'township_review', { outcome: 'approve', reason: '审核通过' });
  await passPublicity(clerk, id, 2);
  const approved = await decide('gy', id, 'county_approval');
  expect(approved.case.status).toBe('approved');
  const final = await waitForCase(clerk, id, (c) => c.decision !== null);
  // 东园村 is rural: 连云港 rural standard 490 yuan × 2 − 2 × 100 yuan = 780 yuan.
  expect(final.decision).toMatchObject({ status: 'approved', amountFen: 78_000 });
  const timeline = (await clerk.get(`/api/applications/${id}/timeline`)).body.events.map((e: any) => `${e.step}:${e.action}`);
  expect(timeline).toEqual(expect.arrayContaining(['publicity_investigation:publicity_passed', 'publicity_review:publicity_passed', 'decision:approved']));
});

test('city (铁岭市): no appraisal when undisputed, one publicity after review, approved', async () => {
  const clerk = await platform.as('yz.clerk');
  const { body } = await clerk.post('/api/applications', applicationBody(DEMO_VILLAGES.city));
  const id = body.id;
  await new Caseworker(clerk).complete(id, 'acceptance', { outcome: 'accept' });
  const detail = await waitForCase(clerk, id, (c) => c.checkReports.length === 1);
  const incomes = detail.household.members.map((m: any) => ({ memberId: m.id, monthlyIncomeFen: 0 }));
  await new Caseworker(await platform.as('yz.investigator')).complete(id, 'home_visit', { recommendation: 'eligible', disputed: false, incomes, reason: '属实' });
  await new Caseworker(await platform.as('yz.reviewer')).complete(id, 'township_review', { outcome: 'approve', reason: '审核通过' });
  await passPublicity(clerk, id, 1);
  await decide('yz', id, 'county_approval');
  const final = await waitForCase(clerk, id, (c) => c.decision !== null);
  expect(final.publicity.map((p: any) => p.step)).toEqual(['publicity_review']);
  expect(final.tasks.map((t: any) => t.step)).not.toContain('appraisal');
  // 红旗社区 is urban: 铁岭 urban standard 700 yuan × 2 members, no income.
  expect(final.decision).toMatchObject({ status: 'approved', amountFen: 140_000 });
});
