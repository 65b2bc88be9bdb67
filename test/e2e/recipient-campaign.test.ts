import { startMissingLifecycles } from '../../activities/recipients/lifecycle-backfill';
import { recipientTaskQueueFor } from '../../workflows/recipient/definitions';
import { DEMO_VILLAGES } from '../helpers/policies';
import { applicationBody } from '../helpers/factories';
import type { Http } from '../helpers/http';
import { startPlatform, type Platform } from './platform';
import { enrolInDistrict, waitForRecipient, type Enrolled } from './recipients';

/**
 * Region-wide re-reviews and complaints through HTTP on the Temporal dev server: a 专项治理 campaign over a township
 * opens exactly one task per recipient household however often it is started, with its progress; a complaint opens
 * an immediate re-review that auditors can see; the investigator's outcome ends a household, which may apply again;
 * a standard change reaches every live household; the backfill starts a workflow only where one is missing.
 */

let platform: Platform;
let households: Enrolled[];
beforeAll(async () => {
  platform = await startPlatform();
  // A second administrator of the district, whose account predates the proposals it approves.
  await platform.addUser('kc.admin.b', 'administrator', '220103');
  households = [await enrolInDistrict(platform, 10_000), await enrolInDistrict(platform, 20_000)];
}, 120_000);
afterAll(async () => {
  await platform?.stop();
});

const TOWNSHIP = DEMO_VILLAGES.district.slice(0, 9);

async function reReviews(investigator: Http, filter: (t: any) => boolean, count: number): Promise<any[]> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const res = await investigator.get('/api/inbox?step=re_review&pageSize=100');
    const found = res.body.items.filter(filter);
    if (found.length >= count || Date.now() > deadline) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function complete(investigator: Http, taskId: string, decision: Record<string, unknown>) {
  const claimed = await investigator.post(`/api/tasks/${encodeURIComponent(taskId)}/claim`);
  expect(claimed.status).toBe(200);
  return investigator.post(`/api/tasks/${encodeURIComponent(taskId)}/complete`, { step: 're_review', ...decision });
}

test('a campaign over a township: one task per recipient, started twice, with done / pending / overdue', async () => {
  const admin = await platform.as('kc.admin');
  for (const h of households) await waitForRecipient(admin, `/api/recipients/${h.householdId}`, (r) => r.lifecycle?.status === 'active');
  const body = { from: '2026-01-01', to: '2099-12-31', reason: '2026年低保专项治理' };
  const first = await admin.post(`/api/admin/regions/${TOWNSHIP}/re-review-campaigns`, body);
  expect(first.status).toBe(201);
  const second = await admin.post(`/api/admin/regions/${TOWNSHIP}/re-review-campaigns`, body);
  expect(second.body.id).toBe(first.body.id);
  const jobId = first.body.id as string;
  expect(first.body).toMatchObject({ kind: 'campaign', regionCode: TOWNSHIP, total: 2 });

  const progress = await waitForRecipient(admin, `/api/admin/lifecycle-jobs/${jobId}`, (j) => j.status === 'finished' && j.tasks.pending === 2);
  expect(progress).toMatchObject({ sent: 2, skipped: 0, tasks: { households: 2, done: 0, pending: 2, overdue: 0, notYetOpened: 0 } });

  const investigator = await platform.as('kc.investigator');
  const tasks = await reReviews(investigator, (t) => t.id.endsWith(`:campaign:${jobId}`), 2);
  expect(tasks.map((t) => t.caseId).sort()).toEqual(households.map((h) => h.householdId).sort());
  expect(tasks.every((t) => t.caseType === 'recipient' && t.role === 'township_investigator' && t.stepLabel === '复核' && !t.urgent)).toBe(true);

  const done = await complete(investigator, tasks[0].id, { outcome: 'continue', reason: '复核家庭情况无变化' });
  expect(done.status).toBe(200);
  expect(done.body.case).toMatchObject({ status: 'active', openTasks: [] });
  const stale = await investigator.post(`/api/tasks/${encodeURIComponent(tasks[0].id)}/complete`, { step: 're_review', outcome: 'continue', reason: '再次提交' });
  expect(stale.status).toBe(409);
  const after = await waitForRecipient(admin, `/api/admin/lifecycle-jobs/${jobId}`, (j) => j.tasks.done === 1);
  expect(after.tasks).toMatchObject({ households: 2, done: 1, pending: 1, overdue: 0 });
  const timeline = await admin.get(`/api/recipients/${tasks[0].caseId}/timeline`);
  expect(timeline.body.events.map((e: any) => `${e.type}:${e.code}`)).toEqual(expect.arrayContaining(['re_review:campaign', 're_review_closed:continue', 'notice:continue']));

  expect((await (await platform.as('gy.admin')).post(`/api/admin/regions/${TOWNSHIP}/re-review-campaigns`, body)).status).toBe(404);
});

