import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { isSampled } from '../../workflows/programs/dibao/sampling';
import { DEMO_VILLAGES, shippedPolicy } from '../helpers/policies';
import { timeSkippingEnv, unique } from '../helpers/temporal';
import { withCase } from './workflow-harness';

/** An approval starts the household's lifecycle workflow (动态管理) once; a rejection starts nothing. */

let env: TestWorkflowEnvironment;
beforeEach(async () => {
  env = await timeSkippingEnv();
});
afterEach(async () => {
  await env?.teardown();
});

function unsampled(): string {
  for (;;) {
    const id = unique('app');
    if (!isSampled(id, 0.3)) return id;
  }
}

const visit = (incomeFen: number) =>
  ({ step: 'home_visit', recommendation: 'eligible', disputed: false, incomes: [{ memberId: 'm1', monthlyIncomeFen: incomeFen }] }) as const;

async function decide(county: 'approve' | 'reject', record?: string) {
  const policy = shippedPolicy(DEMO_VILLAGES.county);
  const applicationId = unsampled();
  return withCase(env, { policy, applicationId, record }, async (c) => {
    await c.complete('acceptance', { step: 'acceptance', outcome: 'accept' });
    await c.complete('home_visit', visit(10_000));
    await c.complete('appraisal', { step: 'appraisal', outcome: 'pass', votesFor: 9, votesAgainst: 0 });
    await c.passPublicity();
    await c.complete('township_review', { step: 'township_review', outcome: 'approve' });
    await c.passPublicity();
    const body = county === 'approve' ? { step: 'county_approval', outcome: 'approve' } : { step: 'county_approval', outcome: 'reject', reasonCode: 'assets_above_limit' };
    await c.complete('county_approval', body as never);
    const outcome = await c.handle.result();
    return { applicationId, outcome, lifecycles: [...c.store.lifecycles] };
  });
}

test('approved: the lifecycle starts once, after the decision', async () => {
  const { applicationId, outcome, lifecycles } = await decide('approve', 'application-v3-enrols-recipient');
  expect(outcome.status).toBe('approved');
  expect(lifecycles).toEqual([applicationId]);
});

test('rejected: no lifecycle', async () => {
  const { outcome, lifecycles } = await decide('reject', 'application-v6-local-writes');
  expect(outcome.status).toBe('rejected');
  expect(lifecycles).toEqual([]);
});
