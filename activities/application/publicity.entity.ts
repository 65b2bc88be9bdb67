import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/** A publicity period (张榜公示) of a case, posted in its village; objections may be lodged until it ends. */
@Entity({ tableName: 'publicity_periods' })
@Unique({ properties: ['applicationId', 'step', 'round'] })
export class PublicityPeriod {
  @PrimaryKey({ type: 'string', length: 36 })
  id: string;

  @Property({ type: 'string', length: 36 })
  applicationId: string;

  @Property({ type: 'string', length: 32 })
  step: string;

  @Property({ type: 'integer' })
  round: number;

  @Index()
  @Property({ type: 'string', length: 80 })
  regionPath: string;

  @Property({ type: 'datetime' })
  startsAt: Date;

  @Property({ type: 'datetime' })
  endsAt: Date;

  @Property({ type: 'string', length: 12, nullable: true })
  outcome: 'passed' | 'objected' | null = null;

  @Property({ type: 'datetime', nullable: true })
  endedAt: Date | null = null;

  constructor(init: Pick<PublicityPeriod, 'id' | 'applicationId' | 'step' | 'round' | 'regionPath' | 'startsAt' | 'endsAt'>) {
    this.id = init.id;
    this.applicationId = init.applicationId;
    this.step = init.step;
    this.round = init.round;
    this.regionPath = init.regionPath;
    this.startsAt = init.startsAt;
    this.endsAt = init.endsAt;
  }
}
