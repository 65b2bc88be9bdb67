import { DEMO_VILLAGES } from '../helpers/policies';
import { applicationBody } from '../helpers/factories';
import { Caseworker, waitForCase } from './caseworker';
import { startPlatform, type Platform } from './platform';

/** Through HTTP against the Temporal dev server, with a real database and the departments sandbox. */

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(async () => {
  await platform?.stop();
});

const incomesOf = (detail: any, fen = 0) => detail.household.members.map((m: any) => ({ memberId: m.id, monthlyIncomeFen: fen }));

test('district (宽城区): every role plays its step through HTTP and the case is approved, confirmed and filed', async () => {
  const clerk = await platform.as('kc.clerk');
  const household = applicationBody(DEMO_VILLAGES.district);
  const created = await clerk.post('/api/applications', household);
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ status: 'in_progress', workflowStarted: true });
  const id = created.body.id;

  await new Caseworker(clerk).complete(id, 'acceptance', { outcome: 'accept' });
  const investigator = new Caseworker(await platform.as('kc.investigator'));
  await investigator.task(id, 'home_visit');
  // Parallel investigation: the check report is there while the visit is still open.
  const withReport = await waitForCase(clerk, id, (c) => c.checkReports.length === 1);
  expect(withReport.checkReports[0]).toMatchObject({ round: 1, flags: [] });
  await investigator.complete(id, 'home_visit', { recommendation: 'eligible', disputed: false, incomes: incomesOf(withReport, 20_000), reason: '入户核实，家中无劳动力' });

  const reviewer = new Caseworker(await platform.as('kc.reviewer'));
  await reviewer.complete(id, 'township_review', { outcome: 'approve', reason: '符合条件' });
  const approver = new Caseworker(await platform.as('kc.approver'));
  const sampled = await waitForCase(clerk, id, (c) => c.stage === 'county_sampling' || c.stage === 'township_confirmation');
  if (sampled.stage === 'county_sampling') await approver.complete(id, 'county_sampling', { outcome: 'confirmed', reason: '抽查入户属实' });
  // 不低于30%: the district's share this month, as its administrator sees it, meets its rate.
  const shares = await (await platform.as('kc.admin')).get('/api/admin/regions/220103/sampling');
  expect(shares.status).toBe(200);
  expect(shares.body.items).toEqual([expect.objectContaining({ county: expect.objectContaining({ code: '220103' }), rateBasisPoints: 3000, meetsRate: true })]);
  expect(shares.body.items[0].cases).toBeGreaterThanOrEqual(1);

  // 谁审查、谁签字: the reviewer may not also confirm.
  const confirmation = await reviewer.task(id, 'township_confirmation');
  const refused = await reviewer.http.post(`/api/tasks/${encodeURIComponent(confirmation.id)}/complete`, { step: 'township_confirmation', outcome: 'approve' });
  expect(refused.status).toBe(409);
  expect(refused.body.error.code).toBe('separation_of_duties');

  const second = new Caseworker(await platform.as('kc.reviewer2'));
  const confirmed = await second.complete(id, 'township_confirmation', { outcome: 'approve', reason: '同意' });
  expect(confirmed.case).toMatchObject({ status: 'approved', stage: 'filing' });
  await approver.complete(id, 'filing', { outcome: 'acknowledged' });

  const decided = await waitForCase(clerk, id, (c) => c.decision !== null);
  // 长春 urban standard 830 yuan × 2 members − declared/assessed income 2 × 200 yuan = 1260 yuan.
  expect(decided).toMatchObject({ status: 'approved', decision: { status: 'approved', amountFen: 126_000 } });
  expect(decided.notices[0]).toMatchObject({ kind: 'approval', servedAt: null });
  // The signed authorisation the check ran on: every member of age signed it, the day of intake.
  expect(decided.checkAuthorization).toMatchObject({ signedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
  expect(decided.checkAuthorization.signerMemberIds.length).toBeGreaterThanOrEqual(1);
  expect(decided.policy.label).toContain('220103');

  // 送达: the village assistant records how the notice reached the household; the case shows when.
  const village = await platform.as('kc.village');
  const noticeId = decided.notices[0].id;
  expect((await village.post(`/api/notices/${noticeId}/services`, { method: 'post', receivedBy: 'applicant', servedAt: '2999-01-01T10:00:00+08:00' })).status).toBe(400);
  const returned = await village.post(`/api/notices/${noticeId}/services`, { method: 'post', receivedBy: 'refused', servedAt: new Date(Date.now() - 3_600_000).toISOString(), note: '挂号信退回' });
  expect(returned.status).toBe(201);
  const handed = await village.post(`/api/notices/${noticeId}/services`, { method: 'in_person', receivedBy: 'applicant', servedAt: new Date().toISOString() });
  expect(handed.status).toBe(201);
  const services = (await clerk.get(`/api/notices/${noticeId}/services`)).body;
  expect(services.items.map((x: any) => [x.method, x.receivedBy])).toEqual([['post', 'refused'], ['in_person', 'applicant']]);
  expect((await waitForCase(clerk, id, (c) => c.notices[0].servedAt !== null)).notices[0].servedAt).toBe(handed.body.servedAt);
  expect((await (await platform.as('gy.village')).post(`/api/notices/${noticeId}/services`, { method: 'post', receivedBy: 'applicant', servedAt: new Date().toISOString() })).status).toBe(404);

  // 长期公示: the community's register lists the household — masked head, size, amount — and never an ID number.
  const board = await (await platform.as('kc.village')).get('/api/recipients/register/220103001001');
  expect(board.status).toBe(200);
  expect(board.body.entries).toEqual(expect.arrayContaining([{ head: '测**主', householdSize: 2, membersCounted: 2, monthlyBenefitFen: 126_000, since: expect.stringMatching(/^\d{4}-\d{2}$/) }]));
  for (const m of household.members) {
    expect(JSON.stringify(board.body)).not.toContain(m.idNumber);
    expect(JSON.stringify(board.body)).not.toContain(m.name);
  }
  expect((await (await platform.as('yz.village')).get('/api/recipients/register/220103001001')).status).toBe(404);

  const timeline = await clerk.get(`/api/applications/${id}/timeline`);
  expect(timeline.status).toBe(200);
  const steps = timeline.body.events.filter((e: any) => e.action === 'task_completed').map((e: any) => e.step);
  expect(steps).toEqual(expect.arrayContaining(['acceptance', 'home_visit', 'township_review', 'township_confirmation', 'filing']));
  const visit = timeline.body.events.find((e: any) => e.step === 'home_visit' && e.action === 'task_completed');
  expect(visit).toMatchObject({ actor: { role: 'township_investigator' }, reason: '入户核实，家中无劳动力' });
  expect(visit.dueAt).toBeTruthy();
  expect(visit.policy.label).toContain('220103');
});

