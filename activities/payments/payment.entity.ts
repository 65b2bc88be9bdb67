import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

export type PaymentStatus = 'prepared' | 'released' | 'cancelled';

/**
 * One payment of an entitlement row to a household. `idempotencyKey` (paymentKey(): benefit type, household, month,
 * kind and reference) is unique: preparing a page twice, or a second batch for the same month, never creates a
 * second payment of the same entitlement. A cancelled payment (its batch was rejected) may be taken by a later batch.
 */
@Entity({ tableName: 'payments' })
@Index({ properties: ['batchId', 'status'] })
@Index({ properties: ['batchId', 'townshipCode'] })
/** The payee list's keyset pages: a run's payments by township, then id. */
@Index({ name: 'payments_batch_payees', properties: ['batchId', 'townshipCode', 'id'] })
/** A prepared page counts its own rows by entitlement, never walking the whole batch. */
@Index({ properties: ['batchId', 'entitlementId'] })
export class Payment {
  @PrimaryKey({ type: 'string', length: 36 })
  id: string;

  @Property({ type: 'string', length: 160, unique: true })
  idempotencyKey: string;

  @Property({ type: 'string', length: 36 })
  batchId: string;

  @Property({ type: 'string', length: 36 })
  entitlementId: string;

  @Property({ type: 'string', length: 36 })
  householdId: string;

  @Property({ type: 'string', length: 12 })
  townshipCode: string;

  /** YYYY-MM. */
  @Property({ type: 'string', length: 7 })
  month: string;

  /** Integer fen. */
  @Property({ type: 'integer' })
  amountFen: number;

  @Property({ type: 'string', length: 12 })
  status: PaymentStatus = 'prepared';

  @Property({ type: 'datetime', nullable: true })
  releasedAt: Date | null = null;

  constructor(init: Pick<Payment, 'id' | 'idempotencyKey' | 'batchId' | 'entitlementId' | 'householdId' | 'townshipCode' | 'month' | 'amountFen'>) {
    this.id = init.id;
    this.idempotencyKey = init.idempotencyKey;
    this.batchId = init.batchId;
    this.entitlementId = init.entitlementId;
    this.householdId = init.householdId;
    this.townshipCode = init.townshipCode;
    this.month = init.month;
    this.amountFen = init.amountFen;
  }
}
