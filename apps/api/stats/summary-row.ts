/** The figures of one line of the monthly 汇总表 (counts; money in integer fen). */
export const SUMMARY_FIELDS = [
  'householdsUrban', 'householdsRural', 'personsUrban', 'personsRural', 'elderly', 'minors', 'disabled', 'singlePerson',
  'newHouseholds', 'increased', 'decreased', 'gradualExit', 'exited',
  'expenditureMonthFen', 'expenditureYearFen', 'emergencyCount', 'emergencyFen', 'tasksClosed', 'tasksOverdue',
] as const;
export type SummaryField = (typeof SUMMARY_FIELDS)[number];
export type SummaryFigures = Record<SummaryField, number>;

/** One line: a region (its depth below the asked region) and the total of everything beneath it. */
export interface SummaryRow extends SummaryFigures {
  code: string;
  name: string;
  level: string;
  depth: number;
  /** Tasks closed late ÷ tasks closed in the month; null when none closed. */
  overdueRate: number | null;
}

export function emptyFigures(): SummaryFigures {
  return Object.fromEntries(SUMMARY_FIELDS.map((k) => [k, 0])) as SummaryFigures;
}
