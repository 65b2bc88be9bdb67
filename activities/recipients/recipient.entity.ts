import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import type { RecipientCategory } from '../../workflows/programs/dibao/lifecycle';
import type { RecipientStatus } from '../../workflows/recipient/definitions';

/** Statuses of a household still on the program (paid, in 渐退, or suspended pending a decision). */
export const LIVE_RECIPIENT_STATUSES = ['active', 'gradual_exit', 'suspended'] as const;

/**
 * A household enrolled in a program (在保对象) by an approved application. One per application; the service keeps at
 * most one live enrolment per household and program. Status and amount follow what the lifecycle workflow records
 * (渐退, suspension, exit; increases and decreases), so lists and the 长期公示 register read them here.
 */
@Entity({ tableName: 'recipients' })
@Index({ properties: ['householdId', 'program', 'status'] })
@Index({ properties: ['regionPath', 'status'] })
/** The 汇总表's new enrolments of a month, grouped by region. */
@Index({ name: 'recipients_stats_start', properties: ['startMonth', 'regionPath'] })
export class Recipient {
  @PrimaryKey({ type: 'string', length: 36 })
  id: string;

  @Property({ type: 'string', length: 36 })
  householdId: string;

  @Property({ type: 'string', length: 36, unique: true })
  applicationId: string;

  @Property({ type: 'string', length: 16 })
  program: 'dibao';

  @Property({ type: 'string', length: 12 })
  regionCode: string;

  @Property({ type: 'string', length: 80 })
  regionPath: string;

  @Property({ type: 'string', length: 16 })
  status: RecipientStatus = 'active';

  /** Re-review category (分类管理), fixed at enrolment from the members' ages and disabilities. */
  @Property({ type: 'string', length: 16, defaultRaw: "'other'" })
  category: RecipientCategory = 'other';

  /** Monthly benefit in fen. */
  @Property({ type: 'integer' })
  monthlyBenefitFen: number;

  @Property({ type: 'string', length: 16 })
  basis: 'household' | 'single_person';

  @Property({ type: 'integer' })
  membersCounted: number;

  /** First month paid, YYYY-MM. */
  @Property({ type: 'string', length: 7 })
  startMonth: string;

  @Property({ type: 'string', length: 16 })
  policySnapshotId: string;

  @Property({ type: 'datetime' })
  createdAt: Date;

  /**
   * 城市 or 农村 低保 (the household's area at enrolment) and plain counts of the covered persons by category
   * (see person-counts.ts): the 汇总表 sums these columns and never decrypts members. Rows enrolled before the
   * columns existed were back-filled from the members' birth dates; their disabled count (encrypted) stays 0.
   */
  @Property({ type: 'string', length: 5, defaultRaw: "'rural'" })
  area: 'urban' | 'rural' = 'rural';

  @Property({ type: 'integer', defaultRaw: '0' })
  elderlyCount = 0;

  @Property({ type: 'integer', defaultRaw: '0' })
  minorCount = 0;

  @Property({ type: 'integer', defaultRaw: '0' })
  disabledCount = 0;

  constructor(init: Omit<Recipient, 'status' | 'category' | 'area' | 'elderlyCount' | 'minorCount' | 'disabledCount'> & Partial<Pick<Recipient, 'category' | 'area' | 'elderlyCount' | 'minorCount' | 'disabledCount'>>) {
    this.category = init.category ?? 'other';
    this.area = init.area ?? 'rural';
    this.elderlyCount = init.elderlyCount ?? 0;
    this.minorCount = init.minorCount ?? 0;
    this.disabledCount = init.disabledCount ?? 0;
    this.id = init.id;
    this.householdId = init.householdId;
    this.applicationId = init.applicationId;
    this.program = init.program;
    this.regionCode = init.regionCode;
    this.regionPath = init.regionPath;
    this.monthlyBenefitFen = init.monthlyBenefitFen;
    this.basis = init.basis;
    this.membersCounted = init.membersCounted;
    this.startMonth = init.startMonth;
    this.policySnapshotId = init.policySnapshotId;
    this.createdAt = init.createdAt;
  }
}
