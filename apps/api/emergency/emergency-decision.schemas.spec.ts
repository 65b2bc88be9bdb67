import { decisionSchemaOf } from '../inbox/decision.schemas';
import { EMERGENCY_DECISION_SCHEMAS } from './emergency-decision.schemas';

const emergencyDecision = decisionSchemaOf(EMERGENCY_DECISION_SCHEMAS);

const issues = (body: unknown) => {
  const parsed = emergencyDecision.safeParse(body);
  return parsed.success ? [] : parsed.error.issues.map((i) => i.path.join('.'));
};

test('an approval names the amount in whole fen; a refusal its reason code and written reason', () => {
  expect(issues({ step: 'emergency_township_decision', outcome: 'approve', amountFen: 100_000 })).toEqual([]);
  expect(issues({ step: 'emergency_township_decision', outcome: 'approve' })).toEqual(['amountFen']);
  expect(issues({ step: 'emergency_county_decision', outcome: 'approve', amountFen: 12.5 })).toEqual(['amountFen']);
  expect(issues({ step: 'emergency_county_decision', outcome: 'reject' }).sort()).toEqual(['reason', 'reasonCode']);
  expect(issues({ step: 'emergency_county_decision', outcome: 'reject', reasonCode: 'not_urgent', reason: '已由临时救助覆盖' })).toEqual([]);
});

test('only the top-up task takes a top-up', () => {
  expect(issues({ step: 'emergency_fund_top_up', outcome: 'approve', amountFen: 50_000, topUpFen: 80_000 })).toEqual([]);
  expect(issues({ step: 'emergency_township_decision', outcome: 'approve', amountFen: 50_000, topUpFen: 80_000 })).not.toEqual([]);
});

test('a verification recovers nothing when proper and something when improper, and says what the check found', () => {
  expect(issues({ step: 'emergency_follow_up', outcome: 'proper', recoveryFen: 0, reason: '核实无误' })).toEqual([]);
  expect(issues({ step: 'emergency_follow_up', outcome: 'proper', recoveryFen: 100, reason: '核实无误' })).toEqual(['recoveryFen']);
  expect(issues({ step: 'emergency_follow_up', outcome: 'improper', recoveryFen: 0, reason: '重复领取' })).toEqual(['recoveryFen']);
  expect(issues({ step: 'emergency_follow_up', outcome: 'improper', recoveryFen: 20_000 })).toEqual(['reason']);
});
