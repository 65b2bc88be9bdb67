import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { EncryptedStringType } from '../security/encrypted-string.type';

/**
 * An objection (异议) lodged during publicity. The objector and the text stay here, never in the workflow, and are
 * stored encrypted: an objection is about named neighbours and often names its author.
 */
@Entity({ tableName: 'objections' })
export class Objection {
  @PrimaryKey({ type: 'string', length: 36 })
  id: string;

  @Index()
  @Property({ type: 'string', length: 36 })
  applicationId: string;

  @Property({ type: EncryptedStringType, columnType: 'text' })
  content: string;

  /** Optional: objections may be anonymous. */
  @Property({ type: EncryptedStringType, columnType: 'text', nullable: true })
  objectorName: string | null;

  @Property({ type: 'string', length: 36 })
  recordedById: string;

  @Property({ type: 'datetime' })
  recordedAt: Date = new Date();

  /** pending until the workflow takes it; then reinvestigate or noted; refused outside publicity. */
  @Property({ type: 'string', length: 16 })
  status: 'pending' | 'reinvestigate' | 'noted' | 'refused' = 'pending';

  constructor(init: Pick<Objection, 'id' | 'applicationId' | 'content' | 'objectorName' | 'recordedById'>) {
    this.id = init.id;
    this.applicationId = init.applicationId;
    this.content = init.content;
    this.objectorName = init.objectorName;
    this.recordedById = init.recordedById;
  }
}
