/**
 * The application procedure's step vocabulary (九步工作法): the codes a case's route is made of, its signature tiers
 * and the steps' names. They belong to the case type, not to one program's rules, so the inbox and the reminders
 * name a step without reaching into a program; which steps a case runs, in which order and with which limits is
 * the program's route.
 */

/** Steps that are a person's work, each a task in a role's inbox. Stable codes: stored in histories and rows. */
export type TaskStep =
  | 'supplement'
  | 'acceptance'
  | 'home_visit'
  | 'appraisal'
  | 'township_review'
  | 'county_sampling'
  | 'county_approval'
  | 'township_confirmation'
  | 'filing'
  | 'escalation';

export type PublicityStep = 'publicity_investigation' | 'publicity_review';

export type StepCode = TaskStep | PublicityStep | 'economic_check' | 'investigation';

/** The signature tiers that one person may not sign twice on the same case (谁审查、谁签字、谁负责). */
export type Tier = 'acceptance' | 'investigation' | 'review' | 'approval';

export const STEP_LABELS: Record<StepCode | 'submitted' | 'decision' | 'overall_limit', string> = {
  submitted: '户主申请',
  supplement: '容缺补正',
  acceptance: '审查受理',
  investigation: '调查核实',
  economic_check: '家庭经济状况核对',
  home_visit: '入户调查',
  appraisal: '民主评议',
  publicity_investigation: '张榜公示',
  township_review: '乡镇审核',
  publicity_review: '审核结果公示',
  county_sampling: '县级抽查入户',
  county_approval: '县级审批',
  township_confirmation: '乡镇确认',
  filing: '县级备案',
  escalation: '超期督办',
  overall_limit: '总时限督办',
  decision: '决定',
};
