import { DEMO_VILLAGES } from '../helpers/policies';
import { applicationBody } from '../helpers/factories';
import { isoDate, shanghaiDay } from '../../workflows/domain/calendar';
import { Caseworker, waitForCase } from './caseworker';
import { startPlatform, type Platform } from './platform';

/** Administrators change how a region works: proposal, four-eyes approval, provenance, diffs, dry runs. */

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
  await platform.addUser('cc.admin', 'administrator', '220100');
});
afterAll(async () => {
  await platform?.stop();
});

const today = () => isoDate(shanghaiDay(Date.now()));

async function toReview(id: string) {
  await new Caseworker(await platform.as('kc.clerk')).complete(id, 'acceptance', { outcome: 'accept' });
  const clerk = await platform.as('kc.clerk');
  const detail = await waitForCase(clerk, id, (c) => c.checkReports.length === 1);
  const incomes = detail.household.members.map((m: any) => ({ memberId: m.id, monthlyIncomeFen: 0 }));
  await new Caseworker(await platform.as('kc.investigator')).complete(id, 'home_visit', { recommendation: 'eligible', disputed: false, incomes, reason: '属实' });
  await new Caseworker(await platform.as('kc.reviewer')).complete(id, 'township_review', { outcome: 'approve', reason: '通过' });
}

test('the effective configuration says where every value comes from', async () => {
  const admin = await platform.as('kc.admin');
  const res = await admin.get('/api/admin/regions/220103/config');
  expect(res.status).toBe(200);
  const field = (f: string) => res.body.fields.find((x: any) => x.field === f);
  expect(field('common.investigation.mode')).toMatchObject({ value: 'parallel', origin: 'here', source: '220103' });
  expect(field('dibao.standards.urbanFen')).toMatchObject({ value: 83_000, origin: 'inherited', source: '220100' });
  expect(field('lowIncome.multiplier')).toMatchObject({ value: 1.5, origin: 'national' });
});

test('proposals are validated whole: every error names the field, the value and the rule', async () => {
  const admin = await platform.as('kc.admin');
  const bad = await admin.post('/api/admin/regions/220103/policy-versions', {
    override: { common: { approval: { samplingRate: 1.5 }, acceptance: { limitDays: 0 } } },
    effectiveFrom: today(),
    reason: '试',
  });
  expect(bad.status).toBe(422);
  expect(bad.body.error.issues).toEqual(
    expect.arrayContaining([
      { field: 'override.common.approval.samplingRate', rule: 'must be at most 1 (given 1.5)' },
      { field: 'override.common.acceptance.limitDays', rule: 'must be at least 1 working day (given 0)' },
    ]),
  );
  const short = await admin.post('/api/admin/regions/220103/policy-versions', { override: { common: { overallLimitDays: 5 } }, effectiveFrom: today(), reason: '压缩时限' });
  expect(short.status).toBe(422);
  expect(short.body.error.issues[0].rule).toContain("sum of the mandatory steps' limits (13 working days)");
  const past = await admin.post('/api/admin/regions/220103/policy-versions', { override: {}, effectiveFrom: '2026-01-01', reason: '追溯' });
  expect(past.status).toBe(422);
  expect(past.body.error.issues[0].field).toBe('effectiveFrom');
});

