import { ActivityCancellationType, proxyActivities } from '@temporalio/workflow';
import type { EmergencyActivities, OpenEmergencyTaskInput } from '../../activities/emergency/emergency.contract';
import type { Actor } from '../application/decisions';
import { awaitDecision } from '../casework/human-task';
import { openTrackedTask } from '../casework/tracked-task';
import { waitUntil } from '../casework/waits';
import { EMERGENCY_ROLES, type EmergencyStep } from './definitions';
import type { EmergencyState } from './emergency-state';

/** Short idempotent writes to our own database (the payment too: it is keyed), retried quickly and forever. */
const acts = proxyActivities<EmergencyActivities>({
  startToCloseTimeout: '1 minute',
  cancellationType: ActivityCancellationType.ABANDON,
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

export interface StepSpec {
  step: EmergencyStep;
  regionCode: string;
  deadline: OpenEmergencyTaskInput['deadline'];
  round?: number;
  escalationOf?: string;
}

/**
 * The mechanics of the emergency steps: opening urgent inbox tasks, waiting on people until a due time, marking
 * overdue work against the region that held it, and the timeline. Activities are the only side effects.
 */
export class EmergencyTasks {
  constructor(readonly state: EmergencyState) {}

  get activities(): EmergencyActivities {
    return acts;
  }

  /** Opens an urgent task (rank 0) and records it in the state; returns its id and due time. */
  async open(spec: StepSpec): Promise<{ taskId: string; dueAt: number }> {
    const taskId = this.state.taskId(spec.step, spec.round);
    const role = EMERGENCY_ROLES[spec.step];
    const task = { taskId, step: spec.step, role, dueAt: 0, overdue: false };
    const { dueAt } = await openTrackedTask(this.state.tasks, task, () =>
      acts.openTask({
        taskId,
        requestId: this.state.input.requestId,
        step: spec.step,
        role,
        rank: 0,
        regionCode: spec.regionCode,
        fromMs: Date.now(),
        deadline: spec.deadline,
        escalationOf: spec.escalationOf,
      }),
    );
    return { taskId, dueAt };
  }

  /** Waits at a resting point (every accepted command answered first); false when the limit passed first. */
  wait(done: () => boolean, timeoutMs?: number): Promise<boolean> {
    this.state.settle();
    return waitUntil(done, timeoutMs);
  }

  /**
   * Waits for the task's answer. When its due time passes first, the overdue is recorded against `againstRegion` and
   * the wait goes on without a limit (the work is not skipped).
   */
  async answered(taskId: string, done: () => boolean, againstRegion: string): Promise<void> {
    await awaitDecision({
      task: this.state.tasks.get(taskId)!,
      decided: done,
      wait: (fn, ms) => this.wait(fn, ms),
      onDeadline: 'escalate',
      escalate: () => this.overdue(taskId, againstRegion),
    });
  }

  /** Marks the task overdue against the region that held it, on the task row and the timeline. */
  async overdue(taskId: string, againstRegion: string): Promise<void> {
    const task = this.state.tasks.get(taskId)!;
    await acts.markOverdue({ requestId: this.state.input.requestId, taskId, at: Date.now(), againstRegion });
    task.overdue = true;
    await this.event(`${taskId}:overdue`, 'overdue', { data: { taskId, againstRegion, dueAt: task.dueAt } });
  }

  /** Closes the task row (completed with its actor, or cancelled with a reason) and forgets it. */
  async close(taskId: string, actor?: Actor, reason?: string): Promise<void> {
    const status = actor ? 'completed' : 'cancelled';
    await acts.closeTask({ requestId: this.state.input.requestId, taskId, status, at: Date.now(), actor, reason });
    this.state.tasks.delete(taskId);
  }

  /** Appends a timeline event with the policy version the request runs under. */
  event(key: string, action: string, extra: { actor?: Actor; reasonCode?: string; data?: Record<string, string | number | boolean | null> } = {}): Promise<void> {
    return acts.recordEvent({
      requestId: this.state.input.requestId,
      key,
      action,
      at: Date.now(),
      policySnapshotId: this.state.input.policy.snapshotId,
      ...extra,
    });
  }
}
