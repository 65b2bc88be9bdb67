import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { isoDate, shanghaiDay } from '../../workflows/domain/calendar';
import { addMonths, monthOf, monthStart } from '../../workflows/domain/months';
import { tekunApplicationWorkflowId, tekunSupportWorkflowId } from '../../workflows/tekun/definitions';
import { fakeBankAccount, fakeIdNumber } from '../helpers/factories';
import { historyText } from '../helpers/history-text';
import type { Http } from '../helpers/http';
import { timeSkippingEnv } from '../helpers/temporal';
import { HISTORIES } from '../workflow/case-harness';
import { waitForRun } from './payments';
import { startPlatform, type Platform } from './platform';
import { waitForRecipient } from './recipients';

/**
 * 特困供养 through HTTP with every part real, on the time-skipping server: a township clerk takes the application, the
 * investigator assesses (三无, 自理能力, 分散供养), the township confirms and the district files; the support records
 * each month's entitlement, which the county's payment run pays; a year on the review continues it at the amount now
 * found, and a death ends it with a notice. A person who fails the 三无 test cannot be approved, only rejected.
 */

let env: TestWorkflowEnvironment;
let platform: Platform;
beforeEach(async () => {
  env = await timeSkippingEnv();
  platform = await startPlatform({ timeSkipping: env });
  await platform.addUser('cc.admin', 'administrator', '220100');
});
afterEach(async () => {
  await platform?.stop();
  await env?.teardown();
});

const URBAN = '220103001001'; // 团山社区, 宽城区
/** 崇阳县's published figures (seed 003), with 300 yuan a month of care for partial self-care. */
const TEKUN = {
  basicLiving: { urban: { fen: 100_000, per: 'month' }, rural: { fen: 820_000, per: 'year' } },
  care: { full: { fen: 0, per: 'month' }, partial: { fen: 30_000, per: 'month' }, none: { fen: 1_290_800, per: 'year' } },
};
const able = { eating: true, dressing: true, transferring: true, toileting: true, indoor_walking: true, bathing: true };
const facts = { disability: null, monthlyIncomeFen: 20_000, assetsWithinLimits: true, supporters: [{ able: false }] };
const findings = (step: string, over: Record<string, unknown> = {}) => ({ step, person: facts, selfCare: { ...able, bathing: false }, arrangement: { mode: 'dispersed' }, reason: '入户调查:独居,子女已故', ...over });

async function setTekunPolicy(): Promise<void> {
  const proposed = await (await platform.as('kc.admin')).post('/api/admin/regions/220103/policy-versions', { override: { tekun: TEKUN }, effectiveFrom: isoDate(shanghaiDay(Date.now())), reason: '特困供养标准' });
  expect(proposed.status).toBe(201);
  expect((await (await platform.as('cc.admin')).post(`/api/admin/policy-versions/${proposed.body.id}/approve`, { reason: '同意' })).status).toBe(200);
}

function application(birthDate = '1944-05-06') {
  return { regionCode: URBAN, address: '团山社区3栋1号', phone: null, person: { name: '韩桂兰', idNumber: fakeIdNumber('220103', birthDate), birthDate }, bankAccount: { bankName: '中国农业银行长春宽城支行', accountNumber: fakeBankAccount() } };
}

async function taskOf(http: Http, caseId: string, step: string): Promise<any> {
  const inbox = await waitForRecipient(http, `/api/inbox?step=${step}&pageSize=100`, (b) => b.items.some((t: any) => t.caseId === caseId));
  return inbox.items.find((t: any) => t.caseId === caseId);
}

const complete = (http: Http, task: any, body: Record<string, unknown>) => http.post(`/api/tasks/${encodeURIComponent(task.id)}/complete`, body);

async function sleepUntil(at: number): Promise<void> {
  await env.sleep(at - (await env.currentTimeMs()));
}