test('four-eyes: a proposal takes effect only after a second administrator approves; running cases keep their version', async () => {
  const clerk = await platform.as('kc.clerk');
  const before = (await clerk.post('/api/applications', applicationBody(DEMO_VILLAGES.district))).body.id;

  const admin = await platform.as('kc.admin');
  // Written in the flat shape of clients from before the policy had sections: stored by section.
  const proposed = await admin.post('/api/admin/regions/220103/policy-versions', {
    override: { publicity: { afterReview: { enabled: true, days: 5 } }, overallLimitDays: 20, approval: { samplingRate: 0 } },
    effectiveFrom: today(),
    reason: '恢复审核后公示',
  });
  expect(proposed.status).toBe(201);
  expect(proposed.body).toMatchObject({ status: 'proposed', version: 2 });
  expect(proposed.body.changes).toEqual(expect.arrayContaining([{ field: 'common.publicity.afterReview.enabled', from: false, to: true }]));

  const self = await admin.post(`/api/admin/policy-versions/${proposed.body.id}/approve`, { reason: '自批' });
  expect(self.status).toBe(409);
  expect(self.body.error.code).toBe('four_eyes');
  const city = await platform.as('cc.admin');
  const approved = await city.post(`/api/admin/policy-versions/${proposed.body.id}/approve`, { reason: '同意' });
  expect(approved.status).toBe(200);
  expect(approved.body).toMatchObject({ status: 'active', reviewedReason: '同意', proposedReason: '恢复审核后公示' });

  const after = (await clerk.post('/api/applications', applicationBody(DEMO_VILLAGES.district))).body.id;
  await toReview(after);
  const posted = await waitForCase(clerk, after, (c) => c.publicity.length === 1);
  expect(posted.publicity[0]).toMatchObject({ step: 'publicity_review' });
  expect(posted.policy.label).toContain('220103 v2');

  await toReview(before);
  const unchanged = await waitForCase(clerk, before, (c) => c.stage === 'township_confirmation' || c.stage === 'county_sampling');
  expect(unchanged.publicity).toHaveLength(0);
  expect(unchanged.policy.label).toContain('220103 v1');

  const versions = (await admin.get('/api/admin/regions/220103/policy-versions')).body;
  expect(versions.map((v: any) => [v.version, v.status])).toEqual([
    [2, 'active'],
    [1, 'active'],
  ]);
  const diff = await admin.get(`/api/admin/policy-versions/${versions[1].id}/diff/${versions[0].id}`);
  expect(diff.body.changes).toEqual(expect.arrayContaining([{ field: 'common.overallLimitDays', from: 15, to: 20 }]));
  const governed = await admin.get(`/api/admin/policy-versions/${versions[0].id}/cases`);
  expect(governed.body.cases.map((c: any) => c.id)).toEqual([after]);
  const old = await admin.get(`/api/admin/policy-versions/${versions[1].id}/cases`);
  expect(old.body.cases.map((c: any) => c.id)).toContain(before);

  // An explicit, audited move takes the earlier case onto v2 from its current step.
  const pending = (await clerk.post('/api/applications', applicationBody(DEMO_VILLAGES.district))).body.id;
  const pendingLabel = (await clerk.get(`/api/applications/${pending}`)).body.policy.label;
  expect(pendingLabel).toContain('220103 v2');
  const moved = await admin.post('/api/admin/regions/220103/move-cases', { applicationIds: [before, pending], reason: '统一适用新规' });
  expect(moved.status).toBe(200);
  expect(moved.body.cases.map((c: any) => [c.id, c.outcome])).toEqual(
    expect.arrayContaining([
      [before, 'moved'],
      [pending, 'unchanged'],
    ]),
  );
  const movedCase = await waitForCase(clerk, before, (c) => c.policy.label.includes('220103 v2'));
  expect(movedCase.status).toBe('in_progress');
  const trail = (await clerk.get(`/api/applications/${before}/timeline`)).body.events;
  expect(trail.find((e: any) => e.action === 'policy_move_requested')).toMatchObject({ actor: { role: 'administrator' }, reason: '统一适用新规' });
  expect(trail.find((e: any) => e.action === 'policy_moved')).toBeTruthy();

  const dry = await admin.post('/api/admin/dry-run', { regionCode: '220103001001', date: today(), facts: {} });
  expect(dry.status).toBe(200);
  expect(dry.body.steps.map((s: any) => s.step)).toEqual(['acceptance', 'investigation', 'township_review', 'publicity_review', 'township_confirmation', 'filing']);

  // A change not yet proposed, side by side: a longer acceptance limit moves every later due date; the current
  // column is the same answer as without it, and a value the rules refuse names the field.
  const side = await admin.post('/api/admin/dry-run', { regionCode: '220103', date: '2026-12-30', facts: {}, proposal: { override: { common: { acceptance: { limitDays: 6 } } } } });
  expect([side.status, side.body.error?.issues]).toEqual([200, undefined]);
  const alone = await admin.post('/api/admin/dry-run', { regionCode: '220103', date: '2026-12-30', facts: {} });
  expect(side.body.steps).toEqual(alone.body.steps);
  const [now, then] = [side.body.steps, side.body.proposed.steps];
  expect(then[0].limit).toEqual({ workingDays: 6 });
  expect(new Date(then[0].dueAt).getTime()).toBeGreaterThan(new Date(now[0].dueAt).getTime());
  expect(new Date(then.at(-1).dueAt).getTime()).toBeGreaterThan(new Date(now.at(-1).dueAt).getTime());
  const refused = await admin.post('/api/admin/dry-run', { regionCode: '220103', date: '2026-12-30', facts: {}, proposal: { override: { common: { approval: { samplingRate: 1.5 } } } } });
  expect(refused.status).toBe(422);
  expect(refused.body.error.issues[0].field).toBe('proposal.override.common.approval.samplingRate');
  // Someone else's region is not previewed.
  expect((await admin.post('/api/admin/dry-run', { regionCode: '320723', date: '2026-12-30', facts: {}, proposal: { override: {} } })).status).toBe(404);
});

