import type { ProgramDefinition } from '../../casework/program';

/** 医疗救助: referrals from an emergency request, accepted and paid by the medical-assistance office. */
export const MEDICAL = {
  code: 'medical',
  caseNoPrefix: null,
  caseTypes: ['emergency'],
} as const satisfies ProgramDefinition<'medical'>;
