import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { timeSkippingEnv } from '../helpers/temporal';
import { complaintUpdate, reportChangeUpdate } from '../../workflows/recipient/definitions';
import { recipientPolicy, withRecipient, START_AMOUNT_FEN } from './recipient-harness';

/** The recipient's calendar: one entitlement a month, re-reviews by category, economic re-checks, continue-as-new. */

// One server per test: the time-skipping clock is global to a server.
let env: TestWorkflowEnvironment;
beforeEach(async () => {
  env = await timeSkippingEnv();
});
afterEach(async () => {
  await env?.teardown();
});

const range = (from: number, to: number, step = 1) => Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) => from + i * step);

test.each([
  ['stable', 12],
  ['working_age', 6],
  ['other', 3],
] as const)('two years of a %s household: one entitlement a month, a re-review every %i months', async (category, every) => {
  const policy = recipientPolicy({ lifecycle: { reReviewMonths: { stable: 12, working_age: 6, other: 3 } } });
  await withRecipient(env, { policy, category, maxMonthsPerRun: 1000 }, async (r) => {
    r.store.materialMonths.add(r.month(12));
    await r.runThrough(24);

    expect(r.store.months()).toEqual(range(0, 24).map((n) => r.month(n)));
    expect(r.store.entitlements.every((e) => e.amountFen === START_AMOUNT_FEN && e.policySnapshotId === policy.snapshotId)).toBe(true);
    const periodic = r.store.tasks.filter((t) => t.reason === 'periodic').map((t) => t.taskId.split(':').pop());
    expect(periodic).toEqual(range(every, 24, every).map((n) => r.month(n)));
    // Economic data twice a year; the material change of month 12 opens its own re-review.
    expect(r.store.checks.map((c) => c.month)).toEqual([6, 12, 18, 24].map((n) => r.month(n)));
    expect(r.store.tasks.filter((t) => t.reason === 'economic_check').map((t) => t.reference)).toEqual([
      expect.stringContaining(`:report:${r.month(12)}`),
    ]);
    expect(r.store.duplicates).toBe(0);
  });
});

test('a complaint opens a re-review at once, without moving the periodic schedule', async () => {
  await withRecipient(env, {}, async (r) => {
    await r.runThrough(2);
    const before = await r.state();
    const after = await r.handle.executeUpdate(complaintUpdate, { args: [{ complaintId: 'c-12345' }] });
    expect(r.store.tasks).toEqual([expect.objectContaining({ reason: 'complaint', reference: 'c-12345', taskId: expect.stringContaining('complaint:c-12345') })]);
    expect(after.nextReReviewMonth).toBe(before.nextReReviewMonth);
  });
});

test('continue-as-new carries everything: months, schedules and a 渐退 window that spans runs', async () => {
  const policy = recipientPolicy({ lifecycle: { reReviewMonths: { working_age: 4 } } });
  await withRecipient(env, { policy, category: 'working_age', maxMonthsPerRun: 3, record: 'recipient-v1-continued' }, async (r) => {
    const first = await r.handle.describe();
    await r.runThrough(1);
    // Per-capita 700 yuan: above the 600 standard, inside 2×: paid 800 yuan unchanged for 6 months from month 2.
    const change = {
      changeId: 'ch-1',
      incomes: [
        { memberId: 'm1', monthlyIncomeFen: 100_000 },
        { memberId: 'm2', monthlyIncomeFen: 40_000 },
      ],
      deductions: { rigidExpensesFen: 0, workCostsFen: 0 },
      reporter: { userId: 'township_investigator:A', role: 'township_investigator' as const },
    };
    expect(await r.handle.executeUpdate(reportChangeUpdate, { args: [change] })).toMatchObject({ status: 'gradual_exit' });
    await r.runThrough(12);

    const last = await r.handle.describe();
    expect(last.runId).not.toBe(first.runId);
    expect(last.status.name).toBe('COMPLETED');
    const final = await r.handle.result();
    expect(final.runs).toBeGreaterThanOrEqual(2);
    expect(r.store.months('regular')).toEqual([r.month(0), r.month(1)]);
    expect(r.store.months('gradual_exit')).toEqual([2, 3, 4, 5, 6, 7].map((n) => r.month(n)));
    expect(r.store.tasks.map((t) => t.taskId.split(':').pop())).toEqual([r.month(4)]);
    expect(r.store.notices.map((n) => n.kind)).toEqual(['gradual_exit_start', 'gradual_exit_end']);
    expect(new Set(r.store.notices.map((n) => n.noticeId)).size).toBe(2);
    expect(r.store.duplicates).toBe(0);
  });
});
