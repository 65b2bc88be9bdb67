import type {
  EmergencyActivities,
  EmergencyEventInput,
  OpenEmergencyTaskInput,
  PayFromReserveInput,
  RecordReferralInput,
} from '../../activities/emergency/emergency.contract';
import { balanceOf, canPay, type ReserveMovementLike } from '../../activities/emergency/reserve-fund';
import { addClockHours } from '../../workflows/domain/clock-hours';
import type { WorkingCalendar } from '../../workflows/domain/calendar';

export interface FakeEmergencyTask extends OpenEmergencyTaskInput {
  dueAt: number;
  status: 'open' | 'completed' | 'cancelled';
  overdue: boolean;
  overdueAgainst?: string;
}

export interface FakeMovement extends ReserveMovementLike {
  ledger: string;
  idempotencyKey: string;
  requestId?: string;
}

/**
 * Typed in-memory stand-ins for the emergency activities, with the real uniqueness rules: one task per task id, one
 * event per key, one payment per idempotency key (checked against the ledger balance with the real rules), one
 * recovery and one referral per key, one linked application per request.
 */
export class FakeEmergencyStore {
  readonly tasks = new Map<string, FakeEmergencyTask>();
  readonly events: EmergencyEventInput[] = [];
  readonly movements: FakeMovement[] = [];
  readonly recoveries = new Map<string, { paymentId: string; amountFen: number }>();
  readonly referrals = new Map<string, RecordReferralInput>();
  readonly linkedApplications = new Map<string, string>();
  /** Calls of payFromReserve, including failed attempts. */
  paymentAttempts = 0;
  /** Simulates a worker crash mid-payment: the next attempt writes its row, then fails before answering. */
  crashAfterPaymentWrite = false;
  /** Starts the linked 低保 application (tests may start a real application workflow here). */
  onStartApplication: (applicationId: string) => Promise<void> = async () => {};

  constructor(private readonly calendar: WorkingCalendar) {}

  /** Adds funding (or a top-up) to a township's ledger for a year. */
  fund(townshipCode: string, year: number, amountFen: number, kind: 'funding' | 'top_up' = 'funding'): void {
    const ledger = `${townshipCode}:${year}`;
    this.movements.push({ ledger, kind, amountFen, idempotencyKey: `${kind}:${ledger}:${this.movements.length}` });
  }

  balance(townshipCode: string, year: number): number {
    return balanceOf(this.movements.filter((m) => m.ledger === `${townshipCode}:${year}`));
  }

  payments(): FakeMovement[] {
    return this.movements.filter((m) => m.kind === 'payment');
  }

  openTasks(step?: string): FakeEmergencyTask[] {
    return [...this.tasks.values()].filter((t) => t.status === 'open' && (!step || t.step === step));
  }

  activities(): EmergencyActivities {
    return {
      openTask: async (input) => {
        const existing = this.tasks.get(input.taskId);
        if (existing) return { taskId: existing.taskId, dueAt: existing.dueAt };
        const d = input.deadline;
        const dueAt = d.kind === 'clock_hours' ? addClockHours(input.fromMs, d.hours) : this.calendar.addWorkingDays(input.fromMs, d.days).at;
        this.tasks.set(input.taskId, { ...input, dueAt, status: 'open', overdue: false });
        return { taskId: input.taskId, dueAt };
      },
      closeTask: async ({ taskId, status }) => {
        const task = this.tasks.get(taskId);
        if (task && task.status === 'open') task.status = status;
      },
      markOverdue: async ({ taskId, againstRegion }) => {
        const task = this.tasks.get(taskId);
        if (task) Object.assign(task, { overdue: true, overdueAgainst: againstRegion });
      },
      recordEvent: async (input) => {
        if (!this.events.some((e) => e.requestId === input.requestId && e.key === input.key)) this.events.push(input);
      },
      payFromReserve: async (input) => this.pay(input),
      recordRecovery: async ({ recoveryKey, paymentId, amountFen }) => {
        if (!this.recoveries.has(recoveryKey)) this.recoveries.set(recoveryKey, { paymentId, amountFen });
      },
      recordReferral: async (input) => {
        if (!this.referrals.has(input.referralKey)) this.referrals.set(input.referralKey, input);
      },
      startLinkedApplication: async ({ requestId }) => {
        let applicationId = this.linkedApplications.get(requestId);
        if (!applicationId) {
          applicationId = `app-of-${requestId}`;
          this.linkedApplications.set(requestId, applicationId);
          await this.onStartApplication(applicationId);
        }
        return { applicationId };
      },
    };
  }

  private async pay(input: PayFromReserveInput) {
    this.paymentAttempts += 1;
    const prior = this.movements.find((m) => m.idempotencyKey === input.idempotencyKey);
    if (prior) return { paid: true as const, paymentId: prior.idempotencyKey };
    const balanceFen = this.balance(input.townshipCode, input.year);
    if (!canPay(balanceFen, input.amountFen)) return { paid: false as const, reason: 'insufficient_fund' as const, balanceFen };
    const ledger = `${input.townshipCode}:${input.year}`;
    this.movements.push({ ledger, kind: 'payment', amountFen: -input.amountFen, idempotencyKey: input.idempotencyKey, requestId: input.requestId });
    if (this.crashAfterPaymentWrite) {
      this.crashAfterPaymentWrite = false;
      throw new Error('simulated worker crash after the payment row was written');
    }
    return { paid: true as const, paymentId: input.idempotencyKey };
  }
}
