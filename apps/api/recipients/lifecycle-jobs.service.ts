import { regionInScope } from '../common/region-scope';
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { MikroORM, UniqueConstraintViolationException, type EntityManager, type QBFilterQuery } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { Client } from '@temporalio/client';
import { startOnce } from '../../../activities/temporal/start-once';
import type { Env } from '../../../config/env.schema';
import { AuditLog } from '../../../activities/audit/audit-log.service';
import { CampaignItem } from '../../../activities/recipients/campaign-item.entity';
import { liveRecipientsIn } from '../../../activities/recipients/fan-out.activities';
import { LifecycleJob, type LifecycleJobParams } from '../../../activities/recipients/lifecycle-job.entity';
import { Recipient } from '../../../activities/recipients/recipient.entity';
import { Region } from '../../../activities/regions/region.entity';
import { Task } from '../../../activities/tasks/task.entity';
import { dayOf, endOfShanghaiDay, isoDate, shanghaiDay } from '../../../workflows/domain/calendar';
import { FAN_OUT_WORKFLOW_TYPE, fanOutWorkflowId, type FanOutInput } from '../../../workflows/recipient/fan-out.workflow';
import { recipientTaskQueueFor } from '../../../workflows/recipient/definitions';
import type { AuthUser } from '../auth/auth.types';
import { PolicyAdminService } from '../admin/policy-admin.service';
import { PolicyApprovals } from '../admin/policy-approvals';
import { NotFoundError, UnavailableError, UnprocessableError } from '../common/errors';
import { ENV } from '../infra/tokens';
import type { CampaignBody, StandardChangeBody } from './recipients.schemas';

/**
 * Region-wide lifecycle jobs of an administrator: a standard change (every live household of the subtree recomputed
 * from its month, arrears for months already paid) and a 专项治理 re-review campaign (one task per household, due
 * at the window's end). The job row is committed first and keyed by what it does, so starting the same job twice
 * gives the same job; the fan-out workflow then reaches the households a page at a time. Progress reads the job row,
 * and for a campaign the tasks it opened (done / pending / overdue).
 */
@Injectable()
export class LifecycleJobsService {
  constructor(
    private readonly orm: MikroORM,
    private readonly temporal: Client,
    private readonly audit: AuditLog,
    private readonly policyAdmin: PolicyAdminService,
    approvals: PolicyApprovals,
    @Inject(ENV) private readonly env: Env,
  ) {
    approvals.subscribe((version, decision) => this.versionDecided(version.id, version.scope, decision));
  }

  /**
   * A standard change is a policy version with four eyes: it is proposed here (effective from the first day of its
   * month, never before the current month) and waits; once a second administrator approves the version, new
   * applications resolve the new standard and the region's live households are recomputed from that month (arrears
   * for months paid too little, overpayments for months paid too much), each row naming the version's snapshot.
   */
  async standardChange(user: AuthUser, regionCode: string, body: StandardChangeBody) {
    const { urbanFen, ruralFen } = body.standards;
    const em = this.orm.em.fork();
    const region = await regionInScope(em, user, regionCode);
    const dedupeKey = `standard:${regionCode}:${body.effectiveMonth}:${urbanFen}:${ruralFen}`;
    const existing = await em.findOne(LifecycleJob, { dedupeKey });
    if (existing) return this.view(em, existing);
    const thisMonth = isoDate(shanghaiDay(Date.now())).slice(0, 7);
    if (body.effectiveMonth < thisMonth) throw new UnprocessableError([{ field: 'effectiveMonth', rule: `must not be before the current month (${thisMonth})` }]);
    const version = await this.policyAdmin.propose(
      user,
      regionCode,
      { override: { dibao: { standards: body.standards } }, effectiveFrom: `${body.effectiveMonth}-01`, reason: body.reason },
      dayOf(`${thisMonth}-01`),
    );
    const params: LifecycleJobParams = { kind: 'standard_change', effectiveMonth: body.effectiveMonth, standards: body.standards, policyVersionId: version.id };
    return this.start(user, region, dedupeKey, params, body.reason, undefined, 'proposed');
  }

  /** The version of a proposed standard change was decided: recompute the households, or record the refusal. */
  private async versionDecided(versionId: string, scope: string, decision: 'approve' | 'reject'): Promise<void> {
    const em = this.orm.em.fork();
    const waiting = (await em.find(LifecycleJob, { kind: 'standard_change', status: 'proposed', regionCode: scope })).filter(
      (j) => j.params.kind === 'standard_change' && j.params.policyVersionId === versionId,
    );
    for (const job of waiting) {
      if (decision === 'reject') {
        await em.nativeUpdate(LifecycleJob, { id: job.id, status: 'proposed' }, { status: 'rejected', finishedAt: new Date() });
        continue;
      }
      const total = await em.count(Recipient, liveRecipientsIn(job.regionPath));
      if ((await em.nativeUpdate(LifecycleJob, { id: job.id, status: 'proposed' }, { status: 'running', total })) === 1) await this.launch(job.id);
    }
  }

