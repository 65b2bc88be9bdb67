import { patched } from '@temporalio/workflow';
import { reject } from '../casework/rejections';
import type { RegionPolicy } from '../../config/policy/policy.schema';
import { addMonths } from '../domain/months';
import { assess, type Assessment } from '../programs/dibao/lifecycle';
import {
  RECIPIENT_REJECTIONS,
  RE_REVIEW_ROLE,
  SEEN_IDS_KEPT,
  type CampaignCommand,
  type CompleteReReviewCommand,
  type RecipientCarried,
  type RecipientInput,
  type RecipientSnapshot,
  type ReportChangeCommand,
  type StandardChange,
  type StatusCommand,
} from './definitions';

/** A command accepted by an update, processed in order by the workflow's main loop. */
export type LifecycleCommand =
  | { type: 'change'; cmd: ReportChangeCommand }
  | { type: 'standard'; cmd: StandardChange }
  | { type: 'complaint'; complaintId: string }
  | { type: 'suspend' | 'resume' | 'terminate'; cmd: StatusCommand }
  | { type: 'reReview'; cmd: CompleteReReviewCommand }
  | { type: 'campaign'; cmd: CampaignCommand }
  | { type: 'lead'; leadId: string };

/** Strict 渐退 band (超过…但低于): histories recorded before it keep the inclusive reading. */
export const STRICT_BANDS_PATCH = 'recipient-strict-gradual-exit-band';

/** The default safety bound on months per run before continue-as-new. */
export const DEFAULT_MAX_MONTHS_PER_RUN = 24;

/**
 * The recipient's state and its synchronous rules (validation, re-assessment, queueing). Side effects live in
 * RecipientRunner; this class holds only data that is carried across continue-as-new plus per-run counters.
 */
export class RecipientState {
  readonly data: RecipientCarried;
  readonly queue: { seq: number; command: LifecycleCommand }[] = [];
  private accepted = 0;
  processed = 0;
  /** Months recorded in this run, for the continue-as-new safety bound. */
  monthsThisRun = 0;

  constructor(readonly input: RecipientInput) {
    this.data = input.carried ?? initialState(input);
  }

  get lifecycle(): RegionPolicy['lifecycle'] {
    return this.input.policy.document.lifecycle;
  }

  get householdId(): string {
    return this.input.householdId;
  }

  get terminated(): boolean {
    return this.data.status === 'terminated';
  }

  get maxMonthsPerRun(): number {
    return this.input.maxMonthsPerRun ?? DEFAULT_MAX_MONTHS_PER_RUN;
  }

  /** The household's standard for its area, fen per person per month. */
  standardFen(): number {
    return this.input.area === 'urban' ? this.data.standards.urbanFen : this.data.standards.ruralFen;
  }

  /** Re-assesses the household with its current incomes, deductions and standard (never from a query: it may patch). */
  assess(): Assessment {
    return assess({
      band: patched(STRICT_BANDS_PATCH) ? 'strict' : 'inclusive',
      standardFen: this.standardFen(),
      members: this.data.incomes,
      deductions: this.data.deductions,
      lifecycle: this.lifecycle,
      currentAmountFen: this.data.amountFen,
    });
  }

  /** A key unique within this household's whole life (it survives continue-as-new). */
  nextKey(kind: string): string {
    this.data.events += 1;
    return `${this.householdId}:${kind}:${this.data.events}`;
  }

  enqueue(command: LifecycleCommand): number {
    this.accepted += 1;
    this.queue.push({ seq: this.accepted, command });
    return this.accepted;
  }

  validateChange(cmd: ReportChangeCommand): void {
    this.validateLive();
    const ids = new Set(cmd.incomes.map((i) => i.memberId));
    const money = [...cmd.incomes.map((i) => i.monthlyIncomeFen), cmd.deductions.rigidExpensesFen, cmd.deductions.workCostsFen];
    if (cmd.incomes.length === 0 || ids.size !== cmd.incomes.length || !money.every((f) => Number.isSafeInteger(f) && f >= 0)) {
      throw reject(RECIPIENT_REJECTIONS.invalidIncomes, 'incomes need one entry per member and non-negative integer fen');
    }
  }

