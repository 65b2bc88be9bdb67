import { regionInScope } from '../common/region-scope';
import { Inject, Injectable } from '@nestjs/common';
import { MikroORM, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Client } from '@temporalio/client';
import { startOnce } from '../../../activities/temporal/start-once';
import type { Env } from '../../../config/env.schema';
import { AuditLog } from '../../../activities/audit/audit-log.service';
import { Household } from '../../../activities/households/household.entity';
import { maskBankAccount } from '../../../activities/households/personal-data';
import { PaymentBatch } from '../../../activities/payments/payment-batch.entity';
import { PaymentExport } from '../../../activities/payments/payment-export.entity';
import { Payment } from '../../../activities/payments/payment.entity';
import { Region } from '../../../activities/regions/region.entity';
import { PAYMENT_WORKFLOW_TYPE, paymentBatchId, paymentRunWorkflowId, paymentTaskQueue, type PaymentRunInput } from '../../../workflows/payments/definitions';
import type { AuthUser } from '../auth/auth.types';
import { ConflictError, NotFoundError, UnavailableError, UnprocessableError } from '../common/errors';
import { ENV } from '../infra/tokens';
import type { ListRunsQuery, RunDetailQuery, StartRunBody } from './payments.schemas';

/**
 * Payment runs (发放) at the API edge: starting a county's run for a month, listing runs and showing one batch with
 * masked accounts. Approval and release happen in the inbox; the run's workflow holds the four eyes.
 */
@Injectable()
export class PaymentRunsService {
  constructor(
    private readonly orm: MikroORM,
    private readonly temporal: Client,
    private readonly audit: AuditLog,
    @Inject(ENV) private readonly env: Env,
  ) {}

  /**
   * Records the batch (the next attempt after a rejected one), then starts its workflow. A batch whose workflow did
   * not start (Temporal unreachable) is started by the next call; one awaiting approval or release is a 409. After a
   * released or empty run the next attempt is a supplementary run (补充发放): it pays only what no earlier run of the
   * month paid (the payments' unique keys), so starting it when nothing is owed gives an empty run.
   */
  async start(user: AuthUser, body: StartRunBody) {
    const em = this.orm.em.fork();
    const region = await regionInScope(em, user, body.countyCode, 'county');
    if (region.level !== 'county') throw new UnprocessableError([{ field: 'countyCode', rule: 'must be a county or district (payments are run per county)' }]);
    const last = await em.findOne(PaymentBatch, { countyCode: region.code, month: body.month }, { orderBy: { attempt: 'desc' } });
    if (last && IN_FLIGHT.has(last.status)) {
      throw new ConflictError('payment_run_exists', `the ${body.month} payments of ${region.code} are already in run ${last.id} (${last.status})`);
    }
    const resuming = last?.status === 'preparing';
    const supplementary = !resuming && !!last && (await em.count(PaymentBatch, { countyCode: region.code, month: body.month, status: { $in: ['released', 'empty'] } })) > 0;
    const batch = resuming ? last : await this.create(user, region, body.month, (last?.attempt ?? 0) + 1, supplementary);
    const input: PaymentRunInput = { batchId: batch.id, countyCode: region.code, month: body.month, startedBy: { userId: batch.startedById, role: batch.startedByRole } };
    const started = await startOnce(this.temporal, PAYMENT_WORKFLOW_TYPE, {
      taskQueue: paymentTaskQueue(this.env.TEMPORAL_TASK_QUEUE),
      workflowId: paymentRunWorkflowId(batch.id),
      args: [input],
    }).catch(() => {
      throw new UnavailableError('the workflow service did not answer; start the run again to resume it');
    });
    if (!started && resuming) throw new ConflictError('payment_run_exists', `run ${batch.id} is already being prepared`);
    return summary(batch);
  }

