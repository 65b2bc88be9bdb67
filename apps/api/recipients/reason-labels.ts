import type { LIFECYCLE_REASON_CODES } from './recipients.schemas';

/** zh-CN wording of lifecycle reason codes (the workflow's own codes included), as printed on notices. */
export const LIFECYCLE_REASON_LABELS: Record<(typeof LIFECYCLE_REASON_CODES)[number] | string, string> = {
  income_above_standard: '家庭人均收入高于当地低保标准',
  assets_above_limit: '家庭财产超过规定条件',
  moved_away: '户籍或居住地已迁出',
  deceased: '保障对象死亡',
  false_declaration: '隐瞒或虚报家庭经济状况',
  refused_review: '无正当理由拒不配合复核',
  unreachable: '经多次联系无法核实情况',
  review_pending: '复核期间暂停发放',
  requested_by_household: '家庭主动申请退出',
  other: '其他原因',
  income_above_band: '家庭人均收入超过渐退范围',
  gradual_exit_completed: '渐退期已满',
  income_in_gradual_exit_band: '家庭人均收入超过标准但在渐退范围内',
  income_fell_back: '家庭收入回落至标准以下',
};
