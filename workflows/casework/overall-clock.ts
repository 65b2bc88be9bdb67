import { condition } from '@temporalio/workflow';

/** The overall decision limit of a case, as the case's state holds it (undefined until it starts). */
export interface OverallClock {
  overallDueAt?: number;
}

/**
 * Moves the overall deadline later by a span the clock did not run (publicity, waiting on the applicant). Nothing
 * happens (no activity) when the clock has not started or the span is empty.
 */
export async function pauseOverallClock(clock: OverallClock, byMs: number, shift: (byMs: number) => Promise<{ dueAt: number }>): Promise<void> {
  if (clock.overallDueAt === undefined || byMs <= 0) return;
  const { dueAt } = await shift(byMs);
  clock.overallDueAt = dueAt;
}

export interface OverallWatch {
  clock: OverallClock;
  /** Starts the clock (activity); the answer is the first deadline. */
  start: () => Promise<{ dueAt: number }>;
  /** The case is still undecided. */
  running: () => boolean;
  /** What the passed deadline does (records it, alerts the supervising level). */
  overdue: (dueAt: number) => Promise<void>;
}

/**
 * Watches the overall decision limit: when it passes with the case undecided, `overdue` runs once. The deadline may
 * move later while the clock is paused; a decided case stops the watch.
 */
export async function watchOverallClock(w: OverallWatch): Promise<void> {
  const { dueAt } = await w.start();
  w.clock.overallDueAt = dueAt;
  let due = dueAt;
  for (;;) {
    await condition(() => !w.running() || w.clock.overallDueAt !== due, Math.max(due - Date.now(), 1));
    if (!w.running()) return;
    if (w.clock.overallDueAt === due) break;
    due = w.clock.overallDueAt!;
  }
  await w.overdue(due);
}
