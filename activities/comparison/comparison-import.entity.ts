import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** The department lists that 数据比对 imports, and what a match in each suggests. */
export const COMPARISON_SOURCES = ['death', 'vehicle', 'property', 'business', 'salary', 'pension'] as const;
export type ComparisonSource = (typeof COMPARISON_SOURCES)[number];

/**
 * One imported department list (数据比对): the source, the county it was compared against, and its counts as the
 * seeds report them — records read, records matching a live recipient's member, leads (one per member), and how many
 * leads investigators confirmed or dismissed.
 */
@Entity({ tableName: 'comparison_imports' })
@Index({ properties: ['regionPath', 'startedAt'] })
export class ComparisonImport {
  @PrimaryKey({ type: 'string', length: 36 })
  id: string;

  @Property({ type: 'string', length: 16 })
  source: ComparisonSource;

  @Property({ type: 'string', length: 12 })
  regionCode: string;

  @Property({ type: 'string', length: 80 })
  regionPath: string;

  @Property({ type: 'string', length: 8 })
  format: 'csv' | 'xlsx';

  @Property({ type: 'string', length: 16 })
  status: 'importing' | 'done' | 'failed' = 'importing';

  @Property({ type: 'integer' })
  records = 0;

  @Property({ type: 'integer' })
  matches = 0;

  @Property({ type: 'integer' })
  leads = 0;

  @Property({ type: 'integer' })
  confirmed = 0;

  @Property({ type: 'integer' })
  dismissed = 0;

  /** Rows without a valid ID number, skipped and counted. */
  @Property({ type: 'integer' })
  rejectedRows = 0;

  @Property({ type: 'string', length: 36 })
  startedById: string;

  @Property({ type: 'datetime' })
  startedAt: Date;

  @Property({ type: 'datetime', nullable: true })
  finishedAt: Date | null = null;

  constructor(init: Pick<ComparisonImport, 'id' | 'source' | 'regionCode' | 'regionPath' | 'format' | 'startedById' | 'startedAt'>) {
    this.id = init.id;
    this.source = init.source;
    this.regionCode = init.regionCode;
    this.regionPath = init.regionPath;
    this.format = init.format;
    this.startedById = init.startedById;
    this.startedAt = init.startedAt;
  }
}
