import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Role } from '../../workflows/domain/roles';
import { decidePaymentUpdate, paymentRunStateQuery, paymentRunWorkflowId, type PaymentDecision, type PaymentRunSnapshot, type PaymentStep } from '../../workflows/payments/definitions';
import { paymentRunWorkflow } from '../../workflows/payments/payment-run.workflow';
import { timeSkippingEnv, unique } from '../helpers/temporal';
import { FakePaymentStore } from './fake-payment-activities';
import { runCase } from './case-harness';

/** The payment run on the time-skipping server: the batch is prepared page by page, then approved, then released. */

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await timeSkippingEnv();
});
afterAll(async () => {
  await env?.teardown();
});

const PREPARER = { userId: 'officer-A', role: 'payment_officer' as Role };
const RELEASER = { userId: 'officer-D', role: 'payment_officer' as Role };

async function withRun<T>(store: FakePaymentStore, body: (run: RunDriver) => Promise<T>, record?: string): Promise<T> {
  const batchId = unique('pay');
  const start = (taskQueue: string) =>
    env.client.workflow.start(paymentRunWorkflow, {
      taskQueue,
      workflowId: paymentRunWorkflowId(batchId),
      args: [{ batchId, countyCode: '320723', month: '2026-11', startedBy: PREPARER }],
    });
  return runCase(env, { queue: 'payment-test', activities: store.activities(), start, record }, (handle) => body(new RunDriver(handle)));
}

class RunDriver {
  constructor(readonly handle: WorkflowHandle<typeof paymentRunWorkflow>) {}

  async waitFor(predicate: (s: PaymentRunSnapshot) => boolean): Promise<PaymentRunSnapshot> {
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
      const s = await this.handle.query(paymentRunStateQuery);
      if (predicate(s)) return s;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`condition not reached: ${JSON.stringify(await this.handle.query(paymentRunStateQuery))}`);
  }

  async decide(step: PaymentStep, outcome: PaymentDecision['outcome'], userId: string, role: Role): Promise<PaymentRunSnapshot> {
    const s = await this.waitFor((x) => x.openTasks.some((t) => t.step === step));
    const taskId = s.openTasks.find((t) => t.step === step)!.taskId;
    return this.handle.executeUpdate(decidePaymentUpdate, { args: [{ taskId, step, outcome, actor: { userId, role } }] });
  }
}

async function refusal(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError) return (err.cause as { type?: string } | undefined)?.type;
    throw err;
  }
  return undefined;
}

test('neither the approver (even holding the officer role) nor the preparer can release; a third officer can, once', async () => {
  const store = new FakePaymentStore([83_000, 63_000, 41_500, 20_000, 9_900]);
  await withRun(
    store,
    async (run) => {
      const sealed = await run.waitFor((s) => s.status === 'awaiting_approval');
      expect(sealed.totals).toEqual({ count: 5, totalFen: 217_400 });
      expect(await refusal(run.decide('payment_approval', 'approve', PREPARER.userId, 'county_approver'))).toBe('SeparationOfDuties');
      const approved = await run.decide('payment_approval', 'approve', 'approver-B', 'county_approver');
      expect(approved).toMatchObject({ status: 'awaiting_release', approvedBy: 'approver-B' });
      expect(await refusal(run.decide('payment_release', 'release', 'approver-B', 'payment_officer'))).toBe('SeparationOfDuties');
      expect(await refusal(run.decide('payment_release', 'release', 'approver-C', 'county_approver'))).toBe('WrongRole');
      expect(await refusal(run.decide('payment_release', 'release', PREPARER.userId, 'payment_officer'))).toBe('SeparationOfDuties');
      const released = await run.decide('payment_release', 'release', RELEASER.userId, 'payment_officer');
      expect(released).toMatchObject({ status: 'released', releasedBy: RELEASER.userId, released: 5 });
      expect(await run.handle.result()).toMatchObject({ status: 'released' });
    },
    'payment-v1-released',
  );
  expect(store.releases).toBe(1);
  expect([...store.payments.values()].every((p) => p.status === 'released')).toBe(true);
  expect(store.audit).toEqual([
    { action: 'payment_approved', actorId: 'approver-B' },
    { action: 'payment_released', actorId: RELEASER.userId },
  ]);
});

test('a rejected batch cancels its payments and ends without a release task', async () => {
  const store = new FakePaymentStore([83_000, 63_000]);
  await withRun(
    store,
    async (run) => {
      const rejected = await run.decide('payment_approval', 'reject', 'approver-B', 'county_approver');
      expect(rejected).toMatchObject({ status: 'rejected', openTasks: [] });
      expect(await run.handle.result()).toMatchObject({ status: 'rejected' });
    },
    'payment-v1-rejected',
  );
  expect([...store.payments.values()].map((p) => p.status)).toEqual(['cancelled', 'cancelled']);
  expect(store.releases).toBe(0);
});

test('a month with no entitlements ends empty, with no task for anyone', async () => {
  const store = new FakePaymentStore([]);
  await withRun(store, async (run) => {
    expect(await run.handle.result()).toMatchObject({ status: 'empty', totals: { count: 0, totalFen: 0 }, openTasks: [] });
  });
  expect(store.tasks.size).toBe(0);
});
