/** Codes of the assistance programs beside 低保 (低收入家庭 and the special assistance it opens). */
export const PROGRAM_LABELS = {
  assistance: { medical: '医疗救助', education: '教育救助', housing: '住房救助', heating: '取暖救助' },
  layer: { core: '重点保障层', extended: '边缘延伸层', emergency: '急难层' },
  program: { dibao: '最低生活保障', low_income: '低收入家庭', emergency: '救急难(临时救助)' },
  referralStatus: { referred: '已转介', accepted: '已接收', closed: '已办结' },
  programStatus: { recognised: '已认定' },
} as const;
