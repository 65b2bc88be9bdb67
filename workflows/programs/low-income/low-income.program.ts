import type { ProgramDefinition } from '../../casework/program';

/** 低收入家庭: recognised from the findings of a 低保 application (no case numbers of its own yet). */
export const LOW_INCOME = {
  code: 'low_income',
  caseNoPrefix: null,
  caseTypes: ['application'],
} as const satisfies ProgramDefinition<'low_income'>;
