import type { Application } from '../../../activities/application/application.entity';
import type { Task } from '../../../activities/tasks/task.entity';
import { isoDate, shanghaiDay } from '../../../workflows/domain/calendar';

/** The milestones an applicant sees, and the procedure steps each one stands for. */
const MILESTONES: { step: string; of: readonly string[] }[] = [
  { step: 'submitted', of: [] },
  { step: 'acceptance', of: ['supplement', 'acceptance'] },
  { step: 'investigation', of: ['investigation', 'home_visit', 'economic_check', 'appraisal', 'publicity_investigation'] },
  { step: 'township_review', of: ['township_review', 'publicity_review'] },
  { step: 'approval', of: ['county_sampling', 'county_approval', 'township_confirmation'] },
  { step: 'decision', of: ['decision', 'filing'] },
];

export interface PublicStep {
  step: string;
  state: 'done' | 'current' | 'pending';
  /** YYYY-MM-DD (Asia/Shanghai): when a done step finished, when the current one started. */
  date?: string;
}

const day = (d: Date) => isoDate(shanghaiDay(d.getTime()));

function milestoneOf(stage: string): number {
  if (stage === 'submitted') return 1;
  const i = MILESTONES.findIndex((m) => m.of.includes(stage));
  return i < 0 ? 1 : i;
}

/**
 * A case's progress as public milestones: before the current one done, the current one current, later ones pending.
 * A finished case shows the milestones it went through and its decision; the steps it never reached (a case returned
 * at acceptance was never investigated) are left out.
 */
export function publicSteps(application: Application, tasks: Pick<Task, 'step' | 'status' | 'createdAt' | 'closedAt'>[]): PublicStep[] {
  const finished = application.status !== 'in_progress';
  const current = finished ? MILESTONES.length - 1 : milestoneOf(application.stage);
  const steps: PublicStep[] = [];
  MILESTONES.forEach((m, i) => {
    const own = tasks.filter((t) => m.of.includes(t.step));
    const closed = own.map((t) => t.closedAt).filter((d): d is Date => d !== null);
    if (i === 0) {
      steps.push({ step: m.step, state: 'done', date: day(application.submittedAt) });
    } else if (i === MILESTONES.length - 1 && finished) {
      steps.push({ step: m.step, state: 'done', ...(application.decidedAt ? { date: day(application.decidedAt) } : {}) });
    } else if (finished) {
      if (closed.length > 0) steps.push({ step: m.step, state: 'done', date: day(new Date(Math.max(...closed.map((d) => d.getTime())))) });
    } else if (i < current) {
      steps.push({ step: m.step, state: 'done', ...(closed.length ? { date: day(new Date(Math.max(...closed.map((d) => d.getTime())))) } : {}) });
    } else if (i === current) {
      const started = own.map((t) => t.createdAt.getTime());
      steps.push({ step: m.step, state: 'current', ...(started.length ? { date: day(new Date(Math.min(...started))) } : {}) });
    } else {
      steps.push({ step: m.step, state: 'pending' });
    }
  });
  return steps;
}
