import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import type { RegionPolicy } from '../../config/policy/policy.schema';

export type LifecycleJobKind = 'standard_change' | 'campaign';

/** What a job sends: a new standard from a month, or a re-review campaign with its window. */
export type LifecycleJobParams =
  | { kind: 'standard_change'; effectiveMonth: string; standards: RegionPolicy['standards']; policyVersionId?: string }
  | { kind: 'campaign'; from: string; to: string; dueAt: number };

/**
 * A command fanned out to every live recipient household of a region subtree (a standard change, a 专项治理
 * campaign), with its progress. `cursor` is the last recipient id handled: a page is counted only if the cursor has
 * not moved since it was read, so a repeated page never counts twice. The reason text stays here, out of Temporal.
 */
@Entity({ tableName: 'recipient_jobs' })
@Index({ properties: ['regionPath', 'createdAt'] })
export class LifecycleJob {
  @PrimaryKey({ type: 'string', length: 36 })
  id: string;

  @Property({ type: 'string', length: 16 })
  kind: LifecycleJobKind;

  /** The same campaign (region + window) or standard change (region + month + amounts) started twice is one job. */
  @Property({ type: 'string', length: 120, unique: true })
  dedupeKey: string;

  @Property({ type: 'string', length: 12 })
  regionCode: string;

  @Property({ type: 'string', length: 80 })
  regionPath: string;

  @Property({ type: 'json' })
  params: LifecycleJobParams;

  @Property({ type: 'string', length: 2000 })
  reason: string;

  @Property({ type: 'string', length: 12 })
  /** A standard change is `proposed` until a second administrator approves its policy version (or `rejected`). */
  status: 'proposed' | 'rejected' | 'running' | 'finished' = 'running';

  /** Live recipients in the subtree when the job started. */
  @Property({ type: 'integer' })
  total: number;

  /** Households whose workflow accepted the command. */
  @Property({ type: 'integer' })
  sent = 0;

  /** Households that refused it (exited meanwhile, or had it already) or had no running workflow. */
  @Property({ type: 'integer' })
  skipped = 0;

  @Property({ type: 'string', length: 36, nullable: true })
  cursor: string | null = null;

  @Property({ type: 'string', length: 36 })
  createdById: string;

  @Property({ type: 'datetime' })
  createdAt: Date;

  @Property({ type: 'datetime', nullable: true })
  finishedAt: Date | null = null;

  constructor(init: Pick<LifecycleJob, 'id' | 'kind' | 'dedupeKey' | 'regionCode' | 'regionPath' | 'params' | 'reason' | 'total' | 'createdById' | 'createdAt'>) {
    this.id = init.id;
    this.kind = init.kind;
    this.dedupeKey = init.dedupeKey;
    this.regionCode = init.regionCode;
    this.regionPath = init.regionPath;
    this.params = init.params;
    this.reason = init.reason;
    this.total = init.total;
    this.createdById = init.createdById;
    this.createdAt = init.createdAt;
  }
}
