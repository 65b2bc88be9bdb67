import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/**
 * The periodic economic re-check of a recipient household (at least twice a year), once per household and month.
 * Member ids, amounts in fen and flag codes only, like the application's check report.
 */
@Entity({ tableName: 'recipient_check_reports' })
@Unique({ properties: ['householdId', 'month'] })
export class RecipientCheck {
  @PrimaryKey({ type: 'string', length: 36 })
  id: string;

  @Property({ type: 'string', length: 36 })
  householdId: string;

  @Property({ type: 'string', length: 7 })
  month: string;

  @Property({ type: 'integer' })
  incomeFoundFen: number;

  @Property({ type: 'integer' })
  assessedIncomeFen: number;

  @Property({ type: 'json' })
  flags: string[];

  @Property({ type: 'boolean' })
  materialChange: boolean;

  @Property({ type: 'json' })
  report: Record<string, unknown>;

  @Property({ type: 'datetime' })
  createdAt: Date;

  constructor(init: RecipientCheck) {
    this.id = init.id;
    this.householdId = init.householdId;
    this.month = init.month;
    this.incomeFoundFen = init.incomeFoundFen;
    this.assessedIncomeFen = init.assessedIncomeFen;
    this.flags = init.flags;
    this.materialChange = init.materialChange;
    this.report = init.report;
    this.createdAt = init.createdAt;
  }
}
