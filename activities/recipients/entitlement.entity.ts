import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import type { Derivation } from '../../workflows/programs/dibao/lifecycle';
import type { TekunDerivation } from '../tekun/tekun-ledger';
import type { EntitlementKind } from './recipient.contract';

/**
 * One row of a recipient household's monthly entitlement ledger. The unique key (household, month, benefit type,
 * kind, reference) is what makes recording idempotent: one regular (or 渐退) row per month, and one arrears row per
 * month and standard change. `reference` is '' rather than NULL so the constraint holds on every database.
 */
@Entity({ tableName: 'entitlements' })
@Unique({ properties: ['householdId', 'month', 'benefitType', 'kind', 'reference'] })
@Index({ properties: ['month', 'benefitType'] })
/** Keyset pages of a month's ledger (payment preparation): each page starts where the last ended, no re-sort. */
@Index({ properties: ['month', 'id'] })
export class Entitlement {
  @PrimaryKey({ type: 'string', length: 36 })
  id: string;

  @Property({ type: 'string', length: 36 })
  householdId: string;

  /** YYYY-MM. */
  @Property({ type: 'string', length: 7 })
  month: string;

  /** 'dibao', or 'tekun' (特困供养: `reference` is the case, `kind` regular or institution — activities/tekun). */
  @Property({ type: 'string', length: 16 })
  benefitType: 'dibao' | 'tekun';

  @Property({ type: 'string', length: 16 })
  kind: EntitlementKind | 'institution';

  /** The standard change behind an arrears row; '' otherwise. */
  @Property({ type: 'string', length: 64 })
  reference: string;

  /** Integer fen. */
  @Property({ type: 'integer' })
  amountFen: number;

  @Property({ type: 'string', length: 16 })
  policySnapshotId: string;

  /** Standard, income, members and deductions that produced the amount. */
  @Property({ type: 'json' })
  derivation: Derivation | TekunDerivation;

  @Property({ type: 'datetime' })
  recordedAt: Date;

  constructor(init: Entitlement) {
    this.id = init.id;
    this.householdId = init.householdId;
    this.month = init.month;
    this.benefitType = init.benefitType;
    this.kind = init.kind;
    this.reference = init.reference;
    this.amountFen = init.amountFen;
    this.policySnapshotId = init.policySnapshotId;
    this.derivation = init.derivation;
    this.recordedAt = init.recordedAt;
  }
}
