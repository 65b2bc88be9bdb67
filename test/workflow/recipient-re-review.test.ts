import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { timeSkippingEnv } from '../helpers/temporal';
import {
  RECIPIENT_REJECTIONS,
  campaignUpdate,
  completeReReviewUpdate,
  complaintUpdate,
  standardChangedUpdate,
  type CompleteReReviewCommand,
} from '../../workflows/recipient/definitions';
import { withRecipient } from './recipient-harness';

/** Re-reviews end in the investigator's outcome; campaigns open one task per household; repeated commands are refused. */

let env: TestWorkflowEnvironment;
beforeEach(async () => {
  env = await timeSkippingEnv();
});
afterEach(async () => {
  await env?.teardown();
});

/** The failure type of a refused update (undefined when it was accepted). */
async function refusal(update: Promise<unknown>): Promise<string | undefined> {
  try {
    await update;
    return undefined;
  } catch (err) {
    return (err as { cause?: { type?: string } }).cause?.type;
  }
}

const investigator = { userId: 'township_investigator:A', role: 'township_investigator' as const };
const outcome = (taskId: string, over: Partial<CompleteReReviewCommand> = {}): CompleteReReviewCommand => ({
  taskId,
  submissionId: `sub-${taskId}`,
  actor: investigator,
  outcome: 'continue',
  ...over,
});

test('a complaint re-review: stale ids and other roles are refused; the outcome closes the task and decreases the amount', async () => {
  await withRecipient(env, { record: 'recipient-v2-re-review' }, async (r) => {
    await r.runThrough(1);
    const opened = await r.handle.executeUpdate(complaintUpdate, { args: [{ complaintId: 'c-1' }] });
    const [taskId] = opened.openTasks;
    expect(taskId).toContain(':complaint:c-1');

    expect(await refusal(r.handle.executeUpdate(complaintUpdate, { args: [{ complaintId: 'c-1' }] }))).toBe(RECIPIENT_REJECTIONS.duplicate);
    expect(await refusal(r.handle.executeUpdate(completeReReviewUpdate, { args: [outcome(`${taskId}-stale`)] }))).toBe(RECIPIENT_REJECTIONS.staleTask);
    const clerk = { userId: 'clerk', role: 'township_clerk' as const };
    expect(await refusal(r.handle.executeUpdate(completeReReviewUpdate, { args: [outcome(taskId, { actor: clerk })] }))).toBe(RECIPIENT_REJECTIONS.wrongRole);
    expect(await refusal(r.handle.executeUpdate(completeReReviewUpdate, { args: [outcome(taskId, { outcome: 'terminate' })] }))).toBe(RECIPIENT_REJECTIONS.missingReason);

    // Incomes found 400 + 200 yuan: (1200 − 600) = 600 yuan a month from the next month, down from 800.
    const incomes = [
      { memberId: 'm1', monthlyIncomeFen: 40_000 },
      { memberId: 'm2', monthlyIncomeFen: 20_000 },
    ];
    const after = await r.handle.executeUpdate(completeReReviewUpdate, { args: [outcome(taskId, { outcome: 'change', incomes })] });
    expect(after).toMatchObject({ status: 'active', amountFen: 60_000, openTasks: [] });
    expect(r.store.closed).toEqual([expect.objectContaining({ taskId, status: 'completed', outcome: 'change', submissionId: `sub-${taskId}` })]);
    expect(r.store.notices.map((n) => [n.kind, n.amountFen, n.effectiveMonth])).toEqual([['decrease', 60_000, r.month(2)]]);
    expect(await refusal(r.handle.executeUpdate(completeReReviewUpdate, { args: [outcome(taskId)] }))).toBe(RECIPIENT_REJECTIONS.staleTask);

    await r.runThrough(2);
    expect(r.store.entitlements.map((e) => [e.month, e.amountFen])).toEqual([
      [r.month(0), 80_000],
      [r.month(1), 80_000],
      [r.month(2), 60_000],
    ]);
    expect(r.store.duplicates).toBe(0);
  });
});

test('a campaign opens one task however often it is sent; a termination closes the open re-reviews', async () => {
  await withRecipient(env, { record: 'recipient-v2-campaign-exit' }, async (r) => {
    const dueAt = (await env.currentTimeMs()) + 30 * 86_400_000;
    const state = await r.handle.executeUpdate(campaignUpdate, { args: [{ campaignId: 'job-1', dueAt }] });
    expect(await refusal(r.handle.executeUpdate(campaignUpdate, { args: [{ campaignId: 'job-1', dueAt }] }))).toBe(RECIPIENT_REJECTIONS.duplicate);
    expect(r.store.tasks).toEqual([expect.objectContaining({ reason: 'campaign', reference: 'job-1', dueAt })]);
    const [campaignTask] = state.openTasks;

    await r.handle.executeUpdate(complaintUpdate, { args: [{ complaintId: 'c-2' }] });
    const complaintTask = r.store.tasks[1].taskId;
    const ended = await r.handle.executeUpdate(completeReReviewUpdate, { args: [outcome(complaintTask, { outcome: 'terminate', reasonCode: 'false_declaration' })] });
    expect(ended.status).toBe('terminated');
    await r.handle.result();
    expect(r.store.closed.map((c) => [c.taskId, c.status])).toEqual([
      [complaintTask, 'completed'],
      [campaignTask, 'cancelled'],
    ]);
    expect(r.store.statuses.map((s) => [s.status, s.reasonCode, s.actor?.role])).toEqual([['terminated', 'false_declaration', 'township_investigator']]);
  });
});

test('a standard change sent twice (a retried fan-out page) is applied once', async () => {
  await withRecipient(env, {}, async (r) => {
    // From the next month: 700 × 2 − 400 = 1000 yuan a month.
    const change = { changeId: 'job-std', effectiveMonth: r.month(1), standards: { urbanFen: 70_000, ruralFen: 50_000 } };
    expect(await r.handle.executeUpdate(standardChangedUpdate, { args: [change] })).toMatchObject({ amountFen: 100_000 });
    expect(await refusal(r.handle.executeUpdate(standardChangedUpdate, { args: [change] }))).toBe(RECIPIENT_REJECTIONS.duplicate);
    await r.runThrough(1);
    expect(r.store.notices.map((n) => [n.kind, n.amountFen])).toEqual([['standard_change', 100_000]]);
    expect(r.store.entitlements.map((e) => [e.month, e.amountFen])).toEqual([
      [r.month(0), 80_000],
      [r.month(1), 100_000],
    ]);
  });
});
