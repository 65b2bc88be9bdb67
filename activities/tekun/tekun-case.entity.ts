import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { EncryptedJsonType } from '../security/encrypted-json.type';
import type { TekunEndReason, TekunStep } from '../../workflows/tekun/definitions';
import type { SelfCareLevel, SupportMode } from '../../workflows/programs/tekun/tekun-codes';
import type { TekunAssessmentRecord } from './tekun-assessment-record';

/** assessing → confirming → filing → supported → ended; or rejected at 审核确认. Stored: never rename. */
export const TEKUN_CASE_STATUSES = ['assessing', 'confirming', 'filing', 'supported', 'rejected', 'ended'] as const;
export type TekunCaseStatus = (typeof TEKUN_CASE_STATUSES)[number];

/**
 * A person's 特困供养 case: the application and, once confirmed, the support it pays (one case, one person). The
 * person is a member of a registered household (names and ID numbers stay encrypted on the member); this row holds
 * codes, figures and the assessment's findings. `supportStartedAt` marks the support workflow started (the relay
 * starts those not yet marked), as `workflowStartedAt` does the application's.
 */
@Entity({ tableName: 'tekun_cases' })
@Index({ properties: ['regionPath', 'status'] })
@Index({ properties: ['workflowStartedAt', 'submittedAt'] })
@Index({ properties: ['status', 'supportStartedAt'] })
export class TekunCase {
  @PrimaryKey({ type: 'string', length: 36 })
  id: string;

  @Property({ type: 'string', length: 40, unique: true })
  caseNo: string;

  @Property({ type: 'string', length: 36 })
  householdId: string;

  @Property({ type: 'string', length: 36, index: true })
  memberId: string;

  @Property({ type: 'string', length: 12 })
  regionCode: string;

  @Property({ type: 'string', length: 80 })
  regionPath: string;

  @Property({ type: 'string', length: 8 })
  area: 'urban' | 'rural';

  @Property({ type: 'string', length: 12 })
  status: TekunCaseStatus = 'assessing';

  /** The step whose task is open, null between steps and after the application. */
  @Property({ type: 'string', length: 32, nullable: true })
  stage: TekunStep | null = 'tekun_assessment';

  @Property({ type: 'string', length: 36 })
  submittedById: string;

  @Property({ type: 'datetime' })
  submittedAt: Date;

  @Property({ type: 'datetime', nullable: true })
  workflowStartedAt: Date | null = null;

  /** The latest assessment (the application's, then each review's): health and income findings, stored encrypted. */
  @Property({ type: EncryptedJsonType, columnType: 'text', nullable: true })
  assessment: TekunAssessmentRecord | null = null;

  @Property({ type: 'string', length: 12, nullable: true })
  decision: 'approved' | 'rejected' | null = null;

  @Property({ type: 'datetime', nullable: true })
  decidedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  filedAt: Date | null = null;

  // The support, once confirmed.

  @Property({ type: 'string', length: 8, nullable: true })
  selfCareLevel: SelfCareLevel | null = null;

  @Property({ type: 'string', length: 12, nullable: true })
  mode: SupportMode | null = null;

  @Property({ type: 'string', length: 64, nullable: true })
  institutionId: string | null = null;

  /** Basic living + care, fen a month, as last assessed (each month's entitlement follows the policy in force). */
  @Property({ type: 'integer', nullable: true })
  monthlySupportFen: number | null = null;

  /** YYYY-MM: the first month of support. */
  @Property({ type: 'string', length: 7, nullable: true })
  startMonth: string | null = null;

  /** YYYY-MM: the month the next annual review opens. */
  @Property({ type: 'string', length: 7, nullable: true })
  reviewDueMonth: string | null = null;

  @Property({ type: 'integer', default: 0 })
  reviews = 0;

  @Property({ type: 'datetime', nullable: true })
  supportStartedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  endedAt: Date | null = null;

  @Property({ type: 'string', length: 16, nullable: true })
  endReason: TekunEndReason | 'review' | null = null;

  /** YYYY-MM: the first month not paid. */
  @Property({ type: 'string', length: 7, nullable: true })
  endMonth: string | null = null;

  constructor(init: Pick<TekunCase, 'id' | 'caseNo' | 'householdId' | 'memberId' | 'regionCode' | 'regionPath' | 'area' | 'submittedById' | 'submittedAt'>) {
    this.id = init.id;
    this.caseNo = init.caseNo;
    this.householdId = init.householdId;
    this.memberId = init.memberId;
    this.regionCode = init.regionCode;
    this.regionPath = init.regionPath;
    this.area = init.area;
    this.submittedById = init.submittedById;
    this.submittedAt = init.submittedAt;
  }
}
