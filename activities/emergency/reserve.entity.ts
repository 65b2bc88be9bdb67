import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/**
 * A township's reserve fund (备用金) for one year. `balanceFen` is the running sum of its movements, kept beside them
 * so a payment checks and changes it in one row update; the version column serializes concurrent payments.
 */
@Entity({ tableName: 'reserve_ledgers' })
export class ReserveLedger {
  /** `<townshipCode>:<year>`. */
  @PrimaryKey({ type: 'string', length: 20 })
  id: string;

  @Property({ type: 'string', length: 12 })
  townshipCode: string;

  @Property({ type: 'integer' })
  year: number;

  @Property({ type: 'bigint', runtimeType: 'number' })
  balanceFen = 0;

  @Property({ version: true, type: 'integer' })
  version!: number;

  constructor(townshipCode: string, year: number) {
    this.id = reserveLedgerId(townshipCode, year);
    this.townshipCode = townshipCode;
    this.year = year;
  }
}

/** The key of a township's ledger for a year. */
export function reserveLedgerId(townshipCode: string, year: number): string {
  return `${townshipCode}:${year}`;
}

export type ReserveMovementKind = 'funding' | 'top_up' | 'payment' | 'recovery';

/** One signed entry of a ledger; recorded exactly once per business idempotency key. */
@Entity({ tableName: 'reserve_movements' })
@Index({ properties: ['ledgerId', 'at'] })
export class ReserveMovement {
  @PrimaryKey({ type: 'string', length: 36 })
  id: string;

  @Property({ type: 'string', length: 20 })
  ledgerId: string;

  @Property({ type: 'string', length: 16 })
  kind: ReserveMovementKind;

  /** Signed: funding and top-ups positive, payments negative. */
  @Property({ type: 'bigint', runtimeType: 'number' })
  amountFen: number;

  @Unique()
  @Property({ type: 'string', length: 120 })
  idempotencyKey: string;

  @Property({ type: 'string', length: 64, nullable: true })
  requestId: string | null;

  @Property({ type: 'datetime' })
  at: Date;

  constructor(init: Omit<ReserveMovement, never>) {
    this.id = init.id;
    this.ledgerId = init.ledgerId;
    this.kind = init.kind;
    this.amountFen = init.amountFen;
    this.idempotencyKey = init.idempotencyKey;
    this.requestId = init.requestId;
    this.at = init.at;
  }
}