  async campaign(user: AuthUser, regionCode: string, body: CampaignBody) {
    const region = await regionInScope(this.orm.em.fork(), user, regionCode);
    const today = isoDate(shanghaiDay(Date.now()));
    if (body.to < today) throw new UnprocessableError([{ field: 'to', rule: `must not be in the past (today is ${today})` }]);
    const dueAt = endOfShanghaiDay(dayOf(body.to));
    const startAt = endOfShanghaiDay(dayOf(body.from) - 1);
    const params: LifecycleJobParams = { kind: 'campaign', from: body.from, to: body.to, dueAt };
    return this.start(user, region, `campaign:${regionCode}:${body.from}:${body.to}`, params, body.reason, startAt);
  }

  async progress(user: AuthUser, jobId: string) {
    const em = this.orm.em.fork();
    const job = await em.findOne(LifecycleJob, { id: jobId, regionPath: { $like: `${user.regionPath}%` } });
    if (!job) throw new NotFoundError(`no job ${jobId} in your region`);
    return this.view(em, job);
  }

  /** The region's jobs (its own and those of the regions below it that the caller sees), newest first. */
  async list(user: AuthUser, regionCode: string) {
    const em = this.orm.em.fork();
    const region = await regionInScope(em, user, regionCode);
    const jobs = await em.find(LifecycleJob, { regionPath: { $like: `${region.path}%` } }, { orderBy: { createdAt: 'desc' }, limit: 50 });
    return Promise.all(jobs.map((j) => this.view(em, j)));
  }

  private async start(user: AuthUser, region: Region, dedupeKey: string, params: LifecycleJobParams, reason: string, startAt?: number, status: 'proposed' | 'running' = 'running') {
    const em = this.orm.em.fork();
    const regionCode = region.code;
    let job = await em.findOne(LifecycleJob, { dedupeKey });
    if (!job) {
      const fresh = new LifecycleJob({
        id: randomUUID(),
        kind: params.kind,
        dedupeKey,
        regionCode,
        regionPath: region.path,
        params,
        reason,
        total: await em.count(Recipient, liveRecipientsIn(region.path)),
        createdById: user.id,
        createdAt: new Date(),
      });
      fresh.status = status;
      try {
        await em.transactional(async (tx) => {
          tx.persist(fresh);
          await this.audit.append(tx, { actorId: user.id, actorRole: user.role, regionCode, action: `recipient_${params.kind}`, targetType: 'region', targetId: regionCode, after: { jobId: fresh.id, ...params }, reason });
        });
        job = fresh;
      } catch (err) {
        if (!(err instanceof UniqueConstraintViolationException)) throw err;
        job = await this.orm.em.fork().findOneOrFail(LifecycleJob, { dedupeKey });
      }
    }
    if (job.status !== 'proposed' && job.status !== 'rejected') await this.launch(job.id, startAt);
    return this.view(em, job);
  }

  /** Starts the job's fan-out workflow (once: the id is the job's). */
  private async launch(jobId: string, startAt?: number): Promise<void> {
    const input: FanOutInput = { jobId, startAt };
    await startOnce(this.temporal, FAN_OUT_WORKFLOW_TYPE, {
      taskQueue: recipientTaskQueueFor(this.env.TEMPORAL_TASK_QUEUE),
      workflowId: fanOutWorkflowId(jobId),
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      args: [input],
    }).catch(() => {
      throw new UnavailableError('the workflow service did not answer');
    });
  }

  private async view(em: EntityManager, job: LifecycleJob) {
    const fresh = await em.fork().findOneOrFail(LifecycleJob, job.id);
    const base = {
      id: fresh.id,
      kind: fresh.kind,
      regionCode: fresh.regionCode,
      params: fresh.params,
      status: fresh.status,
      total: fresh.total,
      sent: fresh.sent,
      skipped: fresh.skipped,
      createdAt: fresh.createdAt,
      finishedAt: fresh.finishedAt,
    };
    if (fresh.kind !== 'campaign') return base;
    return { ...base, tasks: await this.campaignCounts(em.fork() as SqlEntityManager, fresh.id) };
  }

  /** Done, pending and overdue re-reviews of a campaign, counted in the database over its items. */
  private async campaignCounts(em: SqlEntityManager, jobId: string) {
    const taskIds = () => em.createQueryBuilder(CampaignItem, 'i').select('i.taskId').where({ jobId }).getKnexQuery();
    const count = (where: QBFilterQuery<Task>) => em.createQueryBuilder(Task, 't').where({ $and: [{ id: { $in: taskIds() } }, where] } as QBFilterQuery<Task>).getCount();
    const now = new Date();
    const [households, done, cancelled, pending, overdue] = await Promise.all([
      em.count(CampaignItem, { jobId }),
      count({ status: 'completed' }),
      count({ status: 'cancelled' }),
      count({ status: 'open', overdue: false, dueAt: { $gte: now } }),
      count({ status: 'open', $or: [{ overdue: true }, { dueAt: { $lt: now } }] }),
    ]);
    return { households, done, cancelled, pending, overdue, notYetOpened: households - done - cancelled - pending - overdue };
  }
}
