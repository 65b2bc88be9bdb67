import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { addMonths, monthStart } from '../../workflows/domain/months';
import { timeSkippingEnv } from '../helpers/temporal';
import { startPlatform, type Platform } from './platform';
import { enrolInDistrict, waitForRecipient } from './recipients';

/**
 * A recipient household's life through HTTP with every part real, on the time-skipping server so a month passes in
 * no wall time: approval starts its workflow; an income report decreases the benefit from the next month, visible in
 * the ledger (the next month's row), the timeline (the written notice) and the household's own record.
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

test('approval → lifecycle running → income report → decrease in the ledger and on the timeline', async () => {
  // 长春 urban standard 830 yuan × 2 members − 2 × 100 yuan = 1460 yuan a month.
  const enrolled = await enrolInDistrict(platform, 10_000);
  const clerk = await platform.as('kc.clerk');
  const { householdId } = enrolled;

  const running = await waitForRecipient(clerk, `/api/recipients/${householdId}`, (r) => r.lifecycle?.status === 'active');
  expect(running).toMatchObject({ status: 'active', monthlyBenefitFen: 146_000, applicationId: enrolled.applicationId });
  const start = running.startMonth as string;
  const first = await waitForRecipient(clerk, `/api/recipients/${householdId}/ledger`, (l) => l.entries.length === 1);
  expect(first.entries).toEqual([expect.objectContaining({ month: start, kind: 'regular', amountFen: 146_000 })]);

  // The head found work: 600 + 100 yuan → (1660 − 700) = 960 yuan from the next month.
  const incomes = [
    { memberId: enrolled.memberIds[0], monthlyIncomeFen: 60_000 },
    { memberId: enrolled.memberIds[1], monthlyIncomeFen: 10_000 },
  ];
  const village = await platform.as('kc.village');
  const reported = await village.post(`/api/recipients/${householdId}/changes`, { kind: 'income', reportedBy: 'household', incomes, account: '户主在社区超市就业，月工资600元' });
  expect(reported.status).toBe(200);
  expect(reported.body.state).toMatchObject({ status: 'active', amountFen: 96_000, lastAssessment: { kind: 'decrease' } });
  const again = await village.post(`/api/recipients/${householdId}/changes`, { kind: 'income', reportedBy: 'household', incomes: [incomes[0]], account: 'x' });
  expect(again.status).toBe(422);

  await env.sleep(monthStart(addMonths(start, 1)) + 3_600_000 - (await env.currentTimeMs()));
  const ledger = await waitForRecipient(clerk, `/api/recipients/${householdId}/ledger`, (l) => l.entries.length === 2);
  expect(ledger.entries.map((e: any) => [e.month, e.kind, e.amountFen])).toEqual([
    [start, 'regular', 146_000],
    [addMonths(start, 1), 'regular', 96_000],
  ]);
  expect(ledger.entries[1].derivation).toMatchObject({ standardFen: 83_000, totalIncomeFen: 70_000, members: 2 });

  const timeline = await clerk.get(`/api/recipients/${householdId}/timeline`);
  expect(timeline.status).toBe(200);
  const decrease = timeline.body.events.find((e: any) => e.type === 'notice' && e.code === 'decrease');
  expect(decrease).toMatchObject({ effectiveMonth: addMonths(start, 1), data: { amountFen: 96_000 } });
  expect(decrease.text).toContain('减发');
  expect(timeline.body.events.find((e: any) => e.type === 'change_report')).toMatchObject({ code: 'income', account: '户主在社区超市就业，月工资600元' });

  const listed = await clerk.get('/api/recipients?status=active');
  expect(listed.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ householdId, monthlyBenefitFen: 96_000, head: '测***' })]));
  for (const body of [listed.body, running, timeline.body, ledger]) {
    for (const n of enrolled.idNumbers) expect(JSON.stringify(body)).not.toContain(n);
  }
  expect((await (await platform.as('yz.clerk')).get(`/api/recipients/${householdId}`)).status).toBe(404);

  // Months later, by themselves: the economic re-check (the departments know of no income: a material change) and
  // the periodic re-review by category each put a re-review in the township investigator's inbox.
  const { lifecycle } = (await clerk.get(`/api/recipients/${householdId}`)).body;
  const due = [lifecycle.nextCheckMonth, lifecycle.nextReReviewMonth].sort()[1] as string;
  await env.sleep(monthStart(due) + 3_600_000 - (await env.currentTimeMs()));
  const investigator = await platform.as('kc.investigator');
  const kinds = (b: any) => [...new Set(b.items.filter((t: any) => t.caseId === householdId).map((t: any) => t.id.split(':')[1]))].sort();
  const inbox = await waitForRecipient(investigator, '/api/inbox?step=re_review&pageSize=100', (b) => kinds(b).length === 2);
  expect(kinds(inbox)).toEqual(['check', 're-review']);
  const later = (await clerk.get(`/api/recipients/${householdId}/timeline`)).body.events.map((e: any) => `${e.type}:${e.code}`);
  expect(later).toEqual(expect.arrayContaining(['check:economic_check', 're_review:economic_check', 're_review:periodic']));
}, 180_000);
