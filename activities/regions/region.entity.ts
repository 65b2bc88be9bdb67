import { Entity, PrimaryKeyProp, Index, PrimaryKey, Property } from '@mikro-orm/core';
import type { RegionLevel } from '../../config/regions/region.schema';

/**
 * A region of the administrative tree (province → city → county → township → village). `path` is the materialized
 * path of codes ("220000/220100/220103/"), so "everything in my subtree" is one indexed prefix match.
 */
@Entity({ tableName: 'regions' })
export class Region {
  [PrimaryKeyProp]?: 'code';

  @PrimaryKey({ type: 'string', length: 12 })
  code: string;

  @Property({ type: 'string', length: 100 })
  name: string;

  @Property({ type: 'string', length: 10 })
  level: RegionLevel;

  @Property({ type: 'string', length: 12, nullable: true })
  parentCode: string | null;

  @Index()
  @Property({ type: 'string', length: 80 })
  path: string;

  /** urban (社区) or rural (村) for villages; selects the 低保 standard. */
  @Property({ type: 'string', length: 5, nullable: true })
  area: 'urban' | 'rural' | null;

  /** Registered residents (户籍人口) of a township: its annual 救急难 reserve fund is this × the amount per resident. */
  @Property({ type: 'integer', nullable: true })
  residents: number | null = null;

  constructor(init: { code: string; name: string; level: RegionLevel; parentCode: string | null; path: string; area: 'urban' | 'rural' | null; residents?: number | null }) {
    this.code = init.code;
    this.name = init.name;
    this.level = init.level;
    this.parentCode = init.parentCode;
    this.path = init.path;
    this.area = init.area;
    this.residents = init.residents ?? null;
  }
}
