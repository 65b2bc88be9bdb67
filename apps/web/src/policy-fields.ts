/**
 * The region policy as administrators read and edit it: every field of the policy document with its Chinese name, its
 * section and how it is typed in (working days, yuan, a rate in percent, a choice…). A test checks that every field the
 * policy schema has is listed here.
 */
export type PolicyKind = 'days' | 'calendarDays' | 'hours' | 'months' | 'count' | 'bool' | 'fen' | 'percent' | 'multiplier' | 'choice' | 'role' | 'grades' | 'optionalDays' | 'optionalMultiplier';

export interface PolicyField {
  path: string;
  label: string;
  kind: PolicyKind;
  options?: Record<string, string>;
}

export interface PolicySection {
  title: string;
  fields: PolicyField[];
}

const ROLE_OPTIONS = { township_reviewer: '乡镇审核人', county_approver: '县级审批人', administrator: '管理员' };
const PER = { month: '按月公布', year: '按年公布' };
/** A published 特困 amount: the figure in yuan and whether the region publishes it per month or per year. */
const published = (path: string, name: string): PolicyField[] => [
  { path: `${path}.fen`, label: `${name}(元)`, kind: 'fen' },
  { path: `${path}.per`, label: `${name}公布周期`, kind: 'choice', options: PER },
];
/** 临时救助 amount tiers by cause: left blank, a cause has no tier and the amount asked is the limit. */
const CAUSES: [string, string][] = [
  ['fire', '火灾'],
  ['flood', '洪涝'],
  ['accident', '意外事故'],
  ['illness', '突发重病'],
  ['death', '亡故'],
  ['natural_disaster', '自然灾害'],
  ['other', '其他急难'],
  ['expense', '支出型(刚性支出)'],
];
const tiers = (): PolicyField[] =>
  CAUSES.flatMap(([cause, name]) => [
    { path: `emergency.amountTiers.${cause}.monthsPerPerson`, label: `${name}:每人救助(标准的月数)`, kind: 'months' as const },
    { path: `emergency.amountTiers.${cause}.maxMonths`, label: `${name}:每户最多(标准的月数)`, kind: 'months' as const },
  ]);
const esc = (role: string, name: string): PolicyField => ({ path: `common.escalation.${role}`, label: `${name}超期后督办`, kind: 'role', options: ROLE_OPTIONS });

