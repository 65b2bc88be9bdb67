import { checkOpen, checkRole, reject } from '../casework/rejections';
import {
  EMERGENCY_REJECTIONS as R,
  type DecideCommand,
  type EmergencyInput,
  type EmergencySnapshot,
  type EmergencyStatus,
  type EmergencyTaskView,
  type ReferCommand,
  type ReferralView,
  type VerifyCommand,
} from './definitions';
import type { ApprovalTier } from '../programs/emergency/emergency-rules';

const DECISION_STEPS = new Set(['emergency_township_decision', 'emergency_county_decision', 'emergency_fund_top_up']);

/**
 * The in-memory state of one emergency request and the rules its updates are validated against. Deterministic
 * bookkeeping shared by the workflow and its handlers; no I/O.
 */
export class EmergencyState {
  readonly tasks = new Map<string, EmergencyTaskView>();
  readonly decisions = new Map<string, DecideCommand>();
  /** Accepted commands that the workflow has carried through (the caller may be answered). */
  readonly processed = new Set<string>();
  /** User ids of everyone who approved: none of them may verify (separation of duties). */
  readonly approvers = new Set<string>();
  readonly referrals: ReferralView[] = [];
  verification?: VerifyCommand;
  status: EmergencyStatus = 'awaiting_decision';
  tier?: ApprovalTier;
  approvedFen?: number;
  escalated = false;
  payment?: { paymentId: string; amountFen: number };
  finished = false;

  constructor(readonly input: EmergencyInput) {}

  get policy() {
    return this.input.policy.document;
  }

  taskId(step: string, round = 1): string {
    return `${this.input.requestId}:${step}:${round}`;
  }

  private openTask(taskId: string): EmergencyTaskView {
    return checkOpen(this.tasks.get(taskId), this.decisions.has(taskId) || this.verification?.taskId === taskId, taskId, 'request');
  }

  validateDecision(cmd: DecideCommand): void {
    const task = this.openTask(cmd.taskId);
    if (!DECISION_STEPS.has(task.step)) throw reject(R.wrongStep, `task ${cmd.taskId} is step ${task.step}, not a decision`);
    checkRole(task, cmd);
    if (cmd.outcome === 'approve' && (!Number.isSafeInteger(cmd.amountFen) || cmd.amountFen <= 0)) {
      throw reject(R.invalidAmount, `the approved amount must be a positive integer number of fen, got ${cmd.amountFen}`);
    }
  }

  acceptDecision(cmd: DecideCommand): void {
    this.decisions.set(cmd.taskId, cmd);
    if (cmd.outcome === 'approve') this.approvers.add(cmd.actor.userId);
  }

  validateVerification(cmd: VerifyCommand): void {
    const task = this.openTask(cmd.taskId);
    if (task.step !== 'emergency_follow_up') throw reject(R.wrongStep, `task ${cmd.taskId} is step ${task.step}, not the follow-up`);
    checkRole(task, cmd);
    if (this.approvers.has(cmd.actor.userId)) {
      throw reject(R.separationOfDuties, 'the person who approved the payment may not verify it');
    }
    const paid = this.payment?.amountFen ?? 0;
    const valid =
      Number.isSafeInteger(cmd.recoveryFen) &&
      (cmd.outcome === 'proper' ? cmd.recoveryFen === 0 : cmd.recoveryFen > 0 && cmd.recoveryFen <= paid);
    if (!valid) throw reject(R.invalidAmount, `recoveryFen must be 0 when proper, 1..${paid} fen when improper`);
  }

  validateReferral(cmd: ReferCommand): void {
    if (this.status !== 'follow_up' && this.status !== 'verified') {
      throw reject(R.notInFollowUp, 'referrals are made during the follow-up or the referral window after verification');
    }
    if (this.referrals.some((r) => r.kind === cmd.kind)) throw reject(R.duplicateReferral, `already referred to ${cmd.kind}`);
    if (!cmd.department) throw reject(R.invalidReferral, 'a referral names its receiving department');
    if (cmd.kind === 'dibao' && !cmd.householdRef) throw reject(R.invalidReferral, 'a 低保 referral needs the household id');
  }

  /** At a resting point: every accepted command has been carried through, so its caller may be answered. */
  settle(): void {
    for (const taskId of this.decisions.keys()) this.processed.add(taskId);
    if (this.verification && !this.tasks.has(this.verification.taskId)) this.processed.add(this.verification.taskId);
  }

  snapshot(): EmergencySnapshot {
    return {
      requestId: this.input.requestId,
      status: this.status,
      tier: this.tier,
      approvedFen: this.approvedFen,
      openTasks: [...this.tasks.values()].filter((t) => !this.decisions.has(t.taskId) && this.verification?.taskId !== t.taskId),
      escalated: this.escalated,
      payment: this.payment,
      verification: this.verification && { outcome: this.verification.outcome, recoveryFen: this.verification.recoveryFen },
      referrals: [...this.referrals],
      policy: { snapshotId: this.input.policy.snapshotId, label: this.input.policy.label },
    };
  }
}
