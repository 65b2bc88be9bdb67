import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { ledgerYear } from '../../workflows/programs/emergency/emergency-rules';
import { DEMO_VILLAGES, shippedCalendar, shippedPolicy } from '../helpers/policies';
import { timeSkippingEnv } from '../helpers/temporal';
import { actor } from './case-driver';
import { FakeEmergencyStore } from './fake-emergency-activities';
import { TOWNSHIP, withEmergency } from './emergency-harness';

/** After payment: verification within working days, recovery of improper payments, referrals (转介). */

let env: TestWorkflowEnvironment;
beforeEach(async () => {
  env = await timeSkippingEnv();
});
afterEach(async () => {
  await env?.teardown();
});

const policy = shippedPolicy(DEMO_VILLAGES.county);

async function funded(): Promise<FakeEmergencyStore> {
  const store = new FakeEmergencyStore(shippedCalendar());
  store.fund(TOWNSHIP, ledgerYear(await env.currentTimeMs()), 1_000_000);
  return store;
}

test('a 低保 referral starts a linked application workflow; other referrals are recorded with their department', async () => {
  const store = await funded();
  await withEmergency(env, { policy, amountAskedFen: 50_000, store, record: 'emergency-v1-referred' }, async (c) => {
    // The activity's contract: asked once to start the linked application (test/e2e/emergency-http.test.ts runs it).
    const started: string[] = [];
    store.onStartApplication = async (applicationId) => {
      started.push(applicationId);
    };
    await c.decide('emergency_township_decision', { outcome: 'approve', amountFen: 50_000 });
    const followUp = await c.task('emergency_follow_up');
    const days = policy.document.emergency.followUpDays;
    expect(followUp.dueAt).toBe(shippedCalendar().addWorkingDays(followUp.fromMs, days).at);

    const s = await c.refer({ kind: 'dibao', department: 'civil_affairs', householdRef: 'hh-1' });
    const applicationId = s.referrals[0].applicationId!;
    expect(s.referrals).toEqual([{ kind: 'dibao', department: 'civil_affairs', status: 'referred', applicationId }]);
    expect(started).toEqual([applicationId]);
    await c.refer({ kind: 'medical', department: 'medical_security' });
    expect([...c.store.referrals.values()].map((r) => [r.kind, r.department, r.applicationId])).toEqual([
      ['dibao', 'civil_affairs', applicationId],
      ['medical', 'medical_security', undefined],
    ]);
    await expect(c.refer({ kind: 'medical', department: 'medical_security' })).rejects.toMatchObject({ cause: { type: 'DuplicateReferral' } });

    await c.verify({ outcome: 'proper', recoveryFen: 0 });
    expect(await c.handle.result()).toMatchObject({ status: 'closed', verification: { outcome: 'proper' } });
  });
});

test('an improper payment is recorded for recovery; the approver may not verify it', async () => {
  await withEmergency(env, { policy, amountAskedFen: 50_000, store: await funded() }, async (c) => {
    const approver = actor('township_reviewer');
    await c.task('emergency_township_decision');
    await expect(c.refer({ kind: 'housing', department: 'housing_bureau' })).rejects.toMatchObject({ cause: { type: 'NotInFollowUp' } });
    await c.decide('emergency_township_decision', { outcome: 'approve', amountFen: 50_000, actor: approver });
    const approverAsInvestigator = { userId: approver.userId, role: 'township_investigator' as const };
    await expect(c.verify({ outcome: 'proper', recoveryFen: 0, actor: approverAsInvestigator })).rejects.toMatchObject({
      cause: { type: 'SeparationOfDuties' },
    });
    await expect(c.verify({ outcome: 'improper', recoveryFen: 50_001 })).rejects.toMatchObject({ cause: { type: 'InvalidAmount' } });

    const s = await c.verify({ outcome: 'improper', recoveryFen: 20_000 });
    expect(s).toMatchObject({ status: 'verified', verification: { outcome: 'improper', recoveryFen: 20_000 } });
    expect([...c.store.recoveries.values()]).toEqual([{ paymentId: s.payment!.paymentId, amountFen: 20_000 }]);
    expect(await c.handle.result()).toMatchObject({ status: 'closed' });
  });
});

test('an unverified follow-up is marked overdue against the township at its working-day limit', async () => {
  await withEmergency(env, { policy, amountAskedFen: 50_000, store: await funded() }, async (c) => {
    await c.decide('emergency_township_decision', { outcome: 'approve', amountFen: 50_000 });
    const task = await c.task('emergency_follow_up');
    await c.skip(task.dueAt - (await env.currentTimeMs()) + 60_000);
    await c.waitFor((s) => s.openTasks.some((t) => t.overdue));
    expect(c.store.tasks.get(task.taskId)).toMatchObject({ overdue: true, overdueAgainst: TOWNSHIP, status: 'open' });
  });
});

test('after verification the household can still be referred within the referral window; then the request closes', async () => {
  const store = await funded();
  await withEmergency(env, { policy, amountAskedFen: 50_000, store, record: 'emergency-v2-refer-after-verification' }, async (c) => {
    await c.decide('emergency_township_decision', { outcome: 'approve', amountFen: 50_000 });
    const verified = await c.verify({ outcome: 'proper', recoveryFen: 0 });
    expect(verified).toMatchObject({ status: 'verified', openTasks: [], verification: { outcome: 'proper' } });

    const days = policy.document.emergency.referralWindowDays!;
    expect(days).toBe(30);
    await c.skip((days - 1) * 86_400_000);
    const referred = await c.refer({ kind: 'employment', department: 'human_resources' });
    expect(referred).toMatchObject({ status: 'verified', referrals: [{ kind: 'employment', department: 'human_resources', status: 'referred' }] });
    expect((await c.state()).status).toBe('verified');

    expect(await c.handle.result()).toMatchObject({ status: 'closed', referrals: [{ kind: 'employment' }] });
    const verifiedAt = store.events.find((e) => e.action === 'verified_proper')!.at;
    const closed = store.events.find((e) => e.action === 'closed')!;
    expect(closed.at - verifiedAt).toBeGreaterThanOrEqual(days * 86_400_000);
    expect(closed.at - verifiedAt).toBeLessThan(days * 86_400_000 + 60_000);
    expect(store.events.find((e) => e.action === 'verified_proper')!.data).toEqual({ recoveryFen: 0, referralWindowDays: days });
  });
});
