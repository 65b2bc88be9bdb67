import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/**
 * One line of a 低收入 register entry's timeline (its re-checks): what happened, who (id and role), when. Codes,
 * figures and ids only. Append-only; unique per entry and key so a retried activity never writes it twice.
 */
@Entity({ tableName: 'low_income_events' })
@Unique({ properties: ['recordId', 'eventKey'] })
export class LowIncomeEvent {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  seq!: number;

  @Property({ type: 'string', length: 36 })
  recordId: string;

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

  @Property({ type: 'json', nullable: true })
  data: Record<string, unknown> | null;

  constructor(init: Omit<LowIncomeEvent, 'seq'>) {
    this.recordId = init.recordId;
    this.eventKey = init.eventKey;
    this.action = init.action;
    this.actorId = init.actorId;
    this.actorRole = init.actorRole;
    this.at = init.at;
    this.data = init.data;
  }
}
