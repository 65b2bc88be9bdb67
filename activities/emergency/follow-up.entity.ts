import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import type { ReferralKind } from '../../workflows/emergency/definitions';

/** An improper emergency payment to be recovered (追回), found by the follow-up; once per recovery key. */
@Entity({ tableName: 'emergency_recoveries' })
export class EmergencyRecovery {
  @PrimaryKey({ type: 'string', length: 36 })
  id: string;

  @Property({ type: 'string', length: 120, unique: true })
  recoveryKey: string;

  @Index()
  @Property({ type: 'string', length: 36 })
  requestId: string;

  @Property({ type: 'string', length: 36 })
  paymentId: string;

  @Property({ type: 'bigint', runtimeType: 'number' })
  amountFen: number;

  /** 'open' until the money is back; recovering is a finance matter outside the workflow. */
  @Property({ type: 'string', length: 16 })
  status: 'open' | 'recovered' = 'open';

  @Property({ type: 'string', length: 36 })
  recordedById: string;

  @Property({ type: 'datetime' })
  at: Date;

  constructor(init: Pick<EmergencyRecovery, 'id' | 'recoveryKey' | 'requestId' | 'paymentId' | 'amountFen' | 'recordedById' | 'at'>) {
    this.id = init.id;
    this.recoveryKey = init.recoveryKey;
    this.requestId = init.requestId;
    this.paymentId = init.paymentId;
    this.amountFen = init.amountFen;
    this.recordedById = init.recordedById;
    this.at = init.at;
  }
}

/** A referral (转介) of an emergency household to a receiving department; once per request and kind. */
@Entity({ tableName: 'emergency_referrals' })
export class EmergencyReferral {
  @PrimaryKey({ type: 'string', length: 36 })
  id: string;

  @Property({ type: 'string', length: 120, unique: true })
  referralKey: string;

  @Index()
  @Property({ type: 'string', length: 36 })
  requestId: string;

  @Property({ type: 'string', length: 16 })
  kind: ReferralKind;

  /** Code of the receiving department. */
  @Property({ type: 'string', length: 40 })
  department: string;

  @Property({ type: 'string', length: 16 })
  status: 'referred' | 'accepted' | 'closed' = 'referred';

  /** Who at the receiving department accepted or closed it, and when (null until then). */
  @Property({ type: 'string', length: 36, nullable: true })
  handledById: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  acceptedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  closedAt: Date | null = null;

  /** The linked 低保 application of a 'dibao' referral. */
  @Property({ type: 'string', length: 36, nullable: true })
  applicationId: string | null;

  @Property({ type: 'string', length: 36 })
  referredById: string;

  @Property({ type: 'datetime' })
  at: Date;

  constructor(init: Pick<EmergencyReferral, 'id' | 'referralKey' | 'requestId' | 'kind' | 'department' | 'applicationId' | 'referredById' | 'at'>) {
    this.id = init.id;
    this.referralKey = init.referralKey;
    this.requestId = init.requestId;
    this.kind = init.kind;
    this.department = init.department;
    this.applicationId = init.applicationId;
    this.referredById = init.referredById;
    this.at = init.at;
  }
}
