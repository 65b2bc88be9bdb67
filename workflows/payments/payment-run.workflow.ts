import { ActivityCancellationType, allHandlersFinished, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { PaymentActivities } from '../../activities/payments/payment.contract';
import { PAYMENT_ROLES, decidePaymentUpdate, paymentRunStateQuery, type PaymentDecision, type PaymentRunInput, type PaymentRunSnapshot, type PaymentStep } from './definitions';
import { PaymentRunState } from './payment-run-state';
import { awaitDecision } from '../casework/human-task';
import { waitUntil } from '../casework/waits';

/** Short idempotent writes to our own database, retried quickly and forever. */
const acts = proxyActivities<PaymentActivities>({
  startToCloseTimeout: '2 minutes',
  cancellationType: ActivityCancellationType.ABANDON,
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * 发放: one county's payments for one month. The batch is prepared from the entitlement ledger page by page, then a
 * county approver approves it and a payment officer releases it. The update validator enforces the four eyes: the
 * preparer cannot approve and the approver cannot release, whatever the API lets through.
 */
export async function paymentRunWorkflow(input: PaymentRunInput): Promise<PaymentRunSnapshot> {
  const state = new PaymentRunState(input);
  setHandler(paymentRunStateQuery, () => state.snapshot());
  setHandler(
    decidePaymentUpdate,
    async (cmd) => {
      state.accept(cmd);
      await condition(() => state.processed.has(cmd.taskId));
      return state.snapshot();
    },
    { validator: (cmd) => state.validate(cmd) },
  );
  await run(state);
  await condition(allHandlersFinished);
  return state.snapshot();
}

async function run(state: PaymentRunState): Promise<void> {
  const { batchId } = state.input;
  let after: string | null = null;
  do {
    ({ next: after } = await acts.preparePaymentPage({ batchId, after }));
  } while (after !== null);
  state.totals = await acts.sealPaymentBatch({ batchId, at: Date.now() });
  if (state.totals.count === 0) {
    state.status = 'empty';
    return;
  }

  state.status = 'awaiting_approval';
  const approval = await decision(state, 'payment_approval');
  if (approval.outcome === 'reject') {
    await acts.rejectPaymentBatch({ batchId, actor: approval.actor, at: Date.now() });
    state.status = 'rejected';
    state.processed.add(approval.taskId);
    return;
  }
  state.approvedBy = approval.actor.userId;
  state.status = 'awaiting_release';
  state.processed.add(approval.taskId);

  const release = await decision(state, 'payment_release');
  state.released = (await acts.releasePaymentBatch({ batchId, actor: release.actor, at: Date.now() })).released;
  state.releasedBy = release.actor.userId;
  state.status = 'released';
  state.processed.add(release.taskId);
}

/** Opens the step's task, waits for an accepted decision, and closes the task with it. */
async function decision(state: PaymentRunState, step: PaymentStep): Promise<PaymentDecision> {
  const { batchId } = state.input;
  const taskId = state.taskId(step);
  // Known to the validator before the row exists: a decision can only come for a row someone has seen.
  state.tasks.set(taskId, step);
  await acts.openPaymentTask({ batchId, taskId, step, role: PAYMENT_ROLES[step], at: Date.now() });
  // Payment work has no statutory limit: the wait ends with the decision only.
  await awaitDecision({ task: { dueAt: 0 }, decided: () => state.decisions.has(taskId), wait: waitUntil, onDeadline: 'ignore', escalate: () => Promise.resolve() });
  const cmd = state.decisions.get(taskId)!;
  await acts.closePaymentTask({ batchId, taskId, outcome: cmd.outcome, actor: cmd.actor, submissionId: cmd.submissionId, at: Date.now() });
  state.tasks.delete(taskId);
  return cmd;
}
