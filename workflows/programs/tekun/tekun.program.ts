import type { ProgramDefinition } from '../../casework/program';

/**
 * 特困人员救助供养: its rules (三无, 自理能力, support amount, 分散/集中) are in this room; assessed today through
 * `POST /api/tekun/assessments`. Its application procedure on the casework kernel is not built yet, so it carries no
 * case type and no case numbers of its own.
 */
export const TEKUN = {
  code: 'tekun',
  caseNoPrefix: null,
  caseTypes: [],
} as const satisfies ProgramDefinition<'tekun'>;
