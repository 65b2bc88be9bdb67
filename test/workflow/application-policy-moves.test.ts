import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { adoptPolicyUpdate } from '../../workflows/application/definitions';
import { DEMO_VILLAGES, shippedCalendar, shippedPolicy } from '../helpers/policies';
import { timeSkippingEnv } from '../helpers/temporal';
import { actor } from './case-driver';
import { withCase } from './workflow-harness';

/** Policy versions and running cases: a case keeps its version unless moved; clocks may pause. */

let env: TestWorkflowEnvironment;
beforeEach(async () => {
  env = await timeSkippingEnv();
});
afterEach(async () => {
  await env?.teardown();
});

const county = (override: Record<string, unknown> = {}) => shippedPolicy(DEMO_VILLAGES.county, { approval: { samplingRate: 0 }, ...override });
const visit = { step: 'home_visit', recommendation: 'eligible', disputed: false, incomes: [] } as const;
const calendar = shippedCalendar();

test('a case keeps the limits it started under; a case moved to a newer version takes them from its current step', async () => {
  const v1 = county();
  const v2 = county({ acceptance: { limitDays: 8 }, investigation: { limitDays: 3 } });
  expect(v2.snapshotId).not.toBe(v1.snapshotId);

  await withCase(env, { policy: v1 }, async (kept) => {
    const acceptance = await kept.task('acceptance');
    expect(acceptance.dueAt).toBe(calendar.addWorkingDays(acceptance.fromMs, 5).at);
  });

  await withCase(env, { policy: v1, record: 'application-v2-policy-move' }, async (c) => {
    const acceptance = await c.task('acceptance');
    const moved = await c.handle.executeUpdate(adoptPolicyUpdate, { args: [{ policy: v2, actor: actor('administrator') }] });
    expect(moved.policy).toEqual({ snapshotId: v2.snapshotId, label: v2.label });
    // The open step keeps its start and takes the new limit: 8 working days from when it opened.
    expect(c.store.tasks.get(acceptance.taskId)?.dueAt).toBe(calendar.addWorkingDays(acceptance.fromMs, 8).at);
    expect(moved.openTasks[0].dueAt).toBe(calendar.addWorkingDays(acceptance.fromMs, 8).at);
    expect(c.store.policyMoves).toEqual([v2.snapshotId]);
    // Later steps use the new version's limits.
    await c.complete('acceptance', { step: 'acceptance', outcome: 'accept' });
    const home = await c.task('home_visit');
    expect(home.workingDays).toBe(3);
    await expect(c.handle.executeUpdate(adoptPolicyUpdate, { args: [{ policy: v2, actor: actor('administrator') }] })).rejects.toMatchObject({
      cause: { type: 'SamePolicy' },
    });
  });
});

test('a move to a version without the current kind of step continues with the next step of the procedure', async () => {
  const withAppraisal = county();
  const without = county({ appraisal: { mode: 'off' }, publicity: { afterInvestigation: { enabled: false } } });
  await withCase(env, { policy: withAppraisal }, async (c) => {
    await c.complete('acceptance', { step: 'acceptance', outcome: 'accept' });
    await c.complete('home_visit', visit);
    await c.task('appraisal');
    await c.handle.executeUpdate(adoptPolicyUpdate, { args: [{ policy: without, actor: actor('administrator') }] });
    await c.complete('appraisal', { step: 'appraisal', outcome: 'pass', votesFor: 5, votesAgainst: 0 });
    // The new route has neither appraisal nor the village publicity: township review is next.
    await c.task('township_review');
    expect(c.store.publicity).toHaveLength(0);
  });
});

test('with the clock paused during publicity, the overall deadline moves later by the publicity period', async () => {
  const policy = shippedPolicy(DEMO_VILLAGES.city, {
    approval: { samplingRate: 0 },
    overallLimitDays: 40,
    clock: { pauseDuringPublicity: true, pauseWhileAwaitingApplicant: false },
  });
  await withCase(env, { policy, record: 'application-v2-clock-pause' }, async (c) => {
    await c.complete('acceptance', { step: 'acceptance', outcome: 'accept' });
    const { overallDueAt: original } = await c.waitFor((s) => s.overallDueAt !== undefined);
    await c.complete('home_visit', visit);
    await c.complete('township_review', { step: 'township_review', outcome: 'approve' });
    const during = await c.waitFor((s) => s.publicity !== undefined);
    const startedAt = await env.currentTimeMs();
    await c.passPublicity();
    const after = await c.waitFor((s) => s.overallDueAt !== original);
    const paused = after.overallDueAt! - original!;
    // Paused for the whole period: from its start to just after its end (seven days and a little).
    expect(paused).toBeGreaterThanOrEqual(during.publicity!.endsAt - startedAt);
    expect(paused).toBeLessThan(during.publicity!.endsAt - startedAt + 5 * 60_000);
    expect([...c.store.shifts.keys()]).toEqual(['pause:publicity_review:1']);
  });
});

test('without the pause, publicity counts against the overall limit', async () => {
  const policy = shippedPolicy(DEMO_VILLAGES.city, { approval: { samplingRate: 0 }, overallLimitDays: 40 });
  await withCase(env, { policy }, async (c) => {
    await c.complete('acceptance', { step: 'acceptance', outcome: 'accept' });
    const { overallDueAt } = await c.waitFor((s) => s.overallDueAt !== undefined);
    await c.complete('home_visit', visit);
    await c.complete('township_review', { step: 'township_review', outcome: 'approve' });
    await c.passPublicity();
    await c.task('county_approval');
    expect((await c.state()).overallDueAt).toBe(overallDueAt);
    expect(c.store.shifts.size).toBe(0);
  });
});
