/**
 * The kinds of case that put work in an inbox. Stored in task rows and audit entries: never rename.
 * - application: a 低保 application (one workflow per application)
 * - recipient: an enrolled household's lifecycle (re-reviews, 动态管理)
 * - emergency: a 救急难 request (先行救助)
 * - payment: a county's monthly payment run (发放: approval, then release)
 * - low_income: a household on the 低收入 register (its periodic re-checks)
 * - tekun: a person's 特困供养 case (application, then monthly support, annual reviews and its end)
 */
export const CASE_TYPES = ['application', 'recipient', 'emergency', 'payment', 'low_income', 'tekun'] as const;
export type CaseType = (typeof CASE_TYPES)[number];
