import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { isSampled } from '../../workflows/programs/dibao/sampling';
import { DEMO_VILLAGES, shippedPolicy } from '../helpers/policies';
import { timeSkippingEnv, unique } from '../helpers/temporal';
import { withCase } from './workflow-harness';

/** 民主评议 with its quorum, and what a failed appraisal does to the case (灌云县: appraisal always held). */

let env: TestWorkflowEnvironment;
beforeEach(async () => {
  env = await timeSkippingEnv();
});
afterEach(async () => {
  await env?.teardown();
});

const unsampled = () => {
  for (;;) {
    const id = unique('app');
    if (!isSampled(id, 0.3)) return id;
  }
};
const visit = { step: 'home_visit', recommendation: 'eligible', disputed: false, incomes: [{ memberId: 'm1', monthlyIncomeFen: 0 }] } as const;
const failed = { step: 'appraisal', outcome: 'fail', panelSize: 9, present: 7, votesFor: 3, votesAgainst: 4 } as const;

test('a meeting without its quorum, or whose outcome is not what its votes give, is refused; a failure sends the case back once', async () => {
  const policy = shippedPolicy(DEMO_VILLAGES.county);
  await withCase(env, { policy, applicationId: unsampled(), record: 'application-v5-appraisal-failure' }, async (c) => {
    await c.complete('acceptance', { step: 'acceptance', outcome: 'accept' });
    await c.complete('home_visit', visit);
    await expect(c.complete('appraisal', { step: 'appraisal', outcome: 'pass', panelSize: 9, present: 5, votesFor: 5, votesAgainst: 0 })).rejects.toMatchObject({
      cause: { type: 'AppraisalQuorumNotMet' },
    });
    await expect(c.complete('appraisal', { step: 'appraisal', outcome: 'pass', panelSize: 9, present: 6, votesFor: 3, votesAgainst: 3 })).rejects.toMatchObject({
      cause: { type: 'AppraisalOutcomeMismatch' },
    });
    await expect(c.complete('appraisal', { step: 'appraisal', outcome: 'pass', panelSize: 9, present: 6, votesFor: 6, votesAgainst: 1 })).rejects.toMatchObject({
      cause: { type: 'AppraisalCountsInvalid' },
    });
    await c.complete('appraisal', failed);
    // Back to investigation in a new round: a new visit, a new check, a new appraisal.
    await c.complete('home_visit', visit);
    expect(c.store.checks).toHaveLength(2);
    await c.complete('appraisal', failed);
    // The second failure is not sent back again: on to publicity and the review, a rejection recommended.
    await c.passPublicity();
    await c.task('township_review');
    const failures = c.store.events.filter((e) => e.action === 'appraisal_failed').map((e) => e.data?.next);
    expect(failures).toEqual(['reinvestigate', 'rejection_recommended']);
  });
});

test('a region that recommends rejection sends a failed appraisal straight on to the review', async () => {
  const policy = shippedPolicy(DEMO_VILLAGES.county, { appraisal: { onFail: 'recommend_rejection' } });
  await withCase(env, { policy, applicationId: unsampled() }, async (c) => {
    await c.complete('acceptance', { step: 'acceptance', outcome: 'accept' });
    await c.complete('home_visit', visit);
    await c.complete('appraisal', failed);
    await c.passPublicity();
    await c.task('township_review');
    expect(c.store.checks).toHaveLength(1);
    expect(c.store.events.filter((e) => e.action === 'appraisal_failed').map((e) => e.data?.next)).toEqual(['rejection_recommended']);
  });
});