test('applied, assessed, confirmed and filed; paid each month through the payment run; reviewed a year on; ended on death', async () => {
  const clerk = await platform.as('kc.clerk');
  // Until the district publishes its 特困 standards nobody can apply: the region field says why.
  const early = await clerk.post('/api/tekun/applications', application());
  expect([early.status, early.body.error.issues]).toEqual([422, [{ field: 'regionCode', rule: expect.stringContaining('no 特困供养 policy') }]]);
  await setTekunPolicy();

  const bad = await clerk.post('/api/tekun/applications', { ...application(), person: { name: '', idNumber: '220103194405060001', birthDate: '1950-01-01' } });
  expect(bad.status).toBe(400);
  expect(bad.body.error.issues.map((i: any) => i.field).sort()).toEqual(['person.birthDate', 'person.idNumber', 'person.name']);

  const body = application();
  const key = { 'Idempotency-Key': 'tekun-apply-1' };
  const created = await clerk.post('/api/tekun/applications', body, key);
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ caseNo: expect.stringMatching(/^TK-220103-\d{8}-[2-9A-Z]{5}$/), status: 'assessing', workflowStarted: true });
  const caseId: string = created.body.id;
  expect((await clerk.post('/api/tekun/applications', body, key)).body).toEqual(created.body);
  // One person, one case: the same person cannot apply twice (nor for 低保 while this runs).
  expect((await clerk.post('/api/tekun/applications', body)).body.error.code).toBe('duplicate_application');

  const investigator = await platform.as('kc.investigator');
  const assessment = await taskOf(investigator, caseId, 'tekun_assessment');
  expect(assessment).toMatchObject({ caseType: 'tekun', caseNo: created.body.caseNo, role: 'township_investigator', status: 'open' });
  const refused = await complete(investigator, assessment, findings('tekun_assessment', { arrangement: { mode: 'centralized' }, reason: '' }));
  expect(refused.status).toBe(400);
  expect(refused.body.error.issues.map((i: any) => i.field).sort()).toEqual(['arrangement.institutionId', 'reason']);
  expect((await complete(await platform.as('kc.reviewer'), assessment, findings('tekun_assessment'))).body.error.code).toBe('wrong_role');
  const assessed = await complete(investigator, assessment, findings('tekun_assessment'));
  expect(assessed.status).toBe(200);
  expect(assessed.body.case).toMatchObject({ assessed: { eligible: true, monthlySupportFen: 130_000 } });

  const reviewer = await platform.as('kc.reviewer');
  const confirmation = await taskOf(reviewer, caseId, 'tekun_confirmation');
  expect((await complete(reviewer, confirmation, { step: 'tekun_confirmation', outcome: 'reject' })).body.error.issues).toEqual([{ field: 'reason', rule: expect.stringContaining('required') }]);
  const approvedAt = await env.currentTimeMs();
  const approved = await complete(reviewer, confirmation, { step: 'tekun_confirmation', outcome: 'approve', reason: '符合三无条件' });
  expect(approved.status).toBe(200);
  const startMonth = addMonths(monthOf(approvedAt), 1);
  expect(approved.body.case.result).toEqual({ outcome: 'approved', startMonth });

  const approver = await platform.as('kc.approver');
  const filing = await taskOf(approver, caseId, 'tekun_filing');
  expect((await complete(approver, filing, { step: 'tekun_filing', outcome: 'acknowledged' })).status).toBe(200);

  const page = await waitForRecipient(clerk, `/api/tekun/cases/${caseId}`, (c) => c.filedAt !== null);
  expect(page).toMatchObject({
    status: 'supported',
    person: { name: '韩**', idNumber: expect.stringMatching(/^220103\*{10}..$/), age: expect.any(Number) },
    assessment: { eligibility: { eligible: true, unmet: [] }, selfCare: { level: 'partial', unable: ['bathing'] }, support: { basicLivingFen: 100_000, careFen: 30_000, totalFen: 130_000 }, arrangement: { payee: 'person' } },
    support: { status: 'active', mode: 'dispersed', selfCareLevel: 'partial', monthlySupportFen: 130_000, startMonth, reviewDueMonth: addMonths(startMonth, 12), reviews: 0 },
    entitlements: [],
  });
  expect(page.notices.map((n: any) => n.kind)).toEqual(['tekun_approval']);
  expect(page.notices[0].text).toContain('合计1300.00元');
  expect(page.timeline.map((e: any) => e.action)).toEqual(['submitted', 'task_opened', 'tekun_assessed', 'task_opened', 'tekun_approved', 'task_opened', 'tekun_filed']);
  expect(JSON.stringify(page)).not.toContain(body.person.idNumber);
  // 五类三层: the person's household is in the core layer by 特困供养, with the special assistance that follows.
  const layers = (await clerk.get(`/api/households/${page.householdId}/layers`)).body;
  expect([layers.layer, layers.programs.map((p: any) => [p.layer, p.program])]).toEqual(['core', [['core', 'tekun']]]);
  expect(layers.programs[0]).toMatchObject({ monthlySupportFen: 130_000, mode: 'dispersed', selfCareLevel: 'partial', since: startMonth });
  expect(layers.eligible.map((e: any) => e.because)).toContain('tekun');
  // Awaited only now: waiting on a result lets the time-skipping server jump to the support's first month.
  const applicationRun = platform.temporal.workflow.getHandle(tekunApplicationWorkflowId(caseId));
  expect(await applicationRun.result()).toEqual({ outcome: 'approved', startMonth });

  // Its first month: the support records the entitlement and the district's payment run pays it to the account.
  await sleepUntil(monthStart(startMonth) + 3_600_000);
  const paid = await waitForRecipient(clerk, `/api/tekun/cases/${caseId}`, (c) => c.entitlements.length === 1);
  expect(paid.entitlements).toEqual([{ month: startMonth, amountFen: 130_000, kind: 'regular' }]);
  const officer = await platform.as('kc.payment');
  const run = await officer.post('/api/payments/runs', { countyCode: '220103', month: startMonth });
  expect(run.status).toBe(201);
  const sealed = await waitForRun(officer, run.body.id, (r) => r.status === 'awaiting_approval');
  expect([sealed.paymentCount, sealed.totalFen]).toEqual([1, 130_000]);

  // A year on the annual review opens; the person now manages alone: support continues at the basic living amount.
  await sleepUntil(monthStart(addMonths(startMonth, 12)) + 3_600_000);
  const review = await taskOf(investigator, caseId, 'tekun_review');
  const reviewed = await complete(investigator, review, findings('tekun_review', { selfCare: able, reason: '年度复核:生活能自理' }));
  expect(reviewed.status).toBe(200);
  const after = await waitForRecipient(clerk, `/api/tekun/cases/${caseId}`, (c) => c.support.reviews === 1);
  expect(after.support).toMatchObject({ status: 'active', selfCareLevel: 'full', monthlySupportFen: 100_000, reviewDueMonth: addMonths(startMonth, 24) });
  expect(after.entitlements.map((e: any) => e.month)).toEqual(Array.from({ length: 13 }, (_, i) => addMonths(startMonth, 12 - i)));

  // Death: reported by the township from the next month; a month already recorded cannot be unpaid this way.
  const nextMonth = addMonths(startMonth, 13);
  const ended = (month: string) => clerk.post(`/api/tekun/cases/${caseId}/end`, { reason: 'death', effectiveMonth: month, note: '本人于月中病故' });
  expect((await ended(startMonth)).body.error.code).toBe('month_already_recorded');
  const badEnd = await clerk.post(`/api/tekun/cases/${caseId}/end`, { reason: 'lost', effectiveMonth: '2027-13', note: '' });
  expect(badEnd.body.error.issues.map((i: any) => i.field).sort()).toEqual(['effectiveMonth', 'note', 'reason']);
  const end = await ended(nextMonth);
  expect([end.status, end.body]).toEqual([200, { id: caseId, status: 'ended', endMonth: nextMonth, reason: 'death' }]);
  expect((await ended(nextMonth)).status).toBe(200);
  const gone = await waitForRecipient(clerk, `/api/tekun/cases/${caseId}`, (c) => c.status === 'ended');
  expect(gone.support).toMatchObject({ status: 'ended', endReason: 'death', endMonth: nextMonth });
  expect(gone.notices.find((n: any) => n.kind === 'tekun_end').text).toContain('因供养对象死亡');
  const supportRun = platform.temporal.workflow.getHandle(tekunSupportWorkflowId(caseId));
  expect(await supportRun.result()).toEqual({ reason: 'death', endMonth: nextMonth });
  if (process.env.RECORD_HISTORIES) {
    // Recorded for the replay test (fetching a history lets the time-skipping server move on, so only now).
    writeFileSync(resolve(HISTORIES, 'tekun-application-v1-approved.json'), historyToJSON(await applicationRun.fetchHistory()));
    writeFileSync(resolve(HISTORIES, 'tekun-support-v1-reviewed-ended.json'), historyToJSON(await supportRun.fetchHistory()));
  }
  await sleepUntil(monthStart(addMonths(nextMonth, 1)));
  expect((await clerk.get(`/api/households/${page.householdId}/layers`)).body.layer).toBeNull();
  expect((await clerk.get(`/api/tekun/cases/${caseId}`)).body.entitlements[0].month).toBe(addMonths(startMonth, 12));
  // Another county does not see the case.
  expect((await (await platform.as('gy.clerk')).get(`/api/tekun/cases/${caseId}`)).status).toBe(404);
}, 240_000);

