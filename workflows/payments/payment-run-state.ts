import { checkOpen, reject } from '../casework/rejections';
import { PAYMENT_REJECTIONS as R, PAYMENT_ROLES, type PaymentDecision, type PaymentRunInput, type PaymentRunSnapshot, type PaymentRunStatus, type PaymentStep, type PaymentTotals } from './definitions';

const OUTCOMES: Record<PaymentStep, ReadonlySet<PaymentDecision['outcome']>> = {
  payment_approval: new Set(['approve', 'reject']),
  payment_release: new Set(['release']),
};

/**
 * The state of one payment run and the rules its decisions are validated against (四眼原则): three different people
 * prepare, approve and release a run — the preparer neither approves nor releases, the approver does not release.
 * Deterministic bookkeeping; no I/O. (Validators do not run on replay, so histories recorded under the looser rule,
 * where the preparer released, still replay.)
 */
export class PaymentRunState {
  readonly tasks = new Map<string, PaymentStep>();
  readonly decisions = new Map<string, PaymentDecision>();
  /** Decisions the workflow has carried through (the caller may be answered). */
  readonly processed = new Set<string>();
  status: PaymentRunStatus = 'preparing';
  totals?: PaymentTotals;
  approvedBy?: string;
  releasedBy?: string;
  released?: number;

  constructor(readonly input: PaymentRunInput) {}

  taskId(step: PaymentStep): string {
    return `${this.input.batchId}:${step}:1`;
  }

  /** Throws a non-retryable failure (the update is refused, nothing recorded) when the decision breaks a rule. */
  validate(cmd: PaymentDecision): void {
    const step = checkOpen(this.tasks.get(cmd.taskId), this.decisions.has(cmd.taskId), cmd.taskId, 'payment run');
    if (cmd.step !== step || !OUTCOMES[step].has(cmd.outcome)) throw reject(R.wrongStep, `task ${cmd.taskId} is step ${step}, not ${cmd.step} ${cmd.outcome}`);
    if (cmd.actor.role !== PAYMENT_ROLES[step]) throw reject(R.wrongRole, `task ${cmd.taskId} belongs to role ${PAYMENT_ROLES[step]}, not ${cmd.actor.role}`);
    if (step === 'payment_approval' && cmd.actor.userId === this.input.startedBy.userId) {
      throw reject(R.separationOfDuties, 'whoever prepared the payment run may not approve it');
    }
    if (step === 'payment_release' && cmd.actor.userId === this.approvedBy) {
      throw reject(R.separationOfDuties, 'whoever approved the payment run may not release it');
    }
    if (step === 'payment_release' && cmd.actor.userId === this.input.startedBy.userId) {
      throw reject(R.separationOfDuties, 'whoever prepared the payment run may not release it');
    }
  }

  accept(cmd: PaymentDecision): void {
    this.decisions.set(cmd.taskId, cmd);
  }

  snapshot(): PaymentRunSnapshot {
    return {
      batchId: this.input.batchId,
      status: this.status,
      totals: this.totals,
      openTasks: [...this.tasks].map(([taskId, step]) => ({ taskId, step, role: PAYMENT_ROLES[step] })),
      approvedBy: this.approvedBy,
      releasedBy: this.releasedBy,
      released: this.released,
    };
  }
}
