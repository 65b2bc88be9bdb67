import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * The signed 家庭经济状况核对授权书: the household's consent to the economic-status check, who signed it (members by
 * id), on which day, and which caseworker took it. No department is queried for a household without one.
 */
@Entity({ tableName: 'check_authorizations' })
@Index({ properties: ['householdId', 'signedOn'] })
export class CheckAuthorization {
  @PrimaryKey({ type: 'string', length: 36 })
  id: string;

  @Property({ type: 'string', length: 36 })
  householdId: string;

  /** The application it was taken with (null for one taken later, e.g. at a re-review). */
  @Index()
  @Property({ type: 'string', length: 36, nullable: true })
  applicationId: string | null;

  @Property({ type: 'json' })
  signerMemberIds: string[];

  /** The day it was signed, ISO (Asia/Shanghai). */
  @Property({ type: 'string', length: 10 })
  signedOn: string;

  @Property({ type: 'string', length: 36 })
  recordedById: string;

  @Property({ type: 'datetime' })
  recordedAt: Date;

  constructor(init: CheckAuthorization) {
    this.id = init.id;
    this.householdId = init.householdId;
    this.applicationId = init.applicationId;
    this.signerMemberIds = init.signerMemberIds;
    this.signedOn = init.signedOn;
    this.recordedById = init.recordedById;
    this.recordedAt = init.recordedAt;
  }
}

/** Thrown (and retried) when a check would run for a household that has signed no authorisation. */
export class AuthorizationMissingError extends Error {
  constructor(householdId: string) {
    super(`household ${householdId} has no signed 家庭经济状况核对授权书 on record: no department is queried`);
    this.name = 'AuthorizationMissingError';
  }
}
