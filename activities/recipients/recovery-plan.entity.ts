import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/** The share of a month's payment a deduction may take, in percent (追回不超过当月保障金的30%). */
export const RECOVERY_MAX_SHARE_PERCENT = 30;

/** deduct: taken from future payments at most the share above each month; repay: the household pays it back. */
export type RecoveryMethod = 'deduct' | 'repay';

/**
 * 多发追回计划: what a household was paid above the amount later found due, and how it comes back. One per household
 * and decision (`reference`, the re-review task), so the workflow's retried write records it once. Recovered amounts
 * are not counted here but in SQL: deductions of live payments plus repayments (`repaidFen`), so no counter can
 * drift from the payments it stands for.
 */
@Entity({ tableName: 'recovery_plans' })
@Unique({ properties: ['householdId', 'reference'] })
@Index({ properties: ['householdId', 'method'] })
export class RecoveryPlan {
  @PrimaryKey({ type: 'string', length: 36 })
  id: string;

  @Property({ type: 'string', length: 36 })
  householdId: string;

  @Property({ type: 'string', length: 120 })
  reference: string;

  /** Integer fen. */
  @Property({ type: 'integer' })
  totalFen: number;

  /** The overpaid months and their amounts in fen. */
  @Property({ type: 'json' })
  months: { month: string; fen: number }[];

  @Property({ type: 'string', length: 8 })
  method: RecoveryMethod = 'deduct';

  @Property({ type: 'integer' })
  maxSharePercent: number = RECOVERY_MAX_SHARE_PERCENT;

  /** Repaid by the household directly (recorded by the payment officer), integer fen. */
  @Property({ type: 'integer' })
  repaidFen = 0;

  @Property({ type: 'datetime' })
  createdAt: Date;

  constructor(init: Pick<RecoveryPlan, 'id' | 'householdId' | 'reference' | 'totalFen' | 'months' | 'createdAt'>) {
    this.id = init.id;
    this.householdId = init.householdId;
    this.reference = init.reference;
    this.totalFen = init.totalFen;
    this.months = init.months;
    this.createdAt = init.createdAt;
  }
}
