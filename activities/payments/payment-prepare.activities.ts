import { randomUUID } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { paymentKey } from '../../workflows/payments/definitions';
import { scopeOf } from '../tasks/task.entity';
import { Payment } from './payment.entity';
import { deductRecoveries } from './recovery-deductions';
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

type PendingRow = { id: string; entitlement_id: string; generation: number | string; amount_fen: number | string; deducted_fen: number | string };

type TownshipRow = { township_code: string; n: number | string; total: number | string | null };

type PrepareActivities = Pick<PaymentActivities, 'preparePaymentPage' | 'sealPaymentBatch'>;

/**
 * Preparing a batch: keyset pages of the month's entitlement ledger (ordered by entitlement id, joined to the
 * households of the county's subtree) become payment rows keyed by paymentKey(). Retrying a page inserts nothing new
 * (the unique key), and payments of a rejected earlier batch are taken over instead of duplicated. Only positive
 * amounts are paid. A held payment whose household now has an account, and a failed or returned one whose account a
 * payment officer corrected, get a successor in this batch (generation + 1, key derived from the first payment's):
 * that is how a supplementary run (补充发放) pays them, still once per entitlement. An open recovery plan (多发追回)
 * keeps back part of a household's new payments (recovery-deductions.ts). Rows owed to an institution (集中供养 under
 * 特困供养) are settled with the institution, never put in a household's bank file.
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
            where e.month = ? and h.region_path like ? and e.id > ? and e.kind <> 'institution'
            order by e.id limit ?`,
          [batch.month, `${batch.regionPath}%`, after ?? '', pageSize],
          'all',
          em.getTransactionContext(),
        );
        const live = rows.filter((r) => Number(r.amount_fen) > 0);
        const payments = [
          ...live.map((r) => toPayment(r, batchId, 0, null)),
          ...(await successors(em, live)).map(({ row, of }) => ({ ...toPayment(row, batchId, of.generation + 1, of.id), amountFen: of.amountFen, deductedFen: of.deductedFen })),
        ];
        await deductRecoveries(em, payments);
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

/** The key of an entitlement's payment: paymentKey() for the first, `#n` appended for the n-th re-issue. */
export function paymentKeyOf(r: Pick<LedgerRow, 'household_id' | 'month' | 'benefit_type' | 'kind' | 'reference'>, generation: number): string {
  const key = paymentKey({ householdId: r.household_id, month: r.month, benefitType: r.benefit_type, kind: r.kind, reference: r.reference });
  return generation === 0 ? key : `${key}#${generation}`;
}

function toPayment(r: LedgerRow, batchId: string, generation: number, reissueOf: string | null) {
  return {
    id: randomUUID(),
    idempotencyKey: paymentKeyOf(r, generation),
    batchId,
    entitlementId: r.id,
    householdId: r.household_id,
    townshipCode: scopeOf(r.region_path)[3],
    month: r.month,
    amountFen: Number(r.amount_fen),
    deductedFen: 0,
    status: 'prepared' as const,
    generation,
    reissueOf,
  };
}

/**
 * The page's payments that wait to be paid again and now can be: held ones whose household has an account, failed or
 * returned ones whose account was corrected since. Only the last of a chain qualifies (no live successor yet).
 */
async function successors(em: EntityManager, rows: LedgerRow[]): Promise<{ row: LedgerRow; of: { id: string; generation: number; amountFen: number; deductedFen: number } }[]> {
  if (rows.length === 0) return [];
  const pending = await em.getConnection().execute<PendingRow[]>(
    `select p.id, p.entitlement_id, p.generation, p.amount_fen, p.deducted_fen from payments p join households h on h.id = p.household_id
      where p.entitlement_id in (${rows.map(() => '?').join(',')}) and p.status in ('held', 'failed', 'returned')
        and ((p.status = 'held' and h.bank_account is not null) or (p.status <> 'held' and p.account_corrected_at is not null))
        and not exists (select 1 from payments s where s.reissue_of = p.id and s.status <> 'cancelled')`,
    rows.map((r) => r.id),
    'all',
    em.getTransactionContext(),
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return pending.map((p: PendingRow) => ({ row: byId.get(p.entitlement_id)!, of: { id: p.id, generation: Number(p.generation), amountFen: Number(p.amount_fen), deductedFen: Number(p.deducted_fen) } }));
}
