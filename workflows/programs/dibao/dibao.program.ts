import type { ProgramDefinition } from '../../casework/program';

/** 最低生活保障: applied for through the application procedure, then carried by the recipient lifecycle and payment runs. */
export const DIBAO = {
  code: 'dibao',
  caseNoPrefix: 'DB',
  caseTypes: ['application', 'recipient', 'payment'],
} as const satisfies ProgramDefinition<'dibao'>;
