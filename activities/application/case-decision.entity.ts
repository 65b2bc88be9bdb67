import { Entity, PrimaryKeyProp, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * The final decision on a case, at most one (the primary key is the application id): who decided, when, why, the
 * benefit with its derivation, and the policy snapshot that governed it.
 */
@Entity({ tableName: 'case_decisions' })
export class CaseDecision {
  [PrimaryKeyProp]?: 'applicationId';

  @PrimaryKey({ type: 'string', length: 36 })
  applicationId: string;

  @Property({ type: 'string', length: 16 })
  status: 'approved' | 'rejected' | 'returned' | 'closed';

  @Property({ type: 'string', length: 32, nullable: true })
  reasonCode: string | null;

  @Property({ type: 'integer', nullable: true })
  amountFen: number | null;

  /** standard, incomes, members counted, basis: everything needed to recompute the amount. */
  @Property({ type: 'json', nullable: true })
  derivation: Record<string, unknown> | null;

  @Property({ type: 'string', length: 36, nullable: true })
  actorId: string | null;

  @Property({ type: 'string', length: 32, nullable: true })
  actorRole: string | null;

  @Property({ type: 'datetime' })
  decidedAt: Date;

  @Property({ type: 'string', length: 16 })
  policySnapshotId: string;

  constructor(init: CaseDecision) {
    this.applicationId = init.applicationId;
    this.status = init.status;
    this.reasonCode = init.reasonCode;
    this.amountFen = init.amountFen;
    this.derivation = init.derivation;
    this.actorId = init.actorId;
    this.actorRole = init.actorRole;
    this.decidedAt = init.decidedAt;
    this.policySnapshotId = init.policySnapshotId;
  }
}
