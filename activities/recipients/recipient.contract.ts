import type { AssessedIncome } from '../../workflows/application/decisions';
import type { Derivation } from '../../workflows/programs/dibao/lifecycle';
import type { Month } from '../../workflows/domain/months';
import type { LifecycleActor, RecipientStatus } from '../../workflows/recipient/definitions';

/**
 * The activities of the recipient lifecycle workflow, as the workflow sees them. Every write is idempotent by a
 * business key backed by a unique constraint, so retries and replays after continue-as-new are harmless.
 * Inputs and outputs carry ids, codes, months and fen only.
 */
export interface RecipientActivities {
  /**
   * Records one month's entitlement. Unique by household + month + benefit type + kind (+ reference for arrears):
   * the ledger never holds two regular rows for one month; a repeat returns the stored row unchanged.
   */
  recordEntitlement(input: EntitlementInput): Promise<{ created: boolean }>;
  /** Opens a re-review (复核) task in the township investigator's inbox, once per task id. */
  openReReviewTask(input: ReReviewTaskInput): Promise<void>;
  /** Completes or cancels a re-review task row and puts the outcome on the household's timeline, once per task. */
  closeReReviewTask(input: CloseReReviewInput): Promise<void>;
  /**
   * Re-runs the household economic-status check, once per household and month, and compares what the departments
   * know with the assessed incomes (by member id, fen): a material difference or an asset flag asks for a re-review.
   */
  runEconomicCheck(input: { householdId: string; month: Month; incomes?: AssessedIncome[]; at: number }): Promise<EconomicCheckResult>;
  /** Issues a written notice (书面告知), once per notice id. */
  issueNotice(input: NoticeInput): Promise<void>;
  /** Records a status change of the recipient (enrolled, 渐退, suspended, resumed, terminated), once per key. */
  recordStatus(input: StatusInput): Promise<void>;
  /**
   * Records the recovery plan (追回计划) of an overpayment, once per household and reference: by default deducted
   * from the household's future payments, at most a share of each month's amount.
   */
  openRecoveryPlan(input: RecoveryPlanInput): Promise<void>;
}

/**
 * regular / 渐退 amounts and arrears (补发) are owed; an `overpayment` row (多发) is negative: what was paid for a month
 * above the amount later found due, recovered by the plan of the same reference.
 */
export type EntitlementKind = 'regular' | 'arrears' | 'gradual_exit' | 'overpayment';

export interface RecoveryPlanInput {
  householdId: string;
  /** The decision that found the overpayment (the re-review task id). */
  reference: string;
  /** Integer fen, positive: the sum of the overpaid months. */
  totalFen: number;
  months: { month: Month; fen: number }[];
  at: number;
}

export interface EntitlementInput {
  householdId: string;
  month: Month;
  benefitType: 'dibao';
  amountFen: number;
  kind: EntitlementKind;
  /** For arrears: the standard change that produced them; for an overpayment: the decision (part of the key). */
  reference?: string;
  policySnapshotId: string;
  derivation: Derivation;
  at: number;
}

export type ReReviewReason = 'periodic' | 'complaint' | 'economic_check' | 'campaign' | 'data_comparison';

export interface ReReviewTaskInput {
  taskId: string;
  householdId: string;
  recipientId: string;
  reason: ReReviewReason;
  /** The complaint, check report or campaign that triggered it. */
  reference?: string;
  /** Fixed due time (a campaign's window end); otherwise the region's investigation limit in working days. */
  dueAt?: number;
  at: number;
}

export interface CloseReReviewInput {
  taskId: string;
  householdId: string;
  status: 'completed' | 'cancelled';
  outcome?: 'continue' | 'change' | 'terminate';
  submissionId?: string;
  actor?: LifecycleActor;
  at: number;
}

export interface EconomicCheckResult {
  reportId: string;
  flags: string[];
  /** The departments' data differs materially from the assessed situation: a re-review is due. */
  materialChange: boolean;
}

export type NoticeKind =
  | 'continue'
  | 'increase'
  | 'decrease'
  | 'stop'
  | 'gradual_exit_start'
  | 'gradual_exit_end'
  | 'gradual_exit_cancelled'
  | 'standard_change'
  | 'overpayment'
  | 'suspended'
  | 'resumed'
  | 'terminated';

export interface NoticeInput {
  noticeId: string;
  householdId: string;
  /** The enrolment the notice belongs to (absent in histories written before it was sent). */
  recipientId?: string;
  kind: NoticeKind;
  effectiveMonth: Month;
  amountFen: number;
  reasonCode?: string;
  derivation?: Derivation;
  at: number;
}

export interface StatusInput {
  key: string;
  householdId: string;
  /** The enrolment whose status changes (absent in histories written before it was sent). */
  recipientId?: string;
  status: RecipientStatus;
  reasonCode: string;
  effectiveMonth: Month;
  actor?: LifecycleActor;
  at: number;
}
