import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { isSampled } from '../../workflows/programs/dibao/sampling';
import { DEMO_VILLAGES, shippedPolicy } from '../helpers/policies';
import { timeSkippingEnv, unique } from '../helpers/temporal';
import { actor } from './case-driver';
import { withCase } from './workflow-harness';

/** Each shipped region takes its own route, on the time-skipping server: publicity passes in no wall time. */

// One server per test: the time-skipping clock is global to a server, so tests must not share it.
let env: TestWorkflowEnvironment;
beforeEach(async () => {
  env = await timeSkippingEnv();
});
afterEach(async () => {
  await env?.teardown();
});

function caseId(sampled: boolean, rate = 0.3): string {
  for (;;) {
    const id = unique('app');
    if (isSampled(id, rate) === sampled) return id;
  }
}

const eligible = (incomeFen: number) =>
  ({ step: 'home_visit', recommendation: 'eligible', disputed: false, incomes: [{ memberId: 'm1', monthlyIncomeFen: incomeFen }] }) as const;

test('county (灌云县): nine steps with two publicities; a sampled case gets the county visit', async () => {
  const policy = shippedPolicy(DEMO_VILLAGES.county);
  const result = await withCase(env, { policy, applicationId: caseId(true), record: 'application-v1-county-approved' }, async (c) => {
    await c.complete('acceptance', { step: 'acceptance', outcome: 'accept' });
    await c.complete('home_visit', eligible(20_000));
    expect(c.store.checks).toHaveLength(1);
    await c.complete('appraisal', { step: 'appraisal', outcome: 'pass', votesFor: 9, votesAgainst: 0 });
    await c.passPublicity();
    await c.complete('township_review', { step: 'township_review', outcome: 'approve' });
    await c.passPublicity();
    await c.complete('county_sampling', { step: 'county_sampling', outcome: 'confirmed' });
    const final = await c.complete('county_approval', { step: 'county_approval', outcome: 'approve' });
    expect(final.status).toBe('approved');
    const steps = [...c.store.tasks.values()].map((t) => t.step);
    expect(steps).toEqual(['acceptance', 'home_visit', 'appraisal', 'township_review', 'county_sampling', 'county_approval']);
    expect(c.store.publicity.map((p) => [p.step, p.outcome])).toEqual([
      ['publicity_investigation', 'passed'],
      ['publicity_review', 'passed'],
    ]);
    return c.handle.result();
  });
  // 连云港 urban standard 535 yuan, one member earning 200 yuan: (535 − 200) × 1 = 335 yuan.
  expect(result).toMatchObject({ status: 'approved', amountFen: 33_500 });
});

test('county: a case outside the sample goes straight to county approval', async () => {
  const policy = shippedPolicy(DEMO_VILLAGES.county);
  await withCase(env, { policy, applicationId: caseId(false) }, async (c) => {
    await c.complete('acceptance', { step: 'acceptance', outcome: 'accept' });
    await c.complete('home_visit', eligible(0));
    await c.complete('appraisal', { step: 'appraisal', outcome: 'pass', votesFor: 7, votesAgainst: 2 });
    await c.passPublicity();
    await c.complete('township_review', { step: 'township_review', outcome: 'approve' });
    await c.passPublicity();
    await c.complete('county_approval', { step: 'county_approval', outcome: 'approve' });
    expect(c.store.openTasks('county_sampling')).toHaveLength(0);
    expect([...c.store.tasks.values()].some((t) => t.step === 'county_sampling')).toBe(false);
  });
});

test("county: the county's floor, drawn when the case reaches the county, can sample a case the lottery left out", async () => {
  const policy = shippedPolicy(DEMO_VILLAGES.county);
  const id = caseId(false);
  await withCase(env, { policy, applicationId: id, record: 'application-v4-sampling-quota' }, async (c) => {
    c.store.sampleOverride = true;
    await c.complete('acceptance', { step: 'acceptance', outcome: 'accept' });
    await c.complete('home_visit', eligible(0));
    await c.complete('appraisal', { step: 'appraisal', outcome: 'pass', votesFor: 7, votesAgainst: 2 });
    await c.passPublicity();
    expect(c.store.draws).toEqual([]);
    await c.complete('township_review', { step: 'township_review', outcome: 'approve' });
    await c.passPublicity();
    await c.complete('county_sampling', { step: 'county_sampling', outcome: 'confirmed' });
    await c.complete('county_approval', { step: 'county_approval', outcome: 'approve' });
    expect(c.store.draws).toEqual([id]);
  });
});

