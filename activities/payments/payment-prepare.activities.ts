import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { paymentKey } from '../../workflows/payments/definitions';
import { scopeOf } from '../tasks/task.entity';
import { Payment } from './payment.entity';
import { PaymentBatch, type TownshipTotals } from './payment-batch.entity';
import type { PaymentActivities } from './payment.contract';

/** Entitlement rows read per activity call: a county's month is many short calls, never one whole load. */
export const PREPARE_PAGE_SIZE = 500;

type LedgerRow = {
  id: string;
  household_id: string;
  month: string;
  benefit_type: string;
  kind: string;
  reference: string;
  amount_fen: number | string;
  region_path: string;
};

type TownshipRow = { township_code: string; n: number | string; total: number | string | null };

type PrepareActivities = Pick<PaymentActivities, 'preparePaymentPage' | 'sealPaymentBatch'>;

/**
 * Preparing a batch: keyset pages of the month's entitlement ledger (ordered by entitlement id, joined to the
 * households of the county's subtree) become payment rows keyed by paymentKey(). Retrying a page inserts nothing new
 * (the unique key), and payments of a rejected earlier batch are taken over instead of duplicated. Only positive
 * amounts are paid.
 */
export function paymentPrepareActivities(orm: MikroORM, pageSize = PREPARE_PAGE_SIZE): PrepareActivities {
  return {
    async preparePaymentPage({ batchId, after }) {
      return orm.em.fork().transactional(async (em) => {
        const batch = await em.findOneOrFail(PaymentBatch, batchId);
        if (batch.status !== 'preparing') return { next: null, added: 0 };
        const rows: LedgerRow[] = await em.getConnection().execute<LedgerRow[]>(
          `select e.id, e.household_id, e.month, e.benefit_type, e.kind, e.reference, e.amount_fen, h.region_path
             from entitlements e join households h on h.id = e.household_id
            where e.month = ? and h.region_path like ? and e.id > ?
            order by e.id limit ?`,
          [batch.month, `${batch.regionPath}%`, after ?? '', pageSize],
          'all',
          em.getTransactionContext(),
        );
        const payments = rows
          .filter((r) => Number(r.amount_fen) > 0)
          .map((r) => ({
            id: randomUUID(),
            idempotencyKey: paymentKey({ householdId: r.household_id, month: r.month, benefitType: r.benefit_type, kind: r.kind, reference: r.reference }),
            batchId,
            entitlementId: r.id,
            householdId: r.household_id,
            townshipCode: scopeOf(r.region_path)[3],
            month: r.month,
            amountFen: Number(r.amount_fen),
            status: 'prepared' as const,
          }));
        let added = 0;
        if (payments.length > 0) {
          const sql = em as unknown as SqlEntityManager;
          await sql.createQueryBuilder(Payment).insert(payments).onConflict('idempotency_key').ignore().execute();
          await em.nativeUpdate(Payment, { idempotencyKey: { $in: payments.map((p) => p.idempotencyKey) }, status: 'cancelled' }, { batchId, status: 'prepared', releasedAt: null });
          added = await em.count(Payment, { batchId, entitlementId: { $in: payments.map((p) => p.entitlementId) } });
        }
        return { next: rows.length === pageSize ? rows[rows.length - 1]!.id : null, added };
      });
    },

    async sealPaymentBatch({ batchId, at }) {
      return orm.em.fork().transactional(async (em) => {
        const batch = await em.findOneOrFail(PaymentBatch, batchId);
        if (batch.status === 'preparing') {
          const rows: TownshipRow[] = await em.getConnection().execute<TownshipRow[]>(
            `select township_code, count(*) as n, sum(amount_fen) as total from payments
              where batch_id = ? and status = 'prepared' group by township_code order by township_code`,
            [batchId],
            'all',
            em.getTransactionContext(),
          );
          const townships: TownshipTotals[] = rows.map((r) => ({ townshipCode: r.township_code, count: Number(r.n), totalFen: Number(r.total ?? 0) }));
          batch.townships = townships;
          batch.paymentCount = townships.reduce((n, t) => n + t.count, 0);
          batch.totalFen = townships.reduce((n, t) => n + t.totalFen, 0);
          batch.status = batch.paymentCount === 0 ? 'empty' : 'awaiting_approval';
          batch.sealedAt = new Date(at);
        }
        return { count: batch.paymentCount, totalFen: batch.totalFen };
      });
    },
  };
}