test('a person with an able supporter cannot be approved: the township rejects with a notice naming the condition', async () => {
  await setTekunPolicy();
  const clerk = await platform.as('kc.clerk');
  const body = application('1950-02-03');
  const created = await clerk.post('/api/tekun/applications', body);
  const caseId: string = created.body.id;
  const investigator = await platform.as('kc.investigator');
  await complete(investigator, await taskOf(investigator, caseId, 'tekun_assessment'), findings('tekun_assessment', { person: { ...facts, disability: { kind: 'physical', grade: 3 }, supporters: [{ able: true }] } }));
  const reviewer = await platform.as('kc.reviewer');
  const confirmation = await taskOf(reviewer, caseId, 'tekun_confirmation');
  const approve = await complete(reviewer, confirmation, { step: 'tekun_confirmation', outcome: 'approve' });
  expect([approve.status, approve.body.error.code]).toEqual([409, 'not_eligible']);
  const rejected = await complete(reviewer, confirmation, { step: 'tekun_confirmation', outcome: 'reject', reason: '其子有赡养能力' });
  expect(rejected.body.case.result).toEqual({ outcome: 'rejected', startMonth: null });
  const page = await waitForRecipient(clerk, `/api/tekun/cases/${caseId}`, (c) => c.status === 'rejected');
  expect(page.support).toBeNull();
  // The disability found is on the record but, as on every case page, not shown without an audited reveal.
  expect(page.assessment.facts.disability).toBe('*');
  expect(JSON.stringify(page)).not.toContain('physical');
  expect(page.notices.map((n: any) => n.kind)).toEqual(['tekun_rejection']);
  expect(page.notices[0].text).toContain('有具备履行能力的赡养、抚养、扶养义务人');
  // No filing after a rejection, and the person may apply again (the claim was released).
  expect((await (await platform.as('kc.approver')).get('/api/inbox?step=tekun_filing')).body.items).toEqual([]);
  expect((await clerk.post('/api/tekun/applications', body)).status).toBe(201);
  // The workflow saw ids and codes only: not the name, the ID number, the disability or the township's reasons.
  const history = historyText(await platform.temporal.workflow.getHandle(tekunApplicationWorkflowId(caseId)).fetchHistory());
  expect(history).toContain(`\\"caseId\\":\\"${caseId}\\"`);
  expect(history).toContain('tekun_assessment');
  for (const secret of [body.person.name, body.person.idNumber, 'physical', '其子有赡养能力', '入户调查']) expect([secret, history.includes(secret)]).toEqual([secret, false]);
}, 120_000);

