import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { timeSkippingEnv } from '../helpers/temporal';
import {
  reportChangeUpdate,
  resumeUpdate,
  standardChangedUpdate,
  suspendUpdate,
  terminateUpdate,
  type ReportChangeCommand,
} from '../../workflows/recipient/definitions';
import { withRecipient, START_AMOUNT_FEN } from './recipient-harness';

/** 有进有出、有升有降: reported changes, 渐退, standard changes with arrears, suspension and termination. */

let env: TestWorkflowEnvironment;
beforeEach(async () => {
  env = await timeSkippingEnv();
});
afterEach(async () => {
  await env?.teardown();
});

const investigator = { userId: 'township_investigator:A', role: 'township_investigator' } as const;
const change = (changeId: string, m1: number, m2: number, rigidExpensesFen = 0): ReportChangeCommand => ({
  changeId,
  incomes: [
    { memberId: 'm1', monthlyIncomeFen: m1 },
    { memberId: 'm2', monthlyIncomeFen: m2 },
  ],
  deductions: { rigidExpensesFen, workCostsFen: 0 },
  reporter: investigator,
});

test('渐退: income inside the 2× band is paid unchanged for exactly 6 months, then the household exits with a notice', async () => {
  await withRecipient(env, { record: 'recipient-v1-gradual-exit' }, async (r) => {
    // Per-capita 1100 yuan: above the 600 standard, not above 1200.
    await r.handle.executeUpdate(reportChangeUpdate, { args: [change('ch-1', 150_000, 70_000)] });
    await r.runThrough(10);

    expect(r.store.months('regular')).toEqual([r.month(0)]);
    expect(r.store.months('gradual_exit')).toEqual([1, 2, 3, 4, 5, 6].map((n) => r.month(n)));
    expect(r.store.entitlements.every((e) => e.amountFen === START_AMOUNT_FEN)).toBe(true);
    expect(r.store.notices.map((n) => [n.kind, n.effectiveMonth])).toEqual([
      ['gradual_exit_start', r.month(1)],
      ['gradual_exit_end', r.month(7)],
    ]);
    expect(r.store.statuses.map((s) => [s.status, s.reasonCode])).toEqual([
      ['gradual_exit', 'income_in_gradual_exit_band'],
      ['terminated', 'gradual_exit_completed'],
    ]);
    expect(await r.handle.result()).toMatchObject({ status: 'terminated', amountFen: 0 });
  });
});

