import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { addMonths, monthStart } from '../../workflows/domain/months';
import { timeSkippingEnv } from '../helpers/temporal';
import { Caseworker } from './caseworker';
import { startPlatform, type Platform } from './platform';
import { enrolInDistrict, waitForRecipient } from './recipients';

/**
 * 多发 through HTTP on the time-skipping server: two months paid, then a re-review finds the household's income
 * higher since the first of them; the ledger gets negative overpayment rows for both months, the household a notice,
 * and the payment officer sees the recovery plan that later payments deduct from.
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

test('a re-review change effective from a paid month creates overpayment rows, a recovery plan and a notice', async () => {
  // 长春 urban standard 830 yuan × 2 members − 2 × 100 yuan = 1460 yuan a month.
  const enrolled = await enrolInDistrict(platform, 10_000);
  const clerk = await platform.as('kc.clerk');
  const { householdId } = enrolled;
  const running = await waitForRecipient(clerk, `/api/recipients/${householdId}`, (r) => r.lifecycle?.status === 'active');
  const start = running.startMonth as string;
  await env.sleep(monthStart(addMonths(start, 1)) + 3_600_000 - (await env.currentTimeMs()));
  await waitForRecipient(clerk, `/api/recipients/${householdId}/ledger`, (l) => l.entries.length === 2);

  expect((await (await platform.as('kc.village')).post(`/api/recipients/${householdId}/complaints`, { channel: 'phone', content: '群众反映户主有固定工作' })).status).toBe(201);
  // Income since the first month: 600 + 100 yuan → (1660 − 700) = 960 yuan; 500 yuan a month overpaid, twice.
  const incomes = [
    { memberId: enrolled.memberIds[0], monthlyIncomeFen: 60_000 },
    { memberId: enrolled.memberIds[1], monthlyIncomeFen: 10_000 },
  ];
  const investigator = new Caseworker(await platform.as('kc.investigator'));
  const task = await investigator.task(householdId, 're_review');
  const http = await platform.as('kc.investigator');
  await http.post(`/api/tasks/${encodeURIComponent(task.id)}/claim`);
  const wrong = await http.post(`/api/tasks/${encodeURIComponent(task.id)}/complete`, { step: 're_review', outcome: 'continue', effectiveMonth: start, reason: '核实' });
  expect(wrong.status).toBe(400);
  expect(wrong.body.error.issues[0].field).toBe('effectiveMonth');
  const done = await http.post(`/api/tasks/${encodeURIComponent(task.id)}/complete`, { step: 're_review', outcome: 'change', incomes, effectiveMonth: start, reason: '户主自首月起在超市就业' });
  expect(done.status).toBe(200);

  const ledger = await waitForRecipient(clerk, `/api/recipients/${householdId}/ledger`, (l) => l.entries.some((e: any) => e.kind === 'overpayment'));
  expect(ledger.entries.filter((e: any) => e.kind === 'overpayment').map((e: any) => [e.month, e.amountFen]).sort()).toEqual([
    [start, -50_000],
    [addMonths(start, 1), -50_000],
  ]);
  const plans = (await (await platform.as('kc.payment')).get(`/api/payments/households/${householdId}/recovery-plans`)).body.items;
  expect(plans).toEqual([expect.objectContaining({ reference: task.id.slice(householdId.length + 1), totalFen: 100_000, remainingFen: 100_000, method: 'deduct' })]);
  const timeline = (await clerk.get(`/api/recipients/${householdId}/timeline`)).body.events;
  const notice = timeline.find((e: any) => e.type === 'notice' && e.code === 'overpayment');
  expect(notice).toMatchObject({ data: { amountFen: 100_000 } });
  expect(notice.text).toContain('1000.00元');
});
