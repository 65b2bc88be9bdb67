import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/** A household economic-status check report (核对报告), one per case and investigation round. */
@Entity({ tableName: 'check_reports' })
@Unique({ properties: ['applicationId', 'round'] })
export class CheckReport {
  @PrimaryKey({ type: 'string', length: 36 })
  id: string;

  @Property({ type: 'string', length: 36 })
  applicationId: string;

  @Property({ type: 'integer' })
  round: number;

  @Property({ type: 'integer' })
  incomeFoundFen: number;

  @Property({ type: 'json' })
  flags: string[];

  /** Counts, amounts and per-member figures by member id: no names or ID numbers. */
  @Property({ type: 'json' })
  report: Record<string, unknown>;

  @Property({ type: 'datetime' })
  createdAt: Date;

  constructor(init: CheckReport) {
    this.id = init.id;
    this.applicationId = init.applicationId;
    this.round = init.round;
    this.incomeFoundFen = init.incomeFoundFen;
    this.flags = init.flags;
    this.report = init.report;
    this.createdAt = init.createdAt;
  }
}
