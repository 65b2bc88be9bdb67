import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { timeSkippingEnv } from '../helpers/temporal';
import { complaintUpdate, completeReReviewUpdate } from '../../workflows/recipient/definitions';
import { withRecipient } from './recipient-harness';

/**
 * 多发, the mirror of arrears: a re-review that finds a lower amount due since a month already paid records a
 * negative overpayment row for each such month, one recovery plan for their sum and a notice; the new amount is paid
 * from the next due month. Without an effective month nothing paid is touched.
 */

let env: TestWorkflowEnvironment;
beforeEach(async () => {
  env = await timeSkippingEnv();
});
afterEach(async () => {
  await env?.teardown();
});

const investigator = { userId: 'township_investigator:A', role: 'township_investigator' as const };
// Incomes found 400 + 200 yuan: (1200 − 600) = 600 yuan a month, down from 800.
const incomes = [
  { memberId: 'm1', monthlyIncomeFen: 40_000 },
  { memberId: 'm2', monthlyIncomeFen: 20_000 },
];

test('a lower amount found since a paid month: overpayment rows, one recovery plan, a notice, the new amount onwards', async () => {
  await withRecipient(env, { record: 'recipient-v4-overpayment' }, async (r) => {
    await r.runThrough(2);
    const [taskId] = (await r.handle.executeUpdate(complaintUpdate, { args: [{ complaintId: 'c-over' }] })).openTasks;
    const after = await r.handle.executeUpdate(completeReReviewUpdate, {
      args: [{ taskId: taskId!, submissionId: 'sub-1', actor: investigator, outcome: 'change', incomes, effectiveMonth: r.month(1) }],
    });
    expect(after).toMatchObject({ status: 'active', amountFen: 60_000 });
    // The reference is the task id without the household prefix: the ledger's reference column holds 64 characters.
    const reference = 'complaint:c-over';
    expect(taskId).toBe(`${r.handle.workflowId.replace(/^dibao-recipient-/, '')}:${reference}`);
    expect(r.store.entitlements.filter((e) => e.kind === 'overpayment').map((e) => [e.month, e.amountFen, e.reference])).toEqual([
      [r.month(1), -20_000, reference],
      [r.month(2), -20_000, reference],
    ]);
    expect(r.store.plans).toEqual([expect.objectContaining({ reference, totalFen: 40_000, months: [{ month: r.month(1), fen: 20_000 }, { month: r.month(2), fen: 20_000 }] })]);
    expect(r.store.notices.map((n) => [n.kind, n.amountFen])).toEqual([['overpayment', 40_000], ['decrease', 60_000]]);

    await r.runThrough(3);
    expect(r.store.entitlements.filter((e) => e.kind === 'regular').map((e) => e.amountFen)).toEqual([80_000, 80_000, 80_000, 60_000]);
    expect(r.store.duplicates).toBe(0);
  });
});

test('a change without an effective month leaves paid months alone', async () => {
  await withRecipient(env, {}, async (r) => {
    await r.runThrough(1);
    const [taskId] = (await r.handle.executeUpdate(complaintUpdate, { args: [{ complaintId: 'c-plain' }] })).openTasks;
    await r.handle.executeUpdate(completeReReviewUpdate, { args: [{ taskId: taskId!, submissionId: 'sub-2', actor: investigator, outcome: 'change', incomes }] });
    expect(r.store.entitlements.filter((e) => e.kind === 'overpayment')).toEqual([]);
    expect(r.store.plans).toEqual([]);
  });
});
