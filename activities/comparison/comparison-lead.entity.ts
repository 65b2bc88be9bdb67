import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { EncryptedStringType } from '../security/encrypted-string.type';
import type { ComparisonSource } from './comparison-import.entity';

export type LeadStatus = 'pending' | 'confirmed' | 'dismissed';

/**
 * A lead of a comparison: a live recipient's member found on a department list. An investigator of the household's
 * township confirms it (a re-review opens) or dismisses it with a reason. One lead per import and member.
 */
@Entity({ tableName: 'comparison_leads' })
@Unique({ properties: ['importId', 'memberId'] })
@Index({ properties: ['regionPath', 'status', 'createdAt'] })
@Index({ properties: ['importId', 'status'] })
export class ComparisonLead {
  @PrimaryKey({ type: 'string', length: 36 })
  id: string;

  @Property({ type: 'string', length: 36 })
  importId: string;

  @Property({ type: 'string', length: 16 })
  source: ComparisonSource;

  @Property({ type: 'string', length: 36 })
  householdId: string;

  @Property({ type: 'string', length: 36 })
  memberId: string;

  @Property({ type: 'string', length: 12 })
  regionCode: string;

  @Property({ type: 'string', length: 80 })
  regionPath: string;

  /** What the list says of the person (date of death, plate, salary…), encrypted: it is personal data. */
  @Property({ type: EncryptedStringType, columnType: 'text' })
  detail: string;

  @Property({ type: 'string', length: 16 })
  status: LeadStatus = 'pending';

  @Property({ type: 'string', length: 36, nullable: true })
  decidedById: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  decidedAt: Date | null = null;

  /** The investigator's reason, encrypted like every free text. */
  @Property({ type: EncryptedStringType, columnType: 'text', nullable: true })
  reason: string | null = null;

  /** The re-review task a confirmation opened. */
  @Property({ type: 'string', length: 120, nullable: true })
  taskId: string | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date;

  constructor(init: Pick<ComparisonLead, 'id' | 'importId' | 'source' | 'householdId' | 'memberId' | 'regionCode' | 'regionPath' | 'detail' | 'createdAt'>) {
    this.id = init.id;
    this.importId = init.importId;
    this.source = init.source;
    this.householdId = init.householdId;
    this.memberId = init.memberId;
    this.regionCode = init.regionCode;
    this.regionPath = init.regionPath;
    this.detail = init.detail;
    this.createdAt = init.createdAt;
  }
}
