import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DEMO_VILLAGES, shippedPolicy } from '../helpers/policies';
import { timeSkippingEnv } from '../helpers/temporal';
import { actor } from './case-driver';
import { withCase } from './workflow-harness';

/** Timers move cases by themselves: publicity, objections, overdue escalation, supplement and overall deadlines. */

// One server per test: the time-skipping clock is global to a server, so tests must not share it.
let env: TestWorkflowEnvironment;
beforeEach(async () => {
  env = await timeSkippingEnv();
});
afterEach(async () => {
  await env?.teardown();
});

const visit = { step: 'home_visit', recommendation: 'eligible', disputed: false, incomes: [] } as const;
const county = (override: Record<string, unknown> = {}) =>
  shippedPolicy(DEMO_VILLAGES.county, { approval: { samplingRate: 0 }, ...override });

test('an objection during publicity sends the case back to investigation, then to publicity again', async () => {
  await withCase(env, { policy: county(), record: 'application-v1-objection-loop' }, async (c) => {
    await c.complete('acceptance', { step: 'acceptance', outcome: 'accept' });
    await c.complete('home_visit', visit);
    await c.complete('appraisal', { step: 'appraisal', outcome: 'pass', votesFor: 8, votesAgainst: 1 });
    await c.waitFor((s) => s.publicity?.step === 'publicity_investigation');

    const after = await c.objection('objection-1');
    expect(after).toMatchObject({ round: 2, disputed: true });
    expect(['investigation', 'home_visit']).toContain(after.stage);
    await c.task('home_visit', 2);
    expect(c.store.checks.map((k) => k.round)).toEqual([1, 2]);
    expect(c.store.publicity[0]).toMatchObject({ step: 'publicity_investigation', round: 1, outcome: 'objected' });

    await c.complete('home_visit', visit);
    await c.complete('appraisal', { step: 'appraisal', outcome: 'pass', votesFor: 6, votesAgainst: 3 });
    await c.passPublicity();
    expect(c.store.publicity[1]).toMatchObject({ step: 'publicity_investigation', round: 2, outcome: 'passed' });
    await c.task('township_review');
  });
});

test('objections loop back at most maxObjectionRounds times; later ones are noted for the reviewer', async () => {
  await withCase(env, { policy: county({ publicity: { maxObjectionRounds: 1 } }) }, async (c) => {
    await c.complete('acceptance', { step: 'acceptance', outcome: 'accept' });
    await c.complete('home_visit', visit);
    await c.complete('appraisal', { step: 'appraisal', outcome: 'pass', votesFor: 8, votesAgainst: 1 });
    await c.waitFor((s) => s.publicity !== undefined);
    await c.objection('o-1');
    await c.complete('home_visit', visit);
    await c.complete('appraisal', { step: 'appraisal', outcome: 'pass', votesFor: 8, votesAgainst: 1 });
    await c.waitFor((s) => s.publicity !== undefined);

    const noted = await c.objection('o-2');
    expect(noted).toMatchObject({ round: 2, publicity: { objections: 1 } });
    expect(c.store.events.map((e) => e.action)).toEqual(['objection_reinvestigate', 'objection_noted']);
    await c.passPublicity();
    await c.task('township_review');
  });
});

test('an objection outside a publicity period is refused', async () => {
  await withCase(env, { policy: county() }, async (c) => {
    await c.task('acceptance');
    await expect(c.objection('too-early')).rejects.toMatchObject({ cause: { type: 'NotInPublicity' } });
  });
});

test('an overdue step is marked overdue and escalates to the supervising role; completing it closes the escalation', async () => {
  await withCase(env, { policy: county() }, async (c) => {
    const acceptance = await c.task('acceptance');
    await c.skipTo(acceptance.dueAt);
    const state = await c.waitFor((s) => s.openTasks.some((t) => t.step === 'escalation'));
    expect(state.openTasks.find((t) => t.step === 'acceptance')).toMatchObject({ overdue: true });
    const escalation = c.store.openTasks('escalation')[0];
    expect(escalation).toMatchObject({ role: 'township_reviewer', escalationOf: acceptance.taskId });
    expect(c.store.tasks.get(acceptance.taskId)?.overdue).toBe(true);

    await c.complete('acceptance', { step: 'acceptance', outcome: 'accept' });
    expect(c.store.tasks.get(escalation.taskId)?.status).toBe('cancelled');
  });
});

test('a supervisor can hand overdue work to a backup (AB岗)', async () => {
  await withCase(env, { policy: county() }, async (c) => {
    const acceptance = await c.task('acceptance');
    await c.skipTo(acceptance.dueAt);
    await c.task('escalation');
    await c.complete('escalation', { step: 'escalation', outcome: 'reassigned', reassignTo: 'township_clerk:B' });
    expect(c.store.tasks.get(acceptance.taskId)?.assigneeId).toBe('township_clerk:B');
    await c.complete('acceptance', { step: 'acceptance', outcome: 'accept' }, actor('township_clerk', 'B'));
  });
});

test('missing documents not supplied by the deadline close the case with a written reason', async () => {
  // Three working days to supplement: the window closes before the home visit falls due, so this test is about the
  // supplement deadline alone (deadlines falling in the same instant are left to their own investigation).
  const policy = county({ intake: { supplementDays: 3 } });
  const result = await withCase(env, { policy, missingDocuments: ['household_register'] }, async (c) => {
    await c.complete('acceptance', { step: 'acceptance', outcome: 'accept' });
    const supplement = await c.task('supplement');
    await c.skipTo(supplement.dueAt);
    const outcome = await c.handle.result();
    expect(c.store.openTasks()).toHaveLength(0);
    return outcome;
  });
  expect(result).toMatchObject({ status: 'closed', reasonCode: 'supplement_overdue' });
});

test('supplied documents complete the file; a partial supplement is refused', async () => {
  await withCase(env, { policy: county(), missingDocuments: ['household_register', 'income_proof'] }, async (c) => {
    await expect(c.complete('supplement', { step: 'supplement', documents: ['household_register'] })).rejects.toMatchObject({
      cause: { type: 'IncompleteSupplement' },
    });
    const state = await c.complete('supplement', { step: 'supplement', documents: ['household_register', 'income_proof'] });
    expect(state.documentsComplete).toBe(true);
    await c.complete('acceptance', { step: 'acceptance', outcome: 'accept' });
  });
});

test('the overall decision limit (宽城区: 15 working days) alerts the district by itself', async () => {
  const policy = shippedPolicy(DEMO_VILLAGES.district, { approval: { samplingRate: 0 } });
  await withCase(env, { policy }, async (c) => {
    await c.complete('acceptance', { step: 'acceptance', outcome: 'accept' });
    const { overallDueAt } = await c.waitFor((s) => s.overallDueAt !== undefined);
    await c.skipTo(overallDueAt!);
    await c.waitFor((s) => s.openTasks.some((t) => t.taskId.endsWith(':overall_limit')));
    expect(c.store.events.find((e) => e.key === 'overall_overdue')).toMatchObject({ step: 'overall_limit', dueAt: overallDueAt });
    expect(c.store.tasks.get(`${(await c.state()).applicationId}:overall_limit`)).toMatchObject({ role: 'county_approver' });
  });
});
