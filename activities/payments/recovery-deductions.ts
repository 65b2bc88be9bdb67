import type { EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { RecoveryDeduction } from './recovery-deduction.entity';

/** A payment about to be inserted: its key, household and amounts (mutated by the deduction). */
export interface NewPayment {
  idempotencyKey: string;
  householdId: string;
  amountFen: number;
  deductedFen: number;
  generation: number;
}

/** SQL of what plan `r` still lacks: its total less repayments and the deductions of payments not cancelled. */
export const PLAN_DEDUCTED_SQL = `coalesce((select sum(d.amount_fen) from recovery_deductions d join payments p on p.idempotency_key = d.payment_key
                                          where d.plan_id = r.id and p.status <> 'cancelled'), 0)`;

type PlanRow = { id: string; household_id: string; remaining: number | string | null; max_share_percent: number | string };

/**
 * 多发追回 by deduction: each new first payment (generation 0) of a household with an open deduction plan keeps back
 * at most the plan's share of its amount (30 %), never more than the plan still lacks. What a plan still lacks is
 * counted in SQL from its deductions on live payments and the repayments. Payments already prepared keep their
 * amounts (their key exists), and the deduction row is keyed by the payment's key, so a retried page deducts nothing
 * twice. Re-issued payments carry their original's amount and deduction.
 */
export async function deductRecoveries(em: EntityManager, payments: NewPayment[]): Promise<void> {
  const first = payments.filter((p) => p.generation === 0);
  if (first.length === 0) return;
  const conn = em.getConnection();
  const ctx = em.getTransactionContext();
  const marks = (n: number) => Array.from({ length: n }, () => '?').join(',');
  const households = [...new Set(first.map((p) => p.householdId))];
  const plans: PlanRow[] = await conn.execute<PlanRow[]>(
    `select r.id, r.household_id, r.max_share_percent,
            r.total_fen - r.repaid_fen - ${PLAN_DEDUCTED_SQL} as remaining
       from recovery_plans r where r.method = 'deduct' and r.household_id in (${marks(households.length)}) order by r.created_at, r.id`,
    households,
    'all',
    ctx,
  );
  // Cancelled payments of this page are taken over below with their reduced amounts: their deductions count again.
  const revived: { plan_id: string; fen: number | string }[] = await conn.execute(
    `select d.plan_id, sum(d.amount_fen) as fen from recovery_deductions d join payments p on p.idempotency_key = d.payment_key
      where p.status = 'cancelled' and d.payment_key in (${marks(first.length)}) group by d.plan_id`,
    first.map((p) => p.idempotencyKey),
    'all',
    ctx,
  );
  const back = new Map(revived.map((r) => [r.plan_id, Number(r.fen)]));
  const open = plans.map((p) => ({ ...p, remaining: Number(p.remaining ?? 0) - (back.get(p.id) ?? 0) })).filter((p) => p.remaining > 0);
  if (open.length === 0) return;
  const existing: { idempotency_key: string }[] = await conn.execute(`select idempotency_key from payments where idempotency_key in (${marks(first.length)})`, first.map((p) => p.idempotencyKey), 'all', ctx);
  const known = new Set(existing.map((r) => r.idempotency_key));
  const rows: RecoveryDeduction[] = [];
  for (const payment of first) {
    if (known.has(payment.idempotencyKey)) continue;
    const plan = open.find((p) => p.household_id === payment.householdId && p.remaining > 0);
    if (!plan) continue;
    const fen = Math.min(plan.remaining, Math.floor((payment.amountFen * Number(plan.max_share_percent)) / 100));
    if (fen <= 0) continue;
    plan.remaining -= fen;
    payment.amountFen -= fen;
    payment.deductedFen += fen;
    rows.push(new RecoveryDeduction({ paymentKey: payment.idempotencyKey, planId: plan.id, householdId: payment.householdId, amountFen: fen, createdAt: new Date() }));
  }
  if (rows.length > 0) await (em as unknown as SqlEntityManager).createQueryBuilder(RecoveryDeduction).insert(rows).onConflict('payment_key').ignore().execute();
}
