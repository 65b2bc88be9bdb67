import { ActivityCancellationType, isCancellation, patched, proxyActivities } from '@temporalio/workflow';
import type { ApplicationActivities, CheckSummary } from '../../activities/application/application.contract';
import type { CaseState, TrackedTask } from './case-state';
import type { CompleteTaskCommand } from './decisions';
import type { PublicityStep, TaskStep, Tier } from '../programs/dibao/route';
import { limitForStep, supervisorOf } from '../programs/dibao/route';
import type { Role } from '../domain/roles';
import { awaitDecision, type OnDeadline } from '../casework/human-task';
import { pauseOverallClock } from '../casework/overall-clock';
import { runPublicity } from '../casework/publicity';
import { openTrackedTask } from '../casework/tracked-task';
import { waitUntil } from '../casework/waits';
import { caseWrites } from './case-writes';

/** The department check may wait on slow or unavailable sources; it is retried with a longer backoff. */
const checks = proxyActivities<Pick<ApplicationActivities, 'runEconomicCheck'>>({
  startToCloseTimeout: '5 minutes',
  cancellationType: ActivityCancellationType.ABANDON,
  retry: { initialInterval: '5 seconds', maximumInterval: '10 minutes' },
});

/** Versioning marker of the overall-clock pause: cases started before it replay without it. */
export const CLOCK_PAUSE_PATCH = 'overall-clock-pause';

/** Versioning marker of starting the recipient lifecycle on approval: cases decided before it replay without it. */
export const START_LIFECYCLE_PATCH = 'start-recipient-lifecycle';
/** The county's sample is drawn against its monthly floor when the case reaches the county (not hashed at start). */
export const SAMPLING_QUOTA_PATCH = 'county-sampling-quota';
/** A failed 民主评议 changes the case (back to investigation, or a rejection recommended) instead of being ignored. */
export const APPRAISAL_FAILURE_PATCH = 'appraisal-failure-handled';

/** Working days a supervisor has to act on an escalation (督办). */
export const ESCALATION_WORKING_DAYS = 2;

export interface TaskSpec {
  step: TaskStep;
  role: Role;
  workingDays: number;
  tier?: Tier;
  /** false for side work (the supplement window) that runs beside the main procedure. */
  main?: boolean;
  /** What the due time does: escalate to the supervisor (default), end the wait (expire), or nothing. */
  onDeadline?: OnDeadline;
  /** Override of the derived task id (escalations of the overall limit). */
  taskId?: string;
  escalationOf?: string;
  /** Work done with the decision before the caller is answered (e.g. handing the overdue task to a backup). */
  onDecision?: (cmd: CompleteTaskCommand) => Promise<void>;
}

/**
 * The mechanics every step shares: opening inbox tasks, waiting on people with a deadline, escalating overdue work,
 * running publicity periods. Activities are the only side effects; time comes from the workflow clock.
 */
export class CaseRunner {
  constructor(readonly state: CaseState) {}

  get applicationId(): string {
    return this.state.input.applicationId;
  }

  /** Waits on a condition as a resting point of the main procedure; false when the timeout passed first. */
  async rest(fn: () => boolean, timeoutMs?: number): Promise<boolean> {
    this.state.settled = true;
    try {
      return await waitUntil(fn, timeoutMs);
    } finally {
      this.state.settled = false;
    }
  }

  /**
   * Opens a task and waits for its completion. When the due time passes the task is marked overdue and an
   * escalation opens for the supervising role (or, with `escalate: false`, undefined is returned).
   */
  async humanTask(spec: TaskSpec): Promise<CompleteTaskCommand | undefined> {
    const main = spec.main ?? true;
    const taskId = spec.taskId ?? this.state.taskId(spec.step);
    const task: TrackedTask = { taskId, step: spec.step, role: spec.role, dueAt: 0, overdue: false, tier: spec.tier, main, escalationOf: spec.escalationOf };
    await openTrackedTask(this.state.tasks, task, () =>
      caseWrites().openTask({
        taskId,
        applicationId: this.applicationId,
        step: spec.step,
        role: spec.role,
        round: this.state.round,
        fromMs: Date.now(),
        workingDays: spec.workingDays,
        escalationOf: spec.escalationOf,
      }),
    );
    if (main) this.state.setStage(spec.step);

    const openedAt = Date.now();
    const waited = await awaitDecision({
      task,
      decided: () => this.state.decisions.has(taskId),
      wait: (fn, ms) => (main ? this.rest(fn, ms) : waitUntil(fn, ms)),
      onDeadline: spec.onDeadline ?? 'escalate',
      escalate: () => this.escalate(task),
      rules: {
        version: () => this.state.policyEpoch,
        // The case now follows another policy: this task keeps its start and takes the new limit.
        reschedule: async () => {
          const moved = await caseWrites().rescheduleTask({
            applicationId: this.applicationId,
            taskId,
            fromMs: openedAt,
            workingDays: limitForStep(this.state.policy, spec.step),
          });
          return moved.dueAt;
        },
      },
    });
    if (waited === 'expired') {
      this.state.tasks.delete(taskId);
      return undefined;
    }
    return this.carryThrough(task, spec.onDecision);
  }

