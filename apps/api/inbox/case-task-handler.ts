import type { EntityManager } from '@mikro-orm/core';
import type { Task } from '../../../activities/tasks/task.entity';
import type { CaseType } from '../../../workflows/domain/cases';
import type { AuthUser } from '../auth/auth.types';
import type { TimelineEntry } from '../../../activities/casework/timeline';
import type { AtRiskRule } from './at-risk-rule';
import type { DecisionBody, DecisionSchemas } from './decision.schemas';

/**
 * What the inbox needs from a kind of case. The inbox owns the rows (listing, claiming, the submission record); the
 * handler owns the case: the decisions its tasks take, who must stay away from it, what a decision may reference,
 * which workflow decides, and where its history is kept. `B` is the case type's decision body; the inbox validates a
 * body with `decisions` before handing it over.
 */
export interface CaseTaskHandler<B extends DecisionBody = DecisionBody> {
  readonly caseType: CaseType;
  /** The decisions (schemas by `step`) this case type's tasks take. */
  readonly decisions: DecisionSchemas;
  /** Throws ConflictError('conflict_of_interest') when the user must not take or decide this case's work. */
  refuseExcluded(em: EntityManager, user: AuthUser, task: Task): Promise<void>;
  /** Checks what a decision references (members, colleagues, amounts) against the case: UnprocessableError if wrong. */
  checkReferences(em: EntityManager, user: AuthUser, task: Task, body: B): Promise<void>;
  /** The id of the workflow that decides the task's case. */
  workflowId(task: Task): string;
  /**
   * Sends the decision to the case's workflow as update `completionUpdateId(task.id, user.id)` and returns the case's
   * new state; refusals throw (asConflict).
   */
  complete(user: AuthUser, task: Task, body: B, submissionId: string): Promise<unknown>;
  /** The case's history, oldest first, in the shared shape. */
  timeline(em: EntityManager, caseId: string): Promise<TimelineEntry[]>;
  /** Ids of open rows (of this case type) that are close to their due time. */
  atRisk(em: EntityManager, rows: Task[]): Promise<Set<string>>;
  /** The same test as `atRisk`, as conditions for a database count (the inbox summary). */
  atRiskRules(em: EntityManager, nowMs: number): Promise<AtRiskRule[]>;
}

/** Nest token for the list of handlers, one per case type. */
export const CASE_TASK_HANDLERS = Symbol('CASE_TASK_HANDLERS');

/**
 * The Temporal update id of one user's completion of one task: the same user retrying the same task (after a 503)
 * joins the first update instead of sending a second one that the workflow would refuse as stale.
 */
export function completionUpdateId(taskId: string, userId: string): string {
  return `complete:${taskId}:${userId}`;
}
