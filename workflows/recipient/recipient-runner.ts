import { patched, proxyActivities } from '@temporalio/workflow';
import { trackAroundRow } from '../casework/tracked-task';
import type { EntitlementKind, NoticeKind, RecipientActivities, ReReviewReason } from '../../activities/recipients/recipient.contract';
import { addMonths, monthStart, type Month } from '../domain/months';
import type { Assessment } from '../programs/dibao/lifecycle';
import type { CompleteReReviewCommand, LifecycleActor, RecipientStatus, StandardChange } from './definitions';
import type { RecipientState } from './recipient-state';

/** Short idempotent writes to our own database: retried quickly, forever. */
const acts = proxyActivities<RecipientActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** Since this patch an exit cancels the household's open re-review tasks. */
export const CLOSE_TASKS_ON_EXIT_PATCH = 'recipient-close-tasks-on-exit';

/** Versioning marker of waking at the household's offset into the month instead of 00:00 on the 1st. */
export const SPREAD_MONTH_WAKE_PATCH = 'spread-month-wake';

/**
 * Versioning marker of recording a fresh start's first month at once: the offset spreads the monthly wake of a
 * district's households, but a household enrolled (or restarted) in the first half hour of a month has no crowd to
 * avoid and should not wait up to half an hour for its first entitlement.
 */
export const FIRST_MONTH_AT_ONCE_PATCH = 'recipient-first-month-at-once';

/** Versioning marker of a standard change moving the household to the approved version's policy snapshot. */
export const STANDARD_CHANGE_POLICY_PATCH = 'recipient-standard-change-policy';

/** Versioning marker of a re-review change effective from a past month creating an overpayment (多发). */
export const OVERPAYMENT_PATCH = 'recipient-overpayment-recovery';

/** How far back a standard change can create arrears; older months leave the carried state. */
export const ARREARS_MONTHS_KEPT = 24;

/** The department check may wait on slow sources; retried with a longer backoff. */
const checks = proxyActivities<Pick<RecipientActivities, 'runEconomicCheck'>>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '5 seconds', maximumInterval: '10 minutes' },
});

/**
 * The lifecycle's side effects: the monthly entitlement, re-review tasks, economic re-checks, notices and status
 * changes. Every write carries a key fixed before the activity is scheduled, so a retry never writes twice.
 */
export class RecipientRunner {
  constructor(private readonly state: RecipientState) {}

  private get d() {
    return this.state.data;
  }

  /** Records the entitlement of the next due month (nothing while suspended) and moves to the month after. */
  async tickMonth(): Promise<void> {
    const month = this.d.nextMonth;
    const due = this.d.pendingStandards.filter((c) => c.effectiveMonth <= month);
    this.d.pendingStandards = this.d.pendingStandards.filter((c) => c.effectiveMonth > month);
    for (const change of due) await this.changeStandard(change);
    if (this.state.terminated) return;

    const status = this.d.status;
    if (status === 'active' || status === 'gradual_exit') {
      await this.entitlement(month, status === 'active' ? 'regular' : 'gradual_exit', this.d.amountFen);
      if (status === 'active') this.d.paid[month] = this.d.amountFen;
    }
    // The carried ledger stays small across years: arrears reach back at most ARREARS_MONTHS_KEPT months.
    delete this.d.paid[addMonths(month, -ARREARS_MONTHS_KEPT)];
    this.d.nextMonth = addMonths(month, 1);
    this.state.monthsThisRun += 1;
    const exit = this.d.gradualExit;
    if (status === 'gradual_exit' && exit) {
      exit.monthsPaid += 1;
      if (exit.monthsPaid >= this.state.lifecycle.gradualExit.months) {
        await this.end('gradual_exit_end', 'gradual_exit_completed');
      }
    }
  }

  /** Applies a re-assessment from the next due month: continue, increase, decrease, 渐退 or stop, with a notice. */
  async apply(a: Assessment, amountNotice?: NoticeKind, actor?: LifecycleActor): Promise<void> {
    this.d.lastAssessment = a;
    const suspended = this.d.status === 'suspended';
    const current = suspended ? this.d.suspendedFrom! : this.d.status;
    if (a.kind === 'stop') return this.end('stop', 'income_above_band', a, actor);

    let next: RecipientStatus = current;
    let notice: NoticeKind;
    if (a.kind === 'gradual_exit') {
      notice = current === 'gradual_exit' ? 'continue' : 'gradual_exit_start';
      if (current !== 'gradual_exit') this.d.gradualExit = { fromMonth: this.d.nextMonth, monthsPaid: 0 };
      next = 'gradual_exit';
    } else {
      notice = current === 'gradual_exit' ? 'gradual_exit_cancelled' : (amountNotice ?? a.kind);
      this.d.gradualExit = undefined;
      this.d.amountFen = a.amountFen;
      next = 'active';
    }
    await this.notice(notice, a);
    if (next !== current) await this.status(next, next === 'gradual_exit' ? 'income_in_gradual_exit_band' : 'income_fell_back', actor);
    if (suspended) this.d.suspendedFrom = next as 'active' | 'gradual_exit';
    else this.d.status = next;
  }

