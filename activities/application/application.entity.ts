import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import type { CaseStatus } from '../../workflows/application/definitions';
import type { DeclaredAssets } from '../departments/check-report';

/**
 * A 低保 application (the case). Written by the API in the same transaction as its household; `workflowStartedAt`
 * stays null until its workflow is confirmed started, so a relay can start any case the API could not.
 */
@Entity({ tableName: 'applications' })
@Index({ properties: ['regionPath', 'status'] })
/** The case list's order (newest first): an export walks it in keyset pages instead of sorting the region's cases. */
@Index({ name: 'applications_submitted', properties: ['submittedAt', 'id'] })
/** Dashboards: decision times of a subtree, read from the index alone. */
@Index({ name: 'applications_stats', properties: ['regionPath', 'decidedAt', 'submittedAt', 'overallDueAt'] })
export class Application {
  @PrimaryKey({ type: 'string', length: 36 })
  id: string;

  /** Human case number, e.g. DB-220103-20261123-0007. */
  @Property({ type: 'string', length: 40, unique: true })
  caseNo: string;

  @Index()
  @Property({ type: 'string', length: 36 })
  householdId: string;

  @Property({ type: 'string', length: 16 })
  program: 'dibao' = 'dibao';

  @Property({ type: 'string', length: 12 })
  regionCode: string;

  @Property({ type: 'string', length: 80 })
  regionPath: string;

  @Property({ type: 'string', length: 16 })
  status: CaseStatus = 'in_progress';

  @Property({ type: 'string', length: 32 })
  stage = 'submitted';

  @Property({ type: 'string', length: 16 })
  policySnapshotId: string;

  @Property({ type: 'json' })
  missingDocuments: string[];

  /** 申报财产 as the application declared them (null for applications filed before assets were declared). */
  @Property({ type: 'json', nullable: true })
  declaredAssets: DeclaredAssets | null = null;

  @Property({ type: 'boolean' })
  relativeOfStaff: boolean;

  /** Staff registered as close relatives of a member (近亲属备案): they may not act on any task of this case. */
  @Property({ type: 'json', defaultRaw: `'[]'` })
  excludedUserIds: string[] = [];

  @Property({ type: 'string', length: 36 })
  submittedById: string;

  @Property({ type: 'datetime' })
  submittedAt: Date;

  @Index()
  @Property({ type: 'datetime', nullable: true })
  workflowStartedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  overallDueAt: Date | null = null;

  @Property({ type: 'boolean' })
  overdue = false;

  @Property({ type: 'datetime', nullable: true })
  decidedAt: Date | null = null;

  /**
   * statusLookupDigest(caseNo, last six of the applicant's ID number): what the public case-status lookup compares
   * against. Null only on rows older than the column until setup back-fills them.
   */
  @Property({ type: 'string', length: 64, nullable: true })
  statusLookupDigest: string | null = null;

  constructor(init: {
    id: string;
    caseNo: string;
    householdId: string;
    regionCode: string;
    regionPath: string;
    policySnapshotId: string;
    missingDocuments: string[];
    relativeOfStaff: boolean;
    submittedById: string;
    submittedAt: Date;
  }) {
    this.id = init.id;
    this.caseNo = init.caseNo;
    this.householdId = init.householdId;
    this.regionCode = init.regionCode;
    this.regionPath = init.regionPath;
    this.policySnapshotId = init.policySnapshotId;
    this.missingDocuments = init.missingDocuments;
    this.relativeOfStaff = init.relativeOfStaff;
    this.submittedById = init.submittedById;
    this.submittedAt = init.submittedAt;
  }
}
