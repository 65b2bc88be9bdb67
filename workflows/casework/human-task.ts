import type { CaseworkTask } from './tracked-task';

/** What the due time of a task does: escalate (then wait on without a limit), end the wait, or nothing. */
export type OnDeadline = 'escalate' | 'expire' | 'ignore';

export interface DecisionWait {
  /** Its due time is read when the deadline counts (not with `onDeadline: 'ignore'`). */
  task: Pick<CaseworkTask, 'dueAt'>;
  /** The decision on the task has been accepted. */
  decided: () => boolean;
  /** How the case type waits (a resting point of its procedure, or a plain wait); false when the limit passed. */
  wait: (fn: () => boolean, timeoutMs?: number) => Promise<boolean>;
  onDeadline: OnDeadline;
  /** Marks the task overdue and hands it up (督办, or the next level deciding instead). */
  escalate: () => Promise<void>;
  /**
   * A change of the rules the due time follows (a policy move): `version` is read before each wait, and when it
   * moves, `reschedule` gives the new due time (the task keeps its start).
   */
  rules?: { version: () => number; reschedule: () => Promise<number> };
}

/**
 * The wait of a human task: until its decision, its due time, or a change of the rules that fixed the due time.
 * When the due time passes, an expiring task ends the wait ('expired'); an escalating one escalates once and waits
 * on without a limit. Deterministic: only the workflow clock and the case type's own activities.
 */
export async function awaitDecision(w: DecisionWait): Promise<'decided' | 'expired'> {
  let escalated = false;
  for (;;) {
    const version = w.rules?.version();
    const moved = () => w.rules !== undefined && w.rules.version() !== version;
    const timeout = w.onDeadline === 'ignore' || escalated ? undefined : w.task.dueAt - Date.now();
    const arrived = await w.wait(() => w.decided() || moved(), timeout);
    if (w.decided()) return 'decided';
    if (moved()) {
      w.task.dueAt = await w.rules!.reschedule();
      continue;
    }
    if (arrived) continue;
    if (w.onDeadline === 'expire') return 'expired';
    await w.escalate();
    escalated = true;
  }
}