  /**
   * A new standard: from a future month it waits for that month; from a past month, every regular month recorded
   * since (within ARREARS_MONTHS_KEPT) gets an arrears row for the difference. A lower standard is never clawed back
   * for months already paid, and 渐退 months keep their unchanged amount; either way the new amount applies from
   * the next due month, with a notice.
   */
  async changeStandard(change: StandardChange): Promise<void> {
    if (change.effectiveMonth > this.d.nextMonth) {
      this.d.pendingStandards = [...this.d.pendingStandards, change].sort((x, y) => (x.effectiveMonth < y.effectiveMonth ? -1 : 1));
      return;
    }
    this.d.standards = change.standards;
    // From here on amounts follow the approved version: its rows say so (recorded since this patch).
    if (change.policy && patched(STANDARD_CHANGE_POLICY_PATCH)) this.d.policy = change.policy;
    const a = this.state.assess();
    if (a.amountFen > 0 && a.kind !== 'gradual_exit') {
      const months = Object.keys(this.d.paid).filter((m) => m >= change.effectiveMonth).sort();
      for (const month of months) {
        const owed = a.amountFen - this.d.paid[month];
        if (owed <= 0) continue;
        await this.entitlement(month, 'arrears', owed, a, change.changeId);
        this.d.paid[month] = a.amountFen;
      }
    }
    await this.apply(a, 'standard_change');
  }

  /**
   * 多发, the mirror of arrears: every month recorded since `from` (within ARREARS_MONTHS_KEPT) that was paid above
   * the amount now found due gets a negative `overpayment` row for the difference, and the sum becomes a recovery
   * plan with a notice to the household. 渐退 keeps its months' amounts; a stop finds nothing due.
   */
  async overpayment(a: Assessment, from: Month, reference: string): Promise<void> {
    if (a.kind === 'gradual_exit') return;
    const due = a.kind === 'stop' ? 0 : a.amountFen;
    const months: { month: Month; fen: number }[] = [];
    for (const month of Object.keys(this.d.paid).filter((m) => m >= from).sort()) {
      const over = this.d.paid[month] - due;
      if (over <= 0) continue;
      await this.entitlement(month, 'overpayment', -over, a, reference);
      this.d.paid[month] = due;
      months.push({ month, fen: over });
    }
    if (months.length === 0) return;
    const totalFen = months.reduce((n, m) => n + m.fen, 0);
    await acts.openRecoveryPlan({ householdId: this.state.householdId, reference, totalFen, months, at: Date.now() });
    await this.notice('overpayment', { ...a, amountFen: totalFen });
  }

  /**
   * A task id without the household prefix (`complaint:<id>`, `re-review:<month>`): the household is already part of
   * the ledger key, and the ledger's reference column holds 64 characters.
   */
  private ownReference(taskId: string): string {
    const prefix = `${this.state.householdId}:`;
    return taskId.startsWith(prefix) ? taskId.slice(prefix.length) : taskId;
  }

  /** Opens a re-review task in the township investigator's inbox and waits for its outcome (completeReReview). */
  async reReview(reason: ReReviewReason, taskId: string, reference?: string, dueAt?: number): Promise<void> {
    // Known to the validator before the row is visible, so a decision on a row someone has seen is never stale.
    const track = () => {
      if (!this.state.openTasks.includes(taskId)) this.state.openTasks.push(taskId);
    };
    await trackAroundRow(track, () =>
      acts.openReReviewTask({
        taskId,
        householdId: this.state.householdId,
        recipientId: this.state.input.recipientId,
        reason,
        reference,
        dueAt,
        at: Date.now(),
      }),
    );
  }

