import type { ProgramDefinition } from '../../casework/program';

/** 临时救助, with 救急难 (先行救助) as its fast path: one emergency request per household event. */
export const EMERGENCY = {
  code: 'emergency',
  caseNoPrefix: 'JJ',
  caseTypes: ['emergency'],
} as const satisfies ProgramDefinition<'emergency'>;