  private async create(user: AuthUser, region: Region, month: string, attempt: number, supplementary: boolean): Promise<PaymentBatch> {
    try {
      return await this.orm.em.fork().transactional(async (tx) => {
        const batch = new PaymentBatch({
          id: paymentBatchId(region.code, month, attempt),
          countyCode: region.code,
          regionPath: region.path,
          month,
          attempt,
          startedById: user.id,
          startedByRole: user.role,
          createdAt: new Date(),
        });
        batch.supplementary = supplementary;
        tx.persist(batch);
        await tx.flush();
        await this.audit.append(tx, { actorId: user.id, actorRole: user.role, regionCode: region.code, action: 'payment_run_started', targetType: 'payment_batch', targetId: batch.id, after: { month, attempt, supplementary } });
        return batch;
      });
    } catch (err) {
      if (err instanceof UniqueConstraintViolationException) throw new ConflictError('payment_run_exists', `the ${month} payments of ${region.code} were started by someone else just now`);
      throw err;
    }
  }

  async list(user: AuthUser, query: ListRunsQuery) {
    const where = { regionPath: { $like: `${user.regionPath}%` }, ...(query.countyCode ? { countyCode: query.countyCode } : {}), ...(query.month ? { month: query.month } : {}) };
    const rows = await this.orm.em.fork().find(PaymentBatch, where, { orderBy: { month: 'desc', countyCode: 'asc', attempt: 'desc' }, limit: 100 });
    return { items: rows.map(summary) };
  }

  /** The batch with its per-township counts and one keyset page of payments; accounts show their last four digits. */
  async detail(user: AuthUser, id: string, query: RunDetailQuery) {
    const em = this.orm.em.fork();
    const batch = await em.findOne(PaymentBatch, { id, regionPath: { $like: `${user.regionPath}%` } });
    if (!batch) throw new NotFoundError(`no payment run ${id} in your region`);
    const payments = await em.find(Payment, { batchId: id, ...(query.after ? { id: { $gt: query.after } } : {}) }, { orderBy: { id: 'asc' }, limit: query.pageSize });
    const households = new Map((await em.find(Household, { id: { $in: payments.map((p) => p.householdId) } })).map((h) => [h.id, h]));
    return {
      ...summary(batch),
      townships: batch.townships,
      payments: payments.map((p) => ({
        id: p.id,
        householdId: p.householdId,
        townshipCode: p.townshipCode,
        amountFen: p.amountFen,
        month: p.month,
        deductedFen: p.deductedFen,
        status: p.status,
        reasonCode: p.reasonCode,
        reissueOf: p.reissueOf,
        bankName: households.get(p.householdId)?.bankName ?? null,
        accountNumber: maskBankAccount(households.get(p.householdId)?.bankAccount ?? null),
      })),
      nextAfter: payments.length === query.pageSize ? payments[payments.length - 1]!.id : null,
    };
  }

  /**
   * 代发文件: the released batch's file for the bank, account numbers in clear. Only payment officers may read it, and
   * every read is audited (who, which batch; never the content) in the same transaction.
   */
  async bankFile(user: AuthUser, id: string) {
    return this.orm.em.fork().transactional(async (tx) => {
      const batch = await tx.findOne(PaymentBatch, { id, regionPath: { $like: `${user.regionPath}%` } });
      if (!batch) throw new NotFoundError(`no payment run ${id} in your region`);
      const file = await tx.findOne(PaymentExport, { batchId: id });
      if (!file) throw new ConflictError('not_released', `run ${id} is ${batch.status}: the bank file exists once it is released`);
      await this.audit.append(tx, { actorId: user.id, actorRole: user.role, regionCode: batch.countyCode, action: 'payment_file_read', targetType: 'payment_batch', targetId: id, after: { lines: file.lines } });
      return { batchId: id, fileName: `${id}.csv`, lines: file.lines, totalFen: file.totalFen, createdAt: file.createdAt, content: file.content };
    });
  }
}

/** A month's run in these states blocks another: it may still pay what a second run would. */
const IN_FLIGHT: ReadonlySet<string> = new Set(['preparing', 'awaiting_approval', 'awaiting_release']);

function summary(b: PaymentBatch) {
  return {
    id: b.id,
    countyCode: b.countyCode,
    month: b.month,
    attempt: b.attempt,
    supplementary: b.supplementary,
    status: b.status,
    paymentCount: b.paymentCount,
    totalFen: b.totalFen,
    startedById: b.startedById,
    approvedById: b.approvedById,
    releasedById: b.releasedById,
    createdAt: b.createdAt,
    sealedAt: b.sealedAt,
    releasedAt: b.releasedAt,
  };
}
