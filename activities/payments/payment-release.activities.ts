import type { MikroORM } from '@mikro-orm/core';
import { AuditLog } from '../audit/audit-log.service';
import { Household } from '../households/household.entity';
import { PaymentBatch } from './payment-batch.entity';
import { PaymentExport } from './payment-export.entity';
import { Payment } from './payment.entity';
import type { PaymentActivities } from './payment.contract';

const EXPORT_PAGE = 500;

/**
 * 发放: in one transaction, the batch's prepared payments become released, the bank file is written (encrypted) and
 * the release is audited. A retry finds the batch released and does nothing, so no payment is ever released twice
 * and no second file is written. There is no bank connection: the file is the hand-over. A payment whose household
 * has no account is never written as an empty account line: it is held (no_bank_account), listed as an exception for
 * the payment officer, and paid by a supplementary run once the account is recorded.
 */
export function paymentReleaseActivities(orm: MikroORM, audit = new AuditLog()): Pick<PaymentActivities, 'releasePaymentBatch'> {
  return {
    async releasePaymentBatch({ batchId, actor, at }) {
      return orm.em.fork().transactional(async (em) => {
        const when = new Date(at);
        // The conditional update takes the batch row first: a concurrent or retried release waits here, then finds it
        // released (only an approved batch can be released at all).
        const won = await em.nativeUpdate(PaymentBatch, { id: batchId, status: 'awaiting_release' }, { status: 'released', releasedById: actor.userId, releasedAt: when });
        if (won === 0) return { released: 0 };
        const batch = await em.findOneOrFail(PaymentBatch, batchId);
        const lines: string[] = ['payment_id,bank_name,account_number,amount_fen'];
        let totalFen = 0;
        const held: string[] = [];
        for (let after = ''; ; ) {
          const page = await em.find(Payment, { batchId, status: 'prepared', id: { $gt: after } }, { orderBy: { id: 'asc' }, limit: EXPORT_PAGE });
          if (page.length === 0) break;
          const households = new Map((await em.find(Household, { id: { $in: page.map((p) => p.householdId) } })).map((h) => [h.id, h]));
          for (const p of page) {
            const h = households.get(p.householdId);
            if (!h?.bankAccount) {
              held.push(p.id);
              continue;
            }
            lines.push([p.id, h.bankName ?? '', h.bankAccount, p.amountFen].join(','));
            totalFen += p.amountFen;
          }
          after = page[page.length - 1]!.id;
          em.clear();
        }
        for (let i = 0; i < held.length; i += EXPORT_PAGE) {
          await em.nativeUpdate(Payment, { id: { $in: held.slice(i, i + EXPORT_PAGE) } }, { status: 'held', reasonCode: 'no_bank_account' });
        }
        const released = await em.nativeUpdate(Payment, { batchId, status: 'prepared' }, { status: 'released', releasedAt: when });
        em.persist(new PaymentExport({ batchId, lines: released, totalFen, content: lines.join('\n'), createdAt: when }));
        await audit.append(em, {
          actorId: actor.userId,
          actorRole: actor.role,
          regionCode: batch.countyCode,
          action: 'payment_released',
          targetType: 'payment_batch',
          targetId: batchId,
          after: { month: batch.month, payments: released, totalFen, held: held.length },
        });
        await em.flush();
        return { released };
      });
    },
  };
}
