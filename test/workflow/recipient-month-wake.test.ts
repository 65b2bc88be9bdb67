import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { timeSkippingEnv } from '../helpers/temporal';
import { withRecipient } from './recipient-harness';

/** A household wakes at its own offset into each month (spread-month-wake) and still records every month once. */

let env: TestWorkflowEnvironment;
beforeEach(async () => {
  env = await timeSkippingEnv();
});
afterEach(async () => {
  await env?.teardown();
});

test('three months at the household offset: one entitlement a month, none twice', async () => {
  await withRecipient(env, { record: 'recipient-v3-spread-month-wake' }, async (r) => {
    await r.runThrough(3);
    expect(r.store.months()).toEqual([0, 1, 2, 3].map((n) => r.month(n)));
    expect(r.store.duplicates).toBe(0);
  });
});
