import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/** A written notice (书面告知) to the applicant with the reason, for every return, rejection or closure. */
@Entity({ tableName: 'notices' })
@Unique({ properties: ['applicationId', 'kind'] })
export class Notice {
  @PrimaryKey({ type: 'string', length: 36 })
  id: string;

  @Property({ type: 'string', length: 36 })
  applicationId: string;

  @Property({ type: 'string', length: 16 })
  kind: 'approval' | 'return' | 'rejection' | 'closure';

  @Property({ type: 'string', length: 32, nullable: true })
  reasonCode: string | null;

  @Property({ type: 'text' })
  text: string;

  @Property({ type: 'datetime' })
  issuedAt: Date;

  constructor(init: Notice) {
    this.id = init.id;
    this.applicationId = init.applicationId;
    this.kind = init.kind;
    this.reasonCode = init.reasonCode;
    this.text = init.text;
    this.issuedAt = init.issuedAt;
  }
}
