import { Entity, PrimaryKeyProp, PrimaryKey, Property } from '@mikro-orm/core';

/** One year of the State Council's holiday table; a year without a row counts weekends only. */
@Entity({ tableName: 'holiday_years' })
export class HolidayYearRow {
  [PrimaryKeyProp]?: 'year';

  @PrimaryKey({ type: 'integer', autoincrement: false })
  year: number;

  @Property({ type: 'boolean' })
  published: boolean;

  @Property({ type: 'string', length: 255 })
  source: string;

  @Property({ type: 'json' })
  holidays: { name: string; from: string; to: string }[];

  @Property({ type: 'json' })
  makeUpWorkdays: string[];

  constructor(init: HolidayYearRow) {
    this.year = init.year;
    this.published = init.published;
    this.source = init.source;
    this.holidays = init.holidays;
    this.makeUpWorkdays = init.makeUpWorkdays;
  }
}