export const POLICY_SECTIONS: PolicySection[] = [
  {
    title: '受理与调查',
    fields: [
      { path: 'common.intake.supplementDays', label: '容缺补正期限(工作日)', kind: 'days' },
      { path: 'common.acceptance.limitDays', label: '审查受理时限(工作日)', kind: 'days' },
      { path: 'common.investigation.mode', label: '核对与入户调查', kind: 'choice', options: { serial: '先核对后入户', parallel: '核对与入户同时进行' } },
      { path: 'common.investigation.limitDays', label: '调查核实时限(工作日)', kind: 'days' },
    ],
  },
  {
    title: '民主评议与公示',
    fields: [
      { path: 'common.appraisal.mode', label: '民主评议', kind: 'choice', options: { required: '每案评议', when_disputed: '有争议时评议', off: '不评议' } },
      { path: 'common.appraisal.limitDays', label: '民主评议时限(工作日)', kind: 'days' },
      { path: 'common.appraisal.quorum.numerator', label: '到会比例(分子)', kind: 'count' },
      { path: 'common.appraisal.quorum.denominator', label: '到会比例(分母)', kind: 'count' },
      { path: 'common.appraisal.onFail', label: '评议未通过时', kind: 'choice', options: { reinvestigate: '退回重新调查', recommend_rejection: '建议不予批准' } },
      { path: 'common.publicity.afterInvestigation.enabled', label: '调查后公示', kind: 'bool' },
      { path: 'common.publicity.afterInvestigation.days', label: '调查后公示天数', kind: 'calendarDays' },
      { path: 'common.publicity.afterReview.enabled', label: '审核后公示', kind: 'bool' },
      { path: 'common.publicity.afterReview.days', label: '审核后公示天数', kind: 'calendarDays' },
      { path: 'common.publicity.maxObjectionRounds', label: '异议复查最多轮数', kind: 'count' },
    ],
  },
  {
    title: '审核与审批',
    fields: [
      { path: 'common.townshipReview.limitDays', label: '乡镇审核时限(工作日)', kind: 'days' },
      { path: 'common.approval.mode', label: '审批方式', kind: 'choice', options: { county: '县级审批', township_with_filing: '乡镇审核确认、县级备案' } },
      { path: 'common.approval.limitDays', label: '审批(确认)时限(工作日)', kind: 'days' },
      { path: 'common.approval.samplingRate', label: '县级抽查比例(%)', kind: 'percent' },
      { path: 'common.approval.samplingLimitDays', label: '县级抽查时限(工作日)', kind: 'days' },
      { path: 'common.approval.filingLimitDays', label: '县级备案时限(工作日)', kind: 'days' },
      { path: 'common.overallLimitDays', label: '办理总时限(工作日,可不设)', kind: 'optionalDays' },
      { path: 'common.atRiskWorkingDays', label: '临期提示(到期前工作日)', kind: 'count' },
      { path: 'common.clock.pauseDuringPublicity', label: '公示期间暂停总时限', kind: 'bool' },
      { path: 'common.clock.pauseWhileAwaitingApplicant', label: '等待申请人补正期间暂停总时限', kind: 'bool' },
    ],
  },
  {
    title: '超期督办',
    fields: [
      esc('village_assistant', '村(社区)协理员'),
      esc('township_clerk', '乡镇受理员'),
      esc('township_investigator', '乡镇调查员'),
      esc('checking_agency', '核对机构'),
      esc('township_reviewer', '乡镇审核人'),
      esc('county_approver', '县级审批人'),
      esc('payment_officer', '财务/发放'),
    ],
  },
  {
    title: '家庭经济状况核对(各项目通用)',
    fields: [
      { path: 'common.assets.depositMonths', label: '存款上限(相当于标准的月数)', kind: 'months' },
      { path: 'common.assets.vehiclesAllowed', label: '允许拥有的机动车(辆)', kind: 'count' },
      { path: 'common.assets.extraPropertiesAllowed', label: '允许的非唯一住房(套)', kind: 'count' },
    ],
  },
  {
    title: '低保:保障标准与单人保',
    fields: [
      { path: 'dibao.standards.urbanFen', label: '城市低保标准(元/人·月)', kind: 'fen' },
      { path: 'dibao.standards.ruralFen', label: '农村低保标准(元/人·月)', kind: 'fen' },
      { path: 'dibao.singleEnrolment.disabilityGrades', label: '单人保:残疾等级', kind: 'grades' },
      { path: 'dibao.singleEnrolment.minAge', label: '单人保:最低年龄(岁)', kind: 'count' },
      { path: 'dibao.singleEnrolment.incomeCeilingMultiplier', label: '单人保:家庭收入上限(标准的倍数,可不设)', kind: 'optionalMultiplier' },
    ],
  },
  {
    title: '低收入家庭',
    fields: [
      { path: 'lowIncome.multiplier', label: '低收入家庭认定(标准的倍数)', kind: 'multiplier' },
    ],
  },
  {
    title: '低保:动态管理',
    fields: [
      { path: 'dibao.lifecycle.gradualExit.multiplier', label: '渐退上限(标准的倍数)', kind: 'multiplier' },
      { path: 'dibao.lifecycle.gradualExit.months', label: '渐退期(月)', kind: 'months' },
      { path: 'dibao.lifecycle.reReviewMonths.stable', label: 'A类复核间隔(月)', kind: 'months' },
      { path: 'dibao.lifecycle.reReviewMonths.working_age', label: 'B类复核间隔(月)', kind: 'months' },
      { path: 'dibao.lifecycle.reReviewMonths.other', label: 'C类复核间隔(月)', kind: 'months' },
      { path: 'dibao.lifecycle.economicCheckMonths', label: '经济状况核对间隔(月)', kind: 'months' },
      { path: 'dibao.lifecycle.deductions.rigidExpenses', label: '扣减刚性支出', kind: 'bool' },
      { path: 'dibao.lifecycle.deductions.workCosts', label: '扣减就业成本', kind: 'bool' },
    ],
  },
  {
    title: '临时救助(救急难)',
    fields: [
      { path: 'emergency.townshipDecisionHours', label: '乡镇决定时限(小时)', kind: 'hours' },
      { path: 'emergency.countyDecisionHours', label: '县级决定时限(小时)', kind: 'hours' },
      { path: 'emergency.townshipLimitMonths', label: '乡镇审批额度(标准的月数)', kind: 'months' },
      { path: 'emergency.followUpDays', label: '事后核查期限(工作日)', kind: 'days' },
      { path: 'emergency.referralWindowDays', label: '转介期限(天)', kind: 'calendarDays' },
      { path: 'emergency.reserveFundPerResidentFen', label: '备用金(元/常住人口)', kind: 'fen' },
    ],
  },
  { title: '临时救助:救助金额分档(按城市低保标准的月数,可不设)', fields: tiers() },
  {
    title: '医疗救助',
    fields: [
      { path: 'medicalAssistance.ratio', label: '医疗救助比例(%)', kind: 'percent' },
      { path: 'medicalAssistance.annualCapFen', label: '年度救助封顶(元)', kind: 'fen' },
    ],
  },
  {
    // No national default: a region that runs 特困供养 sets every figure of the section.
    title: '特困人员救助供养',
    fields: [
      ...published('tekun.basicLiving.urban', '城市基本生活标准'),
      ...published('tekun.basicLiving.rural', '农村基本生活标准'),
      ...published('tekun.care.full', '照料护理标准·具备生活自理能力'),
      ...published('tekun.care.partial', '照料护理标准·部分丧失生活自理能力'),
      ...published('tekun.care.none', '照料护理标准·完全丧失生活自理能力'),
    ],
  },
];

