import type { CalendarService } from '../../../activities/regions/calendar.service';
import type { Task } from '../../../activities/tasks/task.entity';
import { workingDaysCutoff } from '../../../workflows/domain/calendar';

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

export { workingDaysCutoff };

/**
 * A case type whose tasks are all at risk within the same number of working days of their due time: the per-row
 * flags of the inbox list and the rule of its summary count, from one threshold.
 */
export class WorkingDaysAtRisk {
  constructor(
    private readonly calendars: CalendarService,
    private readonly days: number,
  ) {}

  async rules(nowMs: number): Promise<AtRiskRule[]> {
    return [{ before: workingDaysCutoff(await this.calendars.calendar(), nowMs, this.days) }];
  }

  async flag(rows: Task[]): Promise<Set<string>> {
    const open = rows.filter((t) => t.status === 'open' && !t.overdue);
    if (open.length === 0) return new Set();
    const calendar = await this.calendars.calendar();
    const now = Date.now();
    return new Set(open.filter((t) => calendar.workingDaysUntil(now, t.dueAt.getTime()) <= this.days).map((t) => t.id));
  }
}
