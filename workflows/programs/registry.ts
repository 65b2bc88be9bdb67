import type { ProgramDefinition } from '../casework/program';
import { DIBAO } from './dibao/dibao.program';
import { EMERGENCY } from './emergency/emergency.program';
import { LOW_INCOME } from './low-income/low-income.program';
import { MEDICAL } from './medical/medical.program';
import { TEKUN } from './tekun/tekun.program';

/**
 * The one registry of programs. A new program adds its room under workflows/programs/ and one line here; the
 * inbox, the error mapping and the console learn of it through this list and the label dictionary, never by name.
 */
export const PROGRAMS = {
  dibao: DIBAO,
  emergency: EMERGENCY,
  low_income: LOW_INCOME,
  medical: MEDICAL,
  tekun: TEKUN,
} as const satisfies Record<string, ProgramDefinition>;

export type ProgramCode = keyof typeof PROGRAMS;

export const PROGRAM_CODES = Object.keys(PROGRAMS) as ProgramCode[];

