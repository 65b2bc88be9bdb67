import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { townshipLimitFen, ledgerYear } from '../../workflows/programs/emergency/emergency-rules';
import { DEMO_VILLAGES, shippedCalendar, shippedPolicy } from '../helpers/policies';
import { timeSkippingEnv } from '../helpers/temporal';
import { actor } from './case-driver';
import { FakeEmergencyStore } from './fake-emergency-activities';
import { COUNTY, TOWNSHIP, withEmergency } from './emergency-harness';

/** Who decides an emergency request, and when: the township within its clock hours, the county above its tier. */

let env: TestWorkflowEnvironment;
beforeEach(async () => {
  env = await timeSkippingEnv();
});
afterEach(async () => {
  await env?.teardown();
});

const HOUR = 3_600_000;
const policy = shippedPolicy(DEMO_VILLAGES.county);
const limit = townshipLimitFen(policy.document.standards, policy.document.emergency);

async function funded(fen = 10_000_000): Promise<FakeEmergencyStore> {
  const store = new FakeEmergencyStore(shippedCalendar());
  store.fund(TOWNSHIP, ledgerYear(await env.currentTimeMs()), fen);
  return store;
}

test('a request nobody touches escalates to the county at exactly the township limit, not before', async () => {
  await withEmergency(env, { policy, amountAskedFen: 100_000, store: await funded(), record: 'emergency-v1-escalated' }, async (c) => {
    const township = await c.task('emergency_township_decision');
    expect(township).toMatchObject({ rank: 0, role: 'township_reviewer', regionCode: TOWNSHIP });
    expect(township.dueAt - township.fromMs).toBe(24 * HOUR);

    await c.skip(township.dueAt - (await env.currentTimeMs()) - 60_000);
    const before = await c.state();
    expect(before.escalated).toBe(false);
    expect(before.openTasks.map((t) => t.step)).toEqual(['emergency_township_decision']);
    expect(c.store.openTasks('emergency_county_decision')).toHaveLength(0);

    await c.skip(2 * 60_000);
    const county = await c.task('emergency_county_decision');
    expect(county).toMatchObject({ rank: 0, role: 'county_approver', regionCode: COUNTY, escalationOf: township.taskId });
    expect(county.fromMs).toBeGreaterThanOrEqual(township.dueAt);
    expect(county.fromMs - township.dueAt).toBeLessThan(60_000);
    expect(c.store.tasks.get(township.taskId)).toMatchObject({ status: 'cancelled', overdue: true, overdueAgainst: TOWNSHIP });
    expect((await c.state()).escalated).toBe(true);

    const after = await c.decide('emergency_county_decision', { outcome: 'approve', amountFen: 100_000 });
    expect(after).toMatchObject({ status: 'follow_up', payment: { amountFen: 100_000 } });
    expect(c.store.payments()).toHaveLength(1);
    expect(c.store.events.map((e) => e.action)).toEqual(['raised', 'overdue', 'escalated', 'approved', 'paid']);
    expect(c.store.events.every((e) => e.policySnapshotId === policy.snapshotId)).toBe(true);
  });
});

test('up to the township tier the township approves alone and the payment is made at once', async () => {
  await withEmergency(env, { policy, amountAskedFen: limit, store: await funded() }, async (c) => {
    const s = await c.decide('emergency_township_decision', { outcome: 'approve', amountFen: limit });
    expect(s).toMatchObject({ tier: 'township', status: 'follow_up', approvedFen: limit });
    expect(c.store.payments().map((p) => p.amountFen)).toEqual([-limit]);
    expect(c.store.openTasks('emergency_county_decision')).toHaveLength(0);
  });
});

test('an amount above the township tier also needs the county before anything is paid', async () => {
  await withEmergency(env, { policy, amountAskedFen: limit + 1, store: await funded(), record: 'emergency-v1-county-tier' }, async (c) => {
    const s = await c.decide('emergency_township_decision', { outcome: 'approve', amountFen: limit + 1 });
    expect(s).toMatchObject({ tier: 'county', status: 'awaiting_decision' });
    const county = await c.task('emergency_county_decision');
    expect(county.dueAt - county.fromMs).toBe(policy.document.emergency.countyDecisionHours * HOUR);
    expect(c.store.payments()).toHaveLength(0);

    const paid = await c.decide('emergency_county_decision', { outcome: 'approve', amountFen: limit + 1 });
    expect(paid).toMatchObject({ status: 'follow_up', payment: { amountFen: limit + 1 } });
    await c.verify({ outcome: 'proper', recoveryFen: 0 });
    expect(await c.handle.result()).toMatchObject({ status: 'closed', approvedFen: limit + 1 });
  });
});

test('the county can refuse an amount above the township tier: nothing is paid', async () => {
  await withEmergency(env, { policy, amountAskedFen: limit * 2, store: await funded() }, async (c) => {
    await c.decide('emergency_township_decision', { outcome: 'approve', amountFen: limit * 2 });
    await c.decide('emergency_county_decision', { outcome: 'reject', amountFen: 0, reasonCode: 'other' });
    expect(await c.handle.result()).toMatchObject({ status: 'rejected' });
    expect(c.store.payments()).toHaveLength(0);
  });
});

test('decisions from the wrong role, on a stale task, or with yuan decimals are refused', async () => {
  await withEmergency(env, { policy, amountAskedFen: 50_000, store: await funded() }, async (c) => {
    const task = await c.task('emergency_township_decision');
    const send = (cmd: Parameters<typeof c.decide>[1] & { taskId?: string }) =>
      c.handle.executeUpdate('decide', { args: [{ taskId: task.taskId, actor: actor('township_reviewer'), ...cmd }] });
    const refused = (p: Promise<unknown>, type: string) =>
      expect(p).rejects.toMatchObject({ constructor: WorkflowUpdateFailedError, cause: { type } });
    await refused(send({ outcome: 'approve', amountFen: 50_000, actor: actor('county_approver') }), 'WrongRole');
    await refused(send({ outcome: 'approve', amountFen: 500.5 }), 'InvalidAmount');
    await refused(send({ outcome: 'approve', amountFen: 1, taskId: 'nope' }), 'StaleTask');
    await c.decide('emergency_township_decision', { outcome: 'approve', amountFen: 50_000 });
    await refused(send({ outcome: 'approve', amountFen: 50_000 }), 'StaleTask');
    expect(c.store.payments()).toHaveLength(1);
  });
});
