import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor } from '../application/decisions';
import { CASEWORK_REJECTIONS } from '../casework/rejections';
import type { Month } from '../domain/months';
import type { Role } from '../domain/roles';
import type { Placement } from '../programs/low-income/placement';

/**
 * The periodic re-check (复核) of a household on the 低收入 register: one long-lived workflow per register entry,
 * waiting for the month the re-check falls due, opening a task for the township investigator, placing the household
 * again on the findings, and either continuing (as new, until the next re-check) or ending. Names are durable.
 */
export const LOW_INCOME_RECHECK_WORKFLOW_TYPE = 'lowIncomeRecheckWorkflow';

export function lowIncomeRecheckWorkflowId(recordId: string): string {
  return `low-income-recheck:${recordId}`;
}

export const LOW_INCOME_RECHECK_STEP = 'low_income_recheck';
export const LOW_INCOME_RECHECK_ROLE: Role = 'township_investigator';
/** Working days the township has for a re-check before it is marked overdue (it stays open until done). */
export const LOW_INCOME_RECHECK_WORKING_DAYS = 20;

/** Ids and codes only: the register entry's figures and the household stay in the database. */
export interface LowIncomeRecheckInput {
  recordId: string;
  /** The month the re-check falls due. */
  dueMonth: Month;
  /** 1 for the first re-check after recognition, then one more per re-check. */
  cycle: number;
}

/** What the investigator found: the same income and asset findings a 低保 assessment uses. */
export interface RecheckFindings {
  members: number;
  /** Household income net of the deductions the region allows, fen per month. */
  totalIncomeFen: number;
  assetsWithinLimits: boolean;
}

export interface RecheckCommand {
  taskId: string;
  step: typeof LOW_INCOME_RECHECK_STEP;
  /** The stored submission (with the free-text findings) this decision belongs to. */
  submissionId: string;
  actor: Actor;
  findings: RecheckFindings;
}

/** What a re-check decided: where the household now stands, and the next re-check when it stays. */
export interface RecheckResult {
  placement: Placement;
  nextDueMonth: Month | null;
}

export interface RecheckState {
  recordId: string;
  cycle: number;
  dueMonth: Month;
  status: 'waiting' | 'open' | 'rechecked';
  openTaskIds: string[];
  result: RecheckResult | null;
}

export const completeRecheckUpdate = defineUpdate<RecheckState, [RecheckCommand]>('completeRecheck');
export const recheckStateQuery = defineQuery<RecheckState>('recheckState');

export const RECHECK_REJECTIONS = {
  staleTask: CASEWORK_REJECTIONS.staleTask,
  wrongRole: CASEWORK_REJECTIONS.wrongRole,
  wrongStep: CASEWORK_REJECTIONS.wrongStep,
} as const;
