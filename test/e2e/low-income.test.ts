import { startPlatform, type Platform } from './platform';
import { waitForCase } from './caseworker';
import { enrolInDistrict } from './recipients';

/**
 * 低收入家庭认定 through HTTP: a 低保 application whose assessed income is above the standard and below the region's
 * multiple of it (宽城区: urban standard 830 yuan, 1.5 ×) is refused for 低保 and recognised as 低收入 by the same
 * decision, with a written notice and a place in the register carrying its special-assistance eligibility; exactly at
 * the multiple it is neither (低于 is strict); the register keeps to the caller's subtree.
 */
let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
}, 60_000);
afterAll(async () => {
  await platform?.stop();
});

test('income between the standard and 1.5 × refuses 低保 and recognises the household as 低收入, with its notice', async () => {
  // Two members at 900 yuan: 1,800 yuan, above 2 × 830 and below 1.5 × 2 × 830 = 2,490.
  const household = await enrolInDistrict(platform, 90_000);
  const clerk = await platform.as('kc.clerk');
  const decided = await waitForCase(clerk, household.applicationId, (c) => c.status === 'rejected');
  expect(decided.decision).toMatchObject({ status: 'rejected', reasonCode: 'income_above_standard' });
  const notice = decided.notices.find((n: any) => n.kind === 'low_income');
  expect(notice.text).toContain('认定为低收入家庭');
  expect(notice.text).toContain('人均月收入900.00元');
  expect(notice.text).toMatch(/医疗、教育、住房、取暖/);
  expect(decided.notices.map((n: any) => n.kind).sort()).toEqual(['low_income', 'rejection']);

  const register = (await clerk.get('/api/low-income-households')).body;
  const row = register.items.find((r: any) => r.applicationId === household.applicationId);
  expect(row).toMatchObject({ caseNo: decided.caseNo, members: 2, perCapitaIncomeFen: 90_000, standardFen: 83_000, multiplier: 1.5, reviewDue: false });
  expect(row.head).toMatch(/\*/);
  expect(row.assistance).toEqual(['medical', 'education', 'housing', 'heating']);
  expect(row.reviewDueMonth > decided.decision.decidedAt.slice(0, 7)).toBe(true);
  expect((await clerk.get('/api/low-income-households?dueForReview=true')).body.items).toEqual([]);
  // Another county's caseworkers do not see it.
  expect((await (await platform.as('gy.clerk')).get('/api/low-income-households')).body.items).toEqual([]);
  expect((await clerk.get('/api/low-income-households?region=320723')).status).toBe(404);
  expect((await clerk.get('/api/low-income-households?dueForReview=maybe')).body.error.issues[0].field).toBe('dueForReview');
});

test('exactly at 1.5 × the standard a household is neither 低保 nor 低收入', async () => {
  // Two members at 1,245 yuan: 2,490 yuan, the multiple itself.
  const household = await enrolInDistrict(platform, 124_500);
  const clerk = await platform.as('kc.clerk');
  const decided = await waitForCase(clerk, household.applicationId, (c) => c.status === 'rejected');
  expect(decided.notices.map((n: any) => n.kind)).toEqual(['rejection']);
  const register = (await clerk.get('/api/low-income-households?pageSize=100')).body;
  expect(register.items.find((r: any) => r.applicationId === household.applicationId)).toBeUndefined();
});

test('五类三层: a 低保 household stands in the core layer, a 低收入 one in the extended layer, a sudden event adds the 急难 layer', async () => {
  const clerk = await platform.as('kc.clerk');
  const enrolled = await enrolInDistrict(platform, 10_000);
  await waitForCase(clerk, enrolled.applicationId, (c) => c.status === 'approved');
  const core = (await clerk.get(`/api/households/${enrolled.householdId}/layers`)).body;
  expect(core).toMatchObject({ layer: 'core', programs: [expect.objectContaining({ layer: 'core', program: 'dibao', status: 'active' })] });
  expect(core.eligible.map((e: any) => [e.assistance, e.because])).toEqual([['medical', 'dibao'], ['education', 'dibao'], ['housing', 'dibao'], ['heating', 'dibao']]);

  const edge = await enrolInDistrict(platform, 90_000);
  await waitForCase(clerk, edge.applicationId, (c) => c.status === 'rejected');
  const raised = await clerk.post('/api/emergency-requests', { householdId: edge.householdId, eventType: 'fire', peopleAffected: 2, amountAskedFen: 100_000, eventDescription: '厨房失火', need: '临时生活费' });
  expect(raised.status).toBe(201);
  const layers = (await clerk.get(`/api/households/${edge.householdId}/layers`)).body;
  expect(layers.layer).toBe('extended');
  expect(layers.programs.map((p: any) => [p.layer, p.program])).toEqual([['extended', 'low_income'], ['emergency', 'emergency']]);
  expect(layers.programs[0]).toMatchObject({ perCapitaIncomeFen: 90_000, standardFen: 83_000, multiplier: 1.5 });
  expect(layers.eligible.every((e: any) => e.because === 'low_income')).toBe(true);
  // Outside the caller's subtree the household is not found.
  expect((await (await platform.as('gy.clerk')).get(`/api/households/${edge.householdId}/layers`)).status).toBe(404);
});