export const POLICY_FIELDS: PolicyField[] = POLICY_SECTIONS.flatMap((s) => s.fields);

/** How a value reads: yuan, percent, 是/否, the choice's name, a list of grades. */
export function showPolicyValue(field: PolicyField, value: unknown): string {
  if (value === null || value === undefined) return '不设';
  switch (field.kind) {
    case 'bool':
      return value ? '是' : '否';
    case 'fen':
      return (Number(value) / 100).toFixed(2);
    case 'percent':
      return `${Math.round(Number(value) * 1000) / 10}%`;
    case 'choice':
    case 'role':
      return field.options?.[String(value)] ?? '(未知)';
    case 'grades':
      return Array.isArray(value) && value.length ? value.map((g) => `${g}级`).join('、') : '无';
    default:
      return String(value);
  }
}

/** The text an administrator types for a value, and back: yuan ↔ fen, percent ↔ rate, 1,2 ↔ [1, 2]. */
export function toInput(field: PolicyField, value: unknown): string | boolean {
  if (field.kind === 'bool') return Boolean(value);
  if (value === null || value === undefined) return '';
  if (field.kind === 'fen') return (Number(value) / 100).toFixed(2);
  if (field.kind === 'percent') return String(Math.round(Number(value) * 1000) / 10);
  if (field.kind === 'grades') return (value as number[]).join(',');
  return String(value);
}

export function fromInput(field: PolicyField, input: string | boolean): unknown {
  if (field.kind === 'bool') return Boolean(input);
  const text = String(input).trim();
  if (field.kind === 'choice' || field.kind === 'role') return text;
  if (text === '' && (field.kind === 'optionalDays' || field.kind === 'optionalMultiplier')) return null;
  if (field.kind === 'grades') return text === '' ? [] : text.split(/[,，、\s]+/).map(Number);
  if (field.kind === 'fen') return Math.round(Number(text) * 100);
  if (field.kind === 'percent') return Number(text) / 100;
  return Number(text);
}

/** The API's rule, said in Chinese (the same zod rules the API checks, phrased for the form). */
export function ruleInChinese(rule: string): string {
  const patterns: [RegExp, (m: RegExpMatchArray) => string][] = [
    [/must be at most ([\d.]+)/, (m) => `不得超过 ${m[1]}`],
    [/must be at least ([\d.]+)/, (m) => `不得少于 ${m[1]}`],
    [/whole number|an integer|integer/, () => '须为整数'],
    [/must not be negative/, () => '不得为负数'],
    [/must not be in the past/, () => '生效日期不得早于今天'],
    [/must be a number/, () => '须为数字'],
    [/must be one of/, () => '须从选项中选择'],
    [/twice a year/, () => '经济状况至少每半年核对一次'],
  ];
  for (const [re, say] of patterns) {
    const m = rule.match(re);
    if (m) return say(m);
  }
  return '不符合规则';
}
