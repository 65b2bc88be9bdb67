import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { timeSkippingEnv } from '../helpers/temporal';
import { addMonths, monthOf, monthStart } from '../../workflows/domain/months';
import { monthWakeOffsetMs } from '../../workflows/domain/month-wake';
import { unique } from '../helpers/temporal';
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

test('a household enrolled a minute into a month records that month at once, not at its offset', async () => {
  let householdId = unique('hh');
  while (monthWakeOffsetMs(householdId) < 10 * 60_000) householdId = unique('hh');
  const nextMonthStart = monthStart(addMonths(monthOf(await env.currentTimeMs()), 1));
  // withRecipient waits (in real time, server time standing still) for the start month to be recorded.
  await withRecipient(env, { householdId, startAtMs: nextMonthStart + 60_000, record: 'recipient-v4-first-month-at-once' }, async (r) => {
    expect(await env.currentTimeMs()).toBeLessThan(nextMonthStart + monthWakeOffsetMs(householdId));
    expect(r.store.months()).toEqual([r.month(0)]);
    await r.runThrough(1);
    expect(r.store.months()).toEqual([r.month(0), r.month(1)]);
  });
});