test('集中供养: the month is owed to the care institution, settled with it and kept out of the household bank file', async () => {
  await setTekunPolicy();
  const clerk = await platform.as('kc.clerk');
  const created = await clerk.post('/api/tekun/applications', application('1938-07-08'));
  const caseId: string = created.body.id;
  const investigator = await platform.as('kc.investigator');
  const none = { eating: false, dressing: false, transferring: false, toileting: false, indoor_walking: false, bathing: false };
  const centralized = findings('tekun_assessment', { selfCare: none, arrangement: { mode: 'centralized', institutionId: '宽城区社会福利院' } });
  expect((await complete(investigator, await taskOf(investigator, caseId, 'tekun_assessment'), centralized)).status).toBe(200);
  const reviewer = await platform.as('kc.reviewer');
  const approvedAt = await env.currentTimeMs();
  expect((await complete(reviewer, await taskOf(reviewer, caseId, 'tekun_confirmation'), { step: 'tekun_confirmation', outcome: 'approve' })).status).toBe(200);
  const startMonth = addMonths(monthOf(approvedAt), 1);
  await sleepUntil(monthStart(startMonth) + 3_600_000);
  // 1,000 yuan a month basic living + 12,908 yuan a year of care (1,075.67 a month, rounded up).
  const page = await waitForRecipient(clerk, `/api/tekun/cases/${caseId}`, (c) => c.entitlements.length === 1);
  expect(page.entitlements).toEqual([{ month: startMonth, amountFen: 207_567, kind: 'institution' }]);
  expect(page.support).toMatchObject({ mode: 'centralized', institutionId: '宽城区社会福利院', payee: 'institution' });
  // The county left its filing past the 10 working days: marked overdue, still open (the work is not skipped).
  const filing = await taskOf(await platform.as('kc.approver'), caseId, 'tekun_filing');
  expect([filing.status, filing.overdue]).toEqual(['open', true]);
  expect(page.timeline.map((e: any) => e.action).slice(-2)).toEqual(['task_opened', 'overdue']);

  const officer = await platform.as('kc.payment');
  const settlement = await officer.get(`/api/tekun/institution-settlements?countyCode=220103&month=${startMonth}`);
  expect(settlement.body).toMatchObject({ countyCode: '220103', month: startMonth, institutions: [{ institutionId: '宽城区社会福利院', persons: 1, totalFen: 207_567 }], persons: 1, totalFen: 207_567 });
  expect((await officer.get(`/api/tekun/institution-settlements?countyCode=220103&month=${addMonths(startMonth, -1)}`)).body.institutions).toEqual([]);
  expect((await officer.get('/api/tekun/institution-settlements?countyCode=22010&month=2027-13')).body.error.issues.map((i: any) => i.field).sort()).toEqual(['countyCode', 'month']);
  expect((await (await platform.as('gy.payment')).get(`/api/tekun/institution-settlements?countyCode=220103&month=${startMonth}`)).status).toBe(404);
  const run = await officer.post('/api/payments/runs', { countyCode: '220103', month: startMonth });
  expect((await waitForRun(officer, run.body.id, (r) => r.status !== 'preparing')).status).toBe('empty');
}, 120_000);