test('a complaint opens an urgent re-review that auditors see; terminating it ends the household, which may apply again', async () => {
  const [target] = households;
  const village = await platform.as('kc.village');
  const raised = await village.post(`/api/recipients/${target.householdId}/complaints`, { channel: 'phone', content: '群众来电反映该户家中有小汽车' });
  expect(raised.status).toBe(201);
  const investigator = await platform.as('kc.investigator');
  const [task] = await reReviews(investigator, (t) => t.id === raised.body.taskId, 1);
  expect(task).toMatchObject({ caseId: target.householdId, urgent: true });

  const auditor = await platform.as('kc.auditor');
  const listed = await auditor.get('/api/complaints');
  expect(listed.status).toBe(200);
  expect(listed.body.items).toEqual([expect.objectContaining({ id: raised.body.complaintId, householdId: target.householdId, channel: 'phone', content: '群众来电反映该户家中有小汽车', reReview: { taskId: task.id, status: 'open' } })]);
  expect((await (await platform.as('yz.auditor')).get('/api/complaints')).body.items).toEqual([]);
  expect((await investigator.get('/api/complaints')).status).toBe(403);

  const again = applicationBody(DEMO_VILLAGES.district, { members: target.members });
  const clerk = await platform.as('kc.clerk');
  expect((await clerk.post('/api/applications', again)).status).toBe(409);

  const ended = await complete(investigator, task.id, { outcome: 'terminate', reasonCode: 'assets_above_limit', reason: '入户核实家中有小汽车一辆' });
  expect(ended.status).toBe(200);
  expect(ended.body.case.status).toBe('terminated');
  // The household's other open re-review (the campaign's, if still open) is cancelled as its workflow ends.
  await waitForRecipient(clerk, `/api/recipients/${target.householdId}`, (r) => r.status === 'terminated' && r.openTasks.length === 0);
  const timeline = await clerk.get(`/api/recipients/${target.householdId}/timeline`);
  const notice = timeline.body.events.find((e: any) => e.type === 'notice' && e.code === 'terminated');
  expect(notice.text).toContain('家庭财产超过规定条件');

  expect((await village.post(`/api/recipients/${target.householdId}/complaints`, { channel: 'phone', content: '再次反映' })).status).toBe(409);
  expect((await clerk.post('/api/applications', again)).status).toBe(201);
});

test('a standard change from this month waits for a second administrator, then recomputes every live household under the new version', async () => {
  const live = households[1];
  const admin = await platform.as('kc.admin');
  const before = await waitForRecipient(admin, `/api/recipients/${live.householdId}/ledger`, (l) => l.entries.length === 1);
  const month = before.entries[0].month as string;
  const change = { effectiveMonth: month, standards: { urbanFen: 90_000, ruralFen: 70_000 }, reason: '2026年低保标准调整' };
  const started = await admin.post(`/api/admin/regions/${TOWNSHIP}/standard-changes`, change);
  expect(started.status).toBe(201);
  expect(started.body).toMatchObject({ kind: 'standard_change', status: 'proposed', params: { policyVersionId: expect.any(String) } });
  const versionId = started.body.params.policyVersionId as string;
  // Before anyone signs, its budget consequence from the household's last assessment: 900 × 2 − 400 = 1400 yuan.
  const impact = (await admin.get(`/api/admin/policy-versions/${versionId}/impact`)).body;
  expect(impact).toMatchObject({ households: 1, changed: 1, monthlyBeforeFen: 126_000, monthlyAfterFen: 140_000, monthlyDiffFen: 14_000, yearlyDiffFen: 168_000 });
  expect(impact).toMatchObject({ enterGradualExit: 0, exit: 0, unassessed: 0, excludedRegions: [] });
  expect(impact.townships).toEqual([expect.objectContaining({ code: TOWNSHIP, households: 1, diffFen: 14_000 })]);
  // The same change again is the same proposal; nothing moves before the second pair of eyes.
  expect((await admin.post(`/api/admin/regions/${TOWNSHIP}/standard-changes`, change)).body.id).toBe(started.body.id);
  expect((await admin.post(`/api/admin/regions/${TOWNSHIP}/standard-changes`, { ...change, effectiveMonth: '2020-01' })).status).toBe(422);
  expect((await admin.post(`/api/admin/policy-versions/${versionId}/approve`, { reason: '同意' })).body.error.code).toBe('four_eyes');
  await new Promise((r) => setTimeout(r, 500));
  expect((await admin.get(`/api/recipients/${live.householdId}/ledger`)).body.entries).toHaveLength(1);

  const approved = await (await platform.as('kc.admin.b')).post(`/api/admin/policy-versions/${versionId}/approve`, { reason: '经局务会研究同意' });
  expect(approved.status).toBe(200);
  const job = await waitForRecipient(admin, `/api/admin/lifecycle-jobs/${started.body.id}`, (j) => j.status === 'finished');
  expect(job).toMatchObject({ sent: 1, skipped: 0, total: 1 });

  // 900 yuan × 2 − 2 × 200 yuan = 1400 yuan, up from 1260: 140 yuan arrears for the month already recorded.
  const ledger = await waitForRecipient(admin, `/api/recipients/${live.householdId}/ledger`, (l) => l.entries.length === 2);
  expect(ledger.entries.map((e: any) => [e.month, e.kind, e.amountFen, e.reference])).toEqual([
    [month, 'arrears', 14_000, started.body.id],
    [month, 'regular', 126_000, null],
  ]);
  // The arrears row names the approved version's snapshot; the regular row keeps the enrolment's.
  const [arrears, regular] = ledger.entries;
  expect(arrears.policySnapshotId).not.toBe(regular.policySnapshotId);
  const policy = (await admin.get(`/api/regions/${DEMO_VILLAGES.district}/policy`)).body;
  expect(policy.document.standards).toEqual(change.standards);
  expect(arrears.policySnapshotId).toBe(policy.snapshotId);
  // The notice of the new amount follows the arrears; the enrolment row takes its amount, the lifecycle the version.
  const record = await waitForRecipient(admin, `/api/recipients/${live.householdId}`, (r) => r.monthlyBenefitFen === 140_000);
  expect(record.lifecycle).toMatchObject({ amountFen: 140_000, policy: { snapshotId: policy.snapshotId } });
  expect((await (await platform.as('kc.auditor')).get(`/api/admin/lifecycle-jobs/${started.body.id}`)).status).toBe(200);
  expect((await (await platform.as('yz.admin')).get(`/api/admin/lifecycle-jobs/${started.body.id}`)).status).toBe(404);
});

