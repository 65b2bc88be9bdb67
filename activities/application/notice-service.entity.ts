import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { EncryptedStringType } from '../security/encrypted-string.type';

/** How a written notice reached the household (送达方式). */
export const SERVICE_METHODS = ['in_person', 'post', 'sms', 'electronic', 'publication'] as const;
export type ServiceMethod = (typeof SERVICE_METHODS)[number];

/** Who took it: the applicant, a family member, an agent, or nobody (refused, so served by leaving it / 留置送达). */
export const RECEIVERS = ['applicant', 'family_member', 'agent', 'refused'] as const;
export type Receiver = (typeof RECEIVERS)[number];

/**
 * One service of a written notice (书面告知送达): how, when, to whom and by which caseworker. A notice may be served
 * more than once (a letter returned, then delivered in person); every attempt is kept, in the order made.
 */
@Entity({ tableName: 'notice_services' })
@Index({ properties: ['noticeId', 'servedAt'] })
export class NoticeService {
  @PrimaryKey({ type: 'string', length: 36 })
  id: string;

  @Property({ type: 'string', length: 36 })
  noticeId: string;

  @Property({ type: 'string', length: 36 })
  applicationId: string;

  @Property({ type: 'string', length: 16 })
  method: ServiceMethod;

  @Property({ type: 'string', length: 16 })
  receivedBy: Receiver;

  @Property({ type: 'datetime' })
  servedAt: Date;

  /** Free text (a tracking number, who signed): encrypted like every note. */
  @Property({ type: EncryptedStringType, columnType: 'text', nullable: true })
  note: string | null;

  @Property({ type: 'string', length: 36 })
  recordedById: string;

  @Property({ type: 'datetime' })
  recordedAt: Date;

  constructor(init: NoticeService) {
    this.id = init.id;
    this.noticeId = init.noticeId;
    this.applicationId = init.applicationId;
    this.method = init.method;
    this.receivedBy = init.receivedBy;
    this.servedAt = init.servedAt;
    this.note = init.note;
    this.recordedById = init.recordedById;
    this.recordedAt = init.recordedAt;
  }
}
