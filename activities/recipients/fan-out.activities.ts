import { PolicyService } from '../regions/policy.service';
import { Context } from '@temporalio/activity';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { FilterQuery, MikroORM } from '@mikro-orm/core';
import { insertOnce } from '../db/idempotent';
import {
  RECIPIENT_REJECTIONS,
  campaignUpdate,
  recipientWorkflowId,
  standardChangedUpdate,
} from '../../workflows/recipient/definitions';
import { CampaignItem, campaignTaskId } from './campaign-item.entity';
import type { FanOutActivities } from './fan-out.contract';
import { LifecycleJob } from './lifecycle-job.entity';
import { LIVE_RECIPIENT_STATUSES, Recipient } from './recipient.entity';

/** Recipients handled per page (one activity call). */
export const FAN_OUT_PAGE_SIZE = 50;

/** The live recipients of a region subtree: the ones a standard change or a campaign reaches. */
export function liveRecipientsIn(regionPath: string): FilterQuery<Recipient> {
  return { regionPath: { $like: `${regionPath}%` }, status: { $in: [...LIVE_RECIPIENT_STATUSES] }, program: 'dibao' };
}

/**
 * The pages of a fan-out job. Each sends one command per household and waits only until the household's workflow
 * has accepted it (the workflow applies it in its own time). A household that has left, or has the command already,
 * refuses it: counted as skipped, or as sent when it was a duplicate of our own earlier attempt. Campaign items are
 * written before the command, so progress can join them to the tasks they open.
 */
export function fanOutActivities(orm: MikroORM, temporal: Client, pageSize = FAN_OUT_PAGE_SIZE): FanOutActivities {
  const policies = new PolicyService(orm);
  /** The approved version's snapshot for each region of a page (a township may override its county). */
  async function policyOf(regionCode: string, cache: Map<string, { snapshotId: string; label: string }>) {
    if (!cache.has(regionCode)) {
      const resolved = await policies.resolveFor(orm.em.fork(), regionCode);
      cache.set(regionCode, { snapshotId: resolved.snapshotId, label: resolved.label });
    }
    return cache.get(regionCode)!;
  }

  async function send(job: LifecycleJob, recipient: Recipient, cache: Map<string, { snapshotId: string; label: string }>): Promise<'sent' | 'skipped'> {
    const handle = temporal.workflow.getHandle(recipientWorkflowId(recipient.householdId));
    const params = job.params;
    const taskId = campaignTaskId(recipient.householdId, job.id);
    try {
      if (params.kind === 'standard_change') {
        await handle.startUpdate(standardChangedUpdate, {
          args: [
            {
              changeId: job.id,
              effectiveMonth: params.effectiveMonth,
              standards: params.standards,
              // Approved as a policy version: the household's rows name the snapshot their amounts follow.
              ...(params.policyVersionId ? { policy: await policyOf(recipient.regionCode, cache) } : {}),
            },
          ],
          waitForStage: 'ACCEPTED',
        });
      } else {
        await insertOnce(orm.em.fork(), new CampaignItem({ taskId, jobId: job.id, householdId: recipient.householdId }));
        await handle.startUpdate(campaignUpdate, { args: [{ campaignId: job.id, dueAt: params.dueAt }], waitForStage: 'ACCEPTED' });
      }
      return 'sent';
    } catch (err) {
      const refused = err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure;
      if (refused && err.cause.type === RECIPIENT_REJECTIONS.duplicate) return 'sent';
      if (!refused && !(err instanceof WorkflowNotFoundError)) throw err;
      // The household left (or has no workflow): it is not part of the campaign's progress.
      if (params.kind === 'campaign') await orm.em.fork().nativeDelete(CampaignItem, { taskId });
      return 'skipped';
    }
  }

  return {
    async fanOutPage({ jobId, after }) {
      const em = orm.em.fork();
      const job = await em.findOneOrFail(LifecycleJob, jobId);
      const where: FilterQuery<Recipient> = after ? { $and: [liveRecipientsIn(job.regionPath), { id: { $gt: after } }] } : liveRecipientsIn(job.regionPath);
      const page = await em.find(Recipient, where, { orderBy: { id: 'asc' }, limit: pageSize });
      if (page.length === 0) return { next: null };
      let sent = 0;
      let skipped = 0;
      const cache = new Map<string, { snapshotId: string; label: string }>();
      for (const recipient of page) {
        if ((await send(job, recipient, cache)) === 'sent') sent += 1;
        else skipped += 1;
        Context.current().heartbeat();
      }
      const next = page[page.length - 1].id;
      // Counted once: a repeated page finds the cursor already moved.
      await em.fork().nativeUpdate(LifecycleJob, { id: jobId, cursor: after ?? null }, { cursor: next, sent: job.sent + sent, skipped: job.skipped + skipped });
      return { next };
    },
    async finishJob({ jobId, at }) {
      await orm.em.fork().nativeUpdate(LifecycleJob, { id: jobId, status: 'running' }, { status: 'finished', finishedAt: new Date(at) });
    },
  };
}
