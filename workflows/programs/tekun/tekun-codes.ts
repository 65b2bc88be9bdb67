/**
 * Codes of 特困人员救助供养 (特困供养) as the API returns them; each has a zh-CN label in the console's dictionary.
 * Durable: stored in records and shown on notices, never renamed.
 */

/** 生活自理能力: 具备 (full), 部分丧失 (partial), 完全丧失 (none). */
export const SELF_CARE_LEVELS = ['full', 'partial', 'none'] as const;
export type SelfCareLevel = (typeof SELF_CARE_LEVELS)[number];

/** The six daily activities the self-care assessment looks at (自主吃饭、穿衣、上下床、如厕、室内行走、洗澡). */
export const DAILY_ACTIVITIES = ['eating', 'dressing', 'transferring', 'toileting', 'indoor_walking', 'bathing'] as const;
export type DailyActivity = (typeof DAILY_ACTIVITIES)[number];

/** 分散供养 (at home) or 集中供养 (in an institution such as a 农村福利院). */
export const SUPPORT_MODES = ['dispersed', 'centralized'] as const;
export type SupportMode = (typeof SUPPORT_MODES)[number];

/** The 三无 conditions, each named when it is not met. */
export const TEKUN_CONDITIONS = ['labour_capacity', 'income_source', 'supporter'] as const;
export type TekunCondition = (typeof TEKUN_CONDITIONS)[number];

/** Disability kinds as the 残疾人证 names them, for the labour-capacity rule. */
export const DISABILITY_KINDS = ['intellectual', 'mental', 'physical', 'visual', 'hearing', 'speech', 'multiple'] as const;
export type DisabilityKind = (typeof DISABILITY_KINDS)[number];
