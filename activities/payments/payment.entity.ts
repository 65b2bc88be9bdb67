import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * prepared → released (in the bank file) → paid / failed / returned (the bank's result file); `held` when the
 * household had no account at release (never in a bank file); `cancelled` when its batch was rejected.
 */
export type PaymentStatus = 'prepared' | 'released' | 'cancelled' | 'held' | 'paid' | 'failed' | 'returned';

/** Why a payment is held or why the bank did not pay it. Stored: never rename. */
export const PAYMENT_REASON_CODES = ['no_bank_account', 'account_closed', 'account_not_found', 'name_mismatch', 'account_frozen', 'bank_other'] as const;
export type PaymentReasonCode = (typeof PAYMENT_REASON_CODES)[number];

/**
 * One payment of an entitlement row to a household. `idempotencyKey` (paymentKey(): benefit type, household, month,
 * kind and reference) is unique: preparing a page twice, or a second batch for the same month, never creates a
 * second payment of the same entitlement. A cancelled payment (its batch was rejected) may be taken by a later batch.
 * A held, failed or returned payment is re-issued as a new row (`reissueOf` the original, generation + 1, key derived
 * from the original's), so the original keeps what happened to it and the entitlement is still paid once.
 */
@Entity({ tableName: 'payments' })
@Index({ properties: ['batchId', 'status'] })
@Index({ properties: ['batchId', 'townshipCode'] })
/** The payee list's keyset pages: a run's payments by township, then id. */
@Index({ name: 'payments_batch_payees', properties: ['batchId', 'townshipCode', 'id'] })
/** A prepared page counts its own rows by entitlement, never walking the whole batch. */
@Index({ properties: ['batchId', 'entitlementId'] })
/** Per-household reconciliation and the exceptions list. */
@Index({ properties: ['householdId', 'month'] })
@Index({ properties: ['entitlementId', 'status'] })
@Index({ properties: ['reissueOf'] })
/** Statistics: a month's paid amounts by region. */
@Index({ name: 'payments_stats_month', properties: ['month', 'status'] })
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

  /** Integer fen: what the bank pays, the entitlement's amount less any recovery deduction. */
  @Property({ type: 'integer' })
  amountFen: number;

  /** Integer fen kept back for a recovery plan (多发追回); 0 for most payments. */
  @Property({ type: 'integer', default: 0 })
  deductedFen = 0;

  @Property({ type: 'string', length: 12 })
  status: PaymentStatus = 'prepared';

  @Property({ type: 'datetime', nullable: true })
  releasedAt: Date | null = null;

  /** Why it is held, failed or returned (PaymentReasonCode); null otherwise. */
  @Property({ type: 'string', length: 32, nullable: true })
  reasonCode: PaymentReasonCode | null = null;

  /** The payment this one re-issues (held, failed or returned before); null for a first payment. */
  @Property({ type: 'string', length: 36, nullable: true })
  reissueOf: string | null = null;

  /** 0 for the first payment of an entitlement, then 1, 2, … for each re-issue (part of the idempotency key). */
  @Property({ type: 'integer', default: 0 })
  generation = 0;

  /** When a payment officer confirmed or corrected the household's account after the bank failed or returned this. */
  @Property({ type: 'datetime', nullable: true })
  accountCorrectedAt: Date | null = null;

  /** The bank's value date of the result (YYYY-MM-DD) and the import that recorded it. */
  @Property({ type: 'string', length: 10, nullable: true })
  settledOn: string | null = null;

  @Property({ type: 'string', length: 36, nullable: true })
  resultImportId: string | null = null;

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