test('income falling back inside the 渐退 window returns the household to normal status with a recomputed amount', async () => {
  await withRecipient(env, {}, async (r) => {
    await r.handle.executeUpdate(reportChangeUpdate, { args: [change('ch-1', 100_000, 40_000)] });
    await r.runThrough(3);
    // Back to 200 + 100 yuan with 50 yuan rigid expenses: 1200 − 250 = 950 yuan.
    const back = await r.handle.executeUpdate(reportChangeUpdate, { args: [change('ch-2', 20_000, 10_000, 5_000)] });
    expect(back).toMatchObject({ status: 'active', amountFen: 95_000, lastAssessment: { kind: 'increase' } });
    expect(back.gradualExit).toBeUndefined();
    await r.runThrough(12);

    expect(r.store.months('gradual_exit')).toEqual([1, 2, 3].map((n) => r.month(n)));
    expect(r.store.months('regular')).toEqual([0, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((n) => r.month(n)));
    expect(r.store.entitlements.filter((e) => e.month >= r.month(4)).every((e) => e.amountFen === 95_000)).toBe(true);
    expect(r.store.notices.map((n) => n.kind)).toEqual(['gradual_exit_start', 'gradual_exit_cancelled']);
    expect((await r.state()).status).toBe('active');
  });
});

test('increase, decrease and stop each come with a notice effective from the next month', async () => {
  await withRecipient(env, {}, async (r) => {
    expect(await r.handle.executeUpdate(reportChangeUpdate, { args: [change('up', 10_000, 0)] })).toMatchObject({ amountFen: 110_000 });
    await r.runThrough(1);
    expect(await r.handle.executeUpdate(reportChangeUpdate, { args: [change('down', 50_000, 20_000)] })).toMatchObject({ amountFen: 50_000 });
    await r.runThrough(2);
    // Per-capita 1300 yuan: above 2 × 600, no 渐退.
    expect(await r.handle.executeUpdate(reportChangeUpdate, { args: [change('out', 200_000, 60_000)] })).toMatchObject({ status: 'terminated' });

    expect(r.store.entitlements.map((e) => [e.month, e.amountFen])).toEqual([
      [r.month(0), 80_000],
      [r.month(1), 110_000],
      [r.month(2), 50_000],
    ]);
    expect(r.store.notices.map((n) => [n.kind, n.effectiveMonth])).toEqual([
      ['increase', r.month(1)],
      ['decrease', r.month(2)],
      ['stop', r.month(3)],
    ]);
    // The life has ended: the workflow is closed and takes no more changes.
    expect((await r.handle.describe()).status.name).toBe('COMPLETED');
    await expect(r.handle.executeUpdate(reportChangeUpdate, { args: [change('late', 0, 0)] })).rejects.toThrow();
  });
});

test('a standard change recomputes from its effective month: arrears for months paid, the new amount after', async () => {
  await withRecipient(env, {}, async (r) => {
    await r.runThrough(5);
    const raised = { urbanFen: 65_000, ruralFen: 50_000 };
    const after = await r.handle.executeUpdate(standardChangedUpdate, { args: [{ changeId: 'std-1', effectiveMonth: r.month(3), standards: raised }] });
    // 2 × 650 − 400 = 900 yuan: 100 yuan arrears for each of months 3, 4 and 5.
    expect(after).toMatchObject({ amountFen: 90_000, status: 'active' });
    expect(r.store.entitlements.filter((e) => e.kind === 'arrears').map((e) => [e.month, e.amountFen, e.reference])).toEqual([
      [r.month(3), 10_000, 'std-1'],
      [r.month(4), 10_000, 'std-1'],
      [r.month(5), 10_000, 'std-1'],
    ]);
    // A later raise announced ahead of time waits for its month, without arrears.
    await r.handle.executeUpdate(standardChangedUpdate, {
      args: [{ changeId: 'std-2', effectiveMonth: r.month(8), standards: { urbanFen: 70_000, ruralFen: 55_000 } }],
    });
    await r.runThrough(9);
    expect(r.store.entitlements.filter((e) => e.kind === 'regular').map((e) => e.amountFen)).toEqual([
      ...Array(6).fill(80_000),
      90_000,
      90_000,
      100_000,
      100_000,
    ]);
    expect(r.store.months('arrears')).toHaveLength(3);
    expect(r.store.notices.map((n) => [n.kind, n.effectiveMonth])).toEqual([
      ['standard_change', r.month(6)],
      ['standard_change', r.month(8)],
    ]);
  });
});

test('suspension pays nothing until resumed; termination ends the life with its reason', async () => {
  await withRecipient(env, {}, async (r) => {
    const who = { reasonCode: 'whereabouts_unknown', actor: investigator };
    await r.runThrough(1);
    await r.handle.executeUpdate(suspendUpdate, { args: [who] });
    await expect(r.handle.executeUpdate(suspendUpdate, { args: [who] })).rejects.toThrow(WorkflowUpdateFailedError);
    await r.runThrough(3);
    await r.handle.executeUpdate(resumeUpdate, { args: [{ ...who, reasonCode: 'whereabouts_confirmed' }] });
    await r.runThrough(5);
    await r.handle.executeUpdate(terminateUpdate, { args: [{ ...who, reasonCode: 'moved_away' }] });

    expect(r.store.months()).toEqual([0, 1, 4, 5].map((n) => r.month(n)));
    expect(r.store.statuses.map((s) => [s.status, s.reasonCode, s.effectiveMonth])).toEqual([
      ['suspended', 'whereabouts_unknown', r.month(2)],
      ['active', 'whereabouts_confirmed', r.month(4)],
      ['terminated', 'moved_away', r.month(6)],
    ]);
    expect(await r.handle.result()).toMatchObject({ status: 'terminated' });
  });
});

test('an approved standard change moves the household to the version’s snapshot: its rows from then on name it', async () => {
  await withRecipient(env, { record: 'recipient-v5-standard-change-policy' }, async (r) => {
    await r.runThrough(2);
    const enrolment = r.store.entitlements[0]!.policySnapshotId;
    const policy = { snapshotId: 'snap-standard-2027', label: '320723 v2 · 320700 v1 · national v1' };
    const after = await r.handle.executeUpdate(standardChangedUpdate, {
      args: [{ changeId: 'std-v2', effectiveMonth: r.month(1), standards: { urbanFen: 65_000, ruralFen: 50_000 }, policy }],
    });
    expect(after.policy).toEqual(policy);
    await r.runThrough(3);
    const rows = r.store.entitlements.map((e) => [e.month, e.kind, e.policySnapshotId]);
    expect(rows).toEqual([
      [r.month(0), 'regular', enrolment],
      [r.month(1), 'regular', enrolment],
      [r.month(2), 'regular', enrolment],
      [r.month(1), 'arrears', policy.snapshotId],
      [r.month(2), 'arrears', policy.snapshotId],
      [r.month(3), 'regular', policy.snapshotId],
    ]);
  });
});