test('a rejected standard change recomputes nobody and leaves the standard as it was', async () => {
  const admin = await platform.as('kc.admin');
  const month = (await admin.get(`/api/recipients/${households[1].householdId}/ledger`)).body.entries[0].month as string;
  const standardsBefore = (await admin.get(`/api/regions/${DEMO_VILLAGES.district}/policy`)).body.document.standards;
  const started = await admin.post(`/api/admin/regions/${TOWNSHIP}/standard-changes`, { effectiveMonth: month, standards: { urbanFen: 15_000, ruralFen: 10_000 }, reason: '误操作' });
  expect(started.body.status).toBe('proposed');
  // Income 400 yuan for two: above 150 × 2 and below twice that — 渐退, the amount kept while it runs.
  const impact = (await admin.get(`/api/admin/policy-versions/${started.body.params.policyVersionId}/impact`)).body;
  expect(impact).toMatchObject({ households: 1, changed: 0, monthlyDiffFen: 0, enterGradualExit: 1, exit: 0 });
  // At 100 yuan the income is exactly twice the line: not below it (低于 is strict), so the household would exit.
  const lower = await admin.post(`/api/admin/regions/${TOWNSHIP}/standard-changes`, { effectiveMonth: month, standards: { urbanFen: 10_000, ruralFen: 8_000 }, reason: '误操作' });
  const exiting = (await admin.get(`/api/admin/policy-versions/${lower.body.params.policyVersionId}/impact`)).body;
  expect(exiting).toMatchObject({ households: 1, changed: 1, monthlyAfterFen: 0, monthlyDiffFen: -140_000, enterGradualExit: 0, exit: 1 });
  await (await platform.as('kc.admin.b')).post(`/api/admin/policy-versions/${lower.body.params.policyVersionId}/reject`, { reason: '标准不得下调' });
  const rejected = await (await platform.as('kc.admin.b')).post(`/api/admin/policy-versions/${started.body.params.policyVersionId}/reject`, { reason: '标准不得下调' });
  expect(rejected.status).toBe(200);
  expect((await admin.get(`/api/admin/lifecycle-jobs/${started.body.id}`)).body).toMatchObject({ status: 'rejected', sent: 0 });
  expect((await admin.get(`/api/regions/${DEMO_VILLAGES.district}/policy`)).body.document.standards).toEqual(standardsBefore);
});

test('a live household whose workflow is missing gets one from the backfill; a running one is left alone', async () => {
  const live = households[1];
  const handle = platform.temporal.workflow.getHandle(`dibao-recipient-${live.householdId}`);
  await handle.terminate('lost for the test');
  const queue = recipientTaskQueueFor(platform.env.TEMPORAL_TASK_QUEUE);
  expect(await startMissingLifecycles(platform.db.orm, platform.temporal, queue, 1)).toBeGreaterThanOrEqual(1);
  const restarted = await platform.temporal.workflow.getHandle(`dibao-recipient-${live.householdId}`).describe();
  expect(restarted.status.name).toBe('RUNNING');
  await startMissingLifecycles(platform.db.orm, platform.temporal, queue);
  expect((await platform.temporal.workflow.getHandle(`dibao-recipient-${live.householdId}`).describe()).runId).toBe(restarted.runId);

  const clerk = await platform.as('kc.clerk');
  // The new run records its first month (already in the ledger: the key keeps it single) and goes on.
  await waitForRecipient(clerk, `/api/recipients/${live.householdId}`, (r) => r.lifecycle?.status === 'active' && r.lifecycle.nextMonth > r.startMonth);
  const ledger = await clerk.get(`/api/recipients/${live.householdId}/ledger`);
  expect(ledger.body.entries.filter((e: any) => e.kind === 'regular')).toHaveLength(1);
});
