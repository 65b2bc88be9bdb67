import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DEMO_VILLAGES, shippedPolicy } from '../helpers/policies';
import { timeSkippingEnv } from '../helpers/temporal';
import { actor } from './case-driver';
import { withCase } from './workflow-harness';

/** 近亲属备案 in the workflow itself: a flagged case cannot skip appraisal or the county visit, and relatives are refused. */

let env: TestWorkflowEnvironment;
beforeEach(async () => {
  env = await timeSkippingEnv();
});
afterEach(async () => {
  await env?.teardown();
});

test('a registered relative of a member is refused on every task of the case; colleagues are not', async () => {
  // 宽城区: appraisal only when disputed and no sampling — both forced for a flagged case.
  const policy = shippedPolicy(DEMO_VILLAGES.district, { approval: { samplingRate: 0 } });
  await withCase(env, { policy, relativeOfStaff: true, excludedUserIds: ['township_clerk:A'] }, async (c) => {
    await expect(c.complete('acceptance', { step: 'acceptance', outcome: 'accept' }, actor('township_clerk', 'A'))).rejects.toMatchObject({
      cause: { type: 'ConflictOfInterest' },
    });
    await c.complete('acceptance', { step: 'acceptance', outcome: 'accept' }, actor('township_clerk', 'B'));
    await c.complete('home_visit', { step: 'home_visit', recommendation: 'eligible', disputed: false, incomes: [] });
    // Not disputed, yet appraised; not sampled, yet visited by the county.
    await c.complete('appraisal', { step: 'appraisal', outcome: 'pass', votesFor: 7, votesAgainst: 0 });
    await c.complete('township_review', { step: 'township_review', outcome: 'approve' });
    await c.complete('county_sampling', { step: 'county_sampling', outcome: 'confirmed' });
    await c.task('township_confirmation');
  });
});