  /**
   * The investigator's outcome of a re-review: the task row is closed, then the household continues (re-assessed on
   * what it has), is re-assessed on the incomes found (increase, decrease, 渐退 or stop), or leaves with a reason.
   */
  async completeReReview(cmd: CompleteReReviewCommand): Promise<void> {
    await acts.closeReReviewTask({
      taskId: cmd.taskId,
      householdId: this.state.householdId,
      status: 'completed',
      outcome: cmd.outcome,
      submissionId: cmd.submissionId,
      actor: cmd.actor,
      at: Date.now(),
    });
    if (cmd.outcome === 'terminate') return this.setStatus('terminate', cmd.reasonCode!, cmd.actor);
    if (cmd.outcome === 'change') {
      this.d.incomes = cmd.incomes!;
      this.d.deductions = cmd.deductions ?? { rigidExpensesFen: 0, workCostsFen: 0 };
      if (cmd.effectiveMonth && cmd.effectiveMonth < this.d.nextMonth && patched(OVERPAYMENT_PATCH)) await this.overpayment(this.state.assess(), cmd.effectiveMonth, this.ownReference(cmd.taskId));
    }
    await this.apply(this.state.assess(), undefined, cmd.actor);
  }

  /** After an exit, re-review tasks still open leave the inbox. */
  async cancelOpenTasks(): Promise<void> {
    for (const taskId of this.state.openTasks) {
      await acts.closeReReviewTask({ taskId, householdId: this.state.householdId, status: 'cancelled', at: Date.now() });
    }
    this.d.openTasks = [];
  }

  /** The periodic re-review by category, when its month has come. */
  async periodicReReview(): Promise<void> {
    const month = this.d.nextReReviewMonth;
    await this.reReview('periodic', `${this.state.householdId}:re-review:${month}`);
    this.d.nextReReviewMonth = addMonths(month, this.state.lifecycle.reReviewMonths[this.state.input.category]);
  }

  /** The economic data re-check; a material change opens a re-review. */
  async economicCheck(): Promise<void> {
    const month = this.d.nextCheckMonth;
    const report = await checks.runEconomicCheck({ householdId: this.state.householdId, month, incomes: this.d.incomes, at: Date.now() });
    if (report.materialChange) await this.reReview('economic_check', `${this.state.householdId}:check:${month}`, report.reportId);
    this.d.nextCheckMonth = addMonths(month, this.state.lifecycle.economicCheckMonths);
  }

  /** Suspends, resumes or terminates on a caseworker's decision, from the next due month. */
  async setStatus(kind: 'suspend' | 'resume' | 'terminate', reasonCode: string, actor: LifecycleActor): Promise<void> {
    if (kind === 'terminate') return this.end('terminated', reasonCode, undefined, actor);
    if (kind === 'suspend') {
      this.d.suspendedFrom = this.d.status as 'active' | 'gradual_exit';
      this.d.status = 'suspended';
    } else {
      this.d.status = this.d.suspendedFrom ?? 'active';
      this.d.suspendedFrom = undefined;
    }
    await this.notice(kind === 'suspend' ? 'suspended' : 'resumed', undefined, reasonCode);
    await this.status(this.d.status, reasonCode, actor);
  }

  /** The first instant the loop must wake for: the next month, re-review or check. */
  nextWake(): number {
    return Math.min(monthStart(this.d.nextMonth), monthStart(this.d.nextReReviewMonth), monthStart(this.d.nextCheckMonth));
  }

  private async end(notice: NoticeKind, reasonCode: string, a?: Assessment, actor?: LifecycleActor): Promise<void> {
    this.d.gradualExit = undefined;
    this.d.suspendedFrom = undefined;
    this.d.amountFen = 0;
    await this.notice(notice, a, reasonCode);
    await this.status('terminated', reasonCode, actor);
    this.d.status = 'terminated';
  }

  private async entitlement(month: Month, kind: EntitlementKind, amountFen: number, a?: Assessment, reference?: string) {
    await acts.recordEntitlement({
      householdId: this.state.householdId,
      month,
      benefitType: 'dibao',
      amountFen,
      kind,
      reference,
      policySnapshotId: this.d.policy?.snapshotId ?? this.state.input.policy.snapshotId,
      derivation: (a ?? this.d.lastAssessment ?? this.state.assess()).derivation,
      at: Date.now(),
    });
  }

  private async notice(kind: NoticeKind, a?: Assessment, reasonCode?: string): Promise<void> {
    await acts.issueNotice({
      noticeId: this.state.nextKey('notice'),
      householdId: this.state.householdId,
      recipientId: this.state.input.recipientId,
      kind,
      effectiveMonth: this.d.nextMonth,
      amountFen: a?.amountFen ?? this.d.amountFen,
      reasonCode,
      derivation: a?.derivation,
      at: Date.now(),
    });
  }

  private async status(status: RecipientStatus, reasonCode: string, actor?: LifecycleActor): Promise<void> {
    await acts.recordStatus({
      key: this.state.nextKey('status'),
      householdId: this.state.householdId,
      recipientId: this.state.input.recipientId,
      status,
      reasonCode,
      effectiveMonth: this.d.nextMonth,
      actor,
      at: Date.now(),
    });
  }
}
