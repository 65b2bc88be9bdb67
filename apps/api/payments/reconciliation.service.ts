import { Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { Household } from '../../../activities/households/household.entity';
import { PaymentBatch } from '../../../activities/payments/payment-batch.entity';
import type { AuthUser } from '../auth/auth.types';
import { NotFoundError } from '../common/errors';

type StatusRow = { status: string; n: number | string; fen: number | string | null; reissued_n: number | string | null; reissued_fen: number | string | null };
type Amount = { count: number; amountFen: number };

/** A payment re-issued by a later run (its successor is not cancelled): no longer this run's to pay. */
const REISSUED = `exists (select 1 from payments s where s.reissue_of = p.id and s.status <> 'cancelled')`;

/**
 * 对账: what a run was to pay and what became of it, and what a household was owed and what reached it. Counts and
 * sums come from the database (grouped by status), never from rows loaded into memory.
 */
@Injectable()
export class ReconciliationService {
  constructor(private readonly orm: MikroORM) {}

  /**
   * expected = every payment of the run; paid, failed, returned and held by status; awaitingResult = released with no
   * result yet; reissued = failed, returned or held ones a later run pays again; outstanding = what is neither paid nor
   * carried to a later run.
   */
  async run(user: AuthUser, batchId: string) {
    const em = this.orm.em.fork() as unknown as SqlEntityManager;
    const batch = await em.findOne(PaymentBatch, { id: batchId, regionPath: { $like: `${user.regionPath}%` } });
    if (!batch) throw new NotFoundError(`no payment run ${batchId} in your region`);
    const rows = await em.getConnection().execute<StatusRow[]>(
      `select p.status, count(*) as n, sum(p.amount_fen) as fen,
              sum(case when ${REISSUED} then 1 else 0 end) as reissued_n,
              sum(case when ${REISSUED} then p.amount_fen else 0 end) as reissued_fen
         from payments p where p.batch_id = ? and p.status <> 'cancelled' group by p.status`,
      [batchId],
    );
    const of = (...statuses: string[]): Amount => sum(rows.filter((r) => statuses.includes(r.status)).map((r) => ({ count: Number(r.n), amountFen: Number(r.fen ?? 0) })));
    const reissued = sum(rows.map((r) => ({ count: Number(r.reissued_n ?? 0), amountFen: Number(r.reissued_fen ?? 0) })));
    const unresolved = of('held', 'failed', 'returned');
    return {
      batchId,
      month: batch.month,
      status: batch.status,
      expected: of(...rows.map((r) => r.status)),
      paid: of('paid'),
      failed: of('failed'),
      returned: of('returned'),
      held: of('held'),
      awaitingResult: of('released'),
      reissued,
      outstanding: sum([of('released', 'prepared'), { count: unresolved.count - reissued.count, amountFen: unresolved.amountFen - reissued.amountFen }]),
    };
  }

  /** Per household: each ledger row (month, kind, amount owed) with its payments, and owed / paid / outstanding in fen. */
  async household(user: AuthUser, householdId: string) {
    const em = this.orm.em.fork() as unknown as SqlEntityManager;
    const household = await em.findOne(Household, { id: householdId, regionPath: { $like: `${user.regionPath}%` } }, { fields: ['id'] });
    if (!household) throw new NotFoundError(`no household ${householdId} in your region`);
    const conn = em.getConnection();
    const [totals] = await conn.execute<{ owed: number | string | null; paid: number | string | null; in_bank: number | string | null }[]>(
      `select sum(case when e.amount_fen > 0 then e.amount_fen else 0 end) as owed,
              sum((select coalesce(sum(p.amount_fen), 0) from payments p where p.entitlement_id = e.id and p.status = 'paid')) as paid,
              sum((select coalesce(sum(p.amount_fen), 0) from payments p where p.entitlement_id = e.id and p.status = 'released')) as in_bank
         from entitlements e where e.household_id = ?`,
      [householdId],
    );
    const lines = await conn.execute<Record<string, string | number | null>[]>(
      `select e.id as entitlement_id, e.month, e.kind, e.amount_fen as owed_fen, p.id as payment_id, p.batch_id, p.status, p.reason_code, p.generation, p.settled_on
         from entitlements e left join payments p on p.entitlement_id = e.id and p.status <> 'cancelled'
        where e.household_id = ? order by e.month desc, e.kind, p.generation limit 500`,
      [householdId],
    );
    const owedFen = Number(totals?.owed ?? 0);
    const paidFen = Number(totals?.paid ?? 0);
    return {
      householdId,
      owedFen,
      paidFen,
      awaitingResultFen: Number(totals?.in_bank ?? 0),
      outstandingFen: owedFen - paidFen,
      lines: lines.map((l) => ({
        entitlementId: l.entitlement_id,
        month: l.month,
        kind: l.kind,
        owedFen: Number(l.owed_fen),
        payment: l.payment_id ? { id: l.payment_id, batchId: l.batch_id, status: l.status, reasonCode: l.reason_code, generation: Number(l.generation), settledOn: l.settled_on } : null,
      })),
    };
  }
}

function sum(parts: Amount[]): Amount {
  return parts.reduce((a, b) => ({ count: a.count + b.count, amountFen: a.amountFen + b.amountFen }), { count: 0, amountFen: 0 });
}
