import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { EncryptedStringType } from '../security/encrypted-string.type';

/** A written notice (书面告知) to the applicant with the reason, for every return, rejection or closure. */
@Entity({ tableName: 'notices' })
@Unique({ properties: ['applicationId', 'kind'] })
export class Notice {
  @PrimaryKey({ type: 'string', length: 36 })
  id: string;

  @Property({ type: 'string', length: 36 })
  applicationId: string;

  @Property({ type: 'string', length: 16 })
  /**
   * `low_income`: the 低收入 recognition that may accompany a rejection for income (a second notice);
   * `low_income_end`: the re-check that later ended that recognition.
   */
  kind: 'approval' | 'return' | 'rejection' | 'closure' | 'low_income' | 'low_income_end' | 'tekun_approval' | 'tekun_rejection' | 'tekun_end';

  @Property({ type: 'string', length: 32, nullable: true })
  reasonCode: string | null;

  /** Quotes the decider's written reason, so it is stored encrypted like the submission it comes from. */
  @Property({ type: EncryptedStringType, columnType: 'text' })
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
