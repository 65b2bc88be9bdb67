/**
 * The decision form of each step, written per decision kind from the API's schemas (apps/api/inbox/*.schemas.ts):
 * which outcomes exist, which is unfavourable (and so needs a reason code and text), which other fields the step
 * asks for, and what follows (for the confirmation). Nothing has a default: every choice starts empty.
 */
export type Field = 'reasonCode' | 'reason' | 'incomes' | 'deductions' | 'votes' | 'disputed' | 'documents' | 'amountFen' | 'topUpFen' | 'recoveryFen' | 'reassignTo' | 'emergencyReason' | 'findings' | 'tekunFacts';

export interface StepSpec {
  /** The outcome field's name in the body (home_visit calls it recommendation). */
  outcomeKey?: 'outcome' | 'recommendation';
  outcomes?: string[];
  /** Outcomes that need reasonCode + reason. */
  unfavourable?: string[];
  fields: Field[];
  /** The free-text reason is required for every outcome. */
  reasonAlways?: boolean;
  /** What the free text is called on this step's form (办理意见 or 说明 otherwise). */
  reasonLabel?: string;
  /** A single explicit action button instead of a choice (filing: 已备案; release: 确认发放). */
  single?: string;
  /** What happens next, by outcome: shown in the confirmation. */
  next: Record<string, string>;
  notified?: string;
}

