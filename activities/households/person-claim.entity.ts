import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * One person, one open case (一人一案): the keyed digest of a member's ID number, claimed at intake in the same
 * transaction as the application. The primary key is the duplicate check — a second intake naming a person with a
 * live claim fails on the constraint, so two intakes at once can never both pass. The claim is released when the case
 * ends without enrolment (its decision) or when the enrolment ends (termination). Only the digest is kept here.
 */
@Entity({ tableName: 'person_claims' })
export class PersonClaim {
  @PrimaryKey({ type: 'string', length: 64 })
  idDigest: string;

  @Index()
  @Property({ type: 'string', length: 36 })
  householdId: string;

  @Index()
  @Property({ type: 'string', length: 36 })
  applicationId: string;

  @Property({ type: 'datetime' })
  claimedAt: Date;

  constructor(init: { idDigest: string; householdId: string; applicationId: string; claimedAt: Date }) {
    this.idDigest = init.idDigest;
    this.householdId = init.householdId;
    this.applicationId = init.applicationId;
    this.claimedAt = init.claimedAt;
  }
}
