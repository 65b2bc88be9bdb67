import type { Actor } from '../../workflows/application/decisions';
import type { Month } from '../../workflows/domain/months';
import type { TekunApplicationResult, TekunAssessed, TekunEndReason, TekunStep } from '../../workflows/tekun/definitions';

/**
 * The activities of the 特困供养 workflows: keyed writes to our own database, each safe to retry (a retry finds its
 * own earlier write and answers as the first attempt did). The person's findings are read from the decision's
 * stored submission, never passed through the workflow.
 */
export interface TekunActivities {
  /** Opens a task's inbox row once (its due time fixed at the first attempt) and notes it on the timeline. */
  openTekunTask(input: { caseId: string; taskId: string; step: TekunStep; round: number; fromMs: number }): Promise<{ dueAt: number }>;
  /** Marks an open task overdue, on its row and the timeline. */
  markTekunTaskOverdue(input: { caseId: string; taskId: string; at: number }): Promise<void>;
  /** Assesses the person on the submitted findings under the region's rules in force (三无, 自理能力, support). */
  recordTekunAssessment(input: { caseId: string; taskId: string; submissionId: string; actor: Actor; at: number }): Promise<TekunAssessed>;
  /** The township's 审核确认: approval sets up the support (from the next month) with a notice; rejection ends the case. */
  decideTekunCase(input: { caseId: string; taskId: string; submissionId: string; actor: Actor; outcome: 'approve' | 'reject'; at: number }): Promise<TekunApplicationResult>;
  /** The county's filing (备案) of a confirmed case. */
  fileTekunCase(input: { caseId: string; taskId: string; submissionId: string; actor: Actor; at: number }): Promise<void>;
  /** Records the month's entitlement (basic living + care under the policy in force that month); once per month. */
  recordTekunMonth(input: { caseId: string; month: Month }): Promise<{ amountFen: number }>;
  /** The annual review: assesses again; the support continues (at the new amount) or ends from the next month. */
  applyTekunReview(input: { caseId: string; taskId: string; submissionId: string; actor: Actor; at: number }): Promise<{ continued: boolean; endMonth: Month | null }>;
  /** Ends the support from `effectiveMonth` (death or a change), closes any open review and issues the notice. */
  endTekunSupport(input: { caseId: string; key: string; actor: Actor; reason: TekunEndReason; effectiveMonth: Month; at: number }): Promise<void>;
}
