import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/**
 * A versioned policy override of one region (or "national"). Versions are append-only; the active one is the newest
 * whose status is active and whose effective date has come.
 */
@Entity({ tableName: 'policy_versions' })
@Unique({ properties: ['scope', 'version'] })
export class PolicyVersion {
  @PrimaryKey({ type: 'string', length: 36 })
  id: string;

  /** "national" or a region code. */
  @Property({ type: 'string', length: 12 })
  scope: string;

  @Property({ type: 'integer' })
  version: number;

  @Property({ type: 'json' })
  override: Record<string, unknown>;

  /** Where it came from: "shipped" (config/ files) or "administrator". */
  @Property({ type: 'string', length: 20 })
  source: string;

  /** Content hash of the override, so loading the shipped files again adds no duplicate version. */
  @Property({ type: 'string', length: 64 })
  contentHash: string;

  @Property({ type: 'string', length: 20 })
  status: 'active' | 'proposed' | 'rejected' | 'superseded';

  @Property({ type: 'datetime' })
  effectiveFrom: Date;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  /** Four-eyes: who proposed it and why (null for shipped versions). */
  @Property({ type: 'string', length: 36, nullable: true })
  proposedById: string | null = null;

  @Property({ type: 'text', nullable: true })
  proposedReason: string | null = null;

  /** The second administrator who approved or rejected it, and why. */
  @Property({ type: 'string', length: 36, nullable: true })
  reviewedById: string | null = null;

  @Property({ type: 'text', nullable: true })
  reviewedReason: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  reviewedAt: Date | null = null;

  constructor(init: Pick<PolicyVersion, 'id' | 'scope' | 'version' | 'override' | 'source' | 'contentHash' | 'status' | 'effectiveFrom'>) {
    this.id = init.id;
    this.scope = init.scope;
    this.version = init.version;
    this.override = init.override;
    this.source = init.source;
    this.contentHash = init.contentHash;
    this.status = init.status;
    this.effectiveFrom = init.effectiveFrom;
  }
}
