import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/**
 * One line of an emergency request's timeline: what happened, who (id and role), when, why (a reason code) and the
 * policy snapshot in force. Append-only; unique per request and key so a retried activity never writes it twice.
 */
@Entity({ tableName: 'emergency_events' })
@Unique({ properties: ['requestId', 'eventKey'] })
export class EmergencyEvent {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  seq!: number;

  @Property({ type: 'string', length: 36 })
  requestId: string;

  @Property({ type: 'string', length: 160 })
  eventKey: string;

  @Property({ type: 'string', length: 40 })
  action: string;

  @Property({ type: 'string', length: 36, nullable: true })
  actorId: string | null;

  @Property({ type: 'string', length: 32, nullable: true })
  actorRole: string | null;

  @Property({ type: 'datetime' })
  at: Date;

  @Property({ type: 'string', length: 40, nullable: true })
  reasonCode: string | null;

  @Property({ type: 'string', length: 16 })
  policySnapshotId: string;

  /** Codes, amounts and ids only. */
  @Property({ type: 'json', nullable: true })
  data: Record<string, unknown> | null;

  constructor(init: Omit<EmergencyEvent, 'seq'>) {
    this.requestId = init.requestId;
    this.eventKey = init.eventKey;
    this.action = init.action;
    this.actorId = init.actorId;
    this.actorRole = init.actorRole;
    this.at = init.at;
    this.reasonCode = init.reasonCode;
    this.policySnapshotId = init.policySnapshotId;
    this.data = init.data;
  }
}
