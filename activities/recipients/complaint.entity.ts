import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { EncryptedStringType } from '../security/encrypted-string.type';

/**
 * A complaint or report (举报) about a recipient household. It opens an immediate re-review; auditors list every
 * complaint of their subtree. The text stays in the database, never in Temporal.
 */
@Entity({ tableName: 'recipient_complaints' })
@Index({ properties: ['regionPath', 'createdAt'] })
@Index({ properties: ['householdId', 'createdAt'] })
export class Complaint {
  @PrimaryKey({ type: 'string', length: 36 })
  id: string;

  @Property({ type: 'string', length: 36 })
  householdId: string;

  @Property({ type: 'string', length: 36 })
  recipientId: string;

  @Property({ type: 'string', length: 12 })
  regionCode: string;

  @Property({ type: 'string', length: 80 })
  regionPath: string;

  /** How it arrived: 来信, 来电, 来访, online, or raised by staff. */
  @Property({ type: 'string', length: 16 })
  channel: 'letter' | 'phone' | 'visit' | 'online' | 'staff';

  /** Encrypted at rest: a report names people and circumstances. */
  @Property({ type: EncryptedStringType, columnType: 'text' })
  content: string;

  @Property({ type: 'string', length: 36 })
  recordedById: string;

  /** The re-review task the complaint opened. */
  @Property({ type: 'string', length: 120 })
  taskId: string;

  @Property({ type: 'datetime' })
  createdAt: Date;

  constructor(init: Complaint) {
    this.id = init.id;
    this.householdId = init.householdId;
    this.recipientId = init.recipientId;
    this.regionCode = init.regionCode;
    this.regionPath = init.regionPath;
    this.channel = init.channel;
    this.content = init.content;
    this.recordedById = init.recordedById;
    this.taskId = init.taskId;
    this.createdAt = init.createdAt;
  }
}
