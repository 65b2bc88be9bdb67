/** Codes of the assistance programs beside 低保 (低收入家庭 and the special assistance it opens). */
export const PROGRAM_LABELS = {
  assistance: { medical: '医疗救助', education: '教育救助', housing: '住房救助', heating: '取暖救助' },
} as const;
