import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** An objection (异议) lodged during publicity. The objector and the text stay here, never in the workflow. */
@Entity({ tableName: 'objections' })
export class Objection {
  @PrimaryKey({ type: 'string', length: 36 })
  id: string;

  @Index()
  @Property({ type: 'string', length: 36 })
  applicationId: string;

  @Property({ type: 'text' })
  content: string;

  /** Optional: objections may be anonymous. */
  @Property({ type: 'string', length: 50, nullable: true })
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