  /** Re-review tasks open now; states carried from older runs did not track them. */
  get openTasks(): string[] {
    return (this.data.openTasks ??= []);
  }

  /**
   * Remembers a change, complaint or campaign id so the same command sent again (a retried fan-out page, a repeated
   * request) is refused instead of applied twice. Only the most recent ids are kept.
   */
  remember(id: string): void {
    this.data.seen = [...(this.data.seen ?? []), id].slice(-SEEN_IDS_KEPT);
  }

  validateNew(id: string): void {
    this.validateLive();
    if (this.data.seen?.includes(id)) throw reject(RECIPIENT_REJECTIONS.duplicate, `command ${id} was already received`);
  }

  validateCampaign(cmd: CampaignCommand): void {
    this.validateNew(cmd.campaignId);
    if (!Number.isSafeInteger(cmd.dueAt)) throw reject(RECIPIENT_REJECTIONS.invalidIncomes, 'a campaign needs a due time');
  }

  /** Only an open task of this household, by the role that carries out re-reviews, with a complete outcome. */
  validateReReview(cmd: CompleteReReviewCommand): void {
    this.validateLive();
    if (!this.openTasks.includes(cmd.taskId)) throw reject(RECIPIENT_REJECTIONS.staleTask, `task ${cmd.taskId} is not an open re-review of this household`);
    if (cmd.actor.role !== RE_REVIEW_ROLE) throw reject(RECIPIENT_REJECTIONS.wrongRole, `re-reviews are completed by the ${RE_REVIEW_ROLE}`);
    if (cmd.outcome === 'change') {
      this.validateChange({ changeId: cmd.taskId, incomes: cmd.incomes ?? [], deductions: cmd.deductions ?? { rigidExpensesFen: 0, workCostsFen: 0 }, reporter: cmd.actor });
    }
    if (cmd.outcome === 'terminate' && !cmd.reasonCode) throw reject(RECIPIENT_REJECTIONS.missingReason, 'a termination needs a reason code');
  }

  validateLive(): void {
    if (this.terminated) throw reject(RECIPIENT_REJECTIONS.terminated, 'the recipient has exited');
  }

  validateSuspend(): void {
    this.validateLive();
    if (this.data.status === 'suspended') throw reject(RECIPIENT_REJECTIONS.alreadySuspended, 'the recipient is already suspended');
  }

  validateResume(): void {
    this.validateLive();
    if (this.data.status !== 'suspended') throw reject(RECIPIENT_REJECTIONS.notSuspended, 'the recipient is not suspended');
  }

  snapshot(): RecipientSnapshot {
    const d = this.data;
    return {
      householdId: this.householdId,
      status: d.status,
      amountFen: d.amountFen,
      nextMonth: d.nextMonth,
      nextReReviewMonth: d.nextReReviewMonth,
      nextCheckMonth: d.nextCheckMonth,
      gradualExit: d.gradualExit && { ...d.gradualExit, monthsAllowed: this.lifecycle.gradualExit.months },
      lastAssessment: d.lastAssessment,
      runs: d.runs,
      openTasks: [...(d.openTasks ?? [])],
      policy: d.policy ?? { snapshotId: this.input.policy.snapshotId, label: this.input.policy.label },
    };
  }
}

function initialState(input: RecipientInput): RecipientCarried {
  const lifecycle = input.policy.document.lifecycle;
  return {
    status: 'active',
    amountFen: input.amountFen,
    standards: input.policy.document.standards,
    incomes: input.incomes,
    deductions: input.deductions ?? { rigidExpensesFen: 0, workCostsFen: 0 },
    nextMonth: input.startMonth,
    nextReReviewMonth: addMonths(input.startMonth, lifecycle.reReviewMonths[input.category]),
    nextCheckMonth: addMonths(input.startMonth, lifecycle.economicCheckMonths),
    paid: {},
    pendingStandards: [],
    events: 0,
    runs: 0,
  };
}
