import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A household recognised as 低收入 (边缘延伸层): not paid monthly, eligible for special assistance, re-checked at a
 * fixed interval. Recognised from a 低保 application's own income and asset findings when they place it above the
 * standard and below the region's multiple of it; one row per application. Holds figures, never personal data.
 */
@Entity({ tableName: 'low_income_households' })
@Index({ properties: ['regionPath', 'status'] })
@Index({ properties: ['householdId', 'status'] })
@Index({ properties: ['workflowStartedAt', 'recognisedAt'] })
export class LowIncomeHousehold {
  @PrimaryKey({ type: 'string', length: 36 })
  id: string;

  @Property({ type: 'string', length: 36 })
  householdId: string;

  /** The 低保 application whose findings recognised it (unique: a decision recognises at most once). */
  @Property({ type: 'string', length: 36, unique: true })
  applicationId: string;

  @Property({ type: 'string', length: 12 })
  regionCode: string;

  @Property({ type: 'string', length: 80 })
  regionPath: string;

  @Property({ type: 'integer' })
  members: number;

  /** Household income net of allowed deductions, fen per month, as assessed. */
  @Property({ type: 'integer' })
  totalIncomeFen: number;

  /** The 低保 standard the assessment used, fen per person per month. */
  @Property({ type: 'integer' })
  standardFen: number;

  /** The region's multiplier in hundredths (150 = 1.5 ×). */
  @Property({ type: 'integer' })
  multiplierPercent: number;

  @Property({ type: 'string', length: 12 })
  status: 'active' | 'ended' = 'active';

  @Property({ type: 'datetime' })
  recognisedAt: Date;

  /** YYYY-MM: the month its re-check falls due. */
  @Property({ type: 'string', length: 7 })
  reviewDueMonth: string;

  /** Re-checks done since recognition (the next one is cycle `rechecks + 1`). */
  @Property({ type: 'integer', default: 0 })
  rechecks = 0;

  @Property({ type: 'datetime', nullable: true })
  lastRecheckedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  endedAt: Date | null = null;

  /** Where the re-check that ended it placed the household: 'dibao' (below the standard) or 'none'. */
  @Property({ type: 'string', length: 16, nullable: true })
  endedAs: 'dibao' | 'none' | null = null;

  /** When its re-check workflow was confirmed started (null: the worker's relay starts it). */
  @Property({ type: 'datetime', nullable: true })
  workflowStartedAt: Date | null = null;

  constructor(init: Omit<LowIncomeHousehold, 'status' | 'rechecks' | 'lastRecheckedAt' | 'endedAt' | 'endedAs' | 'workflowStartedAt'>) {
    this.id = init.id;
    this.householdId = init.householdId;
    this.applicationId = init.applicationId;
    this.regionCode = init.regionCode;
    this.regionPath = init.regionPath;
    this.members = init.members;
    this.totalIncomeFen = init.totalIncomeFen;
    this.standardFen = init.standardFen;
    this.multiplierPercent = init.multiplierPercent;
    this.recognisedAt = init.recognisedAt;
    this.reviewDueMonth = init.reviewDueMonth;
  }
}
