import type { DeclaredDeductions } from '../../workflows/programs/dibao/lifecycle';
import type { AssessedIncome, Actor, ReasonCode, StepDecision } from '../../workflows/application/decisions';
import type { CaseStatus } from '../../workflows/application/definitions';
import type { PublicityStep, StepCode, TaskStep } from '../../workflows/programs/dibao/route';
import type { Role } from '../../workflows/domain/roles';
import type { RegionPolicy } from '../../config/policy/policy.schema';

/**
 * The activities of the application workflow, as the workflow sees them. Every write is idempotent by a business key
 * (task id, application id + round, application id + event key) backed by a unique constraint, so retries are harmless.
 * Inputs and outputs carry ids, codes, times and amounts only.
 */
export interface ApplicationActivities {
  /** Creates the inbox row of a task (once per task id) and returns its due time. */
  openTask(input: OpenTaskInput): Promise<OpenedTask>;
  /** Completes or cancels a task row and records the decision on the timeline (once per task id). */
  closeTask(input: CloseTaskInput): Promise<void>;
  /** Marks a task overdue; its escalation is opened separately with openTask. */
  markOverdue(input: { applicationId: string; taskId: string; at: number }): Promise<void>;
  /** Hands a task to another worker of the same role and region (AB岗). */
  reassignTask(input: { applicationId: string; taskId: string; assigneeId: string; at: number; actor: Actor }): Promise<void>;
  /** Cancels every open task of the case (the case has ended or was closed). */
  cancelOpenTasks(input: { applicationId: string; at: number; reason: string }): Promise<void>;
  /** Runs the household economic-status check (家庭经济状况核对) and stores its report (once per round). */
  runEconomicCheck(input: { applicationId: string; round: number; at: number }): Promise<CheckSummary>;
  /** Opens a publicity period (张榜公示) and returns its end (once per step and round). */
  startPublicity(input: { applicationId: string; step: PublicityStep; round: number; fromMs: number; days: number }): Promise<{ endsAt: number }>;
  /** Closes a publicity period with its result. */
  endPublicity(input: { applicationId: string; step: PublicityStep; round: number; at: number; outcome: 'passed' | 'objected' }): Promise<void>;
  /** Starts the overall decision clock and returns its deadline (once per application). */
  startOverallClock(input: { applicationId: string; fromMs: number; workingDays: number }): Promise<{ dueAt: number }>;
  /** Records how the workflow took an objection: back to investigation, or noted for the reviewer. */
  noteObjection(input: { applicationId: string; objectionId: string; outcome: 'reinvestigate' | 'noted'; at: number; actor: Actor; step: StepCode }): Promise<void>;
  /** Recomputes an open task's due time from its own start with a new limit (after a policy move). */
  rescheduleTask(input: { applicationId: string; taskId: string; fromMs: number; workingDays: number }): Promise<OpenedTask>;
  /** Moves the overall deadline later by a paused span (once per key) and returns the new deadline. */
  shiftOverallClock(input: { applicationId: string; key: string; byMs: number; at: number; reason: 'publicity' | 'awaiting_applicant' }): Promise<{ dueAt: number }>;
  /** Records that the case now follows another policy snapshot (once per snapshot). */
  recordPolicyMove(input: { applicationId: string; snapshotId: string; label: string; at: number; actor: Actor }): Promise<void>;
  /** Appends a timeline event (once per application and key). */
  recordEvent(input: RecordEventInput): Promise<void>;
  /** Records the final decision; on approval computes the benefit and enrols the household (once per application). */
  decide(input: DecideInput): Promise<DecisionResult>;
  /**
   * Starts the enrolled household's lifecycle workflow (动态管理) after an approval. Idempotent: the workflow id is
   * derived from the household, so a retry finds it running; a household that left and was approved again gets a
   * new run under the same id. Returns false when the decision enrolled nobody.
   */
  startRecipientLifecycle(input: StartLifecycleInput): Promise<{ started: boolean }>;
  /**
   * The county's sampling draw when the case reaches the county (once per application): sampled by the lottery at the
   * rate, or because the county's share of the month would otherwise fall below the rate (不低于30%).
   */
  drawSample(input: DrawSampleInput): Promise<{ sampled: boolean }>;
}

export interface DrawSampleInput {
  applicationId: string;
  /** The workflow's clock; the county's tally is kept per month (Asia/Shanghai). */
  at: number;
  /** The policy's sampling rate, 0..1. */
  rate: number;
}

export interface StartLifecycleInput {
  applicationId: string;
  /** The assessed incomes of the home visit, by member id; members without one count their declared income. */
  incomes?: readonly AssessedIncome[];
  /** The deductions the first decision applied: the lifecycle re-assesses with them until a change replaces them. */
  deductions?: DeclaredDeductions;
  at: number;
}

export interface OpenTaskInput {
  taskId: string;
  applicationId: string;
  step: TaskStep;
  role: Role;
  round: number;
  /** The workflow's clock when the task opened; the day it opens is not counted. */
  fromMs: number;
  workingDays: number;
  /** For escalations: the task that went overdue. */
  escalationOf?: string;
}

export interface OpenedTask {
  taskId: string;
  dueAt: number;
  /** Set when the deadline crosses a year whose holiday table is not published. */
  warning?: string;
}

export interface CloseTaskInput {
  applicationId: string;
  taskId: string;
  status: 'completed' | 'cancelled';
  at: number;
  actor?: Actor;
  submissionId?: string;
  decision?: StepDecision;
  reason?: string;
}

export interface CheckSummary {
  reportId: string;
  /** Flags raised by the check (e.g. vehicle_owned, income_above_declared); codes only. */
  flags: string[];
  /** Monthly income the departments know of, in fen. */
  incomeFoundFen: number;
}

export interface RecordEventInput {
  applicationId: string;
  key: string;
  step: StepCode | 'submitted' | 'decision' | 'overall_limit';
  action: string;
  at: number;
  actor?: Actor;
  dueAt?: number;
  data?: Record<string, string | number | boolean | null>;
}

export interface DecideInput {
  applicationId: string;
  status: Exclude<CaseStatus, 'in_progress'>;
  at: number;
  actor?: Actor;
  reasonCode?: ReasonCode;
  /** The latest assessed incomes from the home visit, for the benefit calculation. */
  incomes?: readonly AssessedIncome[];
  /** The rigid expenses and work costs found at that visit, and which of them the region deducts. */
  deductions?: DeclaredDeductions;
  deductionRules?: RegionPolicy['lifecycle']['deductions'];
  standards: RegionPolicy['standards'];
  /** The case's 单人保 conditions (absent in histories recorded before regions set them: the national defaults). */
  singleEnrolment?: RegionPolicy['singleEnrolment'];
}

export interface DecisionResult {
  status: Exclude<CaseStatus, 'in_progress'>;
  reasonCode?: ReasonCode;
  amountFen?: number;
}
