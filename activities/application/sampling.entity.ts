import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A county's sampling tally for one month (抽查入户, 不低于30%): the cases that reached the sampling point and how many
 * of them were sampled. One row per county and month; the version column serialises concurrent draws of a county.
 */
@Entity({ tableName: 'sampling_tallies' })
@Index({ properties: ['month', 'countyCode'] })
export class SamplingTally {
  /** `<countyCode>:<YYYY-MM>`. */
  @PrimaryKey({ type: 'string', length: 20 })
  id: string;

  @Property({ type: 'string', length: 12 })
  countyCode: string;

  /** The month of the draw, Asia/Shanghai. */
  @Property({ type: 'string', length: 7 })
  month: string;

  @Property({ type: 'integer' })
  cases = 0;

  @Property({ type: 'integer' })
  sampled = 0;

  @Property({ version: true, type: 'integer' })
  version!: number;

  constructor(countyCode: string, month: string) {
    this.id = `${countyCode}:${month}`;
    this.countyCode = countyCode;
    this.month = month;
  }
}

/** One case's draw: written once with the tally change, so a retried activity returns the first answer. */
@Entity({ tableName: 'sampling_draws' })
export class SamplingDraw {
  @PrimaryKey({ type: 'string', length: 36 })
  applicationId: string;

  @Property({ type: 'string', length: 20 })
  tallyId: string;

  @Property({ type: 'boolean' })
  sampled: boolean;

  /** Whether the county's floor, not the lottery, decided it (kept for the auditors). */
  @Property({ type: 'boolean' })
  forced: boolean;

  @Property({ type: 'datetime' })
  drawnAt: Date;

  constructor(init: SamplingDraw) {
    this.applicationId = init.applicationId;
    this.tallyId = init.tallyId;
    this.sampled = init.sampled;
    this.forced = init.forced;
    this.drawnAt = init.drawnAt;
  }
}
