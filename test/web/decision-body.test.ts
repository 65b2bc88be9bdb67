import { DECISION_SCHEMAS } from '../../apps/api/case-types';
import { buildDecision, decisionConsequence, emptyDecisionValues, TEKUN_PROBLEM } from '../../apps/web/src/decision-body';
import { STEP_SPECS } from '../../apps/web/src/decision-specs';

/**
 * The decision form's body builder against the API's own schemas: what the console sends for a step is what the API
 * accepts, and what is missing is named in the order the fields are shown (the account last).
 */
const members = [{ id: '3b1b2f6e-4c1a-4f8e-9a51-0d5c1e2b7a10', label: '户主 张**', incomeFen: 50_000 }];
const context = (step: string, showReasonCode = false) => ({ step, spec: STEP_SPECS[step]!, members, showReasonCode });
const accepted = (body: Record<string, unknown> | undefined) => DECISION_SCHEMAS[body!.step as string]!.safeParse(body).success;

test('a 特困 review: the facts and the arrangement go as the API expects, yuan become fen', () => {
  const form = emptyDecisionValues(members);
  expect(buildDecision(form, null, context('tekun_review'))).toMatchObject({ problem: TEKUN_PROBLEM, tekunProblems: expect.objectContaining({ 'person.monthlyIncomeFen': expect.any(String) }) });
  Object.assign(form.tekun, { incomeYuan: '200.5', assetsWithinLimits: true, mode: 'centralized', institution: '宽城区社会福利院' });
  for (const act of Object.keys(form.tekun.canDo)) form.tekun.canDo[act] = act !== 'bathing';
  // Everything but the account: the account is asked for last.
  expect(buildDecision(form, null, context('tekun_review')).problem).toBe('请填写说明(将写入书面告知或办理记录)');
  form.reason = '年度复核';
  const { body } = buildDecision(form, null, context('tekun_review'));
  expect(body).toMatchObject({ step: 'tekun_review', person: { monthlyIncomeFen: 20_050, assetsWithinLimits: true, supporters: [] }, selfCare: { bathing: false, eating: true }, arrangement: { mode: 'centralized', institutionId: '宽城区社会福利院' } });
  expect(accepted(body)).toBe(true);
  expect(decisionConsequence(null, body!, { step: 'tekun_review', spec: STEP_SPECS.tekun_review! })).toContain('供养方式:集中供养(宽城区社会福利院)');
});

test('a refusal asks for a reason code only where the step offers one', () => {
  const form = emptyDecisionValues(members);
  form.reason = '金额有误';
  // A payment run is refused in words: no reason code to choose, and the body goes.
  const payment = buildDecision(form, 'reject', context('payment_approval'));
  expect([payment.problem, accepted(payment.body)]).toEqual([undefined, true]);
  // A 低保 rejection needs its code, and sends it once chosen.
  expect(buildDecision(form, 'reject', context('county_approval', true)).problem).toBe('请选择原因类别');
  form.reasonCode = 'income_above_standard';
  const county = buildDecision(form, 'reject', context('county_approval', true));
  expect(county.body).toMatchObject({ outcome: 'reject', reasonCode: 'income_above_standard', reason: '金额有误' });
  expect(accepted(county.body)).toBe(true);
});

test('a home visit sends every member’s assessed income in fen and names a missing one by member', () => {
  const form = emptyDecisionValues(members);
  form.disputed = false;
  form.reason = '入户核实';
  expect(buildDecision(form, 'eligible', context('home_visit')).problem).toBe('请填写户主 张**的核定月收入(元,最多两位小数)');
  form.incomes[members[0]!.id] = '480';
  const { body } = buildDecision(form, 'eligible', context('home_visit'));
  expect(body).toMatchObject({ recommendation: 'eligible', incomes: [{ memberId: members[0]!.id, monthlyIncomeFen: 48_000 }] });
  expect(accepted(body)).toBe(true);
});
