import type { ProgramDefinition } from '../../casework/program';

/**
 * 特困人员救助供养: its rules (三无, 自理能力, support amount, 分散/集中) are in this room; its application procedure
 * and its support (monthly entitlement, annual review, end) run as the `tekun` case type (workflows/tekun/).
 * Case numbers open with TK and are printed on notices: never change the prefix.
 */
export const TEKUN = {
  code: 'tekun',
  caseNoPrefix: 'TK',
  caseTypes: ['tekun'],
} as const satisfies ProgramDefinition<'tekun'>;
