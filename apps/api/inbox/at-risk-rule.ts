import { endOfShanghaiDay, shanghaiDay, type WorkingCalendar } from '../../../workflows/domain/calendar';

/**
 * A handler's due-soon test written as a condition a database count can apply: an open, not overdue task of the
 * handler's case type is at risk when it is due before `before` (and, when given, has one of `steps`, none of
 * `notSteps`, or belongs to a case decided under one of `policySnapshotIds`). The inbox summary counts these rows
 * with GROUP BY instead of loading them; the list's per-row flags and these rules come from the same thresholds.
 */
export interface AtRiskRule {
  before: Date;
  steps?: readonly string[];
  notSteps?: readonly string[];
  policySnapshotIds?: readonly string[];
}

/**
 * The moment from which a due time is no longer "at most `days` working days away": `workingDaysUntil(now, due) <=
 * days` holds exactly when `due` is before 24:00 of the (days + 1)-th working day after today.
 */
export function workingDaysCutoff(calendar: WorkingCalendar, nowMs: number, days: number): Date {
  let day = shanghaiDay(nowMs);
  for (let found = 0; found <= days; ) {
    day += 1;
    if (calendar.isWorkingDay(day)) found += 1;
  }
  return new Date(endOfShanghaiDay(day));
}
