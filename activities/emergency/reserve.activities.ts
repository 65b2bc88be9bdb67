import { randomUUID } from 'node:crypto';
import { OptimisticLockError, UniqueConstraintViolationException, type EntityManager, type MikroORM } from '@mikro-orm/core';
import type { EmergencyActivities, PayFromReserveInput, PayFromReserveResult } from './emergency.contract';
import { canPay } from './reserve-fund';
import { ReserveLedger, ReserveMovement, reserveLedgerId, type ReserveMovementKind } from './reserve.entity';

/** Attempts when concurrent payments of one township collide on the ledger's version. */
const MAX_ATTEMPTS = 8;

/**
 * The 备用金 payment: in one transaction, returns the earlier payment of the same idempotency key if there is one;
 * otherwise checks the ledger balance and, when it covers the amount, lowers it and inserts the movement. The ledger
 * row's version serializes concurrent payments of a township (a loser re-reads and re-checks); the unique key makes a
 * payment retried after a crash (row written, answer lost) return the first one.
 */
export function reserveActivities(orm: MikroORM): Pick<EmergencyActivities, 'payFromReserve'> {
  return {
    async payFromReserve(input: PayFromReserveInput): Promise<PayFromReserveResult> {
      try {
        return await retryOnVersion(() => orm.em.fork().transactional((em) => payOnce(em, input)));
      } catch (err) {
        if (!(err instanceof UniqueConstraintViolationException)) throw err;
        const prior = await orm.em.fork().findOneOrFail(ReserveMovement, { idempotencyKey: input.idempotencyKey });
        return { paid: true, paymentId: prior.id };
      }
    },
  };
}

async function payOnce(em: EntityManager, input: PayFromReserveInput): Promise<PayFromReserveResult> {
  const prior = await em.findOne(ReserveMovement, { idempotencyKey: input.idempotencyKey });
  if (prior) return { paid: true, paymentId: prior.id };
  const ledger = await em.findOne(ReserveLedger, reserveLedgerId(input.townshipCode, input.year));
  const balanceFen = ledger?.balanceFen ?? 0;
  if (!ledger || !canPay(balanceFen, input.amountFen)) return { paid: false, reason: 'insufficient_fund', balanceFen };
  ledger.balanceFen = balanceFen - input.amountFen;
  const movement = new ReserveMovement({
    id: randomUUID(),
    ledgerId: ledger.id,
    kind: 'payment',
    amountFen: -input.amountFen,
    idempotencyKey: input.idempotencyKey,
    requestId: input.requestId,
    at: new Date(),
  });
  em.persist(movement);
  await em.flush();
  return { paid: true, paymentId: movement.id };
}

/** Credits a ledger (annual funding or a county top-up) once per idempotency key; creates the ledger if needed. */
export async function creditReserve(
  orm: MikroORM,
  input: { townshipCode: string; year: number; kind: Extract<ReserveMovementKind, 'funding' | 'top_up'>; amountFen: number; idempotencyKey: string },
): Promise<void> {
  if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0) throw new RangeError(`amountFen must be a positive integer, got ${input.amountFen}`);
  try {
    await retryOnVersion(() => orm.em.fork().transactional(async (em) => {
      if (await em.findOne(ReserveMovement, { idempotencyKey: input.idempotencyKey })) return;
      const id = reserveLedgerId(input.townshipCode, input.year);
      let ledger = await em.findOne(ReserveLedger, id);
      if (!ledger) em.persist((ledger = new ReserveLedger(input.townshipCode, input.year)));
      ledger.balanceFen += input.amountFen;
      em.persist(
        new ReserveMovement({ id: randomUUID(), ledgerId: id, kind: input.kind, amountFen: input.amountFen, idempotencyKey: input.idempotencyKey, requestId: null, at: new Date() }),
      );
      await em.flush();
    }));
  } catch (err) {
    if (!(err instanceof UniqueConstraintViolationException)) throw err;
  }
}

/** Runs a ledger transaction again when a concurrent one changed the ledger row first (optimistic version). */
async function retryOnVersion<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (!(err instanceof OptimisticLockError) || attempt >= MAX_ATTEMPTS) throw err;
    }
  }
}
