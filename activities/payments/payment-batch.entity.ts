import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import type { PaymentRunStatus } from '../../workflows/payments/definitions';
import type { Role } from '../../workflows/domain/roles';

/** Per-township count and total of a batch (computed in SQL when the batch is sealed). */
export interface TownshipTotals {
  townshipCode: string;
  count: number;
  totalFen: number;
}

/**
 * A county's payment run for one month (发放批次). One per county, month and attempt: a rejected batch stays on
 * record and the month is prepared again as the next attempt. Who prepared, approved and released it is kept here
 * and in the audit log.
 */
@Entity({ tableName: 'payment_batches' })
@Unique({ properties: ['countyCode', 'month', 'attempt'] })
@Index({ properties: ['regionPath', 'month'] })
export class PaymentBatch {
  /** paymentBatchId(county, month, attempt); also the task rows' caseId. */
  @PrimaryKey({ type: 'string', length: 36 })
  id: string;

  @Property({ type: 'string', length: 12 })
  countyCode: string;

  @Property({ type: 'string', length: 80 })
  regionPath: string;

  /** YYYY-MM. */
  @Property({ type: 'string', length: 7 })
  month: string;

  @Property({ type: 'integer' })
  attempt: number;

  /**
   * 补充发放: an attempt after a released (or empty) run of the same month. It pays what that run could not: ledger
   * rows recorded later, held payments whose household now has an account, failed or returned payments re-issued.
   */
  @Property({ type: 'boolean', default: false })
  supplementary = false;

  @Property({ type: 'string', length: 20 })
  status: PaymentRunStatus = 'preparing';

  @Property({ type: 'string', length: 36 })
  startedById: string;

  @Property({ type: 'string', length: 32 })
  startedByRole: Role;

  @Property({ type: 'string', length: 36, nullable: true })
  approvedById: string | null = null;

  @Property({ type: 'string', length: 36, nullable: true })
  releasedById: string | null = null;

  @Property({ type: 'integer' })
  paymentCount = 0;

  /** Integer fen. */
  @Property({ type: 'bigint', runtimeType: 'number' })
  totalFen = 0;

  @Property({ type: 'json' })
  townships: TownshipTotals[] = [];

  @Property({ type: 'datetime' })
  createdAt: Date;

  @Property({ type: 'datetime', nullable: true })
  sealedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  releasedAt: Date | null = null;

  constructor(init: Pick<PaymentBatch, 'id' | 'countyCode' | 'regionPath' | 'month' | 'attempt' | 'startedById' | 'startedByRole' | 'createdAt'>) {
    this.id = init.id;
    this.countyCode = init.countyCode;
    this.regionPath = init.regionPath;
    this.month = init.month;
    this.attempt = init.attempt;
    this.startedById = init.startedById;
    this.startedByRole = init.startedByRole;
    this.createdAt = init.createdAt;
  }
}
