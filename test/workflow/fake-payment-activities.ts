import type { PaymentActivities } from '../../activities/payments/payment.contract';

export interface FakePayment {
  key: string;
  amountFen: number;
  status: 'prepared' | 'released' | 'cancelled';
}

/**
 * An in-memory payment ledger behind the payment activities: pages of generated entitlements, idempotent by key like
 * the real tables, so a test can retry and count.
 */
export class FakePaymentStore {
  readonly payments = new Map<string, FakePayment>();
  readonly tasks = new Map<string, { step: string; status: 'open' | 'completed' }>();
  readonly audit: { action: string; actorId: string }[] = [];
  releases = 0;

  /** `entitlements` amounts in fen, paged two at a time so the workflow has to follow the cursor. */
  constructor(private readonly entitlements: number[]) {}

  activities(): PaymentActivities {
    return {
      preparePaymentPage: async ({ after }) => {
        const start = after === null ? 0 : Number(after) + 1;
        const page = this.entitlements.slice(start, start + 2);
        page.forEach((amountFen, i) => {
          const key = `dibao:h${start + i}:2026-11:regular`;
          if (!this.payments.has(key)) this.payments.set(key, { key, amountFen, status: 'prepared' });
        });
        const last = start + page.length - 1;
        return { next: start + 2 < this.entitlements.length ? String(last) : null, added: page.length };
      },
      sealPaymentBatch: async () => {
        const prepared = [...this.payments.values()].filter((p) => p.status === 'prepared');
        return { count: prepared.length, totalFen: prepared.reduce((n, p) => n + p.amountFen, 0) };
      },
      openPaymentTask: async ({ taskId, step }) => {
        if (!this.tasks.has(taskId)) this.tasks.set(taskId, { step, status: 'open' });
      },
      closePaymentTask: async ({ taskId, outcome, actor }) => {
        const task = this.tasks.get(taskId);
        if (!task || task.status !== 'open') return;
        task.status = 'completed';
        if (outcome !== 'release') this.audit.push({ action: `payment_${outcome === 'approve' ? 'approved' : 'rejected'}`, actorId: actor.userId });
      },
      rejectPaymentBatch: async () => {
        for (const p of this.payments.values()) if (p.status === 'prepared') p.status = 'cancelled';
      },
      releasePaymentBatch: async ({ actor }) => {
        this.releases += 1;
        let released = 0;
        for (const p of this.payments.values()) {
          if (p.status !== 'prepared') continue;
          p.status = 'released';
          released += 1;
        }
        if (released > 0) this.audit.push({ action: 'payment_released', actorId: actor.userId });
        return { released };
      },
    };
  }
}
