import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { ledgerYear } from '../../workflows/programs/emergency/emergency-rules';
import { emergencyPaymentKey } from '../../workflows/emergency/definitions';
import { DEMO_VILLAGES, shippedCalendar, shippedPolicy } from '../helpers/policies';
import { timeSkippingEnv } from '../helpers/temporal';
import { FakeEmergencyStore } from './fake-emergency-activities';
import { COUNTY, TOWNSHIP, withEmergency } from './emergency-harness';

/** Payment from the township's 备用金: exactly once per request, never below zero, the county when the fund is short. */

let env: TestWorkflowEnvironment;
beforeEach(async () => {
  env = await timeSkippingEnv();
});
afterEach(async () => {
  await env?.teardown();
});

const policy = shippedPolicy(DEMO_VILLAGES.county);

async function store(fen: number): Promise<{ store: FakeEmergencyStore; year: number }> {
  const s = new FakeEmergencyStore(shippedCalendar());
  const year = ledgerYear(await env.currentTimeMs());
  s.fund(TOWNSHIP, year, fen);
  return { store: s, year };
}

test('an exhausted fund refuses the payment with the balance and routes the request to the county', async () => {
  const { store: s, year } = await store(30_000);
  await withEmergency(env, { policy, amountAskedFen: 80_000, store: s, record: 'emergency-v1-fund-exhausted' }, async (c) => {
    await c.decide('emergency_township_decision', { outcome: 'approve', amountFen: 80_000 });
    const topUp = await c.task('emergency_fund_top_up');
    expect(topUp).toMatchObject({ role: 'county_approver', regionCode: COUNTY, rank: 0 });
    expect(c.store.payments()).toHaveLength(0);
    expect(c.store.balance(TOWNSHIP, year)).toBe(30_000);
    expect(c.store.events.find((e) => e.action === 'fund_insufficient')).toMatchObject({
      reasonCode: 'insufficient_fund',
      data: { balanceFen: 30_000, amountFen: 80_000 },
    });

    // The county tops the fund up, then approves: the payment goes through with the same idempotency key.
    c.store.fund(TOWNSHIP, year, 100_000, 'top_up');
    const paid = await c.decide('emergency_fund_top_up', { outcome: 'approve', amountFen: 80_000 });
    expect(paid).toMatchObject({ status: 'follow_up', payment: { amountFen: 80_000 } });
    expect(c.store.payments()).toMatchObject([{ amountFen: -80_000, idempotencyKey: emergencyPaymentKey(paid.requestId) }]);
    expect(c.store.balance(TOWNSHIP, year)).toBe(50_000);
  });
});

test('a county approval without a top-up is refused again by the fund: it never goes below zero', async () => {
  const { store: s, year } = await store(10_000);
  await withEmergency(env, { policy, amountAskedFen: 20_000, store: s }, async (c) => {
    await c.decide('emergency_township_decision', { outcome: 'approve', amountFen: 20_000 });
    await c.decide('emergency_fund_top_up', { outcome: 'approve', amountFen: 20_000 });
    await c.task('emergency_fund_top_up', 2);
    expect(c.store.payments()).toHaveLength(0);
    await c.decide('emergency_fund_top_up', { outcome: 'reject', amountFen: 0, reasonCode: 'fund_exhausted' }, 2);
    expect(await c.handle.result()).toMatchObject({ status: 'rejected' });
    expect(c.store.balance(TOWNSHIP, year)).toBe(10_000);
  });
});

test('a crash after the payment row was written is retried into the same single payment', async () => {
  const { store: s, year } = await store(1_000_000);
  s.crashAfterPaymentWrite = true;
  await withEmergency(env, { policy, amountAskedFen: 60_000, store: s }, async (c) => {
    const state = await c.decide('emergency_township_decision', { outcome: 'approve', amountFen: 60_000 });
    expect(state.payment).toEqual({ paymentId: emergencyPaymentKey(state.requestId), amountFen: 60_000 });
    expect(c.store.paymentAttempts).toBe(2);
    expect(c.store.payments()).toHaveLength(1);
    expect(c.store.balance(TOWNSHIP, year)).toBe(940_000);
  });
});
