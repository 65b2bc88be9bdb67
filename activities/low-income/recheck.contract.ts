import type { Actor } from '../../workflows/application/decisions';
import type { RecheckFindings, RecheckResult } from '../../workflows/low-income/definitions';

/** The activities of the 低收入 re-check workflow: keyed writes to our own database, safe to retry. */
export interface LowIncomeRecheckActivities {
  /** Opens the re-check's inbox row once (its due time fixed at the first attempt) and notes it on the timeline. */
  openRecheckTask(input: { recordId: string; taskId: string; fromMs: number }): Promise<{ dueAt: number }>;
  /** Marks the open re-check overdue, on its row and the timeline. */
  markRecheckOverdue(input: { recordId: string; taskId: string; at: number }): Promise<void>;
  /**
   * Places the household again on the findings under the region's rules in force, updates the register entry (the
   * next re-check, or its end), closes the row and writes the timeline line, in one transaction; a retry answers as
   * the first attempt did.
   */
  applyRecheck(input: { recordId: string; taskId: string; submissionId: string; actor: Actor; findings: RecheckFindings; at: number }): Promise<RecheckResult>;
}