export const STEP_SPECS: Record<string, StepSpec> = {
  supplement: { fields: ['documents', 'reason'], next: { '*': '材料补齐后进入调查核实' }, notified: '乡镇受理员' },
  acceptance: { outcomes: ['accept', 'return'], unfavourable: ['return'], fields: ['reasonCode', 'reason'], next: { accept: '受理后进入家庭经济状况核对和入户调查', return: '退回申请,向申请人出具书面告知' }, notified: '申请人(书面告知)' },
  home_visit: { outcomeKey: 'recommendation', outcomes: ['eligible', 'ineligible'], unfavourable: ['ineligible'], fields: ['disputed', 'incomes', 'deductions', 'reasonCode', 'reason'], reasonAlways: true, next: { eligible: '进入民主评议或乡镇审核', ineligible: '进入乡镇审核(调查意见为不符合)' }, notified: '乡镇审核人' },
  appraisal: { outcomes: ['pass', 'fail'], unfavourable: [], fields: ['votes', 'reason'], next: { pass: '评议通过,张榜公示后进入乡镇审核', fail: '评议未通过,进入乡镇审核' }, notified: '乡镇审核人' },
  township_review: { outcomes: ['approve', 'reject'], unfavourable: ['reject'], fields: ['reasonCode', 'reason'], next: { approve: '审核结果公示后报县级审批', reject: '不予批准,向申请人出具书面告知' }, notified: '县级审批人' },
  county_sampling: { outcomes: ['confirmed', 'discrepancy'], unfavourable: [], fields: ['reason'], reasonAlways: true, next: { confirmed: '进入县级审批', discrepancy: '进入县级审批(抽查不符)' }, notified: '县级审批人' },
  county_approval: { outcomes: ['approve', 'reject'], unfavourable: ['reject'], fields: ['reasonCode', 'reason'], next: { approve: '批准,自批准次月起发放低保金', reject: '不予批准,向申请人出具书面告知' }, notified: '申请人与乡镇' },
  township_confirmation: { outcomes: ['approve', 'reject'], unfavourable: ['reject'], fields: ['reasonCode', 'reason'], next: { approve: '确认后报县级备案', reject: '不予确认,向申请人出具书面告知' }, notified: '县级民政部门' },
  filing: { outcomes: ['acknowledged'], single: 'acknowledged', fields: ['reason'], next: { acknowledged: '县级备案完成,案件办结' }, notified: '乡镇' },
  escalation: { outcomes: ['noted', 'reassigned'], unfavourable: [], fields: ['reassignTo', 'reason'], reasonAlways: true, next: { noted: '督办已记录', reassigned: '待办改派他人办理' } },
  re_review: { outcomes: ['continue', 'change', 'terminate'], unfavourable: ['terminate'], fields: ['incomes', 'reasonCode', 'reason'], reasonAlways: true, next: { continue: '继续保障', change: '按核定收入调整保障金', terminate: '终止保障,向该户出具书面告知' }, notified: '该户' },
  emergency_township_decision: { outcomes: ['approve', 'reject'], unfavourable: ['reject'], fields: ['amountFen', 'emergencyReason', 'reason'], next: { approve: '从备用金先行支付', reject: '不予救助,告知申请人原因' }, notified: '申请人' },
  emergency_county_decision: { outcomes: ['approve', 'reject'], unfavourable: ['reject'], fields: ['amountFen', 'emergencyReason', 'reason'], next: { approve: '县级批准后支付', reject: '不予救助,告知申请人原因' }, notified: '申请人' },
  emergency_fund_top_up: { outcomes: ['approve', 'reject'], unfavourable: ['reject'], fields: ['topUpFen', 'amountFen', 'emergencyReason', 'reason'], next: { approve: '补充备用金后支付', reject: '不予补充,不予救助' }, notified: '乡镇' },
  emergency_follow_up: { outcomes: ['proper', 'improper'], unfavourable: [], fields: ['recoveryFen', 'reason'], reasonAlways: true, next: { proper: '核查完成', improper: '追回不当发放的金额' } },
  payment_approval: { outcomes: ['approve', 'reject'], unfavourable: ['reject'], fields: ['reason'], next: { approve: '交财务确认发放', reject: '退回发放专员更正' }, notified: '财务/发放' },
  payment_release: { outcomes: ['release'], single: 'release', fields: ['reason'], next: { release: '资金发放到各户账户,可下载银行文件' }, notified: '各受助家庭' },
  low_income_recheck: {
    fields: ['findings', 'reason'],
    reasonAlways: true,
    next: { '*': '按复核结果认定:仍在低收入范围的继续认定,一年后再复核;低于低保标准或超出范围的终止低收入认定' },
    notified: '该户',
  },
  tekun_assessment: { fields: ['tekunFacts', 'reason'], reasonAlways: true, reasonLabel: '调查情况', next: { '*': '按评估结果报乡镇审核确认' }, notified: '乡镇审核人' },
  tekun_confirmation: { outcomes: ['approve', 'reject'], unfavourable: ['reject'], fields: ['reason'], next: { approve: '认定为特困人员,报县级民政部门备案', reject: '不予认定,向申请人出具书面告知' }, notified: '县级民政部门' },
  tekun_filing: { outcomes: ['acknowledged'], single: 'acknowledged', fields: ['reason'], next: { acknowledged: '备案完成,按月发放供养金' }, notified: '乡镇' },
  tekun_review: {
    fields: ['tekunFacts', 'reason'],
    reasonAlways: true,
    reasonLabel: '复核情况',
    next: { '*': '仍符合特困人员条件的继续供养并按复核结果核定供养金,不再符合的终止供养并出具书面告知' },
    notified: '供养对象',
  },
};

/** Text of the single action button (filing, release). */
export const SINGLE_BUTTON: Record<string, string> = { acknowledged: '已备案', release: '确认发放' };

/** Reason codes offered per kind of case (the API's REASON_CODES, EMERGENCY_REASON_CODES, LIFECYCLE_REASON_CODES). */
export const REASONS = {
  application: ['incomplete_documents', 'supplement_overdue', 'not_resident', 'income_above_standard', 'assets_above_limit', 'false_declaration', 'appraisal_failed', 'sampling_discrepancy', 'other'],
  emergency: ['not_eligible', 'not_urgent', 'covered_elsewhere', 'insufficient_evidence', 'no_county_funds', 'other'],
  recipient: ['income_above_standard', 'assets_above_limit', 'moved_away', 'deceased', 'false_declaration', 'refused_review', 'unreachable', 'review_pending', 'requested_by_household', 'other'],
} as const;

export const DOCUMENTS = ['id_card', 'authorization', 'household_register', 'income_proof', 'disability_certificate', 'housing_proof', 'marriage_certificate'] as const;
