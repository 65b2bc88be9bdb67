import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/**
 * One household reached by a re-review campaign. The unique (job, household) key and the task id derived from both
 * make "exactly one task per household" hold however often the campaign is sent; progress joins these to tasks.
 */
@Entity({ tableName: 'recipient_campaign_items' })
@Unique({ properties: ['jobId', 'householdId'] })
export class CampaignItem {
  @PrimaryKey({ type: 'string', length: 120 })
  taskId: string;

  @Property({ type: 'string', length: 36 })
  jobId: string;

  @Property({ type: 'string', length: 36 })
  householdId: string;

  constructor(init: CampaignItem) {
    this.taskId = init.taskId;
    this.jobId = init.jobId;
    this.householdId = init.householdId;
  }
}

/** The re-review task id of a household in a campaign; the recipient workflow derives the same id. */
export function campaignTaskId(householdId: string, jobId: string): string {
  return `${householdId}:campaign:${jobId}`;
}