test('county (灌云县): the case reaches 张榜公示 and an objection sends it back to investigation', async () => {
  const clerk = await platform.as('gy.clerk');
  const { body } = await clerk.post('/api/applications', applicationBody(DEMO_VILLAGES.county));
  const id = body.id;
  await new Caseworker(clerk).complete(id, 'acceptance', { outcome: 'accept' });
  const investigator = new Caseworker(await platform.as('gy.investigator'));
  const detail = await waitForCase(clerk, id, (c) => c.checkReports.length === 1);
  await investigator.complete(id, 'home_visit', { recommendation: 'eligible', disputed: false, incomes: incomesOf(detail), reason: '属实' });
  const village = new Caseworker(await platform.as('gy.village'));
  await village.complete(id, 'appraisal', { outcome: 'pass', panelSize: 11, present: 9, votesFor: 9, votesAgainst: 0 });

  const posted = await waitForCase(clerk, id, (c) => c.publicity.length === 1);
  const period = posted.publicity[0];
  expect(period).toMatchObject({ step: 'publicity_investigation', round: 1, outcome: null });
  // Seven calendar days, ending at 24:00 Asia/Shanghai (16:00Z).
  const days = (Date.parse(period.endsAt) - Date.parse(period.startsAt)) / 86_400_000;
  expect(days).toBeGreaterThan(7);
  expect(days).toBeLessThanOrEqual(8);
  expect(new Date(period.endsAt).getUTCHours()).toBe(16);

  const objected = await village.http.post(`/api/applications/${id}/objections`, { content: '该户有亲属在外务工，收入未申报', objectorName: null });
  expect(objected.status).toBe(201);
  expect(objected.body.case).toMatchObject({ round: 2, disputed: true });
  await investigator.task(id, 'home_visit');
  const after = await waitForCase(clerk, id, (c) => c.checkReports.length === 2);
  expect(after.publicity[0].outcome).toBe('objected');
  expect(after.objections[0]).toMatchObject({ status: 'reinvestigate' });

  // Outside a publicity period an objection is refused with the reason.
  const early = await village.http.post(`/api/applications/${id}/objections`, { content: '再次异议' });
  expect(early.status).toBe(409);
  expect(early.body.error.code).toBe('not_in_publicity');
});
