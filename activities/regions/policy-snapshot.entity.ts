import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import type { RegionPolicy } from '../../config/policy/policy.schema';

/**
 * An effective policy document as a case received it, keyed by its content hash. Every application, task and
 * decision points at one, so "which rules decided this case" is always answerable. The document is the flat shape a
 * case records (config/policy/policy-shape.ts); read it by section with `readPolicySnapshot`.
 */
@Entity({ tableName: 'policy_snapshots' })
export class PolicySnapshot {
  @PrimaryKey({ type: 'string', length: 16 })
  id: string;

  /** The versions it was merged from, e.g. "220103 v1 · 220100 v1 · national v1". */
  @Property({ type: 'string', length: 255 })
  label: string;

  @Property({ type: 'json' })
  document: RegionPolicy;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  constructor(id: string, label: string, document: RegionPolicy) {
    this.id = id;
    this.label = label;
    this.document = document;
  }
}
