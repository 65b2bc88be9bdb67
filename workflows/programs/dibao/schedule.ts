import type { RegionPolicy } from '../../../config/policy/policy.schema';
import { provisionalWarning, type WorkingCalendar } from '../../domain/calendar';
import { STEP_LABELS, planRoute, type RouteFacts, type StepCode } from './route';
import type { Role } from '../../domain/roles';

/** One step of a previewed case: when it would start and fall due if every earlier step used its whole limit. */
export interface ScheduledStep {
  step: StepCode | 'acceptance';
  label: string;
  kind: 'task' | 'investigation' | 'publicity';
  role?: Role;
  limit: { workingDays: number } | { calendarDays: number };
  startsAt: number;
  dueAt: number;
  warning?: string;
}

export interface Schedule {
  steps: ScheduledStep[];
  /** The overall decision limit counted from acceptance, when the region sets one. */
  overallDueAt?: number;
  /** Whether the latest step still falls within the overall limit. */
  withinOverallLimit?: boolean;
}

/**
 * The administrators' dry run: the exact route of a case with the given facts and the latest due date of every step,
 * computed with the same pure functions the workflow uses (planRoute, the working-day calendar).
 */
export function scheduleRoute(policy: RegionPolicy, facts: RouteFacts, submittedAt: number, calendar: WorkingCalendar): Schedule {
  const steps: ScheduledStep[] = [];
  // Worst case: each step is completed in the last minute of its due day, so the next one opens that day.
  let at = submittedAt;
  const add = (step: ScheduledStep['step'], kind: ScheduledStep['kind'], limit: ScheduledStep['limit'], role?: Role) => {
    const deadline = 'workingDays' in limit ? calendar.addWorkingDays(at, limit.workingDays) : calendar.addCalendarDays(at, limit.calendarDays);
    steps.push({ step, label: STEP_LABELS[step], kind, role, limit, startsAt: at, dueAt: deadline.at, warning: provisionalWarning(deadline.provisionalYears) });
    at = deadline.at - 1;
  };
  add('acceptance', 'task', { workingDays: policy.acceptance.limitDays }, 'township_clerk');
  const accepted = at;
  for (const s of planRoute(policy, facts)) {
    if (s.kind === 'publicity') add(s.step, 'publicity', { calendarDays: s.days });
    else add(s.step, s.kind, { workingDays: s.limitDays }, s.role);
  }
  const decidedBy = at;
  // Township confirmation is followed by the county's 备案, which the workflow opens after the decision (outside the
  // overall decision limit, which ends at the decision).
  if (policy.approval.mode === 'township_with_filing') {
    add('filing', 'task', { workingDays: policy.approval.filingLimitDays }, 'county_approver');
  }
  if (policy.overallLimitDays === null) return { steps };
  const overallDueAt = calendar.addWorkingDays(accepted, policy.overallLimitDays).at;
  return { steps, overallDueAt, withinOverallLimit: decidedBy <= overallDueAt };
}
