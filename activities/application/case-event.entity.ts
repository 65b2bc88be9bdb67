import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/**
 * One line of a case's timeline: step, action, who (id and role), when, deadline and the policy snapshot that
 * governed it. Append-only; unique per case and key so a retried activity never writes a line twice.
 */
@Entity({ tableName: 'case_events' })
@Unique({ properties: ['applicationId', 'eventKey'] })
export class CaseEvent {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  seq!: number;

  @Property({ type: 'string', length: 36 })
  applicationId: string;

  @Property({ type: 'string', length: 160 })
  eventKey: string;

  @Property({ type: 'string', length: 32 })
  step: string;

  @Property({ type: 'string', length: 40 })
  action: string;

  @Property({ type: 'string', length: 36, nullable: true })
  actorId: string | null;

  @Property({ type: 'string', length: 32, nullable: true })
  actorRole: string | null;

  @Property({ type: 'datetime' })
  at: Date;

  @Property({ type: 'datetime', nullable: true })
  dueAt: Date | null;

  @Property({ type: 'string', length: 16 })
  policySnapshotId: string;

  /** Codes, amounts and ids only; free text lives in the linked submission. */
  @Property({ type: 'json', nullable: true })
  data: Record<string, unknown> | null;

  @Property({ type: 'string', length: 36, nullable: true })
  submissionId: string | null;

  constructor(init: Omit<CaseEvent, 'seq'>) {
    this.applicationId = init.applicationId;
    this.eventKey = init.eventKey;
    this.step = init.step;
    this.action = init.action;
    this.actorId = init.actorId;
    this.actorRole = init.actorRole;
    this.at = init.at;
    this.dueAt = init.dueAt;
    this.policySnapshotId = init.policySnapshotId;
    this.data = init.data;
    this.submissionId = init.submissionId;
  }
}
