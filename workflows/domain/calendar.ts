/**
 * Working-day arithmetic for time limits (工作日), in Asia/Shanghai.
 *
 * Rules (民法典 art. 201, 203): the day of the triggering event is not counted; the period starts the next day and
 * ends at 24:00 Asia/Shanghai of its last day. Working days skip weekends and public holidays but count make-up
 * working days (调休上班). A year without a published State Council table is counted weekends-only and every
 * deadline that touches it carries a warning; holiday dates are never invented.
 *
 * Pure and deterministic: shared by the workflows, the activities and the API's dry runs.
 */

/** One year's holiday table, as published by the State Council (or a provisional weekends-only year). */
export interface HolidayYear {
  year: number;
  /** false when the year's table has not been published: weekends-only, with a warning. */
  published: boolean;
  holidays: { name: string; from: string; to: string }[];
  makeUpWorkdays: string[];
}

/** A deadline and the reasons to doubt it. */
export interface Deadline {
  /** Epoch milliseconds of the end of the period (24:00 Asia/Shanghai of its last day). */
  at: number;
  /** Years whose holiday table was not available when this deadline was computed. */
  provisionalYears: number[];
}

const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** Local calendar date in Asia/Shanghai (no DST there), as days since 1970-01-01. */
export function shanghaiDay(epochMs: number): number {
  return Math.floor((epochMs + SHANGHAI_OFFSET_MS) / DAY_MS);
}

/** The ISO date (YYYY-MM-DD) of a Shanghai day number. */
export function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Day number of an ISO date (YYYY-MM-DD), validated. */
export function dayOf(iso: string): number {
  const ms = Date.parse(`${iso}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== iso) {
    throw new RangeError(`not a calendar date: ${iso}`);
  }
  return ms / DAY_MS;
}

/** Epoch milliseconds of 24:00 Asia/Shanghai at the end of the given day. */
export function endOfShanghaiDay(day: number): number {
  return (day + 1) * DAY_MS - SHANGHAI_OFFSET_MS;
}

/** A lookup over holiday tables, indexed once. */
export class WorkingCalendar {
  private readonly years = new Map<number, HolidayYear>();
  private readonly holidays = new Set<number>();
  private readonly makeUp = new Set<number>();

  constructor(tables: readonly HolidayYear[]) {
    for (const table of tables) {
      this.years.set(table.year, table);
      if (!table.published) continue;
      for (const h of table.holidays) {
        for (let d = dayOf(h.from); d <= dayOf(h.to); d++) this.holidays.add(d);
      }
      for (const m of table.makeUpWorkdays) this.makeUp.add(dayOf(m));
    }
  }

  /** Whether the year's official table is known. */
  isPublished(year: number): boolean {
    return this.years.get(year)?.published === true;
  }

  /** Whether a Shanghai day is a working day. */
  isWorkingDay(day: number): boolean {
    if (this.makeUp.has(day)) return true;
    if (this.holidays.has(day)) return false;
    const weekday = new Date(day * DAY_MS).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }

  /**
   * The end of a period of `workingDays` working days triggered at `fromMs`.
   * The event day is not counted; the result is 24:00 of the last working day.
   */
  addWorkingDays(fromMs: number, workingDays: number): Deadline {
    assertCount(workingDays);
    let day = shanghaiDay(fromMs);
    const provisional = new Set<number>();
    let remaining = workingDays;
    while (remaining > 0) {
      day += 1;
      this.noteProvisional(day, provisional);
      if (this.isWorkingDay(day)) remaining -= 1;
    }
    return { at: endOfShanghaiDay(day), provisionalYears: [...provisional].sort() };
  }

  /** The end of a period of `days` calendar days (e.g. a publicity period), same counting rule. */
  addCalendarDays(fromMs: number, days: number): Deadline {
    assertCount(days);
    const last = shanghaiDay(fromMs) + days;
    return { at: endOfShanghaiDay(last), provisionalYears: [] };
  }

  /** Working days left between `fromMs` and a deadline (0 when due or past), for at-risk warnings. */
  workingDaysUntil(fromMs: number, deadlineMs: number): number {
    let count = 0;
    for (let day = shanghaiDay(fromMs) + 1; endOfShanghaiDay(day) <= deadlineMs; day++) {
      if (this.isWorkingDay(day)) count += 1;
    }
    return count;
  }

  private noteProvisional(day: number, into: Set<number>): void {
    const year = new Date(day * DAY_MS).getUTCFullYear();
    if (!this.isPublished(year)) into.add(year);
  }
}

function assertCount(n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`a period must be a whole number of days, got ${n}`);
}

/** The human warning shown beside a deadline computed over an unpublished year. */
export function provisionalWarning(years: readonly number[]): string | undefined {
  if (years.length === 0) return undefined;
  return `${years.join('、')}年节假日安排尚未发布，期限暂按周末计算，发布后请管理员导入`;
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
