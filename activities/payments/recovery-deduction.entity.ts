import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * One deduction (扣回) of a recovery plan from one payment. Keyed by the payment's idempotency key: preparing the same
 * payment again (a retried page, a later batch taking over a cancelled payment) never deducts twice. It counts while
 * its payment is not cancelled.
 */
@Entity({ tableName: 'recovery_deductions' })
@Index({ properties: ['planId'] })
export class RecoveryDeduction {
  @PrimaryKey({ type: 'string', length: 160 })
  paymentKey: string;

  @Property({ type: 'string', length: 36 })
  planId: string;

  @Property({ type: 'string', length: 36 })
  householdId: string;

  /** Integer fen taken from the payment. */
  @Property({ type: 'integer' })
  amountFen: number;

  @Property({ type: 'datetime' })
  createdAt: Date;

  constructor(init: RecoveryDeduction) {
    this.paymentKey = init.paymentKey;
    this.planId = init.planId;
    this.householdId = init.householdId;
    this.amountFen = init.amountFen;
    this.createdAt = init.createdAt;
  }
}
