import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CasePolicy, RegionPolicy } from '../../config/policy/policy.schema';
import type { AssessedIncome } from '../application/decisions';
import type { Assessment, DeclaredDeductions, Month, RecipientCategory } from '../domain/lifecycle';
import type { Role } from '../domain/roles';

/**
 * The durable contract of the recipient lifecycle workflow (动态管理): one long-lived workflow per enrolled household,
 * from approval to exit. Names here are stored in histories: never rename them after release.
 */

export const RECIPIENT_WORKFLOW_TYPE = 'recipientWorkflow';
export const RECIPIENT_TASK_QUEUE = 'assistance-recipients';

/** One workflow per recipient household; the id is derived from the household id. */
export function recipientWorkflowId(householdId: string): string {
  return `dibao-recipient-${householdId}`;
}

export type RecipientStatus = 'active' | 'gradual_exit' | 'suspended' | 'terminated';

/** Who acted: a caseworker by user id and role, or the household itself. */
export interface LifecycleActor {
  userId: string;
  role: Role | 'household';
}

/** Everything the workflow knows, carried whole across continue-as-new. Ids, codes, months and fen only. */
export interface RecipientCarried {
  status: RecipientStatus;
  /** The status to return to when a suspension is lifted. */
  suspendedFrom?: 'active' | 'gradual_exit';
  amountFen: number;
  standards: RegionPolicy['standards'];
  incomes: AssessedIncome[];
  deductions: DeclaredDeductions;
  /** The next month whose entitlement is due. */
  nextMonth: Month;
  nextReReviewMonth: Month;
  nextCheckMonth: Month;
  /** Regular (or 渐退) amount recorded per month, for arrears when a standard changes. */
  paid: Record<Month, number>;
  gradualExit?: { fromMonth: Month; monthsPaid: number };
  /** Standard changes effective in a month not yet reached. */
  pendingStandards: StandardChange[];
  /** Counter behind every notice, status and task key, so keys stay unique across runs. */
  events: number;
  lastAssessment?: Assessment;
  /** How many runs came before this one (continue-as-new count). */
  runs: number;
}

export interface RecipientInput {
  recipientId: string;
  householdId: string;
  policy: CasePolicy;
  category: RecipientCategory;
  area: 'urban' | 'rural';
  /** First month of entitlement (the month after approval, usually). */
  startMonth: Month;
  /** Monthly amount approved, fen. */
  amountFen: number;
  /** Assessed incomes at approval, by member id. */
  incomes: AssessedIncome[];
  deductions?: DeclaredDeductions;
  /** Safety bound: continue-as-new after this many months in one run even if Temporal has not suggested it. */
  maxMonthsPerRun?: number;
  /** State of the previous run, set only by continue-as-new. */
  carried?: RecipientCarried;
}

/** A change reported by the household or a caseworker (free text is stored by the API, not here). */
export interface ReportChangeCommand {
  changeId: string;
  incomes: AssessedIncome[];
  deductions: DeclaredDeductions;
  reporter: LifecycleActor;
}

export interface StandardChange {
  changeId: string;
  effectiveMonth: Month;
  standards: RegionPolicy['standards'];
}

export interface StatusCommand {
  reasonCode: string;
  actor: LifecycleActor;
}

export interface RecipientSnapshot {
  householdId: string;
  status: RecipientStatus;
  amountFen: number;
  nextMonth: Month;
  nextReReviewMonth: Month;
  nextCheckMonth: Month;
  gradualExit?: { fromMonth: Month; monthsPaid: number; monthsAllowed: number };
  lastAssessment?: Assessment;
  runs: number;
  policy: { snapshotId: string; label: string };
}

export const recipientStateQuery = defineQuery<RecipientSnapshot>('recipientState');
export const reportChangeUpdate = defineUpdate<RecipientSnapshot, [ReportChangeCommand]>('reportChange');
export const standardChangedUpdate = defineUpdate<RecipientSnapshot, [StandardChange]>('standardChanged');
export const complaintUpdate = defineUpdate<RecipientSnapshot, [{ complaintId: string }]>('complaint');
export const suspendUpdate = defineUpdate<RecipientSnapshot, [StatusCommand]>('suspend');
export const resumeUpdate = defineUpdate<RecipientSnapshot, [StatusCommand]>('resume');
export const terminateUpdate = defineUpdate<RecipientSnapshot, [StatusCommand]>('terminate');

/** Failure types carried by rejected updates; the API maps them to 409. */
export const RECIPIENT_REJECTIONS = {
  terminated: 'RecipientTerminated',
  notSuspended: 'NotSuspended',
  alreadySuspended: 'AlreadySuspended',
  invalidIncomes: 'InvalidIncomes',
} as const;
