import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CasePolicy, RegionPolicy } from '../../config/policy/policy.schema';
import type { AssessedIncome } from '../application/decisions';
import type { Assessment, DeclaredDeductions, RecipientCategory } from '../programs/dibao/lifecycle';
import type { Month } from '../domain/months';
import type { Role } from '../domain/roles';

/**
 * The durable contract of the recipient lifecycle workflow (动态管理): one long-lived workflow per enrolled household,
 * from approval to exit. Names here are stored in histories: never rename them after release.
 */

export const RECIPIENT_WORKFLOW_TYPE = 'recipientWorkflow';
export const RECIPIENT_TASK_QUEUE = 'assistance-recipients';

/**
 * The recipients queue of a deployment: the shared one, or, where the application queue is renamed (a test run, a
 * second platform on one Temporal), a queue named after it so the two never take each other's work.
 */
export function recipientTaskQueueFor(applicationTaskQueue?: string): string {
  return applicationTaskQueue ? `${applicationTaskQueue}-recipients` : RECIPIENT_TASK_QUEUE;
}

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
  /** Re-review tasks opened and not yet completed (absent in states carried by older runs). */
  openTasks?: string[];
  /** Recent change, complaint and campaign ids, so a command sent twice (a retried fan-out) is refused. */
  seen?: string[];
  /** The policy snapshot amounts are computed under since a standard change (absent: the enrolment's). */
  policy?: { snapshotId: string; label: string };
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
  /** The approved policy version's snapshot for the household's region (absent in changes sent before it was carried). */
  policy?: { snapshotId: string; label: string };
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
  /** Re-review tasks waiting for the township investigator. */
  openTasks: string[];
}

/** A township investigator's completion of a re-review task (复核): the outcome the workflow applies. */
export interface CompleteReReviewCommand {
  taskId: string;
  /** The stored submission (with the free-text findings). */
  submissionId: string;
  actor: LifecycleActor;
  outcome: 'continue' | 'change' | 'terminate';
  /** For 'change': the assessed incomes of every member and the declared deductions. */
  incomes?: AssessedIncome[];
  deductions?: DeclaredDeductions;
  /** For 'terminate': why the household leaves. */
  reasonCode?: string;
  /**
   * For 'change': the first month the findings hold (e.g. since when an income was concealed). A month already paid
   * at a higher amount becomes an overpayment (多发) with a recovery plan; absent, the change applies from the next
   * due month only.
   */
  effectiveMonth?: Month;
}

/** A re-review campaign (专项治理) reaching this household: one task per campaign, due at the window's end. */
export interface CampaignCommand {
  campaignId: string;
  /** Epoch milliseconds the task falls due. */
  dueAt: number;
}

/** zh-CN labels of the recipient's inbox steps. */
export const RECIPIENT_STEP_LABELS: Record<'re_review', string> = { re_review: '复核' };

/** The role that carries out re-reviews (入户复核). */
export const RE_REVIEW_ROLE = 'township_investigator';

/** How many recent command ids a household remembers for refusing duplicates. */
export const SEEN_IDS_KEPT = 50;

export const recipientStateQuery = defineQuery<RecipientSnapshot>('recipientState');
export const reportChangeUpdate = defineUpdate<RecipientSnapshot, [ReportChangeCommand]>('reportChange');
export const standardChangedUpdate = defineUpdate<RecipientSnapshot, [StandardChange]>('standardChanged');
export const complaintUpdate = defineUpdate<RecipientSnapshot, [{ complaintId: string }]>('complaint');
export const suspendUpdate = defineUpdate<RecipientSnapshot, [StatusCommand]>('suspend');
export const resumeUpdate = defineUpdate<RecipientSnapshot, [StatusCommand]>('resume');
export const terminateUpdate = defineUpdate<RecipientSnapshot, [StatusCommand]>('terminate');
export const completeReReviewUpdate = defineUpdate<RecipientSnapshot, [CompleteReReviewCommand]>('completeReReview');
export const campaignUpdate = defineUpdate<RecipientSnapshot, [CampaignCommand]>('reReviewCampaign');
/** A 数据比对 lead an investigator confirmed: an urgent re-review, once per lead. */
export const comparisonLeadUpdate = defineUpdate<RecipientSnapshot, [{ leadId: string }]>('comparisonLead');

/** Failure types carried by rejected updates; the API maps them to 409. */
export const RECIPIENT_REJECTIONS = {
  terminated: 'RecipientTerminated',
  notSuspended: 'NotSuspended',
  alreadySuspended: 'AlreadySuspended',
  invalidIncomes: 'InvalidIncomes',
  staleTask: 'StaleReReviewTask',
  wrongRole: 'WrongReReviewRole',
  duplicate: 'DuplicateCommand',
  missingReason: 'MissingReasonCode',
} as const;
