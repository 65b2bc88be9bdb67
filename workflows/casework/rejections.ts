import { ApplicationFailure } from '@temporalio/workflow';
import type { Role } from '../domain/roles';
import type { CaseworkTask } from './tracked-task';

/**
 * Failure types of updates refused by any case type. Names are part of the API's stable codes (see `rejectionCode`):
 * never rename them.
 */
export const CASEWORK_REJECTIONS = {
  staleTask: 'StaleTask',
  wrongRole: 'WrongRole',
  wrongStep: 'WrongStep',
  separationOfDuties: 'SeparationOfDuties',
  notInPublicity: 'NotInPublicity',
} as const;

/** A refusal of an update: non-retryable, its type a stable name, its message the reason (no personal data). */
export function reject(type: string, message: string): ApplicationFailure {
  return ApplicationFailure.create({ type, message, nonRetryable: true });
}

/** A command on a task: which task, by whom. */
export interface TaskCommand {
  taskId: string;
  actor: { userId: string; role: Role };
}

/** Refuses a command on a task that is not open, or already decided (a stale page or a retried request). */
export function checkOpen<T>(task: T | undefined, decided: boolean, taskId: string, noun = 'case'): T {
  if (!task || decided) throw reject(CASEWORK_REJECTIONS.staleTask, `task ${taskId} is not open on this ${noun}`);
  return task;
}

/** Refuses a command by someone who does not hold the task's role. */
export function checkRole(task: CaseworkTask, cmd: TaskCommand): void {
  if (cmd.actor.role !== task.role) {
    throw reject(CASEWORK_REJECTIONS.wrongRole, `task ${cmd.taskId} belongs to role ${task.role}, not ${cmd.actor.role}`);
  }
}

/** Refuses a decision made for another step than the task's. */
export function checkStep(task: CaseworkTask, step: string): void {
  if (task.step !== step) throw reject(CASEWORK_REJECTIONS.wrongStep, `task ${task.taskId} is step ${task.step}, not ${step}`);
}

/**
 * Failure types released before the naming convention, with the API code they have always had. Every other type's
 * code is its name in snake case (`NotInPublicity` → `not_in_publicity`).
 */
const RELEASED_CODES: Readonly<Record<string, string>> = {
  StaleReReviewTask: 'stale_task',
  WrongReReviewRole: 'wrong_role',
  AppraisalQuorumNotMet: 'quorum_not_met',
};

/** The API's stable code of a refused update's failure type. */
export function rejectionCode(type: string): string {
  return RELEASED_CODES[type] ?? type.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}
