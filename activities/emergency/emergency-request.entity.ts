import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import type { EmergencyRaiser, EmergencyStatus } from '../../workflows/emergency/definitions';
import { EncryptedStringType } from '../security/encrypted-string.type';

import type { AssistanceKind } from '../../workflows/programs/emergency/emergency-rules';

/** Kinds of event a 救急难 request answers (codes: the free-text account is in `eventDescription`). */
export const EMERGENCY_EVENT_TYPES = ['fire', 'flood', 'accident', 'illness', 'death', 'natural_disaster', 'other'] as const;
export type EmergencyEventType = (typeof EMERGENCY_EVENT_TYPES)[number];

/**
 * A 救急难 request: who raised it, for which household, where, what was asked. Its workflow carries the id, codes
 * and fen only; the account of the event and the need are free text that may name people, so they stay here,
 * encrypted. `status` mirrors the workflow at its resting points so region lists need no query per case.
 */
@Entity({ tableName: 'emergency_requests' })
@Index({ properties: ['householdRegionPath', 'status'] })
/** Statistics: a month's 救急难 requests. */
@Index({ name: 'emergency_requests_stats', properties: ['createdAt'] })
export class EmergencyRequest {
  @PrimaryKey({ type: 'string', length: 36 })
  id: string;

  /** Human case number, e.g. JJ-320723-20261123-7KQ2M. */
  @Property({ type: 'string', length: 40, unique: true })
  caseNo: string;

  @Index()
  @Property({ type: 'string', length: 36 })
  householdId: string;

  @Property({ type: 'string', length: 12 })
  townshipCode: string;

  @Property({ type: 'string', length: 12 })
  countyCode: string;

  /** The township's materialized path (its tasks' scope). */
  @Property({ type: 'string', length: 80 })
  regionPath: string;

  /** The household's village path: the request is visible in this subtree (its village, township and above). */
  @Property({ type: 'string', length: 80 })
  householdRegionPath: string;

  @Property({ type: 'string', length: 36 })
  raisedById: string;

  @Property({ type: 'string', length: 32 })
  raisedByRole: EmergencyRaiser;

  @Property({ type: 'string', length: 20 })
  status: EmergencyStatus = 'awaiting_decision';

  @Property({ type: 'string', length: 24 })
  eventType: EmergencyEventType;

  /** 急难型 (a sudden event) or 支出型 (rigid expenses beyond the household's means); sets the amount tier's cause. */
  @Property({ type: 'string', length: 12, defaultRaw: "'urgent'" })
  kind: AssistanceKind = 'urgent';

  @Property({ type: 'integer' })
  peopleAffected: number;

  @Property({ type: 'bigint', runtimeType: 'number' })
  amountAskedFen: number;

  @Property({ type: 'bigint', runtimeType: 'number', nullable: true })
  approvedFen: number | null = null;

  @Property({ type: 'bigint', runtimeType: 'number', nullable: true })
  paidFen: number | null = null;

  @Property({ type: EncryptedStringType, columnType: 'text' })
  eventDescription: string;

  @Property({ type: EncryptedStringType, columnType: 'text' })
  need: string;

  @Property({ type: 'string', length: 16 })
  policySnapshotId: string;

  /** The 低保 application a referral started (转介), if any. */
  @Property({ type: 'string', length: 36, nullable: true })
  linkedApplicationId: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  workflowStartedAt: Date | null = null;

  @Property({ type: 'datetime' })
  createdAt: Date;

  constructor(init: Pick<EmergencyRequest, 'id' | 'caseNo' | 'householdId' | 'townshipCode' | 'countyCode' | 'regionPath' | 'householdRegionPath' | 'raisedById' | 'raisedByRole' | 'eventType' | 'peopleAffected' | 'amountAskedFen' | 'eventDescription' | 'need' | 'policySnapshotId' | 'createdAt'>) {
    this.id = init.id;
    this.caseNo = init.caseNo;
    this.householdId = init.householdId;
    this.townshipCode = init.townshipCode;
    this.countyCode = init.countyCode;
    this.regionPath = init.regionPath;
    this.householdRegionPath = init.householdRegionPath;
    this.raisedById = init.raisedById;
    this.raisedByRole = init.raisedByRole;
    this.eventType = init.eventType;
    this.peopleAffected = init.peopleAffected;
    this.amountAskedFen = init.amountAskedFen;
    this.eventDescription = init.eventDescription;
    this.need = init.need;
    this.policySnapshotId = init.policySnapshotId;
    this.createdAt = init.createdAt;
  }
}
