import type { CaseType } from '../domain/cases';

/**
 * What the casework mechanics know of a program: codes only. A program's rules (route,
 * eligibility, benefit, lifecycle) live in its own room under workflows/programs/ and are reached through the
 * registry there; generic modules receive a definition, they never import one.
 */
export interface ProgramDefinition<C extends string = string> {
  /** Stored in records and shown through the console's label dictionary: never rename. */
  code: C;
  /**
   * The letters that open the program's case numbers (`DB-220103-20261123-7KQ2M`). Printed on notices and searched
   * by the public status lookup: never change a released prefix.
   */
  caseNoPrefix: string | null;
  /** The case types (mechanics) that carry the program's work. */
  caseTypes: readonly CaseType[];
}

/** A case number: prefix, region code, the day in China (yyyymmdd), and a suffix unique within the day. */
export function caseNumber(program: ProgramDefinition, regionCode: string, dayIso: string, suffix: string): string {
  if (!program.caseNoPrefix) throw new RangeError(`program ${program.code} has no case numbers of its own`);
  return `${program.caseNoPrefix}-${regionCode}-${dayIso.replace(/-/g, '')}-${suffix}`;
}
