import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import type { CaseType } from '../../workflows/domain/cases';

/**
 * One line of a case's timeline, for case types that keep their history in the shared table (the released case types
 * keep their own tables: case_events, emergency_events, recipient lifecycle events). What happened, who (id and
 * role), when, why (a code), the rules in force; codes, figures and ids only. Append-only; unique per case and key so
 * a retried activity never writes it twice.
 */
@Entity({ tableName: 'casework_events' })
@Unique({ properties: ['caseType', 'caseId', 'eventKey'] })
export class CaseworkEvent {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  seq!: number;

  @Property({ type: 'string', length: 16 })
  caseType: CaseType;

  @Property({ type: 'string', length: 36 })
  caseId: string;

  @Property({ type: 'string', length: 160 })
  eventKey: string;

  @Property({ type: 'string', length: 40 })
  action: string;

  @Property({ type: 'string', length: 40, nullable: true })
  step: string | null;

  @Property({ type: 'string', length: 36, nullable: true })
  actorId: string | null;

  @Property({ type: 'string', length: 32, nullable: true })
  actorRole: string | null;

  @Property({ type: 'datetime' })
  at: Date;

  @Property({ type: 'string', length: 40, nullable: true })
  reasonCode: string | null;

  @Property({ type: 'string', length: 16, nullable: true })
  policySnapshotId: string | null;

  @Property({ type: 'json', nullable: true })
  data: Record<string, unknown> | null;

  constructor(init: Omit<CaseworkEvent, 'seq'>) {
    this.caseType = init.caseType;
    this.caseId = init.caseId;
    this.eventKey = init.eventKey;
    this.action = init.action;
    this.step = init.step;
    this.actorId = init.actorId;
    this.actorRole = init.actorRole;
    this.at = init.at;
    this.reasonCode = init.reasonCode;
    this.policySnapshotId = init.policySnapshotId;
    this.data = init.data;
  }
}
