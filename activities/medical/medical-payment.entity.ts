import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * One 医疗救助 payment on a referral: the eligible expenses of one bill (invoice), the share paid and the rule used. The
 * business key (referral and invoice number) is unique: recording the same bill twice is the first payment.
 */
@Entity({ tableName: 'medical_assistance_payments' })
@Index({ properties: ['householdId', 'year'] })
export class MedicalAssistancePayment {
  @PrimaryKey({ type: 'string', length: 36 })
  id: string;

  /** `<referralId>:<invoiceNo>`. */
  @Property({ type: 'string', length: 120, unique: true })
  paymentKey: string;

  @Property({ type: 'string', length: 36 })
  referralId: string;

  @Property({ type: 'string', length: 36 })
  householdId: string;

  /** Calendar year (Asia/Shanghai) the cap counts in. */
  @Property({ type: 'integer' })
  year: number;

  @Property({ type: 'integer' })
  eligibleExpenseFen: number;

  @Property({ type: 'integer' })
  paidFen: number;

  /** The ratio in basis points (7500 = 75 %) and the annual cap, as applied. */
  @Property({ type: 'integer' })
  ratioBasisPoints: number;

  @Property({ type: 'integer' })
  annualCapFen: number;

  @Property({ type: 'string', length: 36 })
  recordedById: string;

  @Property({ type: 'datetime' })
  at: Date;

  constructor(init: MedicalAssistancePayment) {
    this.id = init.id;
    this.paymentKey = init.paymentKey;
    this.referralId = init.referralId;
    this.householdId = init.householdId;
    this.year = init.year;
    this.eligibleExpenseFen = init.eligibleExpenseFen;
    this.paidFen = init.paidFen;
    this.ratioBasisPoints = init.ratioBasisPoints;
    this.annualCapFen = init.annualCapFen;
    this.recordedById = init.recordedById;
    this.at = init.at;
  }
}

/**
 * What one household has been paid by 医疗救助 in a year: the row every payment updates conditionally on the amount it
 * read (`paid_fen = read`), so two bills paid at once can never pass the cap together on either database.
 */
@Entity({ tableName: 'medical_assistance_totals' })
export class MedicalAssistanceTotal {
  @PrimaryKey({ type: 'string', length: 36 })
  householdId: string;

  @PrimaryKey({ type: 'integer' })
  year: number;

  @Property({ type: 'integer' })
  paidFen: number;

  constructor(householdId: string, year: number, paidFen = 0) {
    this.householdId = householdId;
    this.year = year;
    this.paidFen = paidFen;
  }
}
