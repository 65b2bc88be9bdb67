import { CaseDecision } from '../../activities/application/case-decision.entity';
import { enrolInDistrict, waitForRecipient } from './recipients';
import { startPlatform, type Platform } from './platform';

/**
 * 刚性支出 and 就业成本 are deducted at the first decision, not only at re-reviews (seed 002), and the decision keeps
 * the input it was computed from: each member's assessed income and the deductions found at the visit.
 */

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(async () => {
  await platform?.stop();
});

test('a household above the standard on gross income is approved on income net of its rigid expenses and work costs', async () => {
  // 宽城区 urban standard 830 yuan: two members at 900 yuan each are 1,800 gross, above 2 × 830 = 1,660; less 300
  // yuan of medical costs and 100 yuan of work costs they are 1,400, so the household gets 1,660 − 1,400 = 260 yuan.
  const deductions = { rigidExpensesFen: 30_000, workCostsFen: 10_000 };
  const enrolled = await enrolInDistrict(platform, 90_000, deductions);
  const clerk = await platform.as('kc.clerk');
  const recipient = await waitForRecipient(clerk, `/api/recipients/${enrolled.householdId}`, (r) => r.status === 'active');
  expect(recipient.monthlyBenefitFen).toBe(26_000);

  const decision = await platform.db.orm.em.fork().findOneOrFail(CaseDecision, enrolled.applicationId);
  expect(decision).toMatchObject({ status: 'approved', amountFen: 26_000 });
  expect(decision.derivation).toMatchObject({
    standardFen: 83_000,
    deductionsFen: 40_000,
    totalIncomeFen: 140_000,
    declaredDeductions: deductions,
    incomes: enrolled.memberIds.map((memberId) => ({ memberId, monthlyIncomeFen: 90_000 })),
    check: { round: 1, incomeFoundFen: expect.any(Number) },
  });
  // The lifecycle starts with the same deductions, so its re-assessments keep them until a change replaces them.
  await waitForRecipient(clerk, `/api/recipients/${enrolled.householdId}`, (r) => r.lifecycle?.amountFen === 26_000);
  const history = await platform.temporal.workflow.getHandle(`dibao-recipient-${enrolled.householdId}`).fetchHistory();
  const [payload] = history.events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads!;
  expect(JSON.parse(Buffer.from(payload!.data!).toString('utf8'))).toMatchObject({ deductions, amountFen: 26_000 });
});
