import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { LowIncomeRecheckStarter } from '../../activities/low-income/recheck-starter';
import { addMonths, monthStart } from '../../workflows/domain/months';
import { lowIncomeRecheckWorkflowId } from '../../workflows/low-income/definitions';
import { recipientTaskQueueFor } from '../../workflows/recipient/definitions';
import { timeSkippingEnv } from '../helpers/temporal';
import { HISTORIES } from '../workflow/case-harness';
import { waitForCase } from './caseworker';
import type { Http } from '../helpers/http';
import { startPlatform, type Platform } from './platform';
import { enrolInDistrict, waitForRecipient } from './recipients';

/**
 * 低收入 复核 through HTTP with every part real, on the time-skipping server so a year passes in no wall time: a
 * household recognised as 低收入 gets its re-check workflow; in its due month a re-check task reaches the township
 * investigator; findings still in the band keep it on the register with the next re-check a year on, findings below
 * the 低保 standard end the recognition. Bad findings are refused naming the field; a retry answers as the first.
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

const STEP = 'low_income_recheck';

async function recheckTask(investigator: Http, recordId: string): Promise<any> {
  const inbox = await waitForRecipient(investigator, `/api/inbox?step=${STEP}&pageSize=100`, (b) => b.items.some((t: any) => t.caseId === recordId));
  return inbox.items.find((t: any) => t.caseId === recordId);
}

async function sleepUntil(at: number): Promise<void> {
  await env.sleep(at - (await env.currentTimeMs()));
}

test('in its due month a 低收入 household is re-checked: in the band it stays a year more, below the standard it leaves', async () => {
  // Two members at 900 yuan: 1,800 yuan, above 2 × 830 and below 1.5 × 2 × 830 = 2,490 (宽城区, urban).
  const household = await enrolInDistrict(platform, 90_000);
  const clerk = await platform.as('kc.clerk');
  await waitForCase(clerk, household.applicationId, (c) => c.status === 'rejected');
  const entry = (await clerk.get('/api/low-income-households')).body.items.find((r: any) => r.applicationId === household.applicationId);
  const recordId: string = entry.id;

  // The worker's relay starts the re-check workflow of a new register entry (one sweep here).
  const starter = new LowIncomeRecheckStarter(platform.db.orm, platform.temporal, recipientTaskQueueFor(platform.env.TEMPORAL_TASK_QUEUE));
  expect(await starter.relayPending(0)).toBe(1);
  expect(await starter.relayPending(0)).toBe(0);
  const investigator = await platform.as('kc.investigator');
  expect((await investigator.get(`/api/inbox?step=${STEP}`)).body.items).toEqual([]);

  await sleepUntil(monthStart(entry.reviewDueMonth) + 3_600_000);
  const task = await recheckTask(investigator, recordId);
  expect(task).toMatchObject({ caseType: 'low_income', caseNo: entry.caseNo, role: 'township_investigator', status: 'open' });
  const page = await investigator.get(`/api/low-income-households/${recordId}`);
  expect(page.body).toMatchObject({ status: 'active', rechecks: 0, reviewDueMonth: entry.reviewDueMonth });
  expect(page.body.timeline.map((e: any) => e.action)).toEqual(['task_opened']);

  // Findings are checked field by field before anything reaches the workflow.
  const complete = (body: Record<string, unknown>) => investigator.post(`/api/tasks/${encodeURIComponent(task.id)}/complete`, { step: STEP, ...body });
  const missing = await complete({ members: 0, totalIncomeFen: 180_000.5, assetsWithinLimits: true });
  expect(missing.status).toBe(400);
  expect(missing.body.error.issues.map((i: any) => i.field).sort()).toEqual(['members', 'reason', 'totalIncomeFen']);
  // Another role is refused by the workflow.
  expect((await (await platform.as('kc.reviewer')).post(`/api/tasks/${encodeURIComponent(task.id)}/complete`, { step: STEP, members: 2, totalIncomeFen: 180_000, assetsWithinLimits: true, reason: 'x' })).body.error.code).toBe('wrong_role');

  // Still 1,800 yuan for two: 低收入 again, next re-check twelve months on.
  const findings = { members: 2, totalIncomeFen: 180_000, assetsWithinLimits: true, reason: '入户复核：收入未变化' };
  const kept = await complete(findings);
  expect(kept.status).toBe(200);
  const dueMonth = entry.reviewDueMonth as string;
  expect(kept.body.case).toMatchObject({ status: 'rechecked', result: { placement: 'low_income', nextDueMonth: addMonths(dueMonth, 12) } });
  const retried = await complete(findings);
  expect([retried.status, retried.body.submissionId]).toEqual([200, kept.body.submissionId]);
  const after = await waitForRecipient(investigator, `/api/low-income-households/${recordId}`, (b) => b.rechecks === 1);
  expect(after).toMatchObject({ status: 'active', reviewDueMonth: addMonths(dueMonth, 12), perCapitaIncomeFen: 90_000, standardFen: 83_000 });
  expect(after.timeline.map((e: any) => e.action)).toEqual(['task_opened', 'low_income_continued']);
  expect(after.timeline[1]).toMatchObject({ step: STEP, actor: { role: 'township_investigator' }, data: { placement: 'low_income', nextDueMonth: addMonths(dueMonth, 12) } });
  expect((await investigator.get(`/api/tasks/${encodeURIComponent(task.id)}`)).body.status).toBe('completed');

  // A year on, the household earns 1,500 yuan: below 2 × 830, so it leaves the 低收入 register (低保 is the way now).
  await sleepUntil(monthStart(addMonths(dueMonth, 12)) + 3_600_000);
  const second = await recheckTask(investigator, recordId);
  expect(second.id).not.toBe(task.id);
  // Left past its 20 working days, the re-check is marked overdue and stays open.
  await sleepUntil(new Date(second.dueAt).getTime() + 3_600_000);
  const late = await waitForRecipient(investigator, `/api/tasks/${encodeURIComponent(second.id)}`, (t) => t.overdue === true);
  expect(late.status).toBe('open');
  const ended = await investigator.post(`/api/tasks/${encodeURIComponent(second.id)}/complete`, { step: STEP, ...findings, totalIncomeFen: 150_000, reason: '一人失业' });
  expect(ended.status).toBe(200);
  expect(ended.body.case.result).toEqual({ placement: 'dibao', nextDueMonth: null });
  const gone = await waitForRecipient(investigator, `/api/low-income-households/${recordId}`, (b) => b.status === 'ended');
  expect(gone).toMatchObject({ endedAs: 'dibao', rechecks: 2, assistance: [] });
  expect(gone.timeline.map((e: any) => e.action)).toEqual(['task_opened', 'low_income_continued', 'task_opened', 'overdue', 'low_income_ended']);
  expect((await clerk.get('/api/low-income-households?pageSize=100')).body.items.map((r: any) => r.id)).not.toContain(recordId);
  // The household gets a written notice of the end, on the case that recognised it (served as every notice is).
  const notices = (await clerk.get(`/api/applications/${household.applicationId}`)).body.notices;
  const end = notices.find((n: any) => n.kind === 'low_income_end');
  expect(end.text).toContain('人均月收入750.00元，低于当地最低生活保障标准830.00元');
  expect(end.text).toContain('可按规定申请最低生活保障');
  expect((await clerk.get(`/api/households/${household.householdId}/layers`)).body.programs.map((p: any) => p.program)).not.toContain('low_income');
  const workflow = platform.temporal.workflow.getHandle(lowIncomeRecheckWorkflowId(recordId));
  expect(await workflow.result()).toEqual({ placement: 'dibao', nextDueMonth: null });
  // Recorded for the replay test (RECORD_HISTORIES=1): the last run, from the continue-as-new to the end.
  if (process.env.RECORD_HISTORIES) writeFileSync(resolve(HISTORIES, 'low-income-recheck-v1-ended.json'), historyToJSON(await workflow.fetchHistory()));
  // Another county does not see the entry.
  expect((await (await platform.as('gy.clerk')).get(`/api/low-income-households/${recordId}`)).status).toBe(404);
}, 180_000);