test('a township clerk cannot read or change configuration; a county administrator cannot touch another county', async () => {
  const clerk = await platform.as('kc.clerk');
  expect((await clerk.get('/api/admin/regions/220103/config')).status).toBe(403);
  expect((await clerk.post('/api/admin/regions/220103/policy-versions', { override: {}, effectiveFrom: today(), reason: 'x' })).status).toBe(403);
  const admin = await platform.as('kc.admin');
  expect((await admin.get('/api/admin/regions/320723/config')).status).toBe(404);
  const other = await admin.post('/api/admin/regions/320723/policy-versions', { override: { acceptance: { limitDays: 3 } }, effectiveFrom: today(), reason: 'x' });
  expect(other.status).toBe(404);
});

test('the inbox flags work close to its due time as at risk, before it is overdue', async () => {
  const kc = await platform.as('kc.clerk');
  const gy = await platform.as('gy.clerk');
  const district = (await kc.post('/api/applications', applicationBody(DEMO_VILLAGES.district))).body.id;
  const county = (await gy.post('/api/applications', applicationBody(DEMO_VILLAGES.county))).body.id;
  // 宽城区 gives acceptance 2 working days: within the 2-day warning from the start. 灌云县 gives 5.
  expect(await new Caseworker(kc).task(district, 'acceptance')).toMatchObject({ atRisk: true, overdue: false });
  expect(await new Caseworker(gy).task(county, 'acceptance')).toMatchObject({ atRisk: false });
});

test("the national administrator loads a year's holiday table; a past year cannot be rewritten; no other level may", async () => {
  const admin = await platform.as('cn.admin');
  const years = (await admin.get('/api/admin/calendars')).body;
  expect(years.find((y: any) => y.year === 2027)).toMatchObject({ published: false, holidays: [] });
  // A test table (not the real 2027 one, which has not been published): two weekdays off, one make-up Saturday.
  const table = { year: 2027, published: true, source: '测试用表', holidays: [{ name: '测试假日', from: '2027-01-04', to: '2027-01-05' }], makeUpWorkdays: ['2027-01-09'] };
  // The table sets every region's deadlines: a county or district administrator may not change it.
  for (const county of ['kc.admin', 'gy.admin']) {
    const refused = await (await platform.as(county)).request<any>('PUT', '/api/admin/calendars/2027', table);
    expect({ county, status: refused.status, code: refused.body.error.code }).toEqual({ county, status: 403, code: 'not_owner' });
  }
  const loaded = await admin.request('PUT', '/api/admin/calendars/2027', table);
  expect(loaded.status).toBe(200);
  expect((await admin.get('/api/admin/calendars')).body.find((y: any) => y.year === 2027)).toMatchObject({ published: true });
  // Deadlines reaching into 2027 no longer carry the unpublished-year warning, and skip the loaded holidays.
  const dry = await (await platform.as('kc.admin')).post('/api/admin/dry-run', { regionCode: '220103001001', date: '2026-12-30', facts: {} });
  expect(dry.body.steps.filter((s: any) => s.warning)).toEqual([]);
  // Acceptance (2 working days) from Wed 30 Dec: Thu 31, Fri 1 Jan. Investigation (5): Mon 4 and Tue 5 are off, the
  // make-up Saturday 9 Jan counts → Wed 6, Thu 7, Fri 8, Sat 9, Mon 11.
  expect(dry.body.steps[1].dueAt).toBe('2027-01-11T16:00:00.000Z');
  const past = await admin.request('PUT', '/api/admin/calendars/2025', { ...table, year: 2025, holidays: [], makeUpWorkdays: [] });
  expect(past.status).toBe(422);
  const invented = await admin.request('PUT', '/api/admin/calendars/2028', { year: 2028, published: false, source: 'x', holidays: [{ name: 'x', from: '2028-01-03', to: '2028-01-03' }], makeUpWorkdays: [] });
  expect(invented.status).toBe(400);
});
