import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** notice, status change, re-review opened / closed, economic re-check, change reported, complaint raised, job reached the household. */
export type LifecycleEventType = 'notice' | 'status' | 're_review' | 're_review_closed' | 'check' | 'change_report' | 'complaint';

/**
 * A lifecycle event of a recipient household (notice, status change, re-review opened), keyed by the id the workflow
 * fixed before scheduling the activity, so a retried write is a no-op. Codes, months and fen only; the notice text
 * is rendered from these by the API.
 */
@Entity({ tableName: 'recipient_events' })
@Index({ properties: ['householdId', 'at'] })
/** The 汇总表's increases, decreases, 渐退 and exits of a month. */
@Index({ name: 'recipient_events_stats', properties: ['effectiveMonth', 'type', 'code'] })
export class LifecycleEvent {
  /** Notice id, status key or task id from the workflow. */
  @PrimaryKey({ type: 'string', length: 120 })
  key: string;

  @Property({ type: 'string', length: 36 })
  householdId: string;

  @Property({ type: 'string', length: 16 })
  type: LifecycleEventType;

  /** Notice kind, new status, re-review reason or outcome, change kind, complaint channel. */
  @Property({ type: 'string', length: 32 })
  code: string;

  @Property({ type: 'string', length: 7, nullable: true })
  effectiveMonth: string | null;

  @Property({ type: 'json' })
  data: Record<string, unknown>;

  @Property({ type: 'datetime' })
  at: Date;

  constructor(init: LifecycleEvent) {
    this.key = init.key;
    this.householdId = init.householdId;
    this.type = init.type;
    this.code = init.code;
    this.effectiveMonth = init.effectiveMonth;
    this.data = init.data;
    this.at = init.at;
  }
}