  /** Records an accepted completion on the task row and the timeline, then releases the waiting caller. */
  private async carryThrough(task: TrackedTask, onDecision?: TaskSpec['onDecision']): Promise<CompleteTaskCommand> {
    const cmd = this.state.decisions.get(task.taskId)!;
    await caseWrites().closeTask({
      applicationId: this.applicationId,
      taskId: task.taskId,
      status: 'completed',
      at: Date.now(),
      actor: cmd.actor,
      submissionId: cmd.submissionId,
      decision: cmd.decision,
    });
    this.state.tasks.delete(task.taskId);
    await this.closeEscalationsOf(task.taskId, 'the overdue task was completed');
    await onDecision?.(cmd);
    this.state.processed.add(task.taskId);
    return cmd;
  }

  /** Marks a task overdue and opens a 督办 task for the supervising role. */
  async escalate(task: TrackedTask): Promise<void> {
    await caseWrites().markOverdue({ applicationId: this.applicationId, taskId: task.taskId, at: Date.now() });
    task.overdue = true;
    this.spawnEscalation({
      step: 'escalation',
      role: supervisorOf(this.state.policy, task.role),
      workingDays: ESCALATION_WORKING_DAYS,
      main: false,
      onDeadline: 'ignore',
      taskId: `${task.taskId}:escalation`,
      escalationOf: task.taskId,
    });
  }

  /** Runs an escalation beside the main procedure; a cancelled procedure cancels it quietly. */
  spawnEscalation(spec: TaskSpec): void {
    const overdueTaskId = spec.escalationOf;
    const onDecision = async (cmd: CompleteTaskCommand) => {
      if (cmd.decision.step !== 'escalation' || cmd.decision.outcome !== 'reassigned' || !overdueTaskId) return;
      await caseWrites().reassignTask({
        applicationId: this.applicationId,
        taskId: overdueTaskId,
        assigneeId: cmd.decision.reassignTo,
        at: Date.now(),
        actor: cmd.actor,
      });
    };
    this.humanTask({ ...spec, onDecision }).catch((err: unknown) => {
      if (!isCancellation(err)) throw err;
    });
  }

  /** Cancels open escalations of a task that is no longer overdue work. */
  private async closeEscalationsOf(taskId: string, reason: string): Promise<void> {
    for (const t of [...this.state.tasks.values()]) {
      if (t.escalationOf !== taskId || this.state.decisions.has(t.taskId)) continue;
      this.state.tasks.delete(t.taskId);
      await caseWrites().closeTask({ applicationId: this.applicationId, taskId: t.taskId, status: 'cancelled', at: Date.now(), reason });
    }
  }

  /** Starts the department check; its result is awaited later as a resting point (parallel investigation). */
  startCheck(): Promise<CheckSummary> {
    return checks.runEconomicCheck({ applicationId: this.applicationId, round: this.state.round, at: Date.now() });
  }

  /** Waits for a promise as a resting point of the main procedure. */
  async restOn<T>(promise: Promise<T>): Promise<T> {
    let value: { v: T } | undefined;
    let failure: { e: unknown } | undefined;
    promise.then(
      (v) => (value = { v }),
      (e: unknown) => (failure = { e }),
    );
    await this.rest(() => value !== undefined || failure !== undefined);
    if (failure) throw failure.e;
    return value!.v;
  }

  /** A publicity period (张榜公示): passes at its end, or ends early when an objection sends the case back. */
  async publicity(step: PublicityStep, days: number): Promise<'passed' | 'objected'> {
    const round = this.state.round;
    const { applicationId } = this;
    const { outcome, heldMs } = await runPublicity({
      step,
      start: () => caseWrites().startPublicity({ applicationId, step, round, fromMs: Date.now(), days }),
      opened: (period) => {
        this.state.publicity = period;
        this.state.setStage(step);
      },
      rest: (fn, ms) => this.rest(fn, ms),
      ended: async (result) => {
        await caseWrites().endPublicity({ applicationId, step, round, at: Date.now(), outcome: result });
        this.state.publicity = undefined;
      },
    });
    if (patched(CLOCK_PAUSE_PATCH) && this.state.policy.clock?.pauseDuringPublicity) {
      await this.pauseOverallClock(`pause:${step}:${round}`, heldMs, 'publicity');
    }
    return outcome;
  }

  /** Moves the overall deadline later by a span the clock did not run (publicity, waiting on the applicant). */
  async pauseOverallClock(key: string, byMs: number, reason: 'publicity' | 'awaiting_applicant'): Promise<void> {
    await pauseOverallClock(this.state, byMs, (span) => caseWrites().shiftOverallClock({ applicationId: this.applicationId, key, byMs: span, at: Date.now(), reason }));
  }

  get activities(): ApplicationActivities {
    return caseWrites();
  }
}
