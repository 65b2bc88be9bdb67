import type { MikroORM } from '@mikro-orm/core';
import { WorkingCalendar, provisionalWarning, type Deadline } from '../../workflows/domain/calendar';
import { HolidayYearRow } from './holiday-year.entity';

/** A deadline with the warning to show beside it when it rests on an unpublished holiday year. */
export interface DeadlineView {
  at: Date;
  warning: string | null;
}

/**
 * The working-day calendar as stored (administrators can load a year's table when the State Council publishes it).
 * Cached briefly: deadlines are computed often, tables change a few times a year.
 */
export class CalendarService {
  private cached?: { at: number; calendar: WorkingCalendar };

  constructor(
    private readonly orm: MikroORM,
    private readonly ttlMs = 30_000,
  ) {}

  async calendar(): Promise<WorkingCalendar> {
    if (this.cached && Date.now() - this.cached.at < this.ttlMs) return this.cached.calendar;
    const rows = await this.orm.em.fork().find(HolidayYearRow, {}, { orderBy: { year: 'asc' } });
    const calendar = new WorkingCalendar(rows);
    this.cached = { at: Date.now(), calendar };
    return calendar;
  }

  /** Forgets the cache (after an administrator loads a table). */
  invalidate(): void {
    this.cached = undefined;
  }

  async workingDaysFrom(fromMs: number, days: number): Promise<DeadlineView> {
    return view((await this.calendar()).addWorkingDays(fromMs, days));
  }

  async calendarDaysFrom(fromMs: number, days: number): Promise<DeadlineView> {
    return view((await this.calendar()).addCalendarDays(fromMs, days));
  }
}

function view(deadline: Deadline): DeadlineView {
  return { at: new Date(deadline.at), warning: provisionalWarning(deadline.provisionalYears) ?? null };
}