test('district (宽城区): parallel check, no publicity, township confirmation by a second person, then district filing', async () => {
  const policy = shippedPolicy(DEMO_VILLAGES.district, { approval: { samplingRate: 0 } });
  const result = await withCase(env, { policy, record: 'application-v1-district-filed' }, async (c) => {
    await c.complete('acceptance', { step: 'acceptance', outcome: 'accept' });
    const visit = await c.task('home_visit');
    // Parallel: the check ran without waiting for the visit.
    await c.waitFor(() => c.store.checks.length === 1);
    expect(c.store.tasks.get(visit.taskId)?.status).toBe('open');
    await c.complete('home_visit', eligible(30_000));
    await c.complete('township_review', { step: 'township_review', outcome: 'approve' }, actor('township_reviewer', 'A'));
    // The same reviewer may not also confirm: 谁审查、谁签字 — two tiers, two people.
    await expect(
      c.complete('township_confirmation', { step: 'township_confirmation', outcome: 'approve' }, actor('township_reviewer', 'A')),
    ).rejects.toMatchObject({ cause: { type: 'SeparationOfDuties' } });
    const decided = await c.complete(
      'township_confirmation',
      { step: 'township_confirmation', outcome: 'approve' },
      actor('township_reviewer', 'B'),
    );
    expect(decided).toMatchObject({ status: 'approved', stage: 'filing' });
    expect(c.store.publicity).toHaveLength(0);
    await c.complete('filing', { step: 'filing', outcome: 'acknowledged' });
    return c.handle.result();
  });
  // 长春 urban standard 830 yuan, income 300 yuan: 530 yuan.
  expect(result).toMatchObject({ status: 'approved', amountFen: 53_000 });
});

test('city (铁岭市): undisputed case skips appraisal and has one publicity, after review', async () => {
  const policy = shippedPolicy(DEMO_VILLAGES.city, { approval: { samplingRate: 0 } });
  await withCase(env, { policy }, async (c) => {
    await c.complete('acceptance', { step: 'acceptance', outcome: 'accept' });
    await c.complete('home_visit', eligible(10_000));
    await c.complete('township_review', { step: 'township_review', outcome: 'approve' });
    await c.passPublicity();
    await c.complete('county_approval', { step: 'county_approval', outcome: 'approve' });
    expect([...c.store.tasks.values()].map((t) => t.step)).toEqual(['acceptance', 'home_visit', 'township_review', 'county_approval']);
    expect(c.store.publicity.map((p) => p.step)).toEqual(['publicity_review']);
    expect(await c.handle.result()).toMatchObject({ status: 'approved', amountFen: 60_000 });
  });
});

test('city: a disputed case goes to democratic appraisal', async () => {
  const policy = shippedPolicy(DEMO_VILLAGES.city, { approval: { samplingRate: 0 } });
  await withCase(env, { policy }, async (c) => {
    await c.complete('acceptance', { step: 'acceptance', outcome: 'accept' });
    await c.complete('home_visit', { ...eligible(10_000), disputed: true });
    await c.complete('appraisal', { step: 'appraisal', outcome: 'pass', votesFor: 5, votesAgainst: 4 });
    await c.complete('township_review', { step: 'township_review', outcome: 'reject', reasonCode: 'income_above_standard' });
    expect(await c.handle.result()).toMatchObject({ status: 'rejected', reasonCode: 'income_above_standard' });
    expect(c.store.decisions[0]).toMatchObject({ status: 'rejected', actor: actor('township_reviewer') });
  });
});
