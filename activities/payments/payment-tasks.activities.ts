import { UniqueConstraintViolationException, type EntityManager, type MikroORM } from '@mikro-orm/core';
import { addInboxRow, closeInboxRow } from '../casework/inbox-rows';
import { AuditLog } from '../audit/audit-log.service';
import { PaymentBatch } from './payment-batch.entity';
import { Payment } from './payment.entity';
import type { PaymentActivities } from './payment.contract';

/** Payment work has no statutory limit; the due time orders the county's inbox and shows what waits. */
const DUE_MS = 3 * 86_400_000;

type TaskActivities = Pick<PaymentActivities, 'openPaymentTask' | 'closePaymentTask' | 'rejectPaymentBatch'>;

/** The inbox rows of a payment run and the audited approval decision; each write once per task or batch. */
export function paymentTaskActivities(orm: MikroORM, audit = new AuditLog()): TaskActivities {
  const tx = <T>(work: (em: EntityManager) => Promise<T>) => orm.em.fork().transactional(work);

  return {
    async openPaymentTask({ batchId, taskId, step, role, at }) {
      const batch = await orm.em.fork().findOneOrFail(PaymentBatch, batchId);
      try {
        await tx(async (em) => {
          addInboxRow(em, {
            taskId,
            caseType: 'payment',
            caseId: batchId,
            caseNo: `FF-${batch.countyCode}-${batch.month}-${batch.attempt}`,
            step,
            role,
            region: { code: batch.countyCode, path: batch.regionPath },
            urgency: 'routine',
            dueAt: new Date(at + DUE_MS),
            createdAt: new Date(at),
          });
        });
      } catch (err) {
        // Written by an earlier attempt: the row stands as it was.
        if (!(err instanceof UniqueConstraintViolationException)) throw err;
      }
    },

    async closePaymentTask({ batchId, taskId, outcome, actor, submissionId, at }) {
      await tx(async (em) => {
        const task = await closeInboxRow(em, taskId, { status: 'completed', at: new Date(at), actorId: actor.userId, submissionId: submissionId ?? null });
        if (!task) return;
        const batch = await em.findOneOrFail(PaymentBatch, batchId);
        if (outcome === 'release') return;
        if (outcome === 'approve') {
          batch.approvedById = actor.userId;
          batch.status = 'awaiting_release';
        }
        await audit.append(em, {
          actorId: actor.userId,
          actorRole: actor.role,
          regionCode: batch.countyCode,
          action: outcome === 'approve' ? 'payment_approved' : 'payment_rejected',
          targetType: 'payment_batch',
          targetId: batchId,
          after: { month: batch.month, payments: batch.paymentCount, totalFen: batch.totalFen, submissionId: submissionId ?? null },
        });
      });
    },

    async rejectPaymentBatch({ batchId }) {
      await tx(async (em) => {
        const batch = await em.findOneOrFail(PaymentBatch, batchId);
        if (batch.status === 'rejected') return;
        batch.status = 'rejected';
        await em.nativeUpdate(Payment, { batchId, status: 'prepared' }, { status: 'cancelled' });
      });
    },
  };
}
